import type { AppContext } from '../http/context.ts';

/** One outbox row as handlers see it. */
export interface OutboxRow {
  id: number;
  topic: string;
  key: string;
  payload: Record<string, unknown>;
  createdAt: Date;
  attempts: number;
}

/** Handlers by topic. They run after commit and may run more than once: make them idempotent. */
export type OutboxHandler = (payload: Record<string, unknown>, row: OutboxRow) => Promise<void>;
export type OutboxHandlers = Record<string, OutboxHandler>;

export interface OutboxDispatcher {
  /** Process pending rows soon (without waiting for the next poll). */
  poke(): void;
  stop(): Promise<void>;
}

export function startOutboxDispatcher(_ctx: Pick<AppContext, 'db' | 'clock' | 'logger'>, _handlers: OutboxHandlers): OutboxDispatcher {
  throw new Error('outbox dispatcher not built yet');
}

/** Processes every row pending now (tests); returns how many were handled. */
export async function drainOutbox(_ctx: Pick<AppContext, 'db' | 'clock' | 'logger'>, _handlers: OutboxHandlers): Promise<number> {
  throw new Error('outbox dispatcher not built yet');
}
