import type { RoutesPlugin } from '#platform/context.ts';
import { bearer, routeKit, type SignedInCall } from '../../http/route-kit.ts';
import type { FastifySchema } from 'fastify';
import type { Actor } from '#platform/actor.ts';
import { appendAudit } from '#platform/audit.ts';
import { localDate, toLocalIso } from '#platform/clock.ts';
import type { Sql, Tx } from '#platform/db.ts';
import { streamLive } from '#platform/live.ts';
import { tasksInScope } from '#modules/cabinet/index.ts';
import { circular01Scoring } from './circular-01-scoring.ts';
import { centerRange, commandCenter, unitValues } from './command-center.ts';
import { NATIONAL } from './contributions.ts';
import { dossiersBehind, figureSide } from './drill-down.ts';
import { statisticsWorkbook } from './export-statistics.ts';
import { findRule, index766 } from './index-766.ts';
import { errors, xlsx } from '#platform/contract.ts';
import * as c from './indicators.contract.ts';
import { IndicatorErrors } from './indicators.errors.ts';
import { parameterReads } from './indicators.repository.ts';
import { overdueList } from './overdue-list.ts';
import { may } from './policy.ts';
import { receiveAggregates } from './receive-aggregates.ts';
import { aggregatesRepository } from './aggregates.repository.ts';
import { liveTopic } from './project-dossier.ts';
import { SAVINGS_DEFAULTS, savingsParameters } from './savings.ts';
import { statisticsRange, tthcStatistics } from './tthc-statistics.ts';
import { homeUnit, viewableUnit } from './units.ts';

const GROUP_LABELS = {
  none: 'Đơn vị',
  unit: 'Đơn vị trực thuộc',
  procedure: 'Thủ tục hành chính',
  sector: 'Lĩnh vực',
  officer: 'Cán bộ thụ lý',
  month: 'Tháng báo cáo',
} as const;

/** The unit asked for, else the viewer's own (nation, province or agency); 403 out of scope. */
async function unitFor(tx: Sql, actor: Actor, code: string | undefined) {
  const home = homeUnit(actor);
  if (!code && !home) throw IndicatorErrors.INDICATORS_NOT_ALLOWED();
  return viewableUnit(tx, actor, code ?? home!);
}

/** A 766 / command-center period: the code given, else the current calendar month. */
function periodOf(code: string | undefined, now: Date) {
  const period = code ?? localDate(now).slice(0, 7);
  const range = centerRange(period);
  if (!range) throw IndicatorErrors.PERIOD_INVALID();
  return { period, range };
}

