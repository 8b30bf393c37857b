import type { PeriodicJob } from '#platform/module.ts';
import { openUploadStore, type UploadStore } from './upload-store.ts';

const EXPIRE_UPLOADS_QUEUE = 'files.expire_uploads';

/**
 * Removes uploads created more than 24 hours ago (`UPLOAD_EXPIRY_MS`): incomplete ones, and
 * finished ones whose file is already stored (the stored file stays). Returns how many.
 */
export async function expireUploads(store: UploadStore): Promise<number> {
  return store.files.deleteExpired();
}

/** Runs the clean-up every hour on pg-boss when jobs are started. */
export const expireUploadsJob: PeriodicJob = {
  queue: EXPIRE_UPLOADS_QUEUE,
  cron: '17 * * * *',
  async run(ctx) {
    const removed = await expireUploads(openUploadStore(ctx));
    if (removed > 0) ctx.logger.info({ removed }, 'expired uploads removed');
  },
};
