import { randomUUID } from 'node:crypto';
import type { AppContext } from '#platform/context.ts';
import type { Sql } from '#platform/db.ts';
import { readBlob, SHA256_PATTERN, writeBlob } from './blob-store.ts';
import { FileErrors } from './files.errors.ts';
import * as repo from './files.repository.ts';

/** What may be uploaded, recognised by content (file-type), never by name or declared type. */
export const ALLOWED_MEDIA_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
] as const;
export type AllowedMediaType = (typeof ALLOWED_MEDIA_TYPES)[number];

export function isAllowedMediaType(mediaType: string | undefined): mediaType is AllowedMediaType {
  return (ALLOWED_MEDIA_TYPES as readonly string[]).includes(mediaType ?? '');
}

/** A live file's metadata: its row without the upload time. */
export type FileInfo = Omit<repo.FileRow, 'createdAt'>;

/** The upload answer (api.md §5). */
export interface StoredFile {
  fileId: string;
  sha256: string;
  size: number;
  mediaType: string;
}

/** File names are kept in Unicode NFC, without path parts or control characters. */
function cleanName(name: string | undefined, fallback = 'tep'): string {
  const base = (name ?? '').normalize('NFC').split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 255);
  return cleaned || fallback;
}

/** Metadata of a live file; null for an unknown or deleted id. */
export async function getFile(tx: Sql, fileId: string): Promise<FileInfo | null> {
  const row = await repo.findFile(tx, fileId);
  if (!row) return null;
  const { createdAt: _createdAt, ...info } = row;
  return info;
}

/** The stored bytes of a blob; FILE_NOT_FOUND when absent. */
export async function readFileBytes(ctx: Pick<AppContext, 'filesDir'>, sha256: string): Promise<Buffer> {
  const bytes = SHA256_PATTERN.test(sha256) ? await readBlob(ctx.filesDir, sha256) : null;
  if (!bytes) throw FileErrors.FILE_NOT_FOUND();
  return bytes;
}

/** Records a file row for a blob already in place. */
export async function recordFile(
  ctx: Pick<AppContext, 'clock'>,
  tx: Sql,
  input: { sha256: string; size: number; mediaType: string; name: string | undefined; uploadedBy: string },
): Promise<StoredFile> {
  const id = randomUUID();
  await repo.insertFile(tx, {
    id,
    sha256: input.sha256,
    size: input.size,
    mediaType: input.mediaType,
    originalName: cleanName(input.name),
    uploadedBy: input.uploadedBy,
    createdAt: ctx.clock.now(),
  });
  return { fileId: id, sha256: input.sha256, size: input.size, mediaType: input.mediaType };
}

/**
 * Stores a generated document (receipt PDF, ledger…). The caller vouches for `mediaType`;
 * nothing is sniffed. Returns the new file row.
 */
export async function storeBytes(
  ctx: Pick<AppContext, 'filesDir' | 'clock'>,
  tx: Sql,
  input: { bytes: Buffer; mediaType: string; name: string; uploadedBy: string },
): Promise<StoredFile> {
  const sha256 = await writeBlob(ctx.filesDir, input.bytes);
  return recordFile(ctx, tx, { sha256, size: input.bytes.length, mediaType: input.mediaType, name: input.name, uploadedBy: input.uploadedBy });
}
