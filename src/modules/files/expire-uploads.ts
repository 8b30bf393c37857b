import type { AppContext } from '../../http/context.ts';
import { schedulePeriodic } from '#platform/jobs.ts';
import type { UploadStore } from './upload-store.ts';

export const EXPIRE_UPLOADS_QUEUE = 'files.expire_uploads';

/**
 * Removes uploads created more than 24 hours ago (`UPLOAD_EXPIRY_MS`): incomplete ones, and
 * finished ones whose file is already stored (the stored file stays). Returns how many.
 */
export async function expireUploads(store: UploadStore): Promise<number> {
  return store.files.deleteExpired();
}

/** Runs the clean-up every hour on pg-boss when jobs are started. */
export function scheduleExpireUploads(ctx: AppContext, store: UploadStore): Promise<void> {
  return schedulePeriodic(ctx.jobs, EXPIRE_UPLOADS_QUEUE, '17 * * * *', async () => {
    const removed = await expireUploads(store);
    if (removed > 0) ctx.logger.info({ removed }, 'expired uploads removed');
  });
}
