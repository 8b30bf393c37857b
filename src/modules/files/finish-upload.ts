import fs from 'node:fs';
import type { AppContext } from '#platform/context.ts';
import type { Actor } from '#platform/actor.ts';
import { AppError } from '#platform/errors.ts';
import { FileErrors } from './files.errors.ts';
import type { StoredFile } from './files.service.ts';
import { uploadFile } from './upload-file.ts';
import { findOwnUpload, recordStoredFile, storedFileOf, type UploadStore, uploadPath } from './upload-store.ts';

/**
 * A resumable upload whose last byte has arrived becomes a stored file through the same
 * `uploadFile` as `POST /api/v1/files` (content check → 415, size limit → 413, SHA-256 blob,
 * a `files` row owned by the uploader). Idempotent: the stored file is remembered in the
 * upload's record, and a second call while the first runs joins it, so a retried last PATCH
 * (or `GET /api/v1/uploads/{id}`) answers the same file instead of storing a second one.
 * A refused upload (413/415) is removed: nothing is kept.
 */
export async function finishUpload(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'filesDir'>,
  store: UploadStore,
  input: { actor: Actor; uploadId: string },
): Promise<StoredFile> {
  const running = store.finishing.get(input.uploadId);
  if (running) {
    await findOwnUpload(store, input.actor, input.uploadId);
    return running;
  }
  const work = storeCompleteUpload(ctx, store, input);
  store.finishing.set(input.uploadId, work);
  try {
    return await work;
  } finally {
    store.finishing.delete(input.uploadId);
  }
}

async function storeCompleteUpload(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'filesDir'>,
  store: UploadStore,
  input: { actor: Actor; uploadId: string },
): Promise<StoredFile> {
  const upload = await findOwnUpload(store, input.actor, input.uploadId);
  const done = storedFileOf(upload);
  if (done) return done;
  if (upload.size === undefined || upload.offset < upload.size) {
    throw FileErrors.UPLOAD_INCOMPLETE({ offset: upload.offset }, { offset: upload.offset, size: upload.size ?? '?' });
  }
  try {
    const stored = await uploadFile(ctx, {
      actor: input.actor,
      stream: fs.createReadStream(uploadPath(store, upload.id)),
      filename: upload.metadata?.filename ?? undefined,
    });
    await recordStoredFile(store, upload.id, stored);
    return stored;
  } catch (error) {
    if (error instanceof AppError && error.spec.status < 500) await store.files.remove(upload.id).catch(() => {});
    throw error;
  }
}
