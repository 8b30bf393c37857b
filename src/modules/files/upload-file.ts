import type { Readable } from 'node:stream';
import { fileTypeFromFile } from 'file-type';
import type { AppContext } from '#platform/context.ts';
import type { Actor } from '#platform/actor.ts';
import { receiveBlob } from './blob-store.ts';
import { FileErrors } from './files.errors.ts';
import { isAllowedMediaType, recordFile, type StoredFile } from './files.service.ts';

export const tooLarge = (ctx: Pick<AppContext, 'config'>) =>
  FileErrors.FILE_TOO_LARGE({}, { maxMb: Math.round((ctx.config.MOTCUA_MAX_UPLOAD_BYTES / 1024 / 1024) * 10) / 10 });

/**
 * An upload: streamed to a temp file while hashing, recognised by its content, then moved to
 * its content address and recorded as a new `files` row owned by the uploader. The same content
 * uploaded twice shares one blob but gets two rows (each upload has its own owner and name).
 */
export async function uploadFile(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'filesDir'>,
  input: { actor: Actor; stream: Readable & { truncated?: boolean }; filename: string | undefined },
): Promise<StoredFile> {
  let blob: Awaited<ReturnType<typeof receiveBlob>>;
  try {
    blob = await receiveBlob(ctx.filesDir, input.stream);
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(ctx);
    throw error;
  }
  try {
    if (blob.truncated || blob.size > ctx.config.MOTCUA_MAX_UPLOAD_BYTES) throw tooLarge(ctx);
    const detected = await fileTypeFromFile(blob.tempPath);
    if (!isAllowedMediaType(detected?.mime)) throw FileErrors.UNSUPPORTED_FILE_TYPE({ detected: detected?.mime ?? null });
    const mediaType = detected.mime;
    await blob.commit();
    return await ctx.db.transaction((tx) =>
      recordFile(ctx, tx, { sha256: blob.sha256, size: blob.size, mediaType, name: input.filename, uploadedBy: input.actor.id }),
    );
  } finally {
    await blob.discard();
  }
}
