import { localDate, toLocalIso } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { taskFigures } from '#modules/cabinet/index.ts';
import { METRIC_INDEX, type Metric, NATIONAL } from './contributions.ts';
import { index766 } from './index-766.ts';
import { liveTopic } from './project-dossier.ts';
import { drillReads, indicatorsReads } from './indicators.repository.ts';
import { addDays, periodRange, type Range } from './periods.ts';
import { estimateSavings, savingsParameters } from './savings.ts';
import { unitFigures } from './tthc-statistics.ts';
import { childUnits, type Unit } from './units.ts';

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10_000) / 10_000 : null);

/** The command center's 30-day trend: each line the sum of these daily metrics. */
const TREND_LINES = {
  receivedOnline: ['received_online'],
  receivedOther: ['received_direct', 'received_postal'],
  resolvedOnTime: ['resolved_early', 'resolved_on_time'],
  resolvedLate: ['resolved_late'],
} as const satisfies Record<string, readonly Metric[]>;

/**
 * The command center's headline (trung tâm chỉ đạo điều hành): tiles now and for the period,
 * a 30-day trend, the overdue dossiers by responsible agency, the 766 index and the savings
 * estimate. Every figure comes from the read model; nothing here reads personal data.
 */
export async function commandCenter(tx: Sql, input: { unit: Unit; period: string; range: Range; now: Date }) {
  const { unit, range, now } = input;
  const today = localDate(now);
  const todayRange = { from: today, to: today };
  const [nowFigures, periodFigures] = [
    (await unitFigures(tx, [unit], todayRange, now)).get(unit.code)!,
    (await unitFigures(tx, [unit], range, now)).get(unit.code)!,
  ];
  const idx = await index766(tx, { unit, period: input.period, range, now, figures: periodFigures });
  const onTime = idx.groups.flatMap((g) => g.indicators).find((i) => i.id === '2.1')!;
  const p = periodFigures.row;
  const e = periodFigures.extra;
  const trendFrom = addDays(today, -29);
  // the 30-day trend from the unit's running totals: a day's values = its row − the row before
  const rows = await indicatorsReads.totalsSeries(tx, unit.code, trendFrom, today);
  const daily = new Map<string, number[]>();
  for (let i = 1; i < rows.length; i++) daily.set(rows[i].day, rows[i].totals.map((v, k) => v - (rows[i - 1].totals[k] ?? 0)));
  if (rows.length > 0 && rows[0].day >= trendFrom) daily.set(rows[0].day, rows[0].totals);
  const trend: ({ day: string } & Record<keyof typeof TREND_LINES, number>)[] = [];
  for (let d = trendFrom; d <= today; d = addDays(d, 1)) {
    const values = daily.get(d);
    const sum = (metrics: readonly Metric[]) => (values ? metrics.reduce((a, m) => a + (values[METRIC_INDEX.get(m)!] ?? 0), 0) : 0);
    trend.push({ day: d, ...(Object.fromEntries(Object.entries(TREND_LINES).map(([line, metrics]) => [line, sum(metrics)])) as Record<keyof typeof TREND_LINES, number>) });
  }
  const params = await savingsParameters(tx, today);
  return {
    unit: unit.code,
    unitName: unit.name,
    unitKind: unit.kind,
    liveTopic: liveTopic(unit.kind === 'national' ? NATIONAL : unit.provinceCode!),
    at: toLocalIso(now),
    period: input.period,
    from: range.from,
    to: range.to,
    tiles: {
      receivedToday: nowFigures.row.received,
      inProgress: nowFigures.row.pendingInTime + nowFigures.row.pendingOverdue,
      overdue: nowFigures.row.pendingOverdue,
      onTimeRate: onTime.missing ? null : onTime.ratio,
      onlineShare: ratio(p.receivedOnline, p.received),
      satisfaction: e.rated > 0 ? ratio(e.rated - e.rated_dissatisfied, e.rated) : null,
      index766: idx.total,
      index766MeasuredMax: idx.measuredMax,
    },
    period766: { total: idx.total, measuredMax: idx.measuredMax, max: idx.max },
    tasks: await taskFigures(tx, { kind: unit.kind, code: unit.code }, today),
    trend,
    overdueByAgency: (await drillReads.overdueByAgency(tx, unit.kind, unit.code, now, 20)).map((r) => ({
      agencyCode: r.agency,
      agencyName: r.agencyName,
      count: r.count,
      oldestDueAt: toLocalIso(r.oldestDueAt),
    })),
    savings: {
      ...estimateSavings(params, { receivedOnline: p.receivedOnline, boundaryFree: e.boundary_free, eResult: e.e_result }),
      parameters: params,
    },
  };
}

export const MAP_INDICATORS = ['onTimeRate', 'onlineShare', 'overdue', 'received', 'index766'] as const;
export type MapIndicator = (typeof MAP_INDICATORS)[number];

/** One value per unit below (provinces of the nation, communes of a province): the map and the ranking. */
export async function unitValues(tx: Sql, input: { unit: Unit; indicator: MapIndicator; period: string; range: Range; now: Date }) {
  const children = (await childUnits(tx, input.unit)).map((c) => ({ ...c, provinceCode: input.unit.kind === 'national' ? c.code : input.unit.provinceCode }));
  const figures = await unitFigures(tx, children, input.range, input.now);
  const items = [];
  for (const c of children) {
    const { row } = figures.get(c.code)!;
    const resolved = row.resolvedEarly + row.resolvedOnTime + row.resolvedLate;
    const pending = row.pendingInTime + row.pendingOverdue;
    let value: number | null;
    if (input.indicator === 'onTimeRate') value = ratio(row.resolvedEarly + row.resolvedOnTime + row.pendingInTime, resolved + pending);
    else if (input.indicator === 'onlineShare') value = ratio(row.receivedOnline, row.received);
    else if (input.indicator === 'overdue') value = row.pendingOverdue;
    else if (input.indicator === 'received') value = row.received;
    else value = (await index766(tx, { unit: c, period: input.period, range: input.range, now: input.now, figures: figures.get(c.code)! })).total;
    items.push({ code: c.code, name: c.name, kind: c.kind, value, received: row.received });
  }
  const ranked = [...items].filter((i) => i.value !== null).sort((a, b) => (input.indicator === 'overdue' ? a.value! - b.value! : b.value! - a.value!));
  return {
    unit: input.unit.code,
    indicator: input.indicator,
    period: input.period,
    from: input.range.from,
    to: input.range.to,
    items: items.map((i) => ({ ...i, rank: i.value === null ? null : ranked.indexOf(i) + 1 })),
  };
}

/** A period code for the command center: the calendar period (the 766 index convention). */
export function centerRange(period: string): Range | null {
  return periodRange(period, 'calendar');
}
