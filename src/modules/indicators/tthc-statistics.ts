import { localDate, localInstant } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { IndicatorErrors } from './indicators.errors.ts';
import { METRIC_INDEX } from './contributions.ts';
import { type FactGroupRow, indicatorsReads as reads, type UnitTotals } from './indicators.repository.ts';
import type { ExtraSums } from './figures.ts';
import { addDays, periodRange, type Range, reportingMonthOf } from './periods.ts';
import { childUnits, type Unit } from './units.ts';

export const GROUP_BY = ['none', 'unit', 'procedure', 'sector', 'officer', 'month'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

/** One line of the TTHC statistics table (thống kê kết quả giải quyết TTHC). */
export interface StatisticsRow {
  key: string;
  name: string | null;
  received: number;
  receivedOnline: number;
  receivedDirect: number;
  receivedPostal: number;
  carriedOver: number;
  resolvedEarly: number;
  resolvedOnTime: number;
  resolvedLate: number;
  pendingInTime: number;
  pendingOverdue: number;
  withdrawn: number;
  stopped: number;
  /** Reception → result, working days, over the dossiers resolved in the period; null when none. */
  averageWorkingDays: number | null;
}

/** The period asked for: `from`/`to`, or a reporting period code (cut-off 15th → 14th), or the current reporting month. */
export function statisticsRange(input: { from?: string; to?: string; period?: string; now: Date }): Range {
  if (input.from || input.to) {
    const today = localDate(input.now);
    const range = { from: input.from ?? input.to ?? today, to: input.to ?? today };
    if (range.from > range.to) throw IndicatorErrors.RANGE_INVALID();
    return range;
  }
  const range = periodRange(input.period ?? reportingMonthOf(localDate(input.now)), 'reporting');
  if (!range) throw IndicatorErrors.PERIOD_INVALID();
  return range;
}

const EXTRA_METRICS = ['online_eligible', 'online_eligible_online', 'fee_bearing', 'paid_online', 'e_result', 'rated', 'rated_dissatisfied', 'boundary_free', 'working_days_sum', 'working_days_n'] as const;

const RECEIVES = ['received_online', 'received_direct', 'received_postal'] as const;
const CLOSES = ['resolved_early', 'resolved_on_time', 'resolved_late', 'withdrawn', 'stopped'] as const;

const n = (v: number | string | null | undefined) => Number(v ?? 0);

/** Figures of units from the per-day aggregates: carried over and pending are stocks, the rest flows. */
export async function unitFigures(tx: Sql, units: Unit[], range: Range, now: Date): Promise<Map<string, { row: StatisticsRow; extra: ExtraSums }>> {
  // pending-overdue at the end of `to`: the dossiers finished after their due day with due day ≤ to
  // < finished day (running totals), and the dossiers still open whose due instant passed by the
  // end of `to` (by now, for a period that has not ended)
  const current = range.to >= localDate(now);
  const overdueCut = current ? now : localInstant(addDays(range.to, 1));
  const totals = new Map((await reads.totalsAt(tx, units, range, overdueCut)).map((t) => [t.unit, t]));
  const out = new Map<string, { row: StatisticsRow; extra: ExtraSums }>();
  for (const unit of units) {
    const t: UnitTotals = totals.get(unit.code) ?? { unit: unit.code, before: [], upTo: [], openOverdue: 0 };
    const at = (v: number[], k: string) => n(v[METRIC_INDEX.get(k)!]);
    const before = (k: string) => at(t.before, k);
    const inRange = (k: string) => at(t.upTo, k) - at(t.before, k);
    const carriedOver = RECEIVES.reduce((a, k) => a + before(k), 0) - CLOSES.reduce((a, k) => a + before(k), 0);
    const received = RECEIVES.reduce((a, k) => a + inRange(k), 0);
    const pending = carriedOver + received - CLOSES.reduce((a, k) => a + inRange(k), 0);
    const pendingOverdue = at(t.upTo, 'overdue_in') - at(t.upTo, 'overdue_out') + t.openOverdue;
    const wdN = inRange('working_days_n');
    const extra = Object.fromEntries(EXTRA_METRICS.map((k) => [k, inRange(k)])) as ExtraSums;
    out.set(unit.code, { extra, row: {
      key: unit.code,
      name: unit.name,
      received,
      receivedOnline: inRange('received_online'),
      receivedDirect: inRange('received_direct'),
      receivedPostal: inRange('received_postal'),
      carriedOver,
      resolvedEarly: inRange('resolved_early'),
      resolvedOnTime: inRange('resolved_on_time'),
      resolvedLate: inRange('resolved_late'),
      pendingInTime: pending - pendingOverdue,
      pendingOverdue,
      withdrawn: inRange('withdrawn'),
      stopped: inRange('stopped'),
      averageWorkingDays: wdN > 0 ? Math.round((inRange('working_days_sum') / wdN) * 10) / 10 : null,
    } });
  }
  return out;
}

function fromFactRow(r: FactGroupRow): StatisticsRow {
  return {
    key: r.key ?? '',
    name: r.name,
    received: r.received_online + r.received_direct + r.received_postal,
    receivedOnline: r.received_online,
    receivedDirect: r.received_direct,
    receivedPostal: r.received_postal,
    carriedOver: r.carried_over,
    resolvedEarly: r.resolved_early,
    resolvedOnTime: r.resolved_on_time,
    resolvedLate: r.resolved_late,
    pendingInTime: r.pending - r.pending_overdue,
    pendingOverdue: r.pending_overdue,
    withdrawn: r.withdrawn,
    stopped: r.stopped,
    averageWorkingDays: r.working_days_n > 0 ? Math.round((r.working_days_sum / r.working_days_n) * 10) / 10 : null,
  };
}

/** GET /api/v1/statistics/tthc: one row per group, plus the unit's total. */
export async function tthcStatistics(tx: Sql, input: { unit: Unit; range: Range; groupBy: GroupBy; now: Date }) {
  const { unit, range, groupBy, now } = input;
  const total = (await unitFigures(tx, [unit], range, now)).get(unit.code)!.row;
  let rows: StatisticsRow[];
  if (groupBy === 'none') rows = [total];
  else if (groupBy === 'unit') {
    const children = (await childUnits(tx, unit)).map((c) => ({ ...c, provinceCode: unit.provinceCode }));
    const figures = await unitFigures(tx, children, range, now);
    rows = children.map((c) => figures.get(c.code)!.row);
  } else if (groupBy === 'month') {
    rows = [];
    for (let from = range.from; from <= range.to; ) {
      const month = reportingMonthOf(from);
      const bounds = periodRange(month, 'reporting')!;
      const sub = { from, to: [bounds.to, range.to].sort()[0] };
      rows.push({ ...(await unitFigures(tx, [unit], sub, now)).get(unit.code)!.row, key: month, name: `${sub.from} – ${sub.to}` });
      from = addDays(sub.to, 1);
    }
  } else {
    rows = (await reads.factGroups(tx, { kind: unit.kind, unit: unit.code, ...range, today: localDate(now), now, groupBy })).map(fromFactRow);
  }
  return { unit: unit.code, unitName: unit.name, from: range.from, to: range.to, groupBy, total, rows };
}
