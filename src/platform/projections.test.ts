import { describe, expect, it } from 'vitest';
import { systemPerFile, type TestSystem } from '#test/system.ts';
import { emitEvents, queueOnEvent } from './events.ts';
import { drainProjection, type QueuedProjection, startProjections } from './projections.ts';

let sys: TestSystem;
systemPerFile(async (s) => {
  sys = s;
});

/** A read model of its own: how many times each key was projected, and the batches. */
function recorder(name: string, fail?: (keys: string[]) => boolean) {
  const batches: string[][] = [];
  const projection: QueuedProjection = {
    name,
    keys: { [`${name}.changed`]: (e) => (e.payload as { id: string }).id },
    async project(_tx, keys) {
      batches.push(keys);
      if (fail?.(keys)) throw new Error('projection failed');
    },
  };
  queueOnEvent(`${name}.changed`, name, projection.keys[`${name}.changed`]);
  return { projection, batches };
}

const emit = (name: string, ids: string[], rollback = false) =>
  sys.ctx.db
    .transaction(async (tx) => {
      await emitEvents(tx, ids.map((id) => ({ topic: `${name}.changed`, key: id, payload: { id }, at: new Date() })));
      if (rollback) throw new Error('rollback');
    })
    .catch((error: Error) => {
      if (error.message !== 'rollback') throw error;
    });

const queued = async (name: string) =>
  (await sys.ctx.db.query<{ key: string }>('SELECT key FROM projection_queue WHERE projection = $1 ORDER BY id', [name])).map((r) => r.key);

describe('queued projections (read models kept after commit)', () => {
  it('queues the key of each event in the outbox statement, and nothing when the transaction rolls back', async () => {
    recorder('pq1');
    await emit('pq1', ['a', 'b', 'a']);
    await emit('pq1', ['c'], true);
    expect(await queued('pq1')).toEqual(['a', 'b', 'a']);
  });

  it('drains in batches of distinct keys and deletes what it projected in the same transaction', async () => {
    const { projection, batches } = recorder('pq2');
    await emit('pq2', ['x', 'y', 'x']);
    expect(await drainProjection(sys.ctx.db, projection)).toBe(3);
    expect(batches).toEqual([['x', 'y']]);
    expect(await queued('pq2')).toEqual([]);
    expect(await drainProjection(sys.ctx.db, projection)).toBe(0);
  });

  it('keeps the rows of a batch that fails (nothing lost), and projects them at the next drain', async () => {
    let failing = true;
    const { projection, batches } = recorder('pq3', () => failing);
    await emit('pq3', ['m', 'n']);
    await expect(drainProjection(sys.ctx.db, projection)).rejects.toThrow('projection failed');
    expect(await queued('pq3')).toEqual(['m', 'n']);
    failing = false;
    expect(await drainProjection(sys.ctx.db, projection)).toBe(2);
    expect(batches).toEqual([['m', 'n'], ['m', 'n']]);
    expect(await queued('pq3')).toEqual([]);
  });

  it('a runner projects what commits, woken after commit, without anyone draining', async () => {
    const { projection, batches } = recorder('pq4');
    const runners = startProjections(sys.ctx, [projection]);
    try {
      await emit('pq4', ['r1']);
      const deadline = Date.now() + 20_000;
      while ((await queued('pq4')).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(await queued('pq4')).toEqual([]);
      expect(batches.flat()).toEqual(['r1']);
    } finally {
      await runners.stop();
    }
  });
});
