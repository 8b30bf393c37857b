import type { AppContext } from './context.ts';
import type { Sql } from './db.ts';

/**
 * Delivery of outbox rows after commit (events.ts writes them inside the state change's
 * transaction). Rows of the handled topics are claimed in id order, up to 100 at a time, with a
 * lease (`available_at` pushed ahead, `FOR UPDATE SKIP LOCKED`: two dispatchers never claim the
 * same row); the rows go to their handlers in id order, outside any transaction (a topic with a
 * batch handler takes all its rows of the batch at its first row's place, still in id order among
 * themselves), and the rows
 * handled are marked `processed_at` together at the end of the batch (one statement rather than
 * two per row). A failure records `last_error` on its row only, which retries later with
 * exponential backoff (1 s, 2 s, 4 s … capped at 1 h). A batch still in hand at half the lease
 * or at stop gives its unhandled rows back. A crash mid-way (rows handled, not yet marked) or a
 * lease that runs out may run a handler twice: handlers must be idempotent (key their writes by
 * the outbox id). A row in backoff does not hold up the rows after it.
 */

/** One outbox row as handlers see it. */
export interface OutboxRow {
  id: number;
  topic: string;
  key: string;
  payload: Record<string, unknown>;
  createdAt: Date;
  /** Tries so far, this one included. */
  attempts: number;
}

/** Handlers by topic. They run after commit and may run more than once: make them idempotent. */
export type OutboxHandler = ((payload: Record<string, unknown>, row: OutboxRow) => Promise<void>) & {
  /** Several rows of the topic at once (see `batchHandler`). */
  all?: (rows: OutboxRow[]) => Promise<void>;
};
export type OutboxHandlers = Record<string, OutboxHandler>;

export interface OutboxDispatcher {
  /** Process pending rows now rather than at the next poll. */
  poke(): void;
  /** Stops polling and waits for the row in hand. */
  stop(): Promise<void>;
}

type OutboxCtx = Pick<AppContext, 'db' | 'clock' | 'logger'>;

const OUTBOX_POLL_MS = 300;
const LEASE_MS = 60_000;
const BATCH = 100;
const MAX_BACKOFF_MS = 3_600_000;

export const backoffMs = (attempts: number) => Math.min(1000 * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);

interface RawRow {
  id: number;
  topic: string;
  key: string;
  payload: Record<string, unknown>;
  created_at: Date;
  attempts: number;
}

/**
 * A handler that also takes the rows of its topic in a batch together (`all`, e.g. one insert
 * for them all, in id order). A failing `all` is retried row by row with `each` at once, so a
 * failure still costs only its own row a retry.
 */
export function batchHandler<P>(
  each: (payload: P, row: OutboxRow) => Promise<void>,
  all: (rows: OutboxRow[]) => Promise<void>,
): (payload: P, row: OutboxRow) => Promise<void> {
  return Object.assign(each, { all });
}

async function claim(db: Sql, topics: string[], now: Date): Promise<OutboxRow[]> {
  const rows = await db.query<RawRow>(
    `UPDATE outbox SET attempts = attempts + 1, available_at = $3
      WHERE id IN (SELECT id FROM outbox
                    WHERE processed_at IS NULL
                      AND topic IN (SELECT json_array_elements_text($1::json))
                      AND (available_at IS NULL OR available_at <= $2)
                    ORDER BY id LIMIT $4
                    FOR UPDATE SKIP LOCKED)
    RETURNING id, topic, key, payload, created_at, attempts`,
    [JSON.stringify(topics), now, new Date(now.getTime() + LEASE_MS), BATCH],
  );
  return rows
    .map((r) => ({ id: Number(r.id), topic: r.topic, key: r.key, payload: r.payload, createdAt: r.created_at, attempts: r.attempts }))
    .sort((a, b) => a.id - b.id);
}

/**
 * Claims a batch of due rows and hands each to its handler in id order; returns how many were
 * handled successfully, or null when none was due.
 */
async function processBatch(ctx: OutboxCtx, handlers: OutboxHandlers, stopped: () => boolean): Promise<number | null> {
  const claimed = Date.now();
  const rows = await claim(ctx.db, Object.keys(handlers), ctx.clock.now());
  if (rows.length === 0) return null;
  const done: number[] = [];
  const taken = new Set<number>();
  const fail = async (row: OutboxRow, error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    ctx.logger.warn({ outboxId: row.id, topic: row.topic, attempts: row.attempts, err: error }, 'outbox handler failed');
    await ctx.db.query('UPDATE outbox SET last_error = $2, available_at = $3 WHERE id = $1', [
      row.id,
      message.slice(0, 2000),
      new Date(ctx.clock.now().getTime() + backoffMs(row.attempts)),
    ]);
  };
  const each = async (row: OutboxRow) => {
    try {
      await handlers[row.topic](row.payload, row);
      done.push(row.id);
    } catch (error) {
      await fail(row, error);
    }
  };
  for (const row of rows) {
    if (taken.has(row.id)) continue;
    if (stopped() || Date.now() - claimed > LEASE_MS / 2) break;
    const all = handlers[row.topic].all;
    const group = all ? rows.filter((r) => r.topic === row.topic && !taken.has(r.id)) : [row];
    for (const r of group) taken.add(r.id);
    if (all && group.length > 1) {
      try {
        await all(group);
        done.push(...group.map((r) => r.id));
        continue;
      } catch (error) {
        ctx.logger.warn({ topic: row.topic, rows: group.length, err: error }, 'outbox batch handler failed; retried row by row');
      }
    }
    for (const r of group) await each(r);
  }
  if (done.length > 0) {
    await ctx.db.query('UPDATE outbox SET processed_at = $2, last_error = NULL, available_at = NULL WHERE id = ANY($1::bigint[])', [done, ctx.clock.now()]);
  }
  const left = rows.filter((r) => !taken.has(r.id)).map((r) => r.id);
  if (left.length > 0) {
    // not tried: give them back as they were, due now
    await ctx.db.query('UPDATE outbox SET attempts = attempts - 1, available_at = NULL WHERE id = ANY($1::bigint[])', [left]);
  }
  return done.length;
}

/** Processes every row due now (tests, CLI); returns how many were handled successfully. */
export async function drainOutbox(ctx: OutboxCtx, handlers: OutboxHandlers, options: { stopped?: () => boolean } = {}): Promise<number> {
  const stopped = options.stopped ?? (() => false);
  let handled = 0;
  while (!stopped()) {
    const outcome = await processBatch(ctx, handlers, stopped);
    if (outcome === null) return handled;
    handled += outcome;
  }
  return handled;
}

/** Polls every ~300 ms (and on `poke()`) until stopped. */
export function startOutboxDispatcher(ctx: OutboxCtx, handlers: OutboxHandlers): OutboxDispatcher {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<void> | null = null;
  let again = false;

  const schedule = () => {
    if (!stopped) timer = setTimeout(tick, OUTBOX_POLL_MS);
  };
  function tick(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    if (stopped) return;
    if (current) {
      again = true;
      return;
    }
    current = drainOutbox(ctx, handlers, { stopped: () => stopped })
      .then(() => undefined)
      .catch((error) => ctx.logger.error({ err: error }, 'outbox dispatcher failed'))
      .finally(() => {
        current = null;
        if (again) {
          again = false;
          setImmediate(tick);
        } else {
          schedule();
        }
      });
  }
  schedule();
  return {
    poke: () => tick(),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
