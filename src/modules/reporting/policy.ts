import type { Actor } from '#platform/actor.ts';
import type { Sql } from '#platform/db.ts';
import * as repo from './reporting.repository.ts';

/**
 * Who may do what with reports. Reporting roles are the module's data (reporting_staff), per
 * agency: the officer fills and hands in for signature, the leader signs and submits, the
 * receiver of the receiving agency returns or accepts and reads the aggregate. Anyone else does
 * not see a report at all (404).
 */
export interface Staff {
  officer: Set<string>;
  leader: Set<string>;
  receiver: Set<string>;
}

export async function staffOf(tx: Sql, actor: Actor): Promise<Staff> {
  const staff: Staff = { officer: new Set(), leader: new Set(), receiver: new Set() };
  for (const s of await repo.staffOf(tx, actor.id)) staff[s.role].add(s.agencyCode);
  return staff;
}

export const may = {
  /** Fill and save figures, hand in (officer) — the unit's officer or leader. */
  edit: (s: Staff, unit: string) => s.officer.has(unit) || s.leader.has(unit),
  /** Sign and submit — the unit's leader. */
  sign: (s: Staff, unit: string) => s.leader.has(unit),
  /** Return, accept, read the board and aggregate — the receiving agency's receiver. */
  review: (s: Staff, receiving: string) => s.receiver.has(receiving),
  /** Read a report: the unit's staff; the receiver once it has been submitted. */
  read: (s: Staff, unit: string, receiving: string, status: repo.ReportStatus | null) =>
    s.officer.has(unit) || s.leader.has(unit) || (s.receiver.has(receiving) && status !== null && status !== 'draft' && status !== 'pending_signature'),
  any: (s: Staff) => s.officer.size + s.leader.size + s.receiver.size > 0,
};
