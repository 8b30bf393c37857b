import type { RoutesPlugin } from '#platform/context.ts';
import { errors, signedInErrors, xlsx } from '#platform/contract.ts';
import { findAgency } from '#modules/places/index.ts';
import { requireActor } from '../../http/auth.ts';
import { routeKit } from '../../http/route-kit.ts';
import { aggregateReports } from './aggregate.ts';
import { aggregateWorkbook, reportWorkbook } from './excel.ts';
import { ReportingErrors } from './reporting.errors.ts';
import { uploadWorkbook } from './upload.ts';
import { multipartFileBytes } from '#modules/files/index.ts';
import * as c from './reporting.contract.ts';
import { listPeriods, listRegimes, regimeOrThrow } from './regimes.ts';
import * as repo from './reporting.repository.ts';
import { actOnReport, loadReport, presentReport, saveValues } from './reports.ts';
import { localDate } from '#platform/clock.ts';
import { createRequest, listRequests, requestOrThrow, visibleTo } from './requests.ts';

const writeErrors = errors(401, 403, 404, 409, 415, 422);

/** Hệ thống thông tin báo cáo — docs/modules/reporting.md. Thin: schema → actor → transaction → use case → present. */
export const reportingRoutes: RoutesPlugin = (app, ctx) => {
  const route = routeKit(app, ctx, { tags: ['reporting'] });

  route.get(
    '/api/v1/reporting/me',
    { description: 'Nhiệm vụ báo cáo của tôi / my reporting roles', response: { 200: c.MeOut, ...signedInErrors } },
    route.inTransaction(async ({ actor, tx }) => {
      const roles = [];
      for (const s of await repo.staffOf(tx, actor.id)) {
        const agency = await findAgency(tx, s.agencyCode);
        if (agency) roles.push({ agency: s.agencyCode, agencyName: agency.name, level: agency.level, provinceCode: agency.provinceCode, role: s.role });
      }
      return { roles };
    }),
  );

  route.get(
    '/api/v1/reporting/regimes',
    { description: 'Chế độ báo cáo đang có hiệu lực / reporting regimes in force', response: { 200: c.RegimeList, ...signedInErrors } },
    route.inTransaction(async ({ actor, now, tx }) => ({ items: await visibleTo(tx, actor, await listRegimes(tx, now)) })),
  );

  route.post(
    '/api/v1/reporting/requests',
    {
      description: 'Yêu cầu báo cáo đột xuất gửi các đơn vị (lãnh đạo đơn vị nhận báo cáo) / an ad hoc report request to chosen units',
      body: c.RequestBody,
      response: { 200: c.RequestOut, 201: c.RequestOut, ...writeErrors },
    },
    route.signedIn(async ({ req, reply, actor }) => {
      const out = await ctx.db.transaction((tx) => createRequest(ctx, tx, actor, req.body));
      // A request for units of another installation was queued with it: delivered now.
      ctx.exchange?.poke();
      return reply.status(out.created ? 201 : 200).send(out);
    }),
  );

  route.get(
    '/api/v1/reporting/requests',
    { description: 'Các yêu cầu báo cáo đột xuất đơn vị đã gửi hoặc nhận / ad hoc requests sent or received', response: { 200: c.RequestList, ...signedInErrors } },
    route.inTransaction(async ({ actor, tx }) => ({ items: await listRequests(tx, actor) })),
  );

  route.get(
    '/api/v1/reporting/requests/:code',
    { description: 'Một yêu cầu báo cáo đột xuất / one ad hoc request', params: c.RequestParams, response: { 200: c.RequestOut.omit({ created: true }), ...signedInErrors } },
    route.inTransaction(({ req, actor, tx }) => requestOrThrow(tx, actor, req.params.code)),
  );

  route.get(
    '/api/v1/reporting/regimes/:code/periods',
    {
      description: 'Các kỳ báo cáo của một năm, thời gian chốt số liệu và hạn gửi / periods of a year with cut-off and due date',
      params: c.RegimeParams,
      querystring: c.PeriodsQuery,
      response: { 200: c.PeriodList, ...signedInErrors },
    },
    route.inTransaction(async ({ req, now, tx }) => listPeriods(tx, await regimeOrThrow(tx, req.params.code, localDate(now)), req.query.year)),
  );

  route.get(
    '/api/v1/reporting/reports',
    {
      description: 'Báo cáo của một đơn vị trong một kỳ (số liệu, số liệu tự động, trạng thái, chữ ký) / a unit’s report for a period',
      querystring: c.ReportQuery,
      response: { 200: c.ReportOut, ...signedInErrors },
    },
    route.inTransaction(async ({ req, actor, now, tx }) => presentReport(ctx, tx, await loadReport(ctx, tx, actor, req.query, now))),
  );

  route.put(
    '/api/v1/reporting/reports/values',
    { description: 'Lưu số liệu báo cáo (điều chỉnh số liệu tự động phải ghi lý do) / save figures', querystring: c.ReportQuery, body: c.ValuesBody, response: { 200: c.ReportOut, ...writeErrors } },
    route.inTransaction(async ({ req, actor, tx }) => presentReport(ctx, tx, await saveValues(ctx, tx, actor, req.query, req.body))),
  );

  route.post(
    '/api/v1/reporting/reports/actions',
    { description: 'Gửi (ký số) / trả lại / tiếp nhận báo cáo / submit (signed), return, accept', querystring: c.ReportQuery, body: c.ActionBody, response: { 200: c.ReportOut, ...writeErrors } },
    route.signedIn(async ({ req, actor }) => {
      const report = await ctx.db.transaction(async (tx) => presentReport(ctx, tx, await actOnReport(ctx, tx, actor, req.query, req.body)));
      // A report (or a decision) for another installation was queued with it: delivered now.
      ctx.exchange?.poke();
      return report;
    }),
  );

  route.get(
    '/api/v1/reporting/aggregate',
    { description: 'Tình hình nhận báo cáo và số liệu tổng hợp của đơn vị nhận / the receiving unit’s board and aggregate', querystring: c.ReportQuery, response: { 200: c.AggregateOut, ...signedInErrors } },
    route.inTransaction(({ req, actor, now, tx }) => aggregateReports(tx, actor, req.query, now)),
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

  route.get(
    '/api/v1/reporting/reports/template.xlsx',
    { description: 'Tệp mẫu Excel của báo cáo (kèm số liệu tự động) / the report’s Excel template', querystring: c.ReportQuery, response: { 200: xlsx('Mẫu báo cáo / report template'), ...signedInErrors } },
    async (req, reply) => reportXlsx('template')(req, reply, requireActor(req)),
  );

  route.get(
    '/api/v1/reporting/reports/export.xlsx',
    { description: 'Xuất báo cáo ra Excel / export a report', querystring: c.ReportQuery, response: { 200: xlsx('Báo cáo / report'), ...signedInErrors } },
    async (req, reply) => reportXlsx('export')(req, reply, requireActor(req)),
  );

  route.post(
    '/api/v1/reporting/reports/upload',
    {
      description: 'Tải lên tệp Excel đã điền (multipart, trường "file"); ô sai → không lưu gì / upload the filled template',
      querystring: c.ReportQuery,
      response: { 200: c.ReportOut, ...errors(401, 403, 404, 409, 413, 415, 422) },
    },
    route.signedIn(async ({ req, actor }) => {
      const bytes = await multipartFileBytes(ctx, req, ReportingErrors.EXCEL_MISSING);
      return ctx.db.transaction(async (tx) => presentReport(ctx, tx, await uploadWorkbook(ctx, tx, actor, req.query, bytes)));
    }),
  );

  route.get(
    '/api/v1/reporting/aggregate/export.xlsx',
    { description: 'Xuất số liệu tổng hợp ra Excel / export the aggregate', querystring: c.ReportQuery, response: { 200: xlsx('Tổng hợp / aggregate'), ...signedInErrors } },
    route.signedIn(async ({ req, reply, actor, now }) => {
      const { agg, def } = await ctx.db.transaction(async (tx) => ({
        agg: await aggregateReports(tx, actor, req.query, now),
        def: (await regimeOrThrow(tx, req.query.regime, localDate(now))).definition,
      }));
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename="tong-hop-${agg.regime}-${agg.period}-${agg.unit}.xlsx"`)
        .send((await aggregateWorkbook(def, agg)) as never);
    }),
  );
};
