import type { Sql } from '#platform/db.ts';
import { type ExtraSums, type Figure, figureCounts } from './figures.ts';
import { feedbackReads } from './indicators.repository.ts';
import type { Range } from './periods.ts';
import { pointsFor, type RuleIndicator, ruleBookOn, type Side } from './rulebook-766.ts';
import { type StatisticsRow, unitFigures } from './tthc-statistics.ts';
import type { Unit } from './units.ts';

export interface IndicatorValue {
  id: string;
  name: string;
  nameEn: string;
  numerator: number | null;
  denominator: number | null;
  /** numerator / denominator (0..1), or working days for 2.2; null when missing or the denominator is 0. */
  ratio: number | null;
  unit: 'ratio' | 'days';
  target: number | null;
  points: number | null;
  max: number;
  missing: boolean;
  missingReason: string | null;
  verification: string;
}

const sideCount = (side: Side, counts: Record<Figure, number>) =>
  side.plus.reduce((a, f) => a + counts[f], 0) - (side.minus ?? []).reduce((a, f) => a + counts[f], 0);

async function indicatorValue(tx: Sql, rule: RuleIndicator, unit: Unit, range: Range, row: StatisticsRow, extra: ExtraSums): Promise<IndicatorValue> {
  const base = { id: rule.id, name: rule.name, nameEn: rule.nameEn, target: rule.target, max: rule.max, verification: rule.verification };
  const missing = (reason: string) => ({ ...base, numerator: null, denominator: null, ratio: null, unit: 'ratio' as const, points: null, missing: true, missingReason: reason });
  const c = rule.computed;
  if (!c) return missing(rule.missingReason ?? 'Chưa có dữ liệu');
  let numerator: number;
  let denominator: number;
  let unitKind: 'ratio' | 'days' = 'ratio';
  if ('source' in c) {
    const fb = await feedbackReads.onTime(tx, unit.kind, unit.code, range.from, range.to);
    [numerator, denominator] = [fb.onTime, fb.due];
  } else if (c.unit === 'days') {
    [numerator, denominator, unitKind] = [extra.working_days_sum, extra.working_days_n, 'days'];
  } else {
    const counts = figureCounts(row, extra);
    [numerator, denominator] = [sideCount(c.numerator, counts), sideCount(c.denominator, counts)];
  }
  // nothing to measure in the period: missing, not zero
  if (denominator === 0) return { ...missing('Không có hồ sơ trong kỳ để tính'), numerator, denominator, unit: unitKind };
  const ratio = Math.round((numerator / denominator) * 10_000) / 10_000;
  return {
    ...base,
    numerator,
    denominator,
    ratio: unitKind === 'days' ? Math.round((numerator / denominator) * 10) / 10 : ratio,
    unit: unitKind,
    points: unitKind === 'days' || rule.max === 0 ? null : pointsFor(ratio, rule.max, rule.target),
    missing: false,
    missingReason: null,
  };
}

/** GET /api/v1/indicators/766: the five groups with their sub-indicators, points and total, for a unit and period. */
export async function index766(tx: Sql, input: { unit: Unit; period: string; range: Range; now: Date; figures?: { row: StatisticsRow; extra: ExtraSums } }) {
  const { unit, range } = input;
  const book = ruleBookOn(range.to);
  // the unit's figures of the range, unless the caller already read them
  const { row, extra } = input.figures ?? (await unitFigures(tx, [unit], range, input.now)).get(unit.code)!;
  const groups = [];
  for (const g of book.groups) {
    const indicators = [];
    for (const rule of g.indicators) indicators.push(await indicatorValue(tx, rule, unit, range, row, extra));
    const scored = indicators.filter((i) => i.points !== null);
    groups.push({
      id: g.id,
      name: g.name,
      nameEn: g.nameEn,
      max: g.max,
      score: scored.length ? Math.round(scored.reduce((a, i) => a + (i.points ?? 0), 0) * 100) / 100 : null,
      /** The points this system could measure: the score is out of these, not of `max`. */
      measuredMax: scored.reduce((a, i) => a + i.max, 0),
      indicators,
    });
  }
  const measured = groups.filter((g) => g.score !== null);
  return {
    unit: unit.code,
    unitName: unit.name,
    period: input.period,
    from: range.from,
    to: range.to,
    ruleBook: { version: book.version, source: book.source },
    total: measured.length ? Math.round(measured.reduce((a, g) => a + (g.score ?? 0), 0) * 100) / 100 : null,
    measuredMax: groups.reduce((a, g) => a + g.measuredMax, 0),
    max: groups.reduce((a, g) => a + g.max, 0),
    groups,
  };
}

export function findRule(id: string, date: string): RuleIndicator | null {
  for (const g of ruleBookOn(date).groups) for (const i of g.indicators) if (i.id === id) return i;
  return null;
}
