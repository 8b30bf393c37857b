import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beforeCommit, type Db, openDb } from './db.ts';
import { RequestTransaction, requestTransactions } from './request-transaction.ts';

// Work run last in a transaction (the command center's shared totals): on both engines
// (DATABASE_URL=… for PostgreSQL), with the statements counted to see where the hook's ran.
let db: Db;
const seen: string[] = [];
const table = `before_commit_${process.pid}`;

beforeAll(async () => {
  db = await openDb({ databaseUrl: process.env.DATABASE_URL || undefined, onStatement: (text) => seen.push(text) });
  await db.exec(`DROP TABLE IF EXISTS ${table}; CREATE TABLE ${table} (k text PRIMARY KEY, n int NOT NULL)`);
}, 300_000);
afterAll(async () => {
  await db.exec(`DROP TABLE IF EXISTS ${table}`);
  await db.close();
});

const value = async (k: string) => (await db.query<{ n: number }>(`SELECT n FROM ${table} WHERE k = $1`, [k]))[0]?.n ?? null;

describe('beforeCommit', () => {
  it('runs after the rest of the transaction, just before COMMIT, in registration order', async () => {
    seen.length = 0;
    await db.transaction(async (tx) => {
      await beforeCommit(tx, async () => {
        await tx.query(`INSERT INTO ${table} VALUES ('a', 1)`);
        await beforeCommit(tx, () => tx.query(`UPDATE ${table} SET n = n * 10 WHERE k = 'a'`).then(() => undefined));
      });
      await beforeCommit(tx, () => tx.query(`UPDATE ${table} SET n = n + 1 WHERE k = 'a'`).then(() => undefined));
      await tx.query('SELECT 42');
    });
    expect(seen.map((s) => s.replace(table, 't').slice(0, 23))).toEqual([
      'BEGIN',
      'SELECT 42',
      "INSERT INTO t VALUES ('",
      'UPDATE t SET n = n + 1 ',
      'UPDATE t SET n = n * 10',
      'COMMIT',
    ]);
    expect(await value('a')).toBe(20);
  });

  it('a hook that fails rolls the whole transaction back; nothing runs when the work fails', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`INSERT INTO ${table} VALUES ('b', 1)`);
        await beforeCommit(tx, async () => {
          throw new Error('hook failed');
        });
      }),
    ).rejects.toThrow('hook failed');
    expect(await value('b')).toBeNull();
    let ran = false;
    await expect(
      db.transaction(async (tx) => {
        await beforeCommit(tx, async () => {
          ran = true;
        });
        throw new Error('work failed');
      }),
    ).rejects.toThrow('work failed');
    expect(ran).toBe(false);
  });

  it('outside a transaction the work runs at once', async () => {
    await beforeCommit(db, () => db.query(`INSERT INTO ${table} VALUES ('c', 3)`).then(() => undefined));
    expect(await value('c')).toBe(3);
  });

  it("in a request transaction, a rolled-back savepoint takes its hooks with it; the others run at the request's commit", async () => {
    const rt = new RequestTransaction(db, async () => {});
    await requestTransactions.run(rt, async () => {
      await db.transaction(async (tx) => {
        await beforeCommit(tx, () => tx.query(`INSERT INTO ${table} VALUES ('d', 1)`).then(() => undefined));
      });
      await expect(
        db.transaction(async (tx) => {
          await beforeCommit(tx, () => tx.query(`INSERT INTO ${table} VALUES ('e', 1)`).then(() => undefined));
          throw new Error('second part failed');
        }),
      ).rejects.toThrow('second part failed');
      expect(await value('d')).toBeNull(); // not yet: the request has not committed
    });
    await rt.finish(true);
    expect(await value('d')).toBe(1);
    expect(await value('e')).toBeNull();
  });
});
