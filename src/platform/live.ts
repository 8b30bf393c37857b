import { randomFillSync } from 'node:crypto';
import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import pg from 'pg';
import { type Db, notifyAfterCommit, type Sql } from './db.ts';

/**
 * Live updates across processes (issue 13 item 5): PostgreSQL `NOTIFY` on one channel, every
 * process `LISTEN`s (PGlite: in-process, same API), and a process-wide hub hands each event to
 * the subscribers of its topic — in this process, whichever process committed it.
 *
 *   publishLive(tx, `dossier:${id}`, { id, status })   // inside the work's transaction
 *   const stop = subscribeLive(`dossier:${id}`, (event) => …)
 *   app.get('/api/v1/…/live', (req, reply) => streamLive(req, reply, [topic]))   // SSE
 *
 * - Sent right after commit, never for work rolled back (db.ts `notifyAfterCommit`: a NOTIFY
 *   inside the transaction would serialize every such commit); in the same order in every process.
 * - Payloads are small (ids and statuses, never documents): NOTIFY carries at most 8000 bytes,
 *   `publishLive` refuses more than 7,000.
 * - At most once: a process that loses its LISTEN connection (PostgreSQL restart) misses what
 *   was sent meanwhile; its streams then receive `event: reset` so clients read the state again.
 *   Live events are a hint to refresh, the database stays the truth.
 */
export const LIVE_CHANNEL = 'motcua_live';
const MAX_PAYLOAD_BYTES = 7000;
const TOPIC = /^[A-Za-z0-9:._-]{1,120}$/;
/** How many recent events each process keeps to replay after a reconnection (Last-Event-ID). */
const REPLAY_EVENTS = 1000;

export interface LiveEvent<P = unknown> {
  /** Unique per event, the same in every process (the SSE `id:`). */
  id: string;
  topic: string;
  payload: P;
}

type Handler = (event: LiveEvent) => void;

/** Sends `payload` to the subscribers of `topic` in every process once `sql`'s transaction commits. */
export async function publishLive(sql: Sql, topic: string, payload: unknown = null): Promise<void> {
  await notifyAfterCommit(sql, LIVE_CHANNEL, [liveMessage(topic, payload)]);
}

/** Several live events, delivered like `publishLive`'s. */
export async function publishLiveAll(sql: Sql, events: { topic: string; payload?: unknown }[]): Promise<void> {
  await notifyAfterCommit(sql, LIVE_CHANNEL, events.map((e) => liveMessage(e.topic, e.payload ?? null)));
}

/**
 * A new event id: 9 random bytes as base64url (12 characters), taken from a pool filled 512 ids
 * at a time — one call to the system's random source per 512 events instead of one per event,
 * which cost more than everything else `liveMessage` does (as `crypto.randomUUID` pools its bytes).
 */
const ID_BYTES = 9;
const idPool = Buffer.alloc(ID_BYTES * 512);
let idOffset = idPool.length;
export function newEventId(): string {
  if (idOffset === idPool.length) {
    randomFillSync(idPool);
    idOffset = 0;
  }
  const id = idPool.toString('base64url', idOffset, idOffset + ID_BYTES);
  idOffset += ID_BYTES;
  return id;
}

/** The NOTIFY text of one live event (checked: topic shape, size). */
export function liveMessage(topic: string, payload: unknown): string {
  if (!TOPIC.test(topic)) throw new Error(`live topic must match ${TOPIC}: ${topic}`);
  const event: LiveEvent = { id: newEventId(), topic, payload };
  const text = JSON.stringify(event);
  if (Buffer.byteLength(text) > MAX_PAYLOAD_BYTES) {
    throw new Error(`live payload of ${Buffer.byteLength(text)} bytes for ${topic}: send ids, not documents (≤ ${MAX_PAYLOAD_BYTES})`);
  }
  return text;
}

// ——— the process's hub ———

const subscribers = new Map<string, Set<Handler>>();
const resetListeners = new Set<() => void>();
/** Recent events in arrival order (the same order in every process), for Last-Event-ID replay. */
const recent: LiveEvent[] = [];

/** Calls `handler` with every event of `topic` delivered to this process; returns the unsubscribe. */
export function subscribeLive(topic: string, handler: Handler): () => void {
  let set = subscribers.get(topic);
  if (!set) subscribers.set(topic, (set = new Set()));
  set.add(handler);
  return () => {
    set.delete(handler);
    if (set.size === 0 && subscribers.get(topic) === set) subscribers.delete(topic);
  };
}

/** How many handlers listen to `topic` in this process (tests, metrics). */
export function liveSubscriberCount(topic: string): number {
  return subscribers.get(topic)?.size ?? 0;
}

function deliver(text: string) {
  let event: LiveEvent;
  try {
    event = JSON.parse(text) as LiveEvent;
  } catch {
    return; // someone else's NOTIFY on our channel: ignore
  }
  if (typeof event?.id !== 'string' || typeof event.topic !== 'string') return;
  recent.push(event);
  if (recent.length > REPLAY_EVENTS) recent.splice(0, recent.length - REPLAY_EVENTS);
  for (const handler of [...(subscribers.get(event.topic) ?? [])]) {
    try {
      handler(event);
    } catch {
      // one subscriber's failure is not the others'
    }
  }
}

/** Events after `lastId` for `topics`, or null when `lastId` is no longer known here (too old, or missed). */
function eventsAfter(lastId: string, topics: Set<string>): LiveEvent[] | null {
  const at = recent.findLastIndex((e) => e.id === lastId);
  if (at < 0) return null;
  return recent.slice(at + 1).filter((e) => topics.has(e.topic));
}

