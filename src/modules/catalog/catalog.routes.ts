import type { RoutesPlugin } from '#platform/context.ts';
import { requireRole } from '../../http/auth.ts';
import { errors, signedInErrors } from '#platform/contract.ts';
import { validationFailed } from '#platform/errors.ts';
import { localDate, toLocalIso } from '#platform/clock.ts';
import { computeDue } from '#modules/calendar/index.ts';
import {
  AtQuery,
  DeadlinePreview,
  DeadlineQuery,
  IssuingAgencyList,
  PopularList,
  PopularQuery,
  ProcedureDetail,
  ProcedureList,
  ProcedureParams,
  ProcedureSource,
  PublishBody,
  Published,
  SearchQuery,
  SectorList,
  VersionList,
} from './catalog.contract.ts';
import { CatalogErrors } from './catalog.errors.ts';
import { catalogRepository as repo } from './catalog.repository.ts';
import { controlModeOf, type ProcedureSummary, type ProcedureVersion } from './catalog.types.ts';
import { deadlineOf, onlineSubmissionOf } from './procedures-in-force.ts';
import { importProcedures } from './import-procedures.ts';
import { getProcedureSource } from './procedure-source.ts';

const tags = ['catalog'];
/** A row of the list, without whether its deadline was verified (administration data). */
const summary = (p: ProcedureSummary) => ({ ...p, deadline: { value: p.deadline.value, unit: p.deadline.unit } });

/**
 * The procedure sheet as the public reads it: the catalogue's own wording only. Whether a value
 * was verified, the curators' tags and their sources are administration data
 * (`GET /api/v1/admin/procedures/{code}/source`), never shown here.
 */
export const presentPublic = (v: ProcedureVersion): ProcedureDetail => ({
  code: v.procedureCode,
  name: v.name,
  nameEn: v.nameEn,
  level: v.level,
  levels: v.sheet?.levels ?? [v.level],
  sector: v.sheet?.sector ?? null,
  onlineLevel: v.onlineLevel,
  onlineSubmission: onlineSubmissionOf(v),
  deadline: { value: v.deadline.value, unit: v.deadline.unit, note: v.deadline.note },
  cutoffTime: v.cutoffTime,
  components: v.components,
  fees: v.fees.map(({ verified: _, ...fee }) => fee),
  legalBasis: v.legalBasis,
  agencyType: v.agencyType,
  competentAgencyKind: v.competentAgencyKind,
  receivingAgencyKinds: v.receivingAgencyKinds,
  receivingAgencies: v.receivingAgencyKinds.map((kind) => ({ kind, level: kind === 'public_service_center' ? 'tinh' : v.level })),
  interagencySteps: v.interagencySteps,
  controlMode: controlModeOf(v),
  formSchema: v.formSchema,
  rules: v.rules,
  aliases: v.aliases,
  target: v.sheet?.target ?? null,
  steps: v.sheet?.steps ?? [],
  channels: v.sheet?.channels ?? [],
  result: v.sheet?.result ?? null,
  conditions: v.sheet?.conditions ?? [],
  issuingBody: v.sheet?.issuingBody ?? null,
  decision: v.sheet?.decision ?? null,
  portalUrl: v.sheet?.portalUrl ?? null,
  version: { id: v.id, number: v.version, effectiveFrom: v.effectiveFrom, effectiveTo: v.effectiveTo },
});

/** Codes shown as most used until dossiers say otherwise: the curated procedures citizens ask for most. */
const POPULAR_FALLBACK = ['1.001193', '1.004222', '1.004194', '2.000815', '2.000884', '1.000894', '1.004873', '3.000333', '1.001456', '1.000656', '2.000635', '1.001612'];

