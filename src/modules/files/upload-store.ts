import path from 'node:path';
import { FileStore } from '@tus/file-store';
import type { Upload } from '@tus/server';
import type { AppContext } from '#platform/context.ts';
import type { Actor } from '#platform/actor.ts';
import { FileErrors } from './files.errors.ts';
import type { StoredFile } from './files.service.ts';

/**
 * Partial uploads of the resumable (tus) protocol: the bytes received so far in
 * `<MOTCUA_DATA_DIR>/uploads/<id>` and their record (`<id>.json`: declared size, creation date,
 * metadata) beside them, kept by `@tus/file-store`. The metadata holds the owner (`owner`,
 * set by the server, never by the client), the original name (`filename`) and, once the
 * upload is stored as a file, the stored file's answer (`stored`).
 */
export const UPLOAD_EXPIRY_MS = 24 * 60 * 60 * 1000;
const UPLOAD_ID = /^[0-9a-f]{32}$/;

export interface UploadStore {
  files: FileStore;
  /** Finishing steps running in this process, by upload id (a retried last PATCH joins the running one). */
  finishing: Map<string, Promise<StoredFile>>;
}

export function openUploadStore(ctx: Pick<AppContext, 'config'>): UploadStore {
  const directory = path.resolve(ctx.config.MOTCUA_DATA_DIR, 'uploads');
  return { files: new FileStore({ directory, expirationPeriodInMilliseconds: UPLOAD_EXPIRY_MS }), finishing: new Map() };
}

/** The caller's own upload; UPLOAD_NOT_FOUND for an unknown id, a removed upload or another user's. */
export async function findOwnUpload(store: UploadStore, actor: Actor, id: string): Promise<Upload> {
  if (!UPLOAD_ID.test(id)) throw FileErrors.UPLOAD_NOT_FOUND();
  let upload: Upload;
  try {
    upload = await store.files.getUpload(id);
  } catch (error) {
    // tus errors ({status_code, body}): unknown id, or the bytes are gone.
    if ((error as { status_code?: number }).status_code) throw FileErrors.UPLOAD_NOT_FOUND();
    throw error;
  }
  if (upload.metadata?.owner !== actor.id) throw FileErrors.UPLOAD_NOT_FOUND();
  return upload;
}

/** The stored file an upload became, or null while it has not been stored. */
export function storedFileOf(upload: Upload): StoredFile | null {
  const raw = upload.metadata?.stored;
  return raw ? (JSON.parse(raw) as StoredFile) : null;
}

/** Remembers the stored file in the upload's record (the declared size and creation date stay). */
export async function recordStoredFile(store: UploadStore, id: string, stored: StoredFile): Promise<void> {
  const record = await store.files.configstore.get(id);
  if (!record) return;
  record.metadata = { ...record.metadata, stored: JSON.stringify(stored) };
  await store.files.configstore.set(id, record);
}

export function uploadPath(store: UploadStore, id: string): string {
  return path.join(store.files.directory, id);
}
