import { perTransaction } from '#platform/per-transaction.ts';
import type { Sql } from '#platform/db.ts';
import { localDate } from '#platform/clock.ts';
import type { Deadline } from '#modules/calendar/index.ts';
import { CatalogErrors } from './catalog.errors.ts';
import { catalogRepository as repo } from './catalog.repository.ts';
import type { ProcedureVersion } from './catalog.types.ts';

/** The version in force at `at` (local date); PROCEDURE_NOT_FOUND (404) when none. */
export async function getProcedureVersionInForce(tx: Sql, code: string, at: Date): Promise<ProcedureVersion> {
  const version = await repo.findInForce(tx, code, localDate(at));
  if (!version) throw CatalogErrors.PROCEDURE_NOT_FOUND();
  getProcedureVersion.prime(tx, version.id, version);
  return version;
}

/** A version by id: dossiers keep the id they were received under. */
export const getProcedureVersion = perTransaction(async (tx: Sql, versionId: string): Promise<ProcedureVersion> => {
  const version = await repo.findVersion(tx, versionId);
  if (!version) throw CatalogErrors.PROCEDURE_NOT_FOUND();
  return version;
});

/** The deadline to count with; a procedure published without one cannot give an appointment. */
export function deadlineOf(procedure: Pick<ProcedureVersion, 'deadline'>): Deadline {
  const { value, unit } = procedure.deadline;
  if (value == null) throw CatalogErrors.PROCEDURE_DEADLINE_UNKNOWN();
  return { value, unit };
}

const ONLINE_LEVELS = new Set(['toan_trinh', 'mot_phan']);

/**
 * Whether a citizen may submit online: the procedure is offered online (its online level, or an
 * online channel in the catalogue) and has a deadline to count (an unknown deadline is not one:
 * an administrator completes the procedure first). Otherwise the page says where to go.
 */
export function onlineSubmissionOf(v: ProcedureVersion): { allowed: boolean; reason: 'not_offered' | 'deadline_unknown' | null } {
  // The catalogue's channels decide; without them, the online level.
  const offered = v.sheet?.onlineSubmission ?? ONLINE_LEVELS.has(v.onlineLevel ?? '');
  if (!offered) return { allowed: false, reason: 'not_offered' };
  if (v.deadline.value == null) return { allowed: false, reason: 'deadline_unknown' };
  return { allowed: true, reason: null };
}

/** PROCEDURE_NOT_ONLINE (422) unless citizens may submit this version online. */
export function assertOnlineSubmission(procedure: ProcedureVersion): void {
  const online = onlineSubmissionOf(procedure);
  if (online.reason === 'deadline_unknown') throw CatalogErrors.PROCEDURE_DEADLINE_UNKNOWN();
  if (!online.allowed) throw CatalogErrors.PROCEDURE_NOT_ONLINE();
}
