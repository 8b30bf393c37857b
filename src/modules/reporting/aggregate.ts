import type { Actor } from '#platform/actor.ts';
import { localDate, toLocalIso } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { findAgency } from '#modules/places/index.ts';
import { may, staffOf } from './policy.ts';
import { type IndicatorDef, indicatorsOf } from './regime-definition.ts';
import { periodOrThrow, regimeOrThrow, reportingUnitsOf } from './regimes.ts';
import { ReportingErrors } from './reporting.errors.ts';
import * as repo from './reporting.repository.ts';

export type BoardStatus = 'missing' | 'submitted' | 'returned' | 'accepted';
const round = (n: number) => Math.round(n * 100) / 100;

/**
 * One indicator over the accepted reports, by its rule: sum; average (of the units that gave it);
 * weighted average (weighed by another indicator of the same report, e.g. the on-time rate by
 * the number resolved); concatenate (text listed by unit); none. Null when no unit gave it.
 */
export function aggregateIndicator(ind: IndicatorDef, reports: { unit: string; unitName: string; values: Record<string, repo.Value> }[]) {
  const given = reports.filter((r) => r.values[ind.code] !== null && r.values[ind.code] !== undefined);
  if (ind.aggregation === 'concat') return { value: null, texts: given.map((r) => ({ unit: r.unit, unitName: r.unitName, text: String(r.values[ind.code]) })) };
  const nums = given.filter((r) => typeof r.values[ind.code] === 'number');
  if (ind.aggregation === 'none' || nums.length === 0) return { value: null, texts: [] };
  const v = (r: (typeof nums)[number]) => r.values[ind.code] as number;
  if (ind.aggregation === 'sum') return { value: round(nums.reduce((a, r) => a + v(r), 0)), texts: [] };
  if (ind.aggregation === 'average') return { value: round(nums.reduce((a, r) => a + v(r), 0) / nums.length), texts: [] };
  const weighed = nums.filter((r) => typeof r.values[ind.weight ?? ''] === 'number');
  const total = weighed.reduce((a, r) => a + (r.values[ind.weight!] as number), 0);
  if (total === 0) return { value: null, texts: [] };
  return { value: round(weighed.reduce((a, r) => a + v(r) * (r.values[ind.weight!] as number), 0) / total), texts: [] };
}

/**
 * GET aggregate: the receiving unit's board (every expected unit: missing, submitted, returned,
 * accepted; late) and the aggregate of the accepted reports, indicator by indicator.
 * Only the receiving unit's receivers see it (404 otherwise).
 */
export async function aggregateReports(tx: Sql, actor: Actor, input: { regime: string; period: string; unit: string }, now: Date) {
  const staff = await staffOf(tx, actor);
  const receiving = await findAgency(tx, input.unit);
  if (!receiving || !may.review(staff, receiving.code)) throw ReportingErrors.REPORT_NOT_FOUND();
  const regime = await regimeOrThrow(tx, input.regime, localDate(now));
  const period = await periodOrThrow(tx, regime, input.period);
  const units = await reportingUnitsOf(tx, regime, receiving);
  const rows = new Map((await repo.reportsReceived(tx, receiving.code, regime.code, period.period)).map((r) => [r.unitCode, r]));
  const today = localDate(now);
  const board = units.map((u) => {
    const row = rows.get(u.code);
    const status: BoardStatus = !row || row.status === 'draft' || row.status === 'pending_signature' ? 'missing' : row.status;
    return {
      unit: u.code,
      unitName: u.name,
      status,
      late: row?.late ?? false,
      overdue: status === 'missing' && today > period.dueDate,
      submittedAt: row?.submittedAt && status !== 'missing' ? toLocalIso(row.submittedAt) : null,
      returnedReason: status === 'returned' ? (row?.returnedReason ?? null) : null,
    };
  });
  const accepted = board.filter((b) => b.status === 'accepted').map((b) => ({ unit: b.unit, unitName: b.unitName, values: rows.get(b.unit)!.values }));
  const indicators = indicatorsOf(regime.definition).map((ind) => ({ indicator: ind.code, aggregation: ind.aggregation, units: accepted.filter((a) => a.values[ind.code] != null).length, ...aggregateIndicator(ind, accepted) }));
  const count = (s: BoardStatus) => board.filter((b) => b.status === s).length;
  return {
    regime: regime.code,
    regimeName: regime.name,
    period: period.period,
    periodLabel: period.label,
    from: period.from,
    to: period.to,
    dueDate: period.dueDate,
    unit: receiving.code,
    unitName: receiving.name,
    counts: { expected: board.length, missing: count('missing'), submitted: count('submitted'), returned: count('returned'), accepted: count('accepted'), late: board.filter((b) => b.late).length, overdue: board.filter((b) => b.overdue).length },
    units: board,
    indicators,
  };
}
