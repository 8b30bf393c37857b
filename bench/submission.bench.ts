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
import { counterDossier, load, runSubmissionClient, signIn, startProcess } from './lib.ts';

const COUNT = Number(process.argv[2] ?? 400);
const CONCURRENCY = 16;
const databaseUrl = process.env.DATABASE_URL;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-'));

// Baseline: raw inserts on the same engine and storage (PGlite: the server's data folder, before it starts).
const db = await openDb({ databaseUrl, dataDir: databaseUrl ? undefined : dataDir });
await db.query('DROP TABLE IF EXISTS bench_dossier, bench_event');
await db.query('CREATE TABLE bench_dossier (id uuid PRIMARY KEY, status text NOT NULL, body jsonb NOT NULL, received_at timestamptz)');
await db.query('CREATE TABLE bench_event (dossier_id uuid NOT NULL, seq int NOT NULL, action text NOT NULL, at timestamptz NOT NULL, PRIMARY KEY (dossier_id, seq))');
const json = JSON.stringify({ procedureCode: '1.004873', applicant: { fullName: 'Nguyễn Thị Ánh Tuyết' }, documents: [] });
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
await db.query('DROP TABLE bench_dossier, bench_event');
await db.close();

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
    return await runSubmissionClient({ url: server.url, headers: desk.headers, body, count: COUNT, concurrency: CONCURRENCY });
  } finally {
    await server.stop();
  }
}

const engine = databaseUrl ? 'postgres' : 'pglite';
const runs: [string, { perSecond: number; p95: number }][] = [['1 process', await http(1)]];
if (databaseUrl) runs.push(['2 processes', await http(2)]);
fs.rmSync(dataDir, { recursive: true, force: true });
console.log(`submission, ${COUNT} dossiers at concurrency ${CONCURRENCY} (${engine}); server and load generator in their own processes`);
console.log(`  baseline raw inserts (2 transactions, 4 statements): ${raw.perSecond.toFixed(0)} dossiers/s  p95 ${raw.p95.toFixed(1)} ms`);
for (const [label, r] of runs) {
  console.log(
    `  HTTP submit + receive, ${label}: ${r.perSecond.toFixed(0)} dossiers/s  p95 ${r.p95.toFixed(1)} ms  ratio ${((100 * r.perSecond) / raw.perSecond).toFixed(0)} % (aim ≥ 50 %)`,
  );
}
