import { notifyAfterCommit, type Sql } from './db.ts';
import { LIVE_CHANNEL, liveMessage } from './live.ts';
import type { OutboxHandlers, OutboxRow } from './outbox.ts';

export interface DomainEvent {
  topic: string;
  key: string;
  payload: object;
  at: Date;
}

/** A read model kept in step with the state: runs inside the transaction that emits the event. */
export type InTransactionHandler = (tx: Sql, event: DomainEvent) => Promise<void>;

const inTransaction = new Map<string, Set<InTransactionHandler>>();

/** The key an event queues for a read model kept after commit (projections.ts), e.g. its dossier id. */
export type QueueKey = (event: DomainEvent) => string;
/** Topic → (projection name → the key its events queue). */
const queued = new Map<string, Map<string, QueueKey>>();

/**
 * Registers a read model kept after commit (platform/projections.ts): `emitEvents` queues
 * `keyOf(event)` for `projection` in the statement that writes the event (no extra round trip)
 * and pokes the projection's runners in every process once it commits. Idempotent.
 */
export function queueOnEvent(topic: string, projection: string, keyOf: QueueKey): void {
  let byProjection = queued.get(topic);
  if (!byProjection) queued.set(topic, (byProjection = new Map()));
  byProjection.set(projection, keyOf);
}

/** The live topic that wakes a queued projection's runners (sent after commit by `emitEvents`). */
export const projectionLiveTopic = (projection: string) => `projection:${projection}`;

/**
 * Registers a handler run by `emitEvent` in the emitting transaction (a projection such as the
 * indicators' per-day aggregates): it sees the state change, and fails or commits with it, so it
 * runs exactly once per event. Registering the same function twice has no effect.
 */
export function onEventInTransaction(topic: string, handler: InTransactionHandler): void {
  let handlers = inTransaction.get(topic);
  if (!handlers) inTransaction.set(topic, (handlers = new Set()));
  handlers.add(handler);
}

/**
 * Domain events go to the outbox in the same transaction as the state change. Delivery
 * (notifications, national-portal sync, exchange) happens after commit, from the outbox;
 * in-transaction handlers (small read models) run here, before the commit; queued projections
 * (the indicators) get their keys queued in the same statement and run after commit.
 *
 * Each producing module owns one catalogue of its topics and their payload types
 * (`defineEvents`), emits through it (`events.emit(tx, topic, …)`, typed by topic) and lists it
 * in its `Module` face; consumers import the catalogue (or its payload types) from the
 * producer's index and build their handlers with `handle(catalogue, {...})`. At boot every
 * produced topic must have exactly one handler (`eventWiringProblems` in module.ts).
 */
export async function emitEvent(tx: Sql, event: DomainEvent): Promise<void> {
  await emitEvents(tx, [event]);
}

/**
 * Several events in one statement; with `live`, the same statement also publishes live updates
 * (platform/live.ts: delivered after commit like the events themselves). Returns the outbox
 * ids of the events, in order.
 */
export async function emitEvents(tx: Sql, events: DomainEvent[], live: { topic: string; payload: unknown }[] = []): Promise<number[]> {
  const written = eventsInsert(events, live, 1);
  const [row] = await tx.query<{ ids: number[] | null }>(`WITH ${written.ctes} SELECT (SELECT array_agg(id ORDER BY id) FROM written) AS ids`, written.params);
  await noticesAfterCommit(tx, written.notices);
  await eventsWritten(tx, events);
  return (row?.ids ?? []).map(Number);
}

/**
 * The writes of `emitEvents` for a statement that writes the events together with the work they
 * record (one round trip less): `ctes`, the outbox insert (a writable CTE named `written`,
 * `RETURNING id`) and the queue of the projections kept after commit, for its WITH list;
 * `params`, numbered from `$<first>`; `notices`, the live updates and projection pokes, for
 * `noticesAfterCommit`. `payload` wraps the payload column (jsonb), e.g. to set a value
 * the statement itself computes. The caller runs `eventsWritten` once the statement is done.
 */