function lostEvents() {
  recent.length = 0;
  for (const listener of [...resetListeners]) listener();
}

/** LISTEN connections up in this process (one per database listened to). */
let listening = 0;
const listeningWatchers = new Set<() => void>();

/** How many databases this process listens to now (process caches keep entries only while it is one). */
export function liveListening(): number {
  return listening;
}

/** Calls `watcher` whenever a listener starts, stops, loses its connection or gets it back (events may have been missed). */
export function onLiveListening(watcher: () => void): () => void {
  listeningWatchers.add(watcher);
  return () => listeningWatchers.delete(watcher);
}

function listeningChanged(by: number) {
  listening += by;
  for (const watcher of [...listeningWatchers]) watcher();
}

export interface LiveListener {
  stop(): Promise<void>;
}

/**
 * Starts this process's LISTEN on `db` (bootstrap does it): PGlite listens in-process; on
 * PostgreSQL a dedicated connection (outside the pool) listens and reconnects if it drops.
 */
export async function startLive(db: Db, options: { onError?: (error: Error) => void } = {}): Promise<LiveListener> {
  if (db.pglite) {
    const unlisten = await db.pglite.listen(LIVE_CHANNEL, deliver);
    listeningChanged(1);
    let stopped = false;
    return {
      async stop() {
        if (stopped) return;
        stopped = true;
        listeningChanged(-1);
        await unlisten();
      },
    };
  }
  if (!db.pool) throw new Error('startLive: no database');
  const pool = db.pool;
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;
  const connect = async (): Promise<void> => {
    const c = new pg.Client(pool.options);
    c.on('notification', (msg) => {
      if (msg.channel === LIVE_CHANNEL && msg.payload) deliver(msg.payload);
    });
    c.on('error', (error) => {
      options.onError?.(error);
      reconnect(c);
    });
    c.on('end', () => reconnect(c));
    await c.connect();
    await c.query(`LISTEN ${LIVE_CHANNEL}`);
    client = c;
    listeningChanged(1);
  };
  const reconnect = (dead: pg.Client) => {
    if (stopped || client !== dead) return;
    client = null;
    dead.end().catch(() => {});
    listeningChanged(-1);
    lostEvents();
    const attempt = () => {
      retry = null;
      if (stopped) return;
      connect().catch((error: Error) => {
        options.onError?.(error);
        retry = setTimeout(attempt, 1000);
      });
    };
    retry = setTimeout(attempt, 200);
  };
  await connect();
  return {
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      const c = client;
      client = null;
      if (c) listeningChanged(-1);
      await c?.end().catch(() => {});
    },
  };
}

// ——— server-sent events ———

const openStreams = new Set<{ server: unknown; end: () => void }>();

export interface StreamLiveOptions {
  /** Milliseconds between comment lines that keep proxies from closing an idle stream (default 25 s). */
  heartbeatMs?: number;
  /** The client's reconnection delay, sent as `retry:` (default 3 s). */
  retryMs?: number;
}

/**
 * Answers a GET with a `text/event-stream` of the live events of `topics` (the route has
 * checked the caller may see them). Each event is `id: …`, `event: <topic>`, `data: <payload
 * JSON>`. A reconnecting client (EventSource sends `Last-Event-ID`; `?lastEventId=` also
 * works) first receives what it missed, or `event: reset` when this process cannot tell (it
 * should then read the state again). Heartbeats every 25 s; `no-store`; the stream ends when
 * the client leaves or the server closes. Same-origin EventSource is allowed by the CSP's
 * `connect-src 'self'`.
 */
export function streamLive(req: FastifyRequest, reply: FastifyReply, topics: string[], options: StreamLiveOptions = {}) {
  const wanted = new Set(topics);
  const stream = new PassThrough();
  const write = (text: string) => {
    if (!stream.writableEnded) stream.write(text);
  };
  const send = (event: LiveEvent) => write(`id: ${event.id}\nevent: ${event.topic}\ndata: ${JSON.stringify(event.payload)}\n\n`);
  const reset = () => write('event: reset\ndata: {}\n\n');

  write(`retry: ${options.retryMs ?? 3000}\n\n`);
  const lastId = req.headers['last-event-id'] ?? (req.query as { lastEventId?: unknown } | undefined)?.lastEventId;
  if (typeof lastId === 'string' && lastId.length > 0) {
    const missed = eventsAfter(lastId, wanted);
    if (missed) missed.forEach(send);
    else reset();
  }
  const unsubscribes = topics.map((topic) => subscribeLive(topic, send));
  resetListeners.add(reset);
  const heartbeat = setInterval(() => write(': ♥\n\n'), options.heartbeatMs ?? 25_000);
  heartbeat.unref();

  const entry = { server: req.server.server, end: () => stream.end() };
  let cleaned = false;
  const cleanup = () => {
    if (cleaned) return;
    cleaned = true;
    clearInterval(heartbeat);
    for (const unsubscribe of unsubscribes) unsubscribe();
    resetListeners.delete(reset);
    openStreams.delete(entry);
    if (!stream.writableEnded) stream.end();
  };
  openStreams.add(entry);
  req.raw.once('close', cleanup);
  reply.raw.once('close', cleanup);
  stream.once('close', cleanup);
  stream.once('end', cleanup);

  return reply
    .header('content-type', 'text/event-stream; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('x-accel-buffering', 'no') // nginx: do not buffer the stream
    .send(stream);
}

/** Ends the live streams served by `httpServer` (the app's preClose hook), so that closing does not wait for clients. */
export function endLiveStreams(httpServer: unknown): void {
  for (const entry of [...openStreams]) if (entry.server === httpServer) entry.end();
}
