import type { AppContext } from '#platform/context.ts';
import type { Actor } from '#platform/actor.ts';
import type { Sql } from '#platform/db.ts';
import { getFile, readFileBytes } from '#modules/files/index.ts';
import { DossierErrors } from './dossiers.errors.ts';
import * as repo from './dossiers.repository.ts';
import { readDossier } from './read-dossier.ts';

/**
 * One attachment of a dossier, for whoever may read the dossier (404 otherwise, and for a
 * file that is not one of its documents). An officer's read is access-logged like the detail.
 */
export async function readAttachment(tx: Sql, ctx: Pick<AppContext, 'filesDir'>, input: { actor: Actor; id: string; fileId: string; now: Date }) {
  const dossier = await readDossier(tx, { actor: input.actor, id: input.id, what: `file:${input.fileId}`, now: input.now });
  const documents = await repo.listDocuments(tx, dossier.id);
  const document = documents.find((d) => d.fileId === input.fileId);
  const file = document ? await getFile(tx, document.fileId) : null;
  if (!document || !file) throw DossierErrors.ATTACHMENT_NOT_FOUND();
  return {
    bytes: await readFileBytes(ctx, file.sha256),
    mediaType: file.mediaType,
    name: file.originalName,
    componentCode: document.componentCode,
  };
}
