import type { Sql } from '#platform/db.ts';
import { resolveUnit, type StatisticsRow, unitFigures } from '#modules/indicators/index.ts';
import type { Agency } from '#modules/places/index.ts';
import type { PrefillSource, RegimeDefinition } from './regime-definition.ts';
import { indicatorsFor } from './values.ts';

/** The figure of one pre-fill source in a statistics row (rates in %, one decimal). */
function figure(row: StatisticsRow, source: PrefillSource): number {
  const resolved = row.resolvedEarly + row.resolvedOnTime + row.resolvedLate;
  switch (source) {
    case 'tthc.resolved':
      return resolved;
    case 'tthc.pending':
      return row.pendingInTime + row.pendingOverdue;
    case 'tthc.onTimeRate':
      return resolved === 0 ? 100 : Math.round(((row.resolvedEarly + row.resolvedOnTime) / resolved) * 1000) / 10;
    default:
      return row[source.slice('tthc.'.length) as 'received'];
  }
}

/**
 * The figures of a report pre-filled from the dossier data (the indicators' read model): a
 * commune's People's Committee reports its commune's dossiers, a provincial department its own.
 * Indicators without a source are not pre-filled.
 */
export async function prefilledFigures(tx: Sql, def: RegimeDefinition, unit: Agency, range: { from: string; to: string }, now: Date): Promise<Record<string, number>> {
  const sources = indicatorsFor(def, unit.kind).filter((i) => i.prefill);
  if (sources.length === 0) return {};
  const target = await resolveUnit(tx, unit.level === 'xa' && unit.kind === 'people_committee' ? unit.adminUnitCode : unit.code);
  if (!target) return {};
  const row = (await unitFigures(tx, [target], range, now)).get(target.code)?.row;
  if (!row) return {};
  return Object.fromEntries(sources.map((i) => [i.code, figure(row, i.prefill!)]));
}
