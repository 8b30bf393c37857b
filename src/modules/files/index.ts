import { defineModule } from '#platform/module.ts';
import { expireUploadsJob } from './expire-uploads.ts';
import { filesRoutes } from './files.routes.ts';

/**
 * Files (tệp đính kèm): uploads checked by content, stored once per SHA-256 under
 * `ctx.filesDir/<aa>/<sha256>`, one `files` row per upload (or generated document).
 *
 * Contract for other modules:
 * - `getFile(tx, fileId)` → the file's metadata, or null (unknown id, or deleted).
 * - `readFileBytes(ctx, sha256)` → the stored bytes (throws FILE_NOT_FOUND when the blob is missing).
 * - `storeBytes(ctx, tx, {bytes, mediaType, name, uploadedBy})` → stores a generated document
 *   (no content check: the caller vouches for `mediaType`) and returns its new file row.
 * - routes: POST /api/v1/files (multipart field `file`), GET /api/v1/files/{id} (uploader only),
 *   and resumable uploads (tus) under /api/v1/uploads whose last byte stores the file the same way.
 */
export { FileErrors } from './files.errors.ts';
export { multipartFileBytes } from './multipart-bytes.ts';
export { getFile, readFileBytes, storeBytes, ALLOWED_MEDIA_TYPES } from './files.service.ts';
export type { FileInfo, StoredFile, AllowedMediaType } from './files.service.ts';

export const module = defineModule({ name: 'files', routes: filesRoutes, jobs: [expireUploadsJob] });
