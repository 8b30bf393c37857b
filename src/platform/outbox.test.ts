import { describe, expect, it } from 'vitest';
import { systemPerFile, type TestSystem } from '#test/system.ts';
import { emitEvent } from './events.ts';
import { backoffMs, batchHandler, drainOutbox, type OutboxHandlers, type OutboxRow, startOutboxDispatcher } from './outbox.ts';

let sys: TestSystem;
const T0 = new Date('2026-11-25T02:00:00Z');

systemPerFile(async (s) => {
  sys = s;
  sys.clock.set(T0);
});

async function emit(topic: string, n: number) {
  await sys.ctx.db.transaction(async (tx) => {
    for (let i = 0; i < n; i++) await emitEvent(tx, { topic, key: `k${i}`, payload: { n: i }, at: sys.clock.now() });
  });
}

const pending = async (topic: string) =>
  (await sys.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE topic = $1 AND processed_at IS NULL', [topic]))[0].n;

describe('drainOutbox', () => {
  it('hands every due row of the handled topics to its handler in id order, once', async () => {
    await emit('test.order', 5);
    await emit('test.other', 1);
    const seen: OutboxRow[] = [];
    const handlers: OutboxHandlers = { 'test.order': async (_p, row) => void seen.push(row) };
    expect(await drainOutbox(sys.ctx, handlers)).toBe(5);
    expect(seen.map((r) => r.payload.n)).toEqual([0, 1, 2, 3, 4]);
    expect(seen.map((r) => r.id)).toEqual([...seen.map((r) => r.id)].sort((a, b) => a - b));
    expect(seen.every((r) => r.attempts === 1)).toBe(true);
    expect(await pending('test.order')).toBe(0);
    expect(await pending('test.other')).toBe(1); // nobody handles it here: left for its consumer
    expect(await drainOutbox(sys.ctx, handlers)).toBe(0);
  });

  it('records a failure, retries after the backoff, and does not hold up later rows', async () => {
    await emit('test.flaky', 2);
    let failures = 0;
    const handled: unknown[] = [];
    const handlers: OutboxHandlers = {
      'test.flaky': async (p) => {
        if (p.n === 0 && failures < 2) {
          failures++;
          throw new Error('máy chủ thư không trả lời');
        }
        handled.push(p.n);
      },
    };
    expect(await drainOutbox(sys.ctx, handlers)).toBe(1);
    expect(handled).toEqual([1]);
    const [row] = await sys.ctx.db.query<{ attempts: number; last_error: string; processed_at: Date | null }>(
      "SELECT attempts, last_error, processed_at FROM outbox WHERE topic = 'test.flaky' AND key = 'k0'",
    );
    expect(row).toMatchObject({ attempts: 1, last_error: 'máy chủ thư không trả lời', processed_at: null });

    expect(await drainOutbox(sys.ctx, handlers)).toBe(0); // still backing off
    sys.clock.set(new Date(sys.clock.now().getTime() + backoffMs(1) + 50));
    expect(await drainOutbox(sys.ctx, handlers)).toBe(0); // second failure
    sys.clock.set(new Date(sys.clock.now().getTime() + backoffMs(2) + 50));
    expect(await drainOutbox(sys.ctx, handlers)).toBe(1);
    expect(handled).toEqual([1, 0]);
    const [done] = await sys.ctx.db.query<{ attempts: number; last_error: string | null }>(
      "SELECT attempts, last_error FROM outbox WHERE topic = 'test.flaky' AND key = 'k0'",
    );
    expect(done).toEqual({ attempts: 3, last_error: null });
  });

  it('backs off exponentially up to one hour', () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(40)).toBe(3_600_000);
  });

  it('claims a row in place: its claimed version stays on the page it was written to (HOT, migration 0058)', async () => {
    // rows the size of a dossier event (~800 bytes): a full page could not take their claimed versions
    await sys.ctx.db.transaction(async (tx) => {
      for (let i = 0; i < 24; i++) {
        await emitEvent(tx, { topic: 'test.inplace', key: `k${i}`, payload: { n: i, text: 'x'.repeat(760) }, at: sys.clock.now() });
      }
    });
    const pageOf = `SELECT id, split_part(trim(both '()' FROM ctid::text), ',', 1)::int AS page FROM outbox WHERE topic = 'test.inplace'`;
    const written = new Map((await sys.ctx.db.query<{ id: number; page: number }>(pageOf)).map((r) => [Number(r.id), r.page]));
    const claimed = new Map<number, number>();
    const handlers: OutboxHandlers = {
      'test.inplace': async (_p, row) => {
        const [r] = await sys.ctx.db.query<{ page: number }>(`${pageOf} AND id = $1`, [row.id]);
        claimed.set(row.id, r.page);
      },
    };
    expect(await drainOutbox(sys.ctx, handlers)).toBe(24);
    expect(claimed.size).toBe(24);
    expect([...claimed].filter(([id, page]) => written.get(id) !== page)).toEqual([]);
  });

  it('two dispatchers draining at once handle each row once', async () => {
    await emit('test.race', 150); // more than a batch: both claim batches in turn
    const seen: number[] = [];
    const handlers: OutboxHandlers = {
      'test.race': async (_p, row) => {
        seen.push(row.id);
        await new Promise((r) => setTimeout(r, 2));
      },
    };
    const [a, b] = await Promise.all([drainOutbox(sys.ctx, handlers), drainOutbox(sys.ctx, handlers)]);
    expect(a + b).toBe(150);
    expect(new Set(seen).size).toBe(150);
    expect(seen).toHaveLength(150);
    expect(await pending('test.race')).toBe(0);
  });

  it('hands a batch handler the rows of its topic together in id order; a failing batch retries row by row, only the failing row backing off', async () => {
    await emit('test.batch', 3);
    await emit('test.single', 1);
    const batches: unknown[][] = [];
    const single: unknown[] = [];
    let failing = true;
    const handlers: OutboxHandlers = {
      'test.batch': batchHandler(
        async (p) => {
          if (p.n === 1 && failing) throw new Error('một dòng hỏng');
          single.push(p.n);
        },
        async (rows) => {
          if (failing) throw new Error('cả lô hỏng');
          batches.push(rows.map((r) => r.payload.n));
        },
      ),
      'test.single': async (p) => void single.push(`single ${p.n}`),
    };
    expect(await drainOutbox(sys.ctx, handlers)).toBe(3);
    expect(single).toEqual([0, 2, 'single 0']);
    expect(batches).toEqual([]);
    const rows = await sys.ctx.db.query<{ key: string; attempts: number; last_error: string | null; processed_at: Date | null }>(
      "SELECT key, attempts, last_error, processed_at FROM outbox WHERE topic = 'test.batch' ORDER BY id",
    );
    expect(rows.map((r) => [r.key, r.attempts, r.last_error, r.processed_at !== null])).toEqual([
      ['k0', 1, null, true],
      ['k1', 1, 'một dòng hỏng', false],
      ['k2', 1, null, true],
    ]);

    failing = false;
    await emit('test.batch', 2);
    sys.clock.set(new Date(sys.clock.now().getTime() + backoffMs(1) + 50));
    expect(await drainOutbox(sys.ctx, handlers)).toBe(3);
    expect(batches).toEqual([[1, 0, 1]]); // the retried k1, then the two new rows, in id order
    expect(await pending('test.batch')).toBe(0);
  });

  it('gives back, as they were, the rows of a batch not tried when stopped', async () => {
    await emit('test.stop', 5);
    let stopped = false;
    const seen: unknown[] = [];
    const handlers: OutboxHandlers = {
      'test.stop': async (p) => {
        seen.push(p.n);
        stopped = true;
      },
    };
    expect(await drainOutbox(sys.ctx, handlers, { stopped: () => stopped })).toBe(1);
    expect(seen).toEqual([0]);
    const rows = await sys.ctx.db.query<{ attempts: number; available_at: Date | null; processed_at: Date | null }>(
      "SELECT attempts, available_at, processed_at FROM outbox WHERE topic = 'test.stop' ORDER BY id",
    );
    expect(rows.map((r) => [r.attempts, r.available_at, r.processed_at !== null])).toEqual([[1, null, true], ...Array(4).fill([0, null, false])]);
    expect(await drainOutbox(sys.ctx, handlers)).toBe(4);
    expect(seen).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('startOutboxDispatcher', () => {
  it('delivers rows committed after it started, on poke and by polling, and stops cleanly', async () => {
    const seen: unknown[] = [];
    const dispatcher = startOutboxDispatcher(sys.ctx, { 'test.live': async (p) => void seen.push(p.n) });
    try {
      await emit('test.live', 3);
      dispatcher.poke();
      await expect.poll(() => seen.length, { timeout: 5000 }).toBe(3);
      await emit('test.live', 1); // no poke: the poll picks it up
      await expect.poll(() => seen.length, { timeout: 5000 }).toBe(4);
    } finally {
      await dispatcher.stop();
    }
    await emit('test.live', 1);
    await new Promise((r) => setTimeout(r, 700));
    expect(seen).toHaveLength(4);
    expect(await pending('test.live')).toBe(1);
  });
});
