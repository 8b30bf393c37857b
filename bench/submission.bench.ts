// Dossiers per second through HTTP (submit + receive, two transactions each, concurrency 16)
// against raw inserts of the same shape (a dossier row and an event per step, two transactions)
// on the same database in the same run. The server runs in its own process (with 1 and, on
// PostgreSQL, 2 HTTP processes: MOTCUA_WORKERS), driven by a load generator in another process.
// Usage: npm run bench -- submission [count]   (DATABASE_URL=… for PostgreSQL; PGlite otherwise)
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb } from '../src/platform/db.ts';
import pg from 'pg';
import { backendCpu, backendCpuDelta, counterDossier, load, processTreeCpuMs, runSubmissionClient, signIn, startProcess } from './lib.ts';

const COUNT = Number(process.argv[2] ?? 400);
const CONCURRENCY = 16;
const WARMUP = Number(process.env.BENCH_WARMUP ?? 160);
const databaseUrl = process.env.DATABASE_URL;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-'));

// Baseline: raw inserts on the same engine and storage (PGlite: the server's data folder, before it starts).
const db = await openDb({ databaseUrl, dataDir: databaseUrl ? undefined : dataDir });
await db.query('DROP TABLE IF EXISTS bench_dossier, bench_event');
await db.query('CREATE TABLE bench_dossier (id uuid PRIMARY KEY, status text NOT NULL, body jsonb NOT NULL, received_at timestamptz)');
await db.query('CREATE TABLE bench_event (dossier_id uuid NOT NULL, seq int NOT NULL, action text NOT NULL, at timestamptz NOT NULL, PRIMARY KEY (dossier_id, seq))');
const json = JSON.stringify({ procedureCode: '1.004873', applicant: { fullName: 'Nguyễn Thị Ánh Tuyết' }, documents: [] });
// CPU per dossier (ms, user + system): this process and the database's backends (PostgreSQL
// on this machine only; PGlite runs inside the process). Unlike dossiers per second, CPU time
// hardly moves with the load other work puts on the machine.
const ask = async (sql: string) => (await db.query<{ pid: number }>(sql)).map((r) => ({ pid: Number(r.pid) }));
const rawBackends0 = databaseUrl ? await backendCpu(ask) : new Map<number, number>();
const rawCpu0 = process.cpuUsage();
const raw = await load(COUNT, CONCURRENCY, async () => {
  const id = randomUUID();
  await db.transaction(async (tx) => {
    await tx.query('INSERT INTO bench_dossier (id, status, body) VALUES ($1, $2, $3)', [id, 'SUBMITTED', json]);
    await tx.query('INSERT INTO bench_event VALUES ($1, 1, $2, now())', [id, 'submit']);
  });
  await db.transaction(async (tx) => {
    await tx.query("UPDATE bench_dossier SET status = 'RECEIVED', received_at = now() WHERE id = $1", [id]);
    await tx.query('INSERT INTO bench_event VALUES ($1, 2, $2, now())', [id, 'receive']);
  });
});
const rawCpuUsage = process.cpuUsage(rawCpu0);
const rawCpu = { node: (rawCpuUsage.user + rawCpuUsage.system) / 1000 / COUNT, database: databaseUrl ? backendCpuDelta(rawBackends0, await backendCpu(ask)) / COUNT : 0 };
await db.query('DROP TABLE bench_dossier, bench_event');
await db.close();

/** Until no outbox row waits for its handler and no projection key is queued (at most 2 minutes). */
async function settled(sampler: pg.Client | null, poll: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + 120_000;
  do {
    await new Promise((r) => setTimeout(r, sampler ? 100 : 2000));
    if (!sampler) return;
    await poll();
    const { rows } = await sampler.query<{ waiting: boolean }>(
      'SELECT EXISTS (SELECT 1 FROM outbox WHERE processed_at IS NULL) OR EXISTS (SELECT 1 FROM projection_queue) AS waiting',
    );
    if (!rows[0].waiting) return;
  } while (Date.now() < deadline);
  throw new Error('the outbox or the projection queue did not drain within 2 minutes');
}

