// Command center at scale (issue 16 item 7): a synthetic history of N dossiers written straight
// into PostgreSQL (`generateDossiers`), then the dashboard's queries — TTHC statistics of a
// province for a month, the 766 index of the nation, the command center of the nation, the
// provinces' map — p50/p95 against a naive aggregate of the same statistics over the dossiers
// table, measured in the same run.
// Usage: npm run bench -- indicators [--count 100000]      (needs PostgreSQL: DATABASE_URL, or
//        postgres://root@127.0.0.1:5432 where a database motcua_bench_ind_<N> is created and kept)
//        npm run bench:indicators:1m                        (1,000,000 dossiers)
import os from 'node:os';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { bootstrap } from '../src/bootstrap.ts';
import { localDate } from '../src/platform/clock.ts';
import { commandCenter, unitValues } from '../src/modules/indicators/command-center.ts';
import { index766 } from '../src/modules/indicators/index-766.ts';
import { periodRange } from '../src/modules/indicators/periods.ts';
import { projectDossiers } from '../src/modules/indicators/project-dossier.ts';
import { generateDossiers } from '../src/modules/indicators/synthetic-history.ts';
import { tthcStatistics } from '../src/modules/indicators/tthc-statistics.ts';
import { resolveUnit } from '../src/modules/indicators/units.ts';
import { fmt, summarize } from './lib.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.lastIndexOf(`--${name}`); // the last one wins: `npm run bench:indicators:1m -- --count 20000`
  return i > 0 ? process.argv[i + 1] : fallback;
};
const COUNT = Number(arg('count', '100000'));
const RUNS = Number(arg('runs', '60'));
const adminUrl = process.env.PG_ADMIN_URL ?? 'postgres://root@127.0.0.1:5432/postgres';
let url = process.env.DATABASE_URL;
if (!url) {
  const name = `motcua_bench_ind_${COUNT}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount;
  if (!exists) await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  url = u.toString();
}
const config = loadConfig({ ...process.env, DATABASE_URL: url, MOTCUA_DEMO: '1', LOG_LEVEL: 'silent', MOTCUA_DATA_DIR: os.tmpdir() });
const sys = await bootstrap(config);
const db = sys.ctx.db;
const now = new Date();
const have = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM dossiers'))[0].n;
if (have < COUNT) {
  const t0 = performance.now();
    const r = await generateDossiers(db, { count: COUNT - have, from: '2025-07-01', now, onProgress: (n) => n % 100_000 === 0 && console.log(`  generated ${n}`) });
  console.log(`generated ${r.generated} dossiers and rebuilt the indicators in ${fmt(performance.now() - t0)}`);
}
await db.query('ANALYZE');
const total = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM dossiers'))[0].n;
const rows = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM indicator_daily'))[0].n;

const month = localDate(now).slice(0, 7);
const range = periodRange(month, 'reporting')!;
const calendarRange = periodRange(month, 'calendar')!;
const [vn, hanoi] = await db.transaction(async (tx) => [(await resolveUnit(tx, 'VN'))!, (await resolveUnit(tx, '01'))!]);

/** The naive way: the same statistics of a province straight from the dossiers table. */
const naive = () =>
  db.query(
    `SELECT count(*) FILTER (WHERE (received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date BETWEEN $2 AND $3 AND channel = 'online') AS online,
            count(*) FILTER (WHERE (received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date BETWEEN $2 AND $3 AND channel <> 'online') AS other,
            count(*) FILTER (WHERE (received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date < $2
                             AND (finished_at IS NULL OR (finished_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date >= $2)) AS carried,
            count(*) FILTER (WHERE status IN ('RESULT_READY', 'RESULT_RETURNED') AND (finished_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date BETWEEN $2 AND $3
                             AND finished_at <= due_at) AS on_time,
            count(*) FILTER (WHERE status IN ('RESULT_READY', 'RESULT_RETURNED') AND (finished_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date BETWEEN $2 AND $3
                             AND finished_at > due_at) AS late,
            count(*) FILTER (WHERE received_at IS NOT NULL AND finished_at IS NULL AND due_at < $4) AS overdue
       FROM dossiers d JOIN agencies a ON a.code = d.competent_agency
      WHERE a.province_code = $1`,
    ['01', range.from, range.to, now],
  );

async function time(label: string, fn: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return { label, ...summarize(samples) };
}

/** The write side: an open dossier resolved now, projected in its transaction (daily rows and running totals), rolled back. */
const openIds = (await db.query<{ id: string }>(
  `SELECT dossier_id AS id FROM indicator_facts WHERE finished_at IS NULL AND received_at IS NOT NULL AND province_code = '01' ORDER BY dossier_id LIMIT 200`,
)).map((r) => r.id);
let w = 0;
const resolveOne = () =>
  db
    .transaction(async (tx) => {
      const id = openIds[w++ % openIds.length];
      await tx.query(`UPDATE dossiers SET status = 'RESULT_READY', finished_at = $2 WHERE id = $1`, [id, now]);
      await projectDossiers(tx, [id]);
      throw new Error('rollback');
    })
    .catch((e: Error) => {
      if (e.message !== 'rollback') throw e;
    });

const results = [
  await time('naive aggregate over dossiers (province, month)', naive),
  await time('round trip: SELECT 1 in a transaction (the floor at this load)', () => db.transaction((tx) => tx.query('SELECT 1'))),
  await time('statistics of a province, month (read model)', () => db.transaction((tx) => tthcStatistics(tx, { unit: hanoi, range, groupBy: 'none', now }))),
  await time('statistics of the nation by province', () => db.transaction((tx) => tthcStatistics(tx, { unit: vn, range, groupBy: 'unit', now }))),
  await time('766 index of the nation, month', () => db.transaction((tx) => index766(tx, { unit: vn, period: month, range: calendarRange, now }))),
  await time('command center of the nation', () => db.transaction((tx) => commandCenter(tx, { unit: vn, period: month, range: calendarRange, now }))),
  await time('map: on-time rate of 34 provinces', () =>
    db.transaction((tx) => unitValues(tx, { unit: vn, indicator: 'onTimeRate', period: month, range: calendarRange, now })),
  ),
  await time('write: a dossier resolved and projected (rolled back)', resolveOne),
];
const totalsRows = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM indicator_totals'))[0].n;

/**
 * Load-independent costs: the statements one call sends, and the pages (8 kB buffers) the
 * server touches for the main statement (EXPLAIN ANALYZE BUFFERS) — the naive scan's grow with
 * the history, the running totals' do not.
 */
async function pages(sql: string, params: unknown[]) {
  const [plan] = await db.query<{ 'QUERY PLAN': [{ Plan: { 'Shared Hit Blocks': number; 'Shared Read Blocks': number } }] }>(
    `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`,
    params,
  );
  const p = plan['QUERY PLAN'][0].Plan;
  return p['Shared Hit Blocks'] + p['Shared Read Blocks'];
}
const units34 = (await db.query<{ code: string }>('SELECT code FROM provinces ORDER BY code')).map((r) => r.code);
const totalsSql = `SELECT u.unit, (SELECT t.totals FROM indicator_totals t WHERE t.unit = u.unit AND t.day < $2 ORDER BY t.day DESC LIMIT 1),
  (SELECT t.totals FROM indicator_totals t WHERE t.unit = u.unit AND t.day <= $3 ORDER BY t.day DESC LIMIT 1) FROM unnest($1::text[]) AS u(unit)`;
const naiveSql = `SELECT count(*) FILTER (WHERE (received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date BETWEEN $2 AND $3) AS received,
  count(*) FILTER (WHERE (received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date < $2 AND (finished_at IS NULL OR (finished_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date >= $2)) AS carried
  FROM dossiers d JOIN agencies a ON a.code = d.competent_agency WHERE a.province_code = $1`;
let statements = 0;
const counted = <T>(fn: (tx: never) => Promise<T>) =>
  db.transaction((tx) => {
    const proxy = new Proxy(tx, {
      get(target, key) {
        const v = Reflect.get(target, key);
        if (key !== 'query' && key !== 'exec') return typeof v === 'function' ? v.bind(target) : v;
        return (...a: unknown[]) => {
          statements++;
          return (v as (...x: unknown[]) => unknown).apply(target, a);
        };
      },
    });
    return fn(proxy as never);
  });
const statementsOf = async (fn: (tx: never) => Promise<unknown>) => {
  statements = 0;
  await counted(fn);
  return statements;
};
/** Pages touched by every statement of a call (each EXPLAIN ANALYZE BUFFERS'd after it ran), summed. */
const pagesOf = async (fn: (tx: never) => Promise<unknown>) => {
  let sum = 0;
  await db.transaction((tx) => {
    const proxy = new Proxy(tx, {
      get(target, key) {
        const v = Reflect.get(target, key);
        if (key !== 'query') return typeof v === 'function' ? v.bind(target) : v;
        return async (sql: string, params?: unknown[]) => {
          const q = v as (s: string, p?: unknown[]) => Promise<unknown>;
          const r = await q.call(target, sql, params);
          const [plan] = (await q.call(target, `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, params)) as { 'QUERY PLAN': [{ Plan: Record<string, number> }] }[];
          sum += plan['QUERY PLAN'][0].Plan['Shared Hit Blocks'] + plan['QUERY PLAN'][0].Plan['Shared Read Blocks'];
          return r;
        };
      },
    });
    return fn(proxy as never);
  });
  return sum;
};
console.log('load-independent costs:');
console.log(`  pages touched, naive statement (province, month): ${await pages(naiveSql, ['01', range.from, range.to])}`);
console.log(`  pages touched, running totals of one province: ${await pages(totalsSql, [['01'], range.from, range.to])}`);
console.log(`  pages touched, running totals of 34 provinces: ${await pages(totalsSql, [units34, range.from, range.to])}`);
console.log(`  pages touched, command center of a province (every statement): ${await pagesOf((tx) => commandCenter(tx, { unit: hanoi, period: month, range: calendarRange, now }))}`);
console.log(`  pages touched, command center of the nation (every statement): ${await pagesOf((tx) => commandCenter(tx, { unit: vn, period: month, range: calendarRange, now }))}`);
console.log(`  statements, statistics of a province: ${await statementsOf((tx) => tthcStatistics(tx, { unit: hanoi, range, groupBy: 'none', now }))}`);
console.log(`  statements, statistics of the nation by province: ${await statementsOf((tx) => tthcStatistics(tx, { unit: vn, range, groupBy: 'unit', now }))}`);
console.log(`  statements, command center of the nation: ${await statementsOf((tx) => commandCenter(tx, { unit: vn, period: month, range: calendarRange, now }))}`);

const base = results[0];
console.log(`indicators bench: ${total} dossiers, ${rows} aggregate rows, ${totalsRows} running-totals rows, PostgreSQL, ${RUNS} runs each, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
for (const r of results) {
  const ratio = r === base ? '' : `  naive p95 / this p95 = ${(base.p95 / r.p95).toFixed(1)}x`;
  console.log(`  ${r.label.padEnd(52)} p50 ${fmt(r.p50).padStart(9)}  p95 ${fmt(r.p95).padStart(9)}${ratio}`);
}
await sys.close();
