import type { Sql } from './db.ts';

/**
 * Domain events go to the outbox in the same transaction as the state change. Delivery
 * (notifications, national-portal sync, exchange) happens after commit, from the outbox.
 */
export async function emitEvent(
  tx: Sql,
  event: { topic: string; key: string; payload: Record<string, unknown>; at: Date },
): Promise<void> {
  await tx.query('INSERT INTO outbox (topic, key, payload, created_at) VALUES ($1, $2, $3, $4)', [
    event.topic,
    event.key,
    event.payload,
    event.at,
  ]);
}
