import type { Actor } from '#platform/actor.ts';
import type { Sql } from '#platform/db.ts';
import { validationFailed } from '#platform/errors.ts';
import type { ProcedureVersion } from '#modules/catalog/index.ts';
import { getFile } from '#modules/files/index.ts';
import { attempt } from './dossiers.repository.ts';
import type { DocumentRef } from './dossiers.contract.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A file exists and was uploaded by this actor (nobody attaches somebody else's upload). */
export async function isOwnFile(tx: Sql, fileId: string, actor: Actor): Promise<boolean> {
  // A well-formed id is looked up directly; anything else may fail its cast, behind a savepoint.
  const file = UUID.test(fileId) ? await getFile(tx, fileId) : await attempt(tx, () => getFile(tx, fileId));
  return !!file && file.uploadedBy === actor.id;
}

/**
 * Each attachment names a component of the frozen procedure version and a file the caller
 * uploaded; failures are reported per field (`documents.0.fileId`).
 */
export async function checkDocuments(
  tx: Sql,
  procedure: ProcedureVersion,
  actor: Actor,
  documents: DocumentRef[],
  field = 'documents',
): Promise<void> {
  const codes = new Set(procedure.components.map((c) => c.code));
  const problems: { field: string; message: string }[] = [];
  for (const [i, doc] of documents.entries()) {
    if (!codes.has(doc.componentCode)) {
      problems.push({ field: `${field}.${i}.componentCode`, message: `thành phần ${doc.componentCode} không có trong thủ tục` });
    }
    if (!(await isOwnFile(tx, doc.fileId, actor))) {
      problems.push({ field: `${field}.${i}.fileId`, message: 'tệp không tồn tại hoặc không do bạn tải lên' });
    }
  }
  if (problems.length > 0) throw validationFailed(problems);
}

