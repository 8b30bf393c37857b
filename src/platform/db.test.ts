import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDb } from './db.ts';

// On the engine in use (DATABASE_URL=… for PostgreSQL, where a transaction's connection
// pipelines): statements sent together in a transaction each get their own answer or error.
describe('statements sent together in a transaction', () => {
  let db: Db;
  const table = `db_pipelined_${process.pid}`;
  beforeAll(async () => {
    db = await openDb({ databaseUrl: process.env.DATABASE_URL || undefined });
    await db.exec(`DROP TABLE IF EXISTS ${table}; CREATE TABLE ${table} (k int PRIMARY KEY)`);
  }, 300_000);
  afterAll(async () => {
    await db.exec(`DROP TABLE IF EXISTS ${table}`);
    await db.close();
  });

  it('each statement gets its own answer, in the order sent, and the transaction commits', async () => {
    const answers = await db.transaction((tx) =>
      Promise.all([
        tx.query<{ n: number }>('SELECT 1 AS n'),
        tx.query(`INSERT INTO ${table} VALUES (1), (2)`),
        tx.query<{ n: number }>('SELECT $1::int AS n', [3]),
        tx.query<{ k: number }>(`SELECT k FROM ${table} ORDER BY k`),
      ]),
    );
    expect(answers).toEqual([[{ n: 1 }], [], [{ n: 3 }], [{ k: 1 }, { k: 2 }]]);
    expect(await db.query(`SELECT k FROM ${table} ORDER BY k`)).toEqual([{ k: 1 }, { k: 2 }]);
  });

  it('an error goes to the statement that failed, the ones after it fail as the aborted transaction does, and all of it rolls back', async () => {
    let settled: PromiseSettledResult<unknown>[] = [];
    await expect(
      db.transaction(async (tx) => {
        settled = await Promise.allSettled([
          tx.query(`INSERT INTO ${table} VALUES (10)`),
          tx.query('SELECT 1 / 0'),
          tx.query<{ n: number }>('SELECT 3 AS n'),
        ]);
        throw new Error('work failed');
      }),
    ).rejects.toThrow('work failed');
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    expect((settled[1] as PromiseRejectedResult).reason.code).toBe('22012'); // division by zero
    expect((settled[2] as PromiseRejectedResult).reason.code).toBe('25P02'); // transaction aborted
    expect(await db.query(`SELECT k FROM ${table} WHERE k = 10`)).toEqual([]);
  });

  it('the answer and COMMIT sent together: a failed last statement makes the commit a rollback', async () => {
    let stored: Promise<unknown> = Promise.resolve();
    // PostgreSQL answers the COMMIT of an aborted transaction with a rollback, not an error
    await db
      .transaction(async (tx) => {
        await tx.query(`INSERT INTO ${table} VALUES (20)`);
        stored = tx.query(`INSERT INTO ${table} VALUES (20)`); // duplicate key, not awaited before COMMIT
        stored.catch(() => {});
      })
      .catch(() => {});
    await expect(stored).rejects.toMatchObject({ code: '23505' });
    expect(await db.query(`SELECT k FROM ${table} WHERE k = 20`)).toEqual([]);
    // the connections are usable afterwards: none is left waiting on an unsent statement
    const many = await Promise.all(Array.from({ length: 25 }, (_, i) => db.transaction((tx) => tx.query<{ n: number }>('SELECT $1::int AS n', [i]))));
    expect(many.map((rows) => rows[0].n)).toEqual(Array.from({ length: 25 }, (_, i) => i));
  });
});
