import type { AppContext } from './context.ts';
import type { Sql } from './db.ts';

/**
 * Delivery of outbox rows after commit (events.ts writes them inside the state change's
 * transaction). Rows of the handled topics are claimed one at a time in id order with a lease
 * (`available_at` pushed ahead, `FOR UPDATE SKIP LOCKED`), the handler runs outside any
 * transaction, then the row is marked `processed_at`; a failure records `last_error` and
 * retries later with exponential backoff (1 s, 2 s, 4 s … capped at 1 h). A crash mid-way or
 * two dispatchers at once may run a handler twice: handlers must be idempotent (key their
 * writes by the outbox id). A row in backoff does not hold up the rows after it.
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
export type OutboxHandler = (payload: Record<string, unknown>, row: OutboxRow) => Promise<void>;
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

async function claim(db: Sql, topics: string[], now: Date): Promise<OutboxRow | null> {
  const rows = await db.query<RawRow>(
    `UPDATE outbox SET attempts = attempts + 1, available_at = $3
      WHERE id = (SELECT id FROM outbox
                   WHERE processed_at IS NULL
                     AND topic IN (SELECT json_array_elements_text($1::json))
                     AND (available_at IS NULL OR available_at <= $2)
                   ORDER BY id LIMIT 1
                   FOR UPDATE SKIP LOCKED)
    RETURNING id, topic, key, payload, created_at, attempts`,
    [JSON.stringify(topics), now, new Date(now.getTime() + LEASE_MS)],
  );
  const r = rows[0];
  return r ? { id: Number(r.id), topic: r.topic, key: r.key, payload: r.payload, createdAt: r.created_at, attempts: r.attempts } : null;
}

/** Claims and handles one due row; null when none is due. */
async function processOne(ctx: OutboxCtx, handlers: OutboxHandlers): Promise<'done' | 'failed' | null> {
  const row = await claim(ctx.db, Object.keys(handlers), ctx.clock.now());
  if (!row) return null;
  try {
    await handlers[row.topic](row.payload, row);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    ctx.logger.warn({ outboxId: row.id, topic: row.topic, attempts: row.attempts, err: error }, 'outbox handler failed');
    await ctx.db.query('UPDATE outbox SET last_error = $2, available_at = $3 WHERE id = $1', [
      row.id,
      message.slice(0, 2000),
      new Date(ctx.clock.now().getTime() + backoffMs(row.attempts)),
    ]);
    return 'failed';
  }
  await ctx.db.query('UPDATE outbox SET processed_at = $2, last_error = NULL, available_at = NULL WHERE id = $1', [row.id, ctx.clock.now()]);
  return 'done';
}

/** Processes every row due now (tests, CLI); returns how many were handled successfully. */
export async function drainOutbox(ctx: OutboxCtx, handlers: OutboxHandlers, options: { stopped?: () => boolean } = {}): Promise<number> {
  let handled = 0;
  while (!options.stopped?.()) {
    const outcome = await processOne(ctx, handlers);
    if (outcome === null) return handled;
    if (outcome === 'done') handled++;
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
