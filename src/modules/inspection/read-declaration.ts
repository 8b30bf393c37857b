import type { Actor } from '#platform/actor.ts';
import { appendAudit } from '#platform/audit.ts';
import { toLocalIso } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { getProcedureVersion } from '#modules/catalog/index.ts';
import { loadDossier } from '#modules/dossiers/index.ts';
import { findResultOfDossier } from '#modules/signatures/index.ts';
import { presentVersion } from './declarations.ts';
import { InspectionErrors } from './inspection.errors.ts';
import * as repo from './inspection.repository.ts';
import { may } from './policy.ts';

/**
 * A declaration with every version (frozen data, risk explained factor by factor): for the
 * declarant and the authority's inspectors; 404 for anyone else. An inspector's read is audited.
 */
export async function readDeclaration(tx: Sql, actor: Actor, dossierId: string, now: Date) {
  const versions = await repo.declarationVersions(tx, dossierId);
  const dossier = versions.length > 0 ? await loadDossier(tx, dossierId) : null;
  const latest = versions.at(-1);
  if (!dossier || !latest) throw InspectionErrors.DECLARATION_NOT_FOUND();
  const declarant = dossier.applicantUserId === actor.id;
  if (!declarant && !may.see(actor, latest.agencyCode)) throw InspectionErrors.DECLARATION_NOT_FOUND();
  if (!declarant) {
    await appendAudit(tx, { chain: `dossier:${dossierId}`, actorId: actor.id, action: 'inspection.declaration_read', subjectType: 'dossier', subjectId: dossierId, data: {}, at: now });
  }
  const result = await findResultOfDossier(tx, dossierId);
  return {
    dossierId,
    dossierCode: dossier.code,
    procedureCode: dossier.procedureCode,
    procedureName: (await getProcedureVersion(tx, dossier.procedureVersionId)).name,
    agencyCode: latest.agencyCode,
    declarant: { name: latest.declarantName, id: latest.declarantId },
    resultId: result?.id ?? null,
    resultRevoked: !!result?.revoked,
    versions: versions.map((v) => ({ ...presentVersion(v), declaredAt: toLocalIso(v.declaredAt) })),
  };
}
