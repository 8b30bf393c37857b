import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { copyTemplate } from '#test/template.ts';
import type { Db } from './db.ts';
import { type LiveListener, startLive } from './live.ts';
import { processCache } from './process-cache.ts';

// A register kept in the process, dropped by the notice its writer sends (on both engines:
// DATABASE_URL=… for PostgreSQL, where the notice comes back through the LISTEN connection).
let copy: Awaited<ReturnType<typeof copyTemplate>>;
let db: Db;
let listener: LiveListener | null = null;
const table = `process_cache_${process.pid}`;

beforeAll(async () => {
  copy = await copyTemplate(inject('dbTemplate'));
  db = copy.db;
  await db.exec(`DROP TABLE IF EXISTS ${table}; CREATE TABLE ${table} (k text PRIMARY KEY, v text NOT NULL); INSERT INTO ${table} VALUES ('a', 'one'), ('b', 'one')`);
}, 300_000);
afterAll(async () => {
  await listener?.stop();
  await db?.close();
  await copy?.drop();
});

let loads = 0;
const cache = processCache<string, string, { k: string }>(
  'process-cache-test',
  async (sql, k) => {
    loads++;
    const [row] = await sql.query<{ v: string }>(`SELECT v FROM ${table} WHERE k = $1`, [k]);
    return row?.v ?? null;
  },
  { stale: (which, _value, k) => which.k === k },
);
const write = (k: string, v: string) =>
  db.transaction(async (tx) => {
    await tx.query(`UPDATE ${table} SET v = $2 WHERE k = $1`, [k, v]);
    await cache.changed(tx, { k });
    return tx;
  });
/** Until `k` reads `v` from the cache: the notice is back (PostgreSQL: on the LISTEN connection, a moment after commit). */
async function settled(k: string, v: string) {
  for (let i = 0; i < 200; i++) {
    if ((await cache.get(db, k)) === v) {
      const n = loads;
      await cache.get(db, k);
      if (loads === n) return;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('processCache', () => {
  it('keeps nothing while the process listens to no database', async () => {
    loads = 0;
    await cache.get(db, 'a');
    await cache.get(db, 'a');
    expect(loads).toBe(2);
  });

  it('reads once while it listens to one; a committed change drops what it names, in every process', async () => {
    listener = await startLive(db);
    loads = 0;
    expect(await cache.get(db, 'a')).toBe('one');
    expect(await cache.get(db, 'b')).toBe('one');
    expect(await cache.get(db, 'a')).toBe('one');
    expect(loads).toBe(2);
    await write('a', 'two');
    await settled('a', 'two');
    const before = loads;
    expect(await cache.get(db, 'a')).toBe('two');
    expect(await cache.get(db, 'b')).toBe('one');
    expect(loads).toBe(before); // 'a' read again once, 'b' kept all along
  });

  it('does not keep a read under way when a notice arrives (it may predate the commit)', async () => {
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const slow = processCache<string, string, never>('process-cache-test', async (sql, k) => {
      const [row] = await sql.query<{ v: string }>(`SELECT v FROM ${table} WHERE k = $1`, [k]);
      await gate;
      return row.v;
    });
    const early = slow.get(db, 'a');
    await write('a', 'three');
    await settled('a', 'three');
    release();
    expect(await early).toBe('two');
    expect(await slow.get(db, 'a')).toBe('three');
  });

  it('drops everything and keeps nothing while a second database is listened to', async () => {
    const second = await startLive(db);
    try {
      loads = 0;
      await cache.get(db, 'b');
      await cache.get(db, 'b');
      expect(loads).toBe(2);
    } finally {
      await second.stop();
    }
    await cache.get(db, 'b');
    await cache.get(db, 'b');
    expect(loads).toBe(3);
  });

  it('reads again after its maximum age: a change made outside the application sends no notice', async () => {
    const aging = processCache<string, string, never>(
      'process-cache-test',
      async (sql, k) => {
        loads++;
        const [row] = await sql.query<{ v: string }>(`SELECT v FROM ${table} WHERE k = $1`, [k]);
        return row?.v ?? null;
      },
      { maxAgeMs: 50 },
    );
    loads = 0;
    await aging.get(db, 'b');
    await db.query(`UPDATE ${table} SET v = 'by hand' WHERE k = 'b'`); // no changed(): nothing is told
    expect(await aging.get(db, 'b')).toBe('one');
    expect(loads).toBe(1);
    await new Promise((r) => setTimeout(r, 80));
    expect(await aging.get(db, 'b')).toBe('by hand');
    expect(loads).toBe(2);
    await db.query(`UPDATE ${table} SET v = 'one' WHERE k = 'b'`);
  });

  it('lets the writing transaction read its own change, and keeps none of it when that rolls back', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`UPDATE ${table} SET v = 'uncommitted' WHERE k = 'b'`);
        await cache.changed(tx, { k: 'b' });
        expect(await cache.get(tx, 'b')).toBe('uncommitted');
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await cache.get(db, 'b')).toBe('one');
  });
});
