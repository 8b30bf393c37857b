import { describe, expect, it } from 'vitest';
import type { Db, Sql } from './db.ts';
import { perTransaction } from './per-transaction.ts';

const tx = (): Sql => ({ query: async () => [], exec: async () => {} });

describe('perTransaction', () => {
  it('loads a key once per transaction and again in the next one', async () => {
    let loads = 0;
    const find = perTransaction(async (_tx: Sql, code: string) => `${code}#${++loads}`);
    const first = tx();
    expect(await find(first, 'a')).toBe('a#1');
    expect(await find(first, 'a')).toBe('a#1');
    expect(await find(first, 'b')).toBe('b#2');
    expect(await find(tx(), 'a')).toBe('a#3');
  });

  it('never keeps anything for the long-lived database handle', async () => {
    let loads = 0;
    const find = perTransaction(async () => ++loads);
    const db = { ...tx(), transaction: async () => undefined } as unknown as Db;
    await find(db, 'x');
    await find(db, 'x');
    expect(loads).toBe(2);
  });
});
