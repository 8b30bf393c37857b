import type { Actor } from '#platform/actor.ts';
import { audit, onDossier } from '#platform/audit.ts';
import type { AppContext } from '#platform/context.ts';
import type { Sql } from '#platform/db.ts';
import { loadDossier } from '#modules/dossiers/index.ts';
import { getFile, readFileBytes } from '#modules/files/index.ts';
import { InspectionErrors } from './inspection.errors.ts';
import * as repo from './inspection.repository.ts';
import { may } from './policy.ts';

/**
 * One document of a declaration (any of its frozen versions) for the authority's inspectors and
 * head of inspection — who cannot open the dossier itself, yet must read what was declared — and
 * for the declarant. 404 for anyone else and for a file the declaration does not hold. An
 * inspector's read is audited on the dossier's chain (`inspection.declaration_file_read`).
 */
export async function readDeclarationFile(tx: Sql, ctx: Pick<AppContext, 'filesDir'>, input: { actor: Actor; dossierId: string; fileId: string; now: Date }) {
  const versions = await repo.declarationVersions(tx, input.dossierId);
  const latest = versions.at(-1);
  const dossier = latest ? await loadDossier(tx, input.dossierId) : null;
  if (!dossier || !latest) throw InspectionErrors.DECLARATION_NOT_FOUND();
  const declarant = dossier.applicantUserId === input.actor.id;
  if (!declarant && !may.see(input.actor, latest.agencyCode)) throw InspectionErrors.DECLARATION_NOT_FOUND();
  const document = versions.flatMap((v) => v.documents).find((d) => d.fileId === input.fileId);
  const file = document ? await getFile(tx, document.fileId) : null;
  if (!document || !file) throw InspectionErrors.DECLARATION_FILE_NOT_FOUND();
  if (!declarant) {
    await audit(tx, input, 'inspection.declaration_file_read', onDossier(dossier.id, { fileId: file.id, componentCode: document.componentCode }));
  }
  return { bytes: await readFileBytes(ctx, file.sha256), mediaType: file.mediaType, name: file.originalName };
}
