import { localDate } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { resolveUnit, type StatisticsRow, tthcStatistics, unitFigures } from '#modules/indicators/index.ts';
import type { Agency } from '#modules/places/index.ts';
import type { PrefillSource, RegimeDefinition } from './regime-definition.ts';
import { indicatorsFor } from './values.ts';
import { aggregateIndicator } from './aggregate.ts';
import { checkedRegime, reportingUnitsOf } from './regimes.ts';
import * as repo from './reporting.repository.ts';

/** Where a report's pre-filled figures come from: the dossier data, or the aggregate of `accepted` of `expected` units' accepted reports under `regime`. */
export type PrefillOrigin = { source: 'dossiers'; regime: null; accepted: null; expected: null } | { source: 'aggregate'; regime: string; accepted: number; expected: number };
const FROM_DOSSIERS: PrefillOrigin = { source: 'dossiers', regime: null, accepted: null, expected: null };

/**
 * The figures of a report pre-filled, with their origin: when the regime names
 * `prefillFromAggregate` and the unit has accepted at least one report of its own units under that
 * regime for the same period, each pre-filled indicator is their aggregate by its rule (a figure
 * the accepted reports do not give keeps the dossiers' figure); otherwise the dossier data.
 */
export async function prefilledWithOrigin(
  tx: Sql,
  def: RegimeDefinition,
  unit: Agency,
  period: { period: string; from: string; to: string },
  now: Date,
): Promise<{ figures: Record<string, number>; origin: PrefillOrigin }> {
  const figures = await prefilledFigures(tx, def, unit, period, now);
  const from = def.prefillFromAggregate;
  if (!from || Object.keys(figures).length === 0) return { figures, origin: FROM_DOSSIERS };
  const accepted = (await repo.reportsReceived(tx, unit.code, from.regime, period.period)).filter((r) => r.status === 'accepted');
  if (accepted.length === 0) return { figures, origin: FROM_DOSSIERS };
  const reports = accepted.map((r) => ({ unit: r.unitCode, unitName: r.unitCode, values: r.values }));
  const out = { ...figures };
  for (const ind of indicatorsFor(def, unit.kind)) {
    if (!ind.prefill || ind.cell || !(ind.code in out)) continue;
    const { value } = aggregateIndicator(ind, reports);
    if (typeof value === 'number') out[ind.code] = value;
  }
  const source = checkedRegime(await repo.regimeOn(tx, from.regime, localDate(now)));
  const expected = source ? (await reportingUnitsOf(tx, source, unit)).length : accepted.length;
  return { figures: out, origin: { source: 'aggregate', regime: from.regime, accepted: accepted.length, expected } };
}

/**
 * The figure of one pre-fill source in a statistics row (rates in %, one decimal); null when it
 * has no value (a rate over no resolved dossier): left for the unit to fill, never a made-up 100.
 */
function figure(row: StatisticsRow, source: PrefillSource): number | null {
  const resolved = row.resolvedEarly + row.resolvedOnTime + row.resolvedLate;
  switch (source) {
    case 'tthc.resolved':
      return resolved;
    case 'tthc.pending':
      return row.pendingInTime + row.pendingOverdue;
    case 'tthc.onTimeRate':
      return resolved === 0 ? null : Math.round(((row.resolvedEarly + row.resolvedOnTime) / resolved) * 1000) / 10;
    default:
      return row[source.slice('tthc.'.length) as 'received'];
  }
}

function put(out: Record<string, number>, code: string, value: number | null): void {
  if (value !== null) out[code] = value;
}

const COUNTS = ['received', 'receivedOnline', 'receivedDirect', 'receivedPostal', 'carriedOver', 'resolvedEarly', 'resolvedOnTime', 'resolvedLate', 'pendingInTime', 'pendingOverdue', 'withdrawn', 'stopped'] as const;

/** Statistics rows added up (the rows of the sectors one table row gathers). */
function added(rows: StatisticsRow[], key: string): StatisticsRow {
  const out: StatisticsRow = { key, name: key, received: 0, receivedOnline: 0, receivedDirect: 0, receivedPostal: 0, carriedOver: 0, resolvedEarly: 0, resolvedOnTime: 0, resolvedLate: 0, pendingInTime: 0, pendingOverdue: 0, withdrawn: 0, stopped: 0, averageWorkingDays: null };
  for (const r of rows) for (const k of COUNTS) out[k] += r[k];
  return out;
}

/**
 * The figures of a report pre-filled from the dossier data (the indicators' read model): a
 * commune's People's Committee reports its commune's dossiers, a provincial department its own.
 * A table's cells by sector come from the same data grouped by the procedures' sector (lĩnh vực):
 * a row gathers the sectors it names, the `other` row every sector no row names.
 * Indicators without a source are not pre-filled.
 */
export async function prefilledFigures(tx: Sql, def: RegimeDefinition, unit: Agency, range: { from: string; to: string }, now: Date): Promise<Record<string, number>> {
  const sources = indicatorsFor(def, unit.kind).filter((i) => i.prefill);
  if (sources.length === 0) return {};
  // a People's Committee reports its territory (a commune's, or the whole province's dossiers); a department its own
  const target = await resolveUnit(tx, unit.kind === 'people_committee' ? unit.adminUnitCode : unit.code);
  if (!target) return {};
  const out: Record<string, number> = {};
  const scalars = sources.filter((i) => !i.cell);
  if (scalars.length) {
    const row = (await unitFigures(tx, [target], range, now)).get(target.code)?.row;
    if (row) for (const i of scalars) put(out, i.code, figure(row, i.prefill!));
  }
  const cells = sources.filter((i) => i.cell?.sectors);
  if (cells.length) {
    const bySector = (await tthcStatistics(tx, { unit: target, range, groupBy: 'sector', now })).rows;
    const named = new Set(cells.flatMap((c) => (Array.isArray(c.cell!.sectors) ? c.cell!.sectors : [])));
    for (const c of cells) {
      const s = c.cell!.sectors!;
      const rows = s === 'other' ? bySector.filter((r) => !named.has(r.key)) : bySector.filter((r) => s.includes(r.key));
      put(out, c.code, figure(added(rows, c.cell!.row), c.prefill!));
    }
  }
  return out;
}
