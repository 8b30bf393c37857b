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
