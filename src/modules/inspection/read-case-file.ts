import type { Actor } from '#platform/actor.ts';
import { audit } from '#platform/audit.ts';
import type { AppContext } from '#platform/context.ts';
import type { Sql } from '#platform/db.ts';
import { getFile, readFileBytes } from '#modules/files/index.ts';
import { caseFor } from './act-on-case.ts';
import { InspectionErrors } from './inspection.errors.ts';
import * as repo from './inspection.repository.ts';

/**
 * A file attached to a recorded visit (the signed record's scan, a photo of the premises), for
 * whoever sees the case — the head of inspection reads what the inspector attached; 404 for anyone
 * else and for a file no visit of this case holds. Each read is audited on the case's chain.
 */
export async function readCaseFile(tx: Sql, ctx: Pick<AppContext, 'filesDir'>, input: { actor: Actor; id: string; fileId: string; now: Date }) {
  const c = await caseFor(tx, input.actor, input.id);
  const attached = (await repo.caseActions(tx, c.id)).some((a) => a.action === 'record_visit' && Array.isArray(a.data.files) && a.data.files.includes(input.fileId));
  const file = attached ? await getFile(tx, input.fileId) : null;
  if (!file) throw InspectionErrors.CASE_FILE_NOT_FOUND();
  await audit(tx, input, 'inspection.case_file_read', { chain: `inspection-case:${c.id}`, subject: ['inspection_case', c.id], data: { fileId: file.id } });
  return { bytes: await readFileBytes(ctx, file.sha256), mediaType: file.mediaType, name: file.originalName };
}
