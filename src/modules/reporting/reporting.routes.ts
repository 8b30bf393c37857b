import type { RoutesPlugin } from '#platform/context.ts';
import { errors, signedInErrors, xlsx } from '#platform/contract.ts';
import { findAgency } from '#modules/places/index.ts';
import { requireActor } from '../../http/auth.ts';
import { aggregateReports } from './aggregate.ts';
import { aggregateWorkbook, reportWorkbook } from './excel.ts';
import { ReportingErrors } from './reporting.errors.ts';
import { uploadWorkbook } from './upload.ts';
import { FileErrors } from '#modules/files/index.ts';
import * as c from './reporting.contract.ts';
import { listPeriods, listRegimes, regimeOrThrow } from './regimes.ts';
import * as repo from './reporting.repository.ts';
import { actOnReport, loadReport, presentReport, saveValues } from './reports.ts';
import { localDate } from '#platform/clock.ts';
import { createRequest, listRequests, requestOrThrow, visibleTo } from './requests.ts';

const tags = ['reporting'];
const writeErrors = errors(401, 403, 404, 409, 415, 422);

/** Hệ thống thông tin báo cáo — docs/modules/reporting.md. Thin: schema → actor → transaction → use case → present. */
export const reportingRoutes: RoutesPlugin = (app, ctx) => {
  app.get('/api/v1/reporting/me', { schema: { tags, description: 'Nhiệm vụ báo cáo của tôi / my reporting roles', response: { 200: c.MeOut, ...signedInErrors } } }, async (req) => {
    const actor = requireActor(req);
    return ctx.db.transaction(async (tx) => {
      const roles = [];
      for (const s of await repo.staffOf(tx, actor.id)) {
        const agency = await findAgency(tx, s.agencyCode);
        if (agency) roles.push({ agency: s.agencyCode, agencyName: agency.name, level: agency.level, provinceCode: agency.provinceCode, role: s.role });
      }
      return { roles };
    });
  });

  app.get('/api/v1/reporting/regimes', { schema: { tags, description: 'Chế độ báo cáo đang có hiệu lực / reporting regimes in force', response: { 200: c.RegimeList, ...signedInErrors } } }, async (req) => {
    requireActor(req);
    const actor = requireActor(req);
    return ctx.db.transaction(async (tx) => ({ items: await visibleTo(tx, actor, await listRegimes(tx, ctx.clock.now())) }));
  });

  app.post(
    '/api/v1/reporting/requests',
    {
      schema: {
        tags,
        description: 'Yêu cầu báo cáo đột xuất gửi các đơn vị (lãnh đạo đơn vị nhận báo cáo) / an ad hoc report request to chosen units',
        body: c.RequestBody,
        response: { 200: c.RequestOut, 201: c.RequestOut, ...writeErrors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const out = await ctx.db.transaction((tx) => createRequest(ctx, tx, actor, req.body));
      // A request for units of another installation was queued with it: delivered now.
      ctx.exchange?.poke();
      return reply.status(out.created ? 201 : 200).send(out);
    },
  );

  app.get('/api/v1/reporting/requests', { schema: { tags, description: 'Các yêu cầu báo cáo đột xuất đơn vị đã gửi hoặc nhận / ad hoc requests sent or received', response: { 200: c.RequestList, ...signedInErrors } } }, async (req) => {
    const actor = requireActor(req);
    return ctx.db.transaction(async (tx) => ({ items: await listRequests(tx, actor) }));
  });

  app.get(
    '/api/v1/reporting/requests/:code',
    { schema: { tags, description: 'Một yêu cầu báo cáo đột xuất / one ad hoc request', params: c.RequestParams, response: { 200: c.RequestOut.omit({ created: true }), ...signedInErrors } } },
    async (req) => {
      const actor = requireActor(req);
      return ctx.db.transaction((tx) => requestOrThrow(tx, actor, req.params.code));
    },
  );

  app.get(
    '/api/v1/reporting/regimes/:code/periods',
    { schema: { tags, description: 'Các kỳ báo cáo của một năm, thời gian chốt số liệu và hạn gửi / periods of a year with cut-off and due date', params: c.RegimeParams, querystring: c.PeriodsQuery, response: { 200: c.PeriodList, ...signedInErrors } } },
    async (req) => {
      requireActor(req);
      return ctx.db.transaction(async (tx) => listPeriods(tx, await regimeOrThrow(tx, req.params.code, localDate(ctx.clock.now())), req.query.year));
    },
  );

  app.get(
    '/api/v1/reporting/reports',
    { schema: { tags, description: 'Báo cáo của một đơn vị trong một kỳ (số liệu, số liệu tự động, trạng thái, chữ ký) / a unit’s report for a period', querystring: c.ReportQuery, response: { 200: c.ReportOut, ...signedInErrors } } },
    async (req) => {
      const actor = requireActor(req);
      return ctx.db.transaction(async (tx) => presentReport(ctx, tx, await loadReport(ctx, tx, actor, req.query, ctx.clock.now())));
    },
  );

  app.put(
    '/api/v1/reporting/reports/values',
    { schema: { tags, description: 'Lưu số liệu báo cáo (điều chỉnh số liệu tự động phải ghi lý do) / save figures', querystring: c.ReportQuery, body: c.ValuesBody, response: { 200: c.ReportOut, ...writeErrors } } },
    async (req) => {
      const actor = requireActor(req);
      return ctx.db.transaction(async (tx) => presentReport(ctx, tx, await saveValues(ctx, tx, actor, req.query, req.body)));
    },
  );

  app.post(
    '/api/v1/reporting/reports/actions',
    { schema: { tags, description: 'Gửi (ký số) / trả lại / tiếp nhận báo cáo / submit (signed), return, accept', querystring: c.ReportQuery, body: c.ActionBody, response: { 200: c.ReportOut, ...writeErrors } } },
    async (req) => {
      const actor = requireActor(req);
      const report = await ctx.db.transaction(async (tx) => presentReport(ctx, tx, await actOnReport(ctx, tx, actor, req.query, req.body)));
      // A report (or a decision) for another installation was queued with it: delivered now.
      ctx.exchange?.poke();
      return report;
    },
  );

  app.get(
    '/api/v1/reporting/aggregate',
    { schema: { tags, description: 'Tình hình nhận báo cáo và số liệu tổng hợp của đơn vị nhận / the receiving unit’s board and aggregate', querystring: c.ReportQuery, response: { 200: c.AggregateOut, ...signedInErrors } } },
    async (req) => {
      const actor = requireActor(req);
      return ctx.db.transaction((tx) => aggregateReports(tx, actor, req.query, ctx.clock.now()));
    },
  );

  // ------------------------------------------------------------ Excel both ways

  const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  const reportXlsx = (kind: 'template' | 'export') => async (req: { query: c.ReportQuery }, reply: import('fastify').FastifyReply, actor: import('#platform/actor.ts').Actor) => {
    const { def, unitKind, view } = await ctx.db.transaction(async (tx) => {
      const r = await loadReport(ctx, tx, actor, req.query, ctx.clock.now());
      return { def: r.regime.definition, unitKind: r.unit.kind, view: await presentReport(ctx, tx, r) };
    });
    const body = await reportWorkbook(def, unitKind, view, { export: kind === 'export' });
    return reply
      .header('content-type', XLSX)
      .header('content-disposition', `attachment; filename="${kind === 'template' ? 'mau' : 'bao-cao'}-${view.regime}-${view.period}-${view.unit}.xlsx"`)
      .send(body as never);
  };

  app.get(
    '/api/v1/reporting/reports/template.xlsx',
    { schema: { tags, description: 'Tệp mẫu Excel của báo cáo (kèm số liệu tự động) / the report’s Excel template', querystring: c.ReportQuery, response: { 200: xlsx('Mẫu báo cáo / report template'), ...signedInErrors } } },
    async (req, reply) => reportXlsx('template')(req, reply, requireActor(req)),
  );

  app.get(
    '/api/v1/reporting/reports/export.xlsx',
    { schema: { tags, description: 'Xuất báo cáo ra Excel / export a report', querystring: c.ReportQuery, response: { 200: xlsx('Báo cáo / report'), ...signedInErrors } } },
    async (req, reply) => reportXlsx('export')(req, reply, requireActor(req)),
  );

  app.post(
    '/api/v1/reporting/reports/upload',
    {
      schema: {
        tags,
        description: 'Tải lên tệp Excel đã điền (multipart, trường "file"); ô sai → không lưu gì / upload the filled template',
        querystring: c.ReportQuery,
        response: { 200: c.ReportOut, ...errors(401, 403, 404, 409, 413, 415, 422) },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      if (!req.isMultipart()) throw ReportingErrors.EXCEL_MISSING();
      let bytes: Buffer;
      try {
        const part = await req.file();
        if (part?.fieldname !== 'file') throw ReportingErrors.EXCEL_MISSING();
        bytes = await part.toBuffer();
      } catch (error) {
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
          throw FileErrors.FILE_TOO_LARGE({}, { maxMb: Math.round((ctx.config.MOTCUA_MAX_UPLOAD_BYTES / 1024 / 1024) * 10) / 10 });
        }
        throw error;
      }
      return ctx.db.transaction(async (tx) => presentReport(ctx, tx, await uploadWorkbook(ctx, tx, actor, req.query, bytes)));
    },
  );

  app.get(
    '/api/v1/reporting/aggregate/export.xlsx',
    { schema: { tags, description: 'Xuất số liệu tổng hợp ra Excel / export the aggregate', querystring: c.ReportQuery, response: { 200: xlsx('Tổng hợp / aggregate'), ...signedInErrors } } },
    async (req, reply) => {
      const actor = requireActor(req);
      const now = ctx.clock.now();
      const { agg, def } = await ctx.db.transaction(async (tx) => ({
        agg: await aggregateReports(tx, actor, req.query, now),
        def: (await regimeOrThrow(tx, req.query.regime, localDate(now))).definition,
      }));
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename="tong-hop-${agg.regime}-${agg.period}-${agg.unit}.xlsx"`)
        .send((await aggregateWorkbook(def, agg)) as never);
    },
  );
};
