import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { registerSecurityHeaders } from '#http/security-headers.ts';
import { copyTemplate } from '#test/template.ts';
import type { Db } from './db.ts';
import { RequestTransaction, requestTransactions } from './request-transaction.ts';
import { endLiveStreams, type LiveEvent, type LiveListener, liveSubscriberCount, newEventId, publishLive, startLive, streamLive, subscribeLive } from './live.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(read: () => T | undefined, what: string, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

let copy: Awaited<ReturnType<typeof copyTemplate>>;
let db: Db;
let listener: LiveListener;

beforeAll(async () => {
  copy = await copyTemplate(inject('dbTemplate'));
  db = copy.db;
  listener = await startLive(db);
});

afterAll(async () => {
  await listener?.stop();
  await db?.close();
  await copy?.drop();
});

describe('publishLive / subscribeLive', () => {
  it('delivers after commit, never on rollback, only to the topic subscribed, until unsubscribed', async () => {
    const got: LiveEvent[] = [];
    const other: LiveEvent[] = [];
    const stop = subscribeLive('dossier:A', (e) => got.push(e));
    const stopOther = subscribeLive('dossier:B', (e) => other.push(e));

    await db.transaction(async (tx) => {
      await publishLive(tx, 'dossier:A', { id: 'A', status: 'RECEIVED' });
      await sleep(100);
      expect(got).toHaveLength(0); // not before the commit
    });
    await until(() => (got.length === 1 ? got : undefined), 'the committed event');
    expect(got[0]).toMatchObject({ topic: 'dossier:A', payload: { id: 'A', status: 'RECEIVED' } });
    expect(got[0].id).toMatch(/^[A-Za-z0-9_-]{12}$/);

    await expect(
      db.transaction(async (tx) => {
        await publishLive(tx, 'dossier:A', { id: 'A', status: 'ROLLED_BACK' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await db.transaction((tx) => publishLive(tx, 'dossier:A', { id: 'A', status: 'SECOND' }));
    await until(() => (got.length === 2 ? got : undefined), 'the second event');
    expect(got.map((e) => (e.payload as { status: string }).status)).toEqual(['RECEIVED', 'SECOND']);
    expect(other).toHaveLength(0);

    stop();
    stopOther();
    expect(liveSubscriberCount('dossier:A')).toBe(0);
    await db.transaction((tx) => publishLive(tx, 'dossier:A', { status: 'THIRD' }));
    await sleep(200);
    expect(got).toHaveLength(2);
  });

  it('sends after the COMMIT, not with the work: nothing for a rolled-back savepoint, nor for a transaction a failed statement aborted', async () => {
    const got: string[] = [];
    const stop = subscribeLive('dossier:S', (e) => got.push((e.payload as { part: string }).part));
    const rt = new RequestTransaction(db, async () => {});
    await requestTransactions.run(rt, async () => {
      await db.transaction((tx) => publishLive(tx, 'dossier:S', { part: 'kept' }));
      await expect(
        db.transaction(async (tx) => {
          await publishLive(tx, 'dossier:S', { part: 'savepoint rolled back' });
          throw new Error('second part failed');
        }),
      ).rejects.toThrow('second part failed');
    });
    await sleep(100);
    expect(got).toEqual([]); // the request has not committed
    await rt.finish(true);
    await until(() => (got.length === 1 ? got : undefined), 'the committed part');
    // a failed statement whose error was caught: the COMMIT answers ROLLBACK (PGlite: rejects), nothing is sent
    await db
      .transaction(async (tx) => {
        await publishLive(tx, 'dossier:S', { part: 'aborted' });
        await tx.query('SELECT 1 / 0').catch(() => {});
      })
      .catch(() => {});
    await db.transaction((tx) => publishLive(tx, 'dossier:S', { part: 'last' }));
    await until(() => (got.length === 2 ? got : undefined), 'the last event');
    expect(got).toEqual(['kept', 'last']);
    stop();
  });

  it('refuses documents (payloads over 7,000 bytes) and malformed topics', async () => {
    await expect(publishLive(db, 'dossier:A', { text: 'x'.repeat(8000) })).rejects.toThrow(/send ids, not documents/);
    await expect(publishLive(db, 'hồ sơ', {})).rejects.toThrow(/live topic/);
  });

  it('gives every event its own id, 9 random bytes in base64url, past a refill of the pool of ids', () => {
    const ids = Array.from({ length: 2000 }, () => newEventId());
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    // random: each of the 64 characters shows up at each position (2000 draws, 1/64 each)
    for (const position of [0, 5, 11]) expect(new Set(ids.map((id) => id[position])).size).toBe(64);
  });
});

// PostgreSQL (DATABASE_URL, the PG pass of .ci/run): a second OS process LISTENs on the same
// database. PGlite lives inside one process: there the second party is a second subscriber.
const postgres = Boolean(process.env.DATABASE_URL);
describe(postgres ? 'across two processes (PostgreSQL LISTEN/NOTIFY)' : 'two parties in one process (PGlite)', () => {
  let child: ChildProcessWithoutNullStreams | null = null;
  const childEvents: (LiveEvent & { pid: number })[] = [];

  afterAll(() => child?.kill('SIGTERM'));

  it('an event committed by one party reaches the other, both ways', async () => {
    const mine: LiveEvent[] = [];
    const stopMine = subscribeLive('cabinet:1', (e) => mine.push(e));
    let publishFromOther: (payload: unknown) => Promise<void>;
    let stopOther = () => {};
    if (postgres) {
      child = spawn(process.execPath, ['--import', 'tsx', path.resolve(import.meta.dirname, '../../test/fixtures/live-process.ts'), 'cabinet:1'], {
        env: { ...process.env, DATABASE_URL: copy.url },
      });
      let out = '';
      let ready = false;
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const lines = out.split('\n');
        out = lines.pop() ?? '';
        for (const line of lines) if (line.startsWith('{')) childEvents.push(JSON.parse(line));
        if (lines.includes('ready')) ready = true;
      });
      await until(() => (ready ? true : undefined), 'the second process', 30_000);
      publishFromOther = async (payload) => {
        child!.stdin.write(`publish cabinet:1 ${JSON.stringify(payload)}\n`);
      };
    } else {
      stopOther = subscribeLive('cabinet:1', (e) => childEvents.push({ pid: process.pid, ...e }));
      publishFromOther = (payload) => db.transaction((tx) => publishLive(tx, 'cabinet:1', payload));
    }

    await db.transaction((tx) => publishLive(tx, 'cabinet:1', { meeting: 7, from: 'here' }));
    const received = await until(() => childEvents.find((e) => (e.payload as { from: string }).from === 'here'), 'the event in the other party');
    if (postgres) expect(received.pid).not.toBe(process.pid);
    await publishFromOther({ meeting: 7, from: 'there' });
    await until(() => mine.find((e) => (e.payload as { from: string }).from === 'there'), 'the event from the other party');
    // Both parties saw both events, with the same ids, in the same order.
    await until(() => (childEvents.length === 2 ? true : undefined), 'both events in the other party');
    expect(childEvents.map((e) => e.id)).toEqual(mine.map((e) => e.id));
    stopMine();
    stopOther();
  });
});

describe('streamLive (server-sent events)', () => {
  let app: FastifyInstance;
  let url: string;

  beforeAll(async () => {
    app = Fastify();
    registerSecurityHeaders(app, null);
    app.addHook('preClose', async () => endLiveStreams(app.server));
    app.get('/api/v1/test/live/:topic', (req, reply) => streamLive(req, reply, [(req.params as { topic: string }).topic], { heartbeatMs: 100 }));
    url = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => app?.close());

  /** Opens a stream and collects its blocks (separated by a blank line). */
  async function open(topic: string, headers: Record<string, string> = {}) {
    const abort = new AbortController();
    const res = await fetch(`${url}/api/v1/test/live/${topic}`, { headers, signal: abort.signal });
    const blocks: string[] = [];
    let buffer = '';
    const reading = (async () => {
      const decoder = new TextDecoder();
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          const parts = buffer.split('\n\n');
          buffer = parts.pop() ?? '';
          blocks.push(...parts);
        }
      } catch {
        // aborted
      }
    })();
    const events = () =>
      blocks
        .filter((b) => b.includes('\ndata: '))
        .map((b) => Object.fromEntries(b.split('\n').map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)])));
    return { res, blocks, events, reading, close: () => abort.abort() };
  }

  it('streams the topic as text/event-stream, no-store, under the CSP, with heartbeats and event ids', async () => {
    const s = await open('queue:1');
    expect(s.res.status).toBe(200);
    expect(s.res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(s.res.headers.get('cache-control')).toBe('no-store');
    expect(s.res.headers.get('content-security-policy')).toContain("connect-src 'self'");
    await until(() => (liveSubscriberCount('queue:1') === 1 ? true : undefined), 'the subscription');
    await db.transaction((tx) => publishLive(tx, 'queue:1', { dossierId: 'd1' }));
    await db.transaction((tx) => publishLive(tx, 'queue:2', { dossierId: 'other' }));
    await db.transaction((tx) => publishLive(tx, 'queue:1', { dossierId: 'd2' }));
    const events = await until(() => (s.events().length === 2 ? s.events() : undefined), 'two events');
    expect(events.map((e) => [e.event, JSON.parse(e.data)])).toEqual([
      ['queue:1', { dossierId: 'd1' }],
      ['queue:1', { dossierId: 'd2' }],
    ]);
    expect(s.blocks[0]).toBe('retry: 3000');
    await until(() => (s.blocks.some((b) => b.startsWith(': ')) ? true : undefined), 'a heartbeat');
    s.close();
    await s.reading;
    await until(() => (liveSubscriberCount('queue:1') === 0 ? true : undefined), 'the unsubscription on disconnect');
  });

  it('replays what a reconnecting client missed after its Last-Event-ID, or tells it to reset', async () => {
    const first = await open('queue:9');
    await until(() => (liveSubscriberCount('queue:9') === 1 ? true : undefined), 'the subscription');
    await db.transaction((tx) => publishLive(tx, 'queue:9', { n: 1 }));
    const [seen] = await until(() => (first.events().length === 1 ? first.events() : undefined), 'the first event');
    first.close();
    await until(() => (liveSubscriberCount('queue:9') === 0 ? true : undefined), 'the disconnect');

    // Published while the client was away.
    await db.transaction((tx) => publishLive(tx, 'queue:9', { n: 2 }));
    await db.transaction((tx) => publishLive(tx, 'queue:9', { n: 3 }));
    await sleep(200);

    const again = await open('queue:9', { 'last-event-id': seen.id });
    const missed = await until(() => (again.events().length === 2 ? again.events() : undefined), 'the missed events');
    expect(missed.map((e) => JSON.parse(e.data).n)).toEqual([2, 3]);
    again.close();

    const lost = await open('queue:9', { 'last-event-id': 'unknown-id' });
    await until(() => (lost.blocks.some((b) => b.startsWith('event: reset')) ? true : undefined), 'the reset');
    lost.close();
  });

  it('ends open streams when the server closes', async () => {
    const s = await open('queue:5');
    await until(() => (liveSubscriberCount('queue:5') === 1 ? true : undefined), 'the subscription');
    await app.close();
    await s.reading; // the body ended: the server did not wait for the client
    expect(liveSubscriberCount('queue:5')).toBe(0);
  });
});
