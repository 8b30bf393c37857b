import type { Sql } from '#platform/db.ts';
import { CatalogErrors } from './catalog.errors.ts';
import { catalogRepository as repo } from './catalog.repository.ts';
import { type RawProcedure, toProcedureRecord } from './procedure-file.ts';

export interface ProcedureSource {
  /** The version in force as a file entry: publishing it unchanged adds nothing. */
  procedure: RawProcedure;
  version: number;
  effectiveFrom: string;
  /** The newest version; a new one must start after its date (it may not be in force yet). */
  latest: { version: number; effectiveFrom: string };
}

/**
 * The version of a procedure in force on a local date, in the catalogue file shape, for the
 * administrator to edit and publish again with a later `effective_from`.
 */
export async function getProcedureSource(tx: Sql, options: { code: string; at: string }): Promise<ProcedureSource> {
  const version = await repo.findInForce(tx, options.code, options.at);
  if (!version) throw CatalogErrors.PROCEDURE_NOT_FOUND();
  const latest = (await repo.latestVersions(tx, [version.procedureCode])).get(version.procedureCode) ?? version;
  return {
    procedure: toProcedureRecord(version.procedureCode, version, version.effectiveFrom),
    version: version.version,
    effectiveFrom: version.effectiveFrom,
    latest: { version: latest.version, effectiveFrom: latest.effectiveFrom },
  };
}
