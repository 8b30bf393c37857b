import { localDate } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import * as repo from './inspection.repository.ts';

const ratio = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : 0);

/**
 * The command center's post-control figures: the share of procedures in force under post (or
 * hybrid) control, declarations received in the period, the share inspected, the violation rate
 * among concluded cases, and the average days from declaration to the opening of its inspection.
 */
export async function postControlFigures(tx: Sql, input: { province: string | null; from?: string; to?: string; now: Date }) {
  const to = input.to ?? localDate(input.now);
  const from = input.from ?? `${to.slice(0, 4)}-01-01`;
  const share = await repo.controlShare(tx, to);
  const f = await repo.figures(tx, { provinceCode: input.province, from, to });
  return {
    scope: { province: input.province, from, to },
    proceduresInForce: share.total,
    proceduresUnderPostControl: share.post,
    postControlShare: ratio(share.post, share.total),
    declarations: f.declarations,
    inspected: f.inspected,
    inspectedShare: ratio(f.inspected, f.declarations),
    concluded: f.concluded,
    violations: f.violations,
    violationRate: ratio(f.violations, f.concluded),
    averageDaysToInspection: f.avgDays === null ? null : Math.round(f.avgDays * 10) / 10,
  };
}