export function eventsInsert(
  events: DomainEvent[],
  live: { topic: string; payload: unknown }[],
  first: number,
  payload: (column: string) => string = (column) => column,
): { ctes: string; params: unknown[]; notices: string[] } {
  const toQueue = events.flatMap((e) => [...(queued.get(e.topic) ?? [])].map(([projection, keyOf]) => [projection, keyOf(e)] as const));
  const projections = [...new Set(toQueue.map(([projection]) => projection))];
  const notices = [...live.map((l) => liveMessage(l.topic, l.payload)), ...projections.map((p) => liveMessage(projectionLiveTopic(p), null))];
  const params: unknown[] = [
    events.map((e) => e.topic),
    events.map((e) => e.key),
    events.map((e) => JSON.stringify(e.payload)),
    events.map((e) => e.at.toISOString()),
  ];
  const $ = (i: number) => `$${first + i - 1}`;
  let queue = '';
  if (toQueue.length > 0) {
    params.push(
      toQueue.map(([projection]) => projection),
      toQueue.map(([, key]) => key),
    );
    queue = `, queued AS (INSERT INTO projection_queue (projection, key) SELECT * FROM unnest(${$(5)}::text[], ${$(6)}::text[]))`;
  }
  const ctes = `written AS (
       INSERT INTO outbox (topic, key, payload, created_at)
       SELECT e.topic, e.key, ${payload('e.payload')}, e.created_at
       FROM unnest(${$(1)}::text[], ${$(2)}::text[], ${$(3)}::jsonb[], ${$(4)}::timestamptz[]) AS e(topic, key, payload, created_at)
       RETURNING id
     )${queue}`;
  return { ctes, params, notices };
}

/** After the statement that wrote `events` (`eventsInsert`): their in-transaction handlers, in order. */
export async function eventsWritten(tx: Sql, events: DomainEvent[]): Promise<void> {
  for (const event of events) for (const handler of inTransaction.get(event.topic) ?? []) await handler(tx, event);
}

/** The `notices` of `eventsInsert`, sent once `tx` commits (db.ts `notifyAfterCommit`). */
export function noticesAfterCommit(tx: Sql, notices: string[]): Promise<void> {
  return notifyAfterCommit(tx, LIVE_CHANNEL, notices);
}

/** Topic → payload type of one producer. */
export type Payloads = { [topic: string]: object };

/** What the boot check reads of a catalogue. */
export interface EventTopics {
  readonly topics: readonly string[];
}

export interface EventCatalogue<P extends Payloads> extends EventTopics {
  /** Every topic of the catalogue (checked complete by the compiler). */
  readonly topics: readonly (keyof P & string)[];
  /** Writes one event into the outbox inside the caller's transaction. */
  emit<T extends keyof P & string>(tx: Sql, topic: T, event: { key: string; at: Date; payload: P[T] }): Promise<void>;
  /** Several events (and live updates) in one statement, see `emitEvents`. */
  emitAll(tx: Sql, events: EventOf<P>[], live?: { topic: string; payload: unknown }[]): Promise<number[]>;
}

/** One event of a catalogue, its payload typed by its topic. */
export type EventOf<P extends Payloads> = { [T in keyof P & string]: { topic: T; key: string; at: Date; payload: P[T] } }[keyof P & string];

/** The payload type of a catalogue's topic: `PayloadOf<typeof dossierEvents, 'dossier.due_soon'>`. */
export type PayloadOf<C, T extends string> = C extends EventCatalogue<infer P> ? (T extends keyof P ? P[T] : never) : never;

/**
 * A producer's catalogue. The object lists every topic once (`{ 'x.y': true }`): the compiler
 * refuses a missing or unknown topic, and the boot check reads the list.
 */
export function defineEvents<P extends Payloads>(topics: { [T in keyof P & string]: true }): EventCatalogue<P> {
  return {
    topics: Object.keys(topics) as (keyof P & string)[],
    emit: (tx, topic, event) => emitEvent(tx, { topic, ...event }),
    emitAll: (tx, events, live) => emitEvents(tx, events, live),
  };
}

/** Typed handlers for some topics of a catalogue (payloads arrive as written by `emit`). */
export function handle<P extends Payloads, T extends keyof P & string>(
  _catalogue: EventCatalogue<P>,
  handlers: { [K in T]: (payload: P[K], row: OutboxRow) => Promise<void> },
): OutboxHandlers {
  return handlers as unknown as OutboxHandlers;
}
