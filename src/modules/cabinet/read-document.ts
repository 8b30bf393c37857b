import type { AppContext } from '#platform/context.ts';
import type { Actor } from '#platform/actor.ts';
import { audit } from '#platform/audit.ts';
import { toLocalIso } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { getFile, readFileBytes } from '#modules/files/index.ts';
import { CabinetErrors } from './cabinet.errors.ts';
import { formatLocal } from './opinion-forms.ts';
import { watermarkDocument } from './watermark.ts';

/**
 * One confidential document of a form, an agenda item or a conclusion, for a reader the caller
 * has already admitted: a file not listed there is 404; the read is audited (who, which file,
 * when) in the object's chain; the bytes come back as a PDF with the reader's name as watermark.
 */
export async function readConfidentialDocument(
  ctx: Pick<AppContext, 'clock' | 'filesDir'>,
  tx: Sql,
  input: { actor: Actor; fileId: string; listed: string[]; chain: string; subjectType: string; subjectId: string },
): Promise<{ pdf: Buffer; name: string }> {
  if (!input.listed.includes(input.fileId)) throw CabinetErrors.DOCUMENT_NOT_FOUND();
  const file = await getFile(tx, input.fileId);
  if (!file) throw CabinetErrors.DOCUMENT_NOT_FOUND();
  const now = ctx.clock.now();
  const bytes = await readFileBytes(ctx, file.sha256);
  const pdf = await watermarkDocument({ bytes, mediaType: file.mediaType, reader: `${input.actor.fullName} (${input.actor.username})`, at: formatLocal(now) });
  await audit(tx, { actor: input.actor, now }, 'cabinet.document.read', {
    chain: input.chain,
    subject: [input.subjectType, input.subjectId],
    data: { fileId: file.id, sha256: file.sha256, at: toLocalIso(now) },
  });
  const base = file.originalName.replace(/\.[^.]+$/, '');
  return { pdf, name: `${base}.pdf` };
}
