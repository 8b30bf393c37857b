import type { AppContext } from './context.ts';
import type { Sql } from './db.ts';
import type { PeriodicJob } from './module.ts';

/**
 * Dọn dẹp: rows the platform needs for a while only, deleted once their time has passed — hourly,
 * a batch at a time (no statement holds many rows' locks or a long transaction):
 * - stored answers of `Idempotency-Key`s older than MOTCUA_IDEMPOTENCY_KEEP_DAYS (default 30): a
 *   retry within that window replays its answer; the answers hold the applicant's personal data,
 *   which is kept in the dossier, not in a copy for ever;
 * - outbox rows handled more than MOTCUA_OUTBOX_KEEP_DAYS ago (default 7): an unhandled row is
 *   never deleted, whatever its age;
 * - sessions expired or revoked more than 30 days ago (sign-ins stay in the audit log).
 * Without it these tables grow with every dossier for ever (two stored answers and about four
 * outbox rows a dossier).
 */
export interface Housekept {
  idempotencyKeys: number;
  outbox: number;
  sessions: number;
}

const BATCH = 5000;
const SESSION_KEEP_DAYS = 30;
const DAY_MS = 86_400_000;

/** Deletes in batches of BATCH until fewer are left; how many. */
async function inBatches(db: Sql, sql: string, before: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const rows = await db.query<{ n: number }>(`WITH gone AS (${sql} RETURNING 1) SELECT count(*)::int AS n FROM gone`, [before, BATCH]);
    total += rows[0].n;
    if (rows[0].n < BATCH) return total;
  }
}

export async function housekeep(db: Sql, now: Date, keep: { idempotencyDays: number; outboxDays: number }): Promise<Housekept> {
  const ago = (days: number) => new Date(now.getTime() - days * DAY_MS);
  return {
    idempotencyKeys: await inBatches(
      db,
      'DELETE FROM idempotency_keys WHERE (scope, key) IN (SELECT scope, key FROM idempotency_keys WHERE created_at < $1 LIMIT $2)',
      ago(keep.idempotencyDays),
    ),
    outbox: await inBatches(db, 'DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE processed_at < $1 LIMIT $2)', ago(keep.outboxDays)),
    sessions: await inBatches(
      db,
      'DELETE FROM sessions WHERE id IN (SELECT id FROM sessions WHERE coalesce(revoked_at, expires_at) < $1 LIMIT $2)',
      ago(SESSION_KEEP_DAYS),
    ),
  };
}

export const housekeepingJob: PeriodicJob = {
  queue: 'platform.housekeeping',
  cron: '17 * * * *',
  async run(ctx: AppContext) {
    const done = await housekeep(ctx.db, ctx.clock.now(), {
      idempotencyDays: ctx.config.MOTCUA_IDEMPOTENCY_KEEP_DAYS,
      outboxDays: ctx.config.MOTCUA_OUTBOX_KEEP_DAYS,
    });
    if (done.idempotencyKeys + done.outbox + done.sessions > 0) ctx.logger.info(done, 'housekeeping: old rows deleted');
  },
};
