import type { AppContext } from './context.ts';
import type { Db, Sql } from './db.ts';
import { projectionLiveTopic, type QueueKey } from './events.ts';
import { subscribeLive } from './live.ts';
import { requestTransactions } from './request-transaction.ts';

/**
 * Read models kept after commit (issue 13 item 4): a state change's transaction only queues the
 * key of what changed (`emitEvents` writes it into `projection_queue` in the outbox's own
 * statement, migration 0050) and wakes the projection's runners after commit (a live event,
 * every process). A runner takes the queue in id order, in batches of up to 500 rows, and in one
 * transaction: takes the projection's lock (advisory, so one batch at a time across processes),
 * deletes the rows it takes, and brings the read model in step with the keys' current state.
 *
 * - Nothing lost: the rows are deleted in the transaction that writes the read model; a batch that
 *   fails or a process that dies rolls its deletions back, and the rows wait for the next run.
 * - Nothing counted twice: `project` recomputes each key from the state and writes the
 *   difference with what the read model holds, under the lock; a key taken again (the same
 *   dossier changed twice, a retried batch) brings a zero difference.
 * - Why a queue and not a high-water mark on outbox ids: ids are taken at insert and committed in
 *   another order, so "every id ≤ N is projected" cannot be known without waiting on every writer.
 * - Within seconds: runners wake on the live event (milliseconds after commit), and sweep every
 *   second for what a lost notification or a crash left. Under load a runner lets the queue fill
 *   for 250 ms after each batch that was not full, so batches grow with the load (a batch costs
 *   about the same statements for 1 key or 200); a lone change is projected at once.
 *
 * Tests and the CLI read the read model after `drainProjection` (deterministic, no sleeping).
 */
export interface QueuedProjection {
  /** Its name: the queue's `projection` column, its lock, its live wake-up topic. */
  name: string;
  /** The topics it follows, each with the key its events queue (e.g. the dossier id). */
  keys: { readonly [topic: string]: QueueKey };
  /**
   * Brings the read model in step with the current state of `keys` (distinct), inside `tx`,
   * which holds the projection's lock. Must recompute from the state: a key may come again.
   */
  project(tx: Sql, keys: string[]): Promise<void>;
}

const BATCH = 500;
const SWEEP_MS = 1000;
const GATHER_MS = 250;

/** The projection's lock, held until `tx` ends: its batches and its rebuild run one at a time. */
export async function lockProjection(tx: Sql, name: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`projection|${name}`]);
}

/** Projects one batch of the queue; returns how many queued rows it took (0 when none). */
export async function projectBatch(db: Db, projection: QueuedProjection, limit = BATCH): Promise<number> {
  return db.transaction(async (tx) => {
    await lockProjection(tx, projection.name);
    const rows = await tx.query<{ key: string }>(
      `DELETE FROM projection_queue
        WHERE id IN (SELECT id FROM projection_queue WHERE projection = $1 ORDER BY id LIMIT $2)
        RETURNING key`,
      [projection.name, limit],
    );
    if (rows.length > 0) await projection.project(tx, [...new Set(rows.map((r) => r.key))]);
    return rows.length;
  });
}

/**
 * Projects everything queued for `projection` (what committed before the call, and what arrives
 * meanwhile); returns how many queued rows it took. Waits for a batch another runner holds.
 */
export async function drainProjection(db: Db, projection: QueuedProjection): Promise<number> {
  let taken = 0;
  for (let n = await projectBatch(db, projection); n > 0; n = await projectBatch(db, projection)) taken += n;
  return taken;
}

async function pending(db: Db, name: string): Promise<boolean> {
  const [row] = await db.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM projection_queue WHERE projection = $1) AS any', [name]);
  return row?.any === true;
}

export interface ProjectionRunners {
  stop(): Promise<void>;
}

/**
 * Starts a runner per projection: it drains on every wake-up (coalesced: one drain at a time,
 * another after it if woken meanwhile), at start (what a crash left) and every second if rows
 * wait. Stopped at shutdown, after the batch in hand.
 */
export function startProjections(ctx: Pick<AppContext, 'db' | 'logger'>, projections: readonly QueuedProjection[]): ProjectionRunners {
  let stopped = false;
  const runners = projections.map((projection) => {
    let current: Promise<void> | null = null;
    let again = false;
    const run = (check: boolean) => {
      if (stopped) return;
      if (current) {
        again = true;
        return;
      }
      // outside any request's transaction (a wake-up may arrive in a request's async context)
      current = requestTransactions
        .exit(async () => {
          if (check && !(await pending(ctx.db, projection.name))) return;
          for (let n = await projectBatch(ctx.db, projection); n > 0 && !stopped; n = stopped ? 0 : await projectBatch(ctx.db, projection)) {
            if (n < BATCH) await new Promise((r) => setTimeout(r, GATHER_MS));
          }
        })
        .catch((error) => ctx.logger.error({ err: error, projection: projection.name }, 'projection failed; retried at the next sweep'))
        .finally(() => {
          current = null;
          if (again && !stopped) {
            again = false;
            setImmediate(() => run(false));
          }
        });
    };
    const unsubscribe = subscribeLive(projectionLiveTopic(projection.name), () => run(false));
    const sweep = setInterval(() => run(true), SWEEP_MS);
    sweep.unref();
    run(true);
    return {
      async stop() {
        unsubscribe();
        clearInterval(sweep);
        await current;
      },
    };
  });
  return {
    async stop() {
      stopped = true;
      for (const r of runners) await r.stop();
    },
  };
}