/** Statistics, the Decision 766 index and the command center (trung tâm chỉ đạo điều hành). */
export const indicatorsRoutes: RoutesPlugin = (app, ctx) => {
  const route = routeKit(app, ctx, { tags: ['indicators'], security: bearer });
  type Unit = Awaited<ReturnType<typeof unitFor>>;
  /** Signed in, in one transaction, for the unit of `?unit` (else the viewer's own; 403 out of scope). */
  const forUnit = <S extends FastifySchema, T>(fn: (call: SignedInCall<S> & { tx: Tx; unit: Unit }) => Promise<T>) =>
    route.inTransaction<S, T>(async (call) => fn({ ...call, unit: await unitFor(call.tx, call.actor, (call.req.query as { unit?: string }).unit) }));

  route.get(
    '/api/v1/indicators/home',
    { description: 'Đơn vị mặc định của người xem / the viewer’s home unit', response: { 200: c.HomeOut, ...errors(401, 403) } },
    route.inTransaction(async ({ actor, tx }) => {
      const unit = await unitFor(tx, actor, undefined);
      return { unit: unit.code, unitName: unit.name, unitKind: unit.kind, readOnly: true };
    }),
  );

  route.get(
    '/api/v1/statistics/tthc',
    {
      description: 'Thống kê kết quả giải quyết TTHC theo đơn vị và kỳ / TTHC statistics per unit and period',
      querystring: c.StatisticsQuery,
      response: { 200: c.StatisticsOut, ...errors(401, 403, 404) },
    },
    forUnit(async ({ req, now, tx, unit }) => tthcStatistics(tx, { unit, range: statisticsRange({ ...req.query, now }), groupBy: req.query.groupBy, now })),
  );

  route.get(
    '/api/v1/statistics/tthc/export',
    {
      description: 'Bảng thống kê kết quả giải quyết TTHC (Excel) / the statistics as an Excel workbook',
      querystring: c.StatisticsExportQuery,
      response: { 200: xlsx('Bảng thống kê kết quả giải quyết TTHC / the statistics table'), ...errors(401, 403, 404) },
    },
    route.signedIn(async ({ req, reply, actor, now }) => {
      const stats = await ctx.db.transaction(async (tx) => {
        const unit = await unitFor(tx, actor, req.query.unit);
        return tthcStatistics(tx, { unit, range: statisticsRange({ ...req.query, now }), groupBy: req.query.groupBy, now });
      });
      const body = await statisticsWorkbook({
        unitName: stats.unitName,
        from: stats.from,
        to: stats.to,
        groupLabel: GROUP_LABELS[req.query.groupBy],
        rows: stats.rows,
        total: stats.total,
        issuedAt: toLocalIso(now).slice(0, 16).replace('T', ' '),
      });
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="thong-ke-tthc-${stats.unit}-${stats.from}-${stats.to}.xlsx"`)
        .send(body as never); // bytes: Fastify sends a Buffer as is, past the serialiser
    }),
  );

  route.get(
    '/api/v1/statistics/tthc/dossiers',
    {
      description: 'Danh sách hồ sơ sau một số liệu thống kê / the dossiers behind a figure',
      querystring: c.StatisticsDossiersQuery,
      response: { 200: c.DossierListOut, ...errors(401, 403, 404) },
    },
    forUnit(async ({ req, actor, now, tx, unit }) => {
      const range = statisticsRange({ ...req.query, now });
      const { groupBy, key } = req.query;
      if ((groupBy === undefined) !== (key === undefined)) throw IndicatorErrors.GROUP_INVALID();
      const group = groupBy ? { by: groupBy, key: key || null } : undefined;
      const what = group ? `${req.query.figure} (${groupBy} ${key || '—'})` : req.query.figure;
      return dossiersBehind(tx, { actor, unit, range, side: figureSide(req.query.figure), what, limit: req.query.limit, offset: req.query.offset, now, group });
    }),
  );

  route.get(
    '/api/v1/indicators/766',
    {
      description: 'Chỉ số phục vụ người dân, doanh nghiệp theo QĐ 766/QĐ-TTg / the Decision 766 index',
      querystring: c.IndexQuery,
      response: { 200: c.IndexOut, ...errors(401, 403, 404) },
    },
    route.signedIn(({ req, actor, now }) => {
      const { period, range } = periodOf(req.query.period, now);
      return ctx.db.transaction(async (tx) => index766(tx, { unit: await unitFor(tx, actor, req.query.unit), period, range, now }));
    }),
  );

  route.get(
    '/api/v1/indicators/766/:indicatorId/dossiers',
    {
      description: 'Hồ sơ của tử số hoặc mẫu số một chỉ số 766 / the dossiers of an indicator’s numerator or denominator',
      params: c.IndicatorParams,
      querystring: c.IndicatorDossiersQuery,
      response: { 200: c.DossierListOut, ...errors(401, 403, 404, 409) },
    },
    route.signedIn(({ req, actor, now }) => {
      const { range } = periodOf(req.query.period, now);
      return ctx.db.transaction(async (tx) => {
        const unit = await unitFor(tx, actor, req.query.unit);
        const rule = findRule(req.params.indicatorId, range.to);
        if (!rule) throw IndicatorErrors.INDICATOR_NOT_FOUND();
        if (!rule.computed || 'source' in rule.computed) throw IndicatorErrors.INDICATOR_MISSING_DATA();
        const side = req.query.side === 'numerator' ? rule.computed.numerator : rule.computed.denominator;
        return dossiersBehind(tx, { actor, unit, range, side, what: `766 ${rule.id} ${req.query.side}`, limit: req.query.limit, offset: req.query.offset, now });
      });
    }),
  );

  route.get(
    '/api/v1/indicators/circular-01',
    {
      description: 'Đánh giá giải quyết TTHC theo từng hồ sơ (Thông tư 01/2018/TT-VPCP) / the Circular 01/2018 per-dossier evaluation',
      querystring: c.Circular01Query,
      response: { 200: c.Circular01Out, ...errors(401, 403, 404) },
    },
    forUnit(async ({ req, now, tx, unit }) => circular01Scoring(tx, { unit, range: statisticsRange({ ...req.query, now }), groupBy: req.query.groupBy })),
  );

  route.get(
    '/api/v1/indicators/command-center',
    { description: 'Số liệu trung tâm chỉ đạo điều hành / the command center’s figures', querystring: c.IndexQuery, response: { 200: c.CommandCenterOut, ...errors(401, 403, 404) } },
    route.signedIn(({ req, actor, now }) => {
      const { period, range } = periodOf(req.query.period, now);
      return ctx.db.transaction(async (tx) => commandCenter(tx, { unit: await unitFor(tx, actor, req.query.unit), period, range, now }));
    }),
  );

  route.get(
    '/api/v1/indicators/tasks',
    {
      description: 'Nhiệm vụ được giao từ kết luận, theo đơn vị: đang thực hiện, sắp đến hạn, quá hạn / tasks assigned from conclusions to the unit’s agencies',
      querystring: c.TasksQuery,
      response: { 200: c.TasksOut, ...errors(401, 403, 404) },
    },
    forUnit(async ({ req, now, tx, unit }) => ({ unit: unit.code, show: req.query.show, items: await tasksInScope(tx, { kind: unit.kind, code: unit.code }, localDate(now), req.query.show) })),
  );

  route.get(
    '/api/v1/indicators/map',
    {
      description: 'Một chỉ tiêu theo từng đơn vị trực thuộc, có xếp hạng / one indicator per unit below, ranked',
      querystring: c.MapQuery,
      response: { 200: c.MapOut, ...errors(401, 403, 404) },
    },
    route.signedIn(({ req, actor, now }) => {
      const { period, range } = periodOf(req.query.period, now);
      return ctx.db.transaction(async (tx) =>
        unitValues(tx, { unit: await unitFor(tx, actor, req.query.unit), indicator: req.query.indicator, period, range, now }),
      );
    }),
  );

  route.get(
    '/api/v1/indicators/overdue',
    { description: 'Hồ sơ đang quá hạn của đơn vị / the unit’s overdue dossiers now', querystring: c.OverdueQuery, response: { 200: c.OverdueOut, ...errors(401, 403, 404) } },
    forUnit(({ req, actor, now, tx, unit }) => overdueList(tx, { actor, unit, limit: req.query.limit, now })),
  );

  // Hidden from the OpenAPI document as /api/v1/dossiers/:id/live: a stream has no end for the contract fuzz.
  route.get(
    '/api/v1/indicators/stream',
    {
      hide: true,
      description: 'Luồng sự kiện (SSE): số liệu của đơn vị vừa thay đổi / server-sent events when the unit’s figures change',
      querystring: c.StreamQuery,
    },
    route.signedIn(async ({ req, reply, actor }) => {
      const unit = await ctx.db.transaction((tx) => unitFor(tx, actor, req.query.unit));
      return streamLive(req, reply, [liveTopic(unit.kind === 'national' ? NATIONAL : unit.provinceCode!)]);
    }),
  );

  route.get(
    '/api/v1/indicators/savings-parameters',
    { description: 'Tham số ước tính lợi ích / the savings estimate’s parameters', response: { 200: c.SavingsParametersOut, ...errors(401) } },
    route.inTransaction(async ({ now, tx }) => ({ parameters: await savingsParameters(tx, localDate(now)) })),
  );

  route.put(
    '/api/v1/indicators/savings-parameters',
    {
      description: 'Sửa một tham số ước tính lợi ích (quản trị) / change a savings parameter (administrator)',
      body: c.SavingsParameterBody,
      response: { 200: c.SavingsParametersOut, ...errors(401, 403, 409, 422) },
    },
    route.inTransaction(async ({ req, actor, now, tx }) => {
      const b = req.body;
      await parameterReads.upsert(tx, { ...b, source: b.source.normalize('NFC'), unit: SAVINGS_DEFAULTS[b.key].unit, by: actor.id, at: now });
      await appendAudit(tx, { chain: 'indicators', actorId: actor.id, action: 'indicators.parameter_set', subjectType: 'parameter', subjectId: b.key, data: b, at: now });
      return { parameters: await savingsParameters(tx, localDate(now)) };
    }, 'admin'),
  );

  // Signed by the sending node's key, not a session: no bearer security.
  app.post(
    '/api/v1/indicators/aggregates',
    {
      schema: {
        tags: ['indicators'],
        description: 'Nút quốc gia nhận số liệu tổng hợp của một hệ thống (ký bằng khóa của nút gửi) / the national node takes an installation’s signed aggregates',
        body: c.AggregatesChunk,
        response: { 200: c.AggregatesAnswer, ...errors(400, 404, 422) },
      },
      bodyLimit: 16 * 1024 * 1024,
    },
    async (req) => receiveAggregates(ctx, req.body),
  );

  route.get(
    '/api/v1/indicators/aggregates/sources',
    {
      description: 'Các hệ thống đã gửi số liệu tổng hợp về nút này / the installations whose aggregates this node holds',
      response: { 200: c.AggregateSourcesOut, ...errors(401, 403) },
    },
    route.signedIn(async ({ actor }) => {
      if (!may.knowAllUnits(actor)) throw IndicatorErrors.INDICATORS_NOT_ALLOWED();
      const rows = await ctx.db.transaction((tx) => aggregatesRepository.sources(tx));
      return { items: rows.map((r) => ({ ...r, generation: toLocalIso(new Date(r.generation)), receivedAt: toLocalIso(new Date(r.receivedAt)) })) };
    }),
  );
};