/** Public catalogue (api.md §4): search, detail, deadline preview, version history. */
export const catalogRoutes: RoutesPlugin = (app, ctx) => {
  const { db, clock } = ctx;
  app.get(
    '/api/v1/procedures',
    {
      schema: {
        tags,
        description: 'Tìm thủ tục hành chính (có dấu hoặc không dấu) / search procedures, accent-insensitive',
        querystring: SearchQuery,
        response: { 200: ProcedureList, ...errors() },
      },
    },
    async (req) => {
      const { q, page, pageSize, sector, issuingBody, agency } = req.query;
      const text = q.normalize('NFC').replace(/[%_\\]/g, ' ').replace(/\s+/g, ' ').trim();
      const { items, total } = await repo.search(db, text, pageSize, (page - 1) * pageSize, { sector, issuingBody, agency });
      return { items: items.map(summary), total, page, pageSize };
    },
  );

  app.get(
    '/api/v1/procedure-sectors',
    { schema: { tags, description: 'Lĩnh vực và số thủ tục của mỗi lĩnh vực / sectors with their procedure counts', response: { 200: SectorList, ...errors() } } },
    async () => ({ items: await repo.sectors(db) }),
  );

  app.get(
    '/api/v1/procedure-agencies',
    {
      schema: {
        tags,
        description: 'Cơ quan thực hiện (theo bộ, ngành công bố) và số thủ tục / agencies, under the ministry that announced their procedures',
        response: { 200: IssuingAgencyList, ...errors() },
      },
    },
    async () => ({ items: await repo.agencies(db) }),
  );

  app.get(
    '/api/v1/popular-procedures',
    {
      schema: {
        tags,
        description: 'Thủ tục được sử dụng nhiều nhất (số hồ sơ trong 12 tháng) / most used procedures',
        querystring: PopularQuery,
        response: { 200: PopularList, ...errors() },
      },
    },
    async (req) => {
      const since = new Date(clock.now().getTime() - 365 * 86_400_000);
      return { items: (await repo.popular(db, since, POPULAR_FALLBACK, req.query.limit)).map(summary) };
    },
  );

  app.get(
    '/api/v1/procedures/:code',
    {
      schema: {
        tags,
        description: 'Thủ tục: thành phần hồ sơ, phí, thời hạn, căn cứ pháp lý (phiên bản có hiệu lực vào ngày `at`, mặc định hôm nay)',
        params: ProcedureParams,
        querystring: AtQuery,
        response: { 200: ProcedureDetail, ...errors(404) },
      },
    },
    async (req) => {
      const date = req.query.at ?? localDate(clock.now());
      const version = (await repo.findInForce(db, req.params.code, date)) ?? (await latest(req.params.code));
      return presentPublic(version);
    },
  );

  app.get(
    '/api/v1/procedures/:code/versions',
    { schema: { tags, description: 'Các phiên bản đã công bố / published versions', params: ProcedureParams, response: { 200: VersionList, ...errors(404) } } },
    async (req) => {
      const items = await repo.listVersions(db, req.params.code);
      if (items.length === 0) throw CatalogErrors.PROCEDURE_NOT_FOUND();
      return { items };
    },
  );

  app.get(
    '/api/v1/procedures/:code/deadline',
    {
      schema: {
        tags,
        description:
          'Ngày hẹn trả kết quả nếu hồ sơ được tiếp nhận vào `receivedAt` (mặc định: bây giờ, theo đồng hồ máy chủ); 422 CALENDAR_YEAR_MISSING khi thời hạn rơi vào năm chưa có lịch làm việc / appointment preview (default: now, by the server clock); 422 when the deadline runs into a year without a working calendar',
        params: ProcedureParams,
        querystring: DeadlineQuery,
        response: { 200: DeadlinePreview, ...errors(404, 422) },
      },
    },
    async (req) => {
      const receivedAt = req.query.receivedAt ? new Date(req.query.receivedAt) : clock.now();
      const version = await repo.findInForce(db, req.params.code, localDate(receivedAt));
      if (!version) throw CatalogErrors.PROCEDURE_NOT_FOUND();
      const deadline = { value: version.deadline.value, unit: version.deadline.unit, note: version.deadline.note };
      // No published deadline: no appointment to announce (the page shows the published wording instead).
      if (version.deadline.value == null && version.deadline.unit !== 'same_day') return { dueAt: null, dueDate: null, deadline };
      const due = await computeDue(db, { receivedAt, deadline: deadlineOf(version), cutoffTime: version.cutoffTime });
      return { dueAt: toLocalIso(due.dueAt), dueDate: due.dueDate, deadline };
    },
  );

  app.post(
    '/api/v1/admin/procedures',
    {
      schema: {
        tags,
        security: [{ bearer: [] }],
        description:
          'Công bố phiên bản mới của một thủ tục (cùng định dạng tệp danh mục, có `effective_from`) / publish a new version of one procedure',
        body: PublishBody,
        response: { 200: Published, 201: Published, ...errors(401, 403, 422) },
      },
    },
    async (req, reply) => {
      const actor = requireRole(req, 'admin');
      const result = await importProcedures(ctx, { procedures: [req.body.procedure] }, { source: `admin:${actor.username}`, by: actor.id });
      if (result.problems.length > 0) throw validationFailed(result.problems.map((message) => ({ field: 'procedure', message })));
      const [created] = result.created;
      return reply.status(created ? 201 : 200).send({ created: !!created, ...(created ?? {}) });
    },
  );

  app.get(
    '/api/v1/admin/procedures/:code/source',
    {
      schema: {
        tags,
        security: [{ bearer: [] }],
        description:
          'Phiên bản đang áp dụng vào ngày `at` (mặc định hôm nay theo đồng hồ máy chủ) dưới dạng bản ghi tệp danh mục, để sửa và công bố lại / the version in force as the record the publish route accepts',
        params: ProcedureParams,
        querystring: AtQuery,
        response: { 200: ProcedureSource, ...signedInErrors },
      },
    },
    async (req) => {
      requireRole(req, 'admin');
      return getProcedureSource(db, { code: req.params.code, at: req.query.at ?? localDate(clock.now()) });
    },
  );

  async function latest(procedureCode: string): Promise<ProcedureVersion> {
    const versions = await repo.listVersions(db, procedureCode);
    const last = versions.at(-1);
    const version = last ? await repo.findVersion(db, last.id) : null;
    if (!version) throw CatalogErrors.PROCEDURE_NOT_FOUND();
    return version;
  }
};
