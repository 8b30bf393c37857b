// Node CPU per statement of our database layer (platform/db.ts: Db/Sql over PostgreSQL) against raw
// `pg` Client.query of the same statements in the same run, interleaved rounds.
// Usage: DATABASE_URL=… tsx bench/driver.bench.ts [statements per round] [rounds]
// Prints µs of this process's CPU per statement (user + system) for: a one-row read of a dozen
// columns of mixed types, an insert returning its row, and a transaction of 3 statements.
import pg from 'pg';
import { openDb } from '../src/platform/db.ts';

const N = Number(process.argv[2] ?? 2000);
const ROUNDS = Number(process.argv[3] ?? 3);
const CONCURRENCY = 8;
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required');

const setup = new pg.Client({ connectionString: url });
await setup.connect();
await setup.query(`DROP TABLE IF EXISTS bench_driver;
  CREATE TABLE bench_driver (id bigserial PRIMARY KEY, code text, status text, version int, amount numeric,
    created_at timestamptz DEFAULT now(), due_on date, data jsonb, tags text[], note text, flag boolean, n int8)`);
for (let i = 0; i < 100; i++) {
  await setup.query(
    `INSERT INTO bench_driver (code, status, version, amount, due_on, data, tags, note, flag, n)
     VALUES ($1, 'received', 3, 12.5, '2026-12-06', $2, ARRAY['a','b'], NULL, true, 42)`,
    [`C-${i}`, JSON.stringify({ applicant: { name: 'Nguyễn Văn A', phone: '0900000000' }, fields: { x: i } })],
  );
}
await setup.end();

const READ = 'SELECT id, code, status, version, amount, created_at, due_on, data, tags, note, flag, n FROM bench_driver WHERE id = $1';
const WRITE = `INSERT INTO bench_driver (code, status, version, amount, due_on, data, tags, flag, n)
  VALUES ($1, 'submitted', 1, $2, '2026-12-06', $3, $4, false, $5) RETURNING id, code, created_at`;
const writeParams = (i: number) => [`W-${i}`, '1.5', JSON.stringify({ i }), ['x', 'y'], i];

const db = await openDb({ databaseUrl: url });
const raw = await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    const c = new pg.Client({ connectionString: url, options: '-c TimeZone=UTC' });
    await c.connect();
    return c;
  }),
);
let seq = 0;
const rawQuery = (c: pg.Client, name: string, text: string, values: unknown[]) => c.query({ name, text, values });

type Case = { name: string; statements: number; raw: (c: pg.Client, i: number) => Promise<unknown>; db: (i: number) => Promise<unknown> };
const cases: Case[] = [
  { name: 'read 1 row × 12 cols', statements: 1, raw: (c, i) => rawQuery(c, 'r', READ, [1 + (i % 100)]), db: (i) => db.query(READ, [1 + (i % 100)]) },
  { name: 'insert … returning', statements: 1, raw: (c, i) => rawQuery(c, 'w', WRITE, writeParams(i)), db: (i) => db.query(WRITE, writeParams(i)) },
  {
    name: 'BEGIN, read, insert, read, COMMIT',
    statements: 5,
    raw: async (c, i) => {
      await c.query('BEGIN');
      await rawQuery(c, 'r', READ, [1 + (i % 100)]);
      await rawQuery(c, 'w', WRITE, writeParams(i));
      await rawQuery(c, 'r', READ, [1 + ((i + 7) % 100)]);
      await c.query('COMMIT');
    },
    db: (i) =>
      db.transaction(async (tx) => {
        await tx.query(READ, [1 + (i % 100)]);
        await tx.query(WRITE, writeParams(i));
        await tx.query(READ, [1 + ((i + 7) % 100)]);
      }),
  },
];

/** µs of process CPU per statement, CONCURRENCY loops sharing `count` calls. */
async function measure(count: number, run: (worker: number, i: number) => Promise<unknown>, statements: number): Promise<number> {
  const cpu0 = process.cpuUsage();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, w) => {
      while (next < count) await run(w, next++ + seq);
    }),
  );
  seq += count;
  const cpu = process.cpuUsage(cpu0);
  return (cpu.user + cpu.system) / (count * statements);
}

for (const c of cases) {
  const count = Math.ceil(N / c.statements);
  await measure(count / 4, (w, i) => c.raw(raw[w], i), c.statements); // warm-up both
  await measure(count / 4, (_, i) => c.db(i), c.statements);
  const rawUs: number[] = [];
  const dbUs: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    rawUs.push(await measure(count, (w, i) => c.raw(raw[w], i), c.statements));
    dbUs.push(await measure(count, (_, i) => c.db(i), c.statements));
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(
    `${c.name.padEnd(34)} raw pg ${med(rawUs).toFixed(1).padStart(6)} µs/stmt   Db ${med(dbUs).toFixed(1).padStart(6)} µs/stmt   Db/raw ${(med(dbUs) / med(rawUs)).toFixed(2)}`,
  );
}
await Promise.all(raw.map((c) => c.end()));
await db.close();