async function http(workers: number) {
  const server = await startProcess(path.resolve(import.meta.dirname, '../src/main.ts'), {
    MOTCUA_DATA_DIR: dataDir,
    MOTCUA_DEMO: '1',
    MOTCUA_WORKERS: String(workers),
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  try {
    const desk = await signIn(server.url, 'motcua.hoankiem');
    const body = await counterDossier(server.url, desk.headers, desk.agency ?? '', '1.004873');
    const sampler = databaseUrl ? new pg.Client({ connectionString: databaseUrl }) : null;
    await sampler?.connect();
    const sample = async () => (sampler ? await backendCpu(async (sql) => (await sampler.query(sql)).rows) : new Map<number, number>());
    // Warm-up, not measured: every connection of the pool prepares its statements (named:
    // parsed and planned once per connection) and fills its catalogue caches, and the server's
    // code is compiled by the JIT. The raw baseline's few statements need none of it.
    await runSubmissionClient({ url: server.url, headers: desk.headers, body, count: WARMUP, concurrency: CONCURRENCY });
    const backends0 = await sample();
    // The backends' CPU as last seen, sampled every half second: a pooled connection left idle
    // for 10 s closes, and its backend's CPU would otherwise go uncounted.
    const backends = new Map(backends0);
    const track = async () => {
      for (const [pid, ms] of await sample()) backends.set(pid, Math.max(ms, backends.get(pid) ?? 0));
    };
    const tracking = setInterval(() => void track().catch(() => {}), 500);
    const server0 = processTreeCpuMs(server.pid);
    const result = await runSubmissionClient({ url: server.url, headers: desk.headers, body, count: COUNT, concurrency: CONCURRENCY });
    // The outbox relay and the indicators projection run after commit: their work is part of
    // the cost, so the last sample waits until both have caught up (PGlite: the server's own
    // database, not readable from here, so a fixed 2 s).
    await settled(sampler, track);
    clearInterval(tracking);
    await track();
    const cpu = {
      server: (processTreeCpuMs(server.pid) - server0) / COUNT,
      client: result.cpuMs / COUNT,
      database: backendCpuDelta(backends0, backends) / COUNT,
    };
    await sampler?.end();
    return { ...result, cpu };
  } finally {
    await server.stop();
  }
}

const engine = databaseUrl ? 'postgres' : 'pglite';
const runs: [string, { perSecond: number; p95: number; retried: number; cpu: { server: number; client: number; database: number } }][] = [['1 process', await http(1)]];
// BENCH_PROCESSES=1 skips the 2-process run (A/B of one process's CPU per dossier)
if (databaseUrl && process.env.BENCH_PROCESSES !== '1') runs.push(['2 processes', await http(2)]);
fs.rmSync(dataDir, { recursive: true, force: true });
console.log(`submission, ${COUNT} dossiers at concurrency ${CONCURRENCY} (${engine}); server and load generator in their own processes`);
console.log(`  baseline raw inserts (2 transactions, 4 statements): ${raw.perSecond.toFixed(0)} dossiers/s  p95 ${raw.p95.toFixed(1)} ms`);
console.log(`    CPU per dossier: node ${rawCpu.node.toFixed(2)} ms, database ${rawCpu.database.toFixed(2)} ms`);
for (const [label, r] of runs) {
  console.log(
    `  HTTP submit + receive, ${label}: ${r.perSecond.toFixed(0)} dossiers/s  p95 ${r.p95.toFixed(1)} ms  ratio ${((100 * r.perSecond) / raw.perSecond).toFixed(0)} % (aim ≥ 50 %)${r.retried ? `; ${r.retried} answers 409 CONFLICT tried again` : ''}`,
  );
  const total = r.cpu.server + r.cpu.client + r.cpu.database;
  console.log(
    `    CPU per dossier: server ${r.cpu.server.toFixed(2)} ms, load generator ${r.cpu.client.toFixed(2)} ms, database ${r.cpu.database.toFixed(2)} ms; total ${total.toFixed(1)} ms = ${(total / (rawCpu.node + rawCpu.database)).toFixed(1)}× the baseline's`,
  );
}
