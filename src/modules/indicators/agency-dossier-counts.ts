import type { Sql } from '#platform/db.ts';
import { indicatorsReads as reads } from './indicators.repository.ts';

/** An agency's dossiers by status now, and its resolved dossiers by timeliness, from the read model. */
export interface AgencyDossierCounts {
  byStatus: Record<string, number>;
  resolved: { early: number; onTime: number; late: number };
}

/**
 * The leader overview's counts (issue 16 item 5), from the fact rows: every dossier once, for its
 * competent agency — never also at the agency that received it at the desk or the one it was
 * forwarded to — and its timeliness against the legal due date, as the statistics and index 766
 * judge it. One statement over the (agency, status) index.
 */
export async function agencyDossierCounts(tx: Sql, agency: string): Promise<AgencyDossierCounts> {
  const rows = await reads.agencyStatusOutcomes(tx, agency);
  const byStatus: Record<string, number> = {};
  const resolved = { early: 0, onTime: 0, late: 0 };
  for (const r of rows) {
    if (r.status) byStatus[r.status] = (byStatus[r.status] ?? 0) + r.n;
    if (r.outcome === 'early') resolved.early += r.n;
    else if (r.outcome === 'on_time') resolved.onTime += r.n;
    else if (r.outcome === 'late') resolved.late += r.n;
  }
  return { byStatus, resolved };
}
