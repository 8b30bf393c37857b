import type { Sql } from '#platform/db.ts';
import { CatalogErrors } from './catalog.errors.ts';
import { catalogRepository as repo } from './catalog.repository.ts';
import { toProcedureRecord } from './procedure-file.ts';
import type { ProcedureSource } from './catalog.contract.ts';

/**
 * The version of a procedure in force on a local date, in the catalogue file shape, for the
 * administrator to edit and publish again with a later `effective_from` (publishing it unchanged
 * adds nothing); `latest` is the newest version, after whose date a new one must start.
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
