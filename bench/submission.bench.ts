// Dossiers per second through HTTP (submit + receive, two transactions each, concurrency 16)
// against raw inserts of the same shape (a dossier row and an event per step, two transactions)
// on the same database in the same run. Usage: npm run bench -- submission [count]
// (DATABASE_URL=… for PostgreSQL; embedded PGlite otherwise).
import { randomUUID } from 'node:crypto';
import { counterDossier, load, postOk, signIn, startSystem } from './lib.ts';

const COUNT = Number(process.argv[2] ?? 400);
const CONCURRENCY = 16;
const sys = await startSystem();
const db = sys.ctx.db;
const desk = await signIn(sys.url, 'motcua.hoankiem');
const body = await counterDossier(sys.url, desk.headers, desk.agency ?? '', '1.004873');

await db.query('CREATE TABLE bench_dossier (id uuid PRIMARY KEY, status text NOT NULL, body jsonb NOT NULL, received_at timestamptz)');
await db.query('CREATE TABLE bench_event (dossier_id uuid NOT NULL, seq int NOT NULL, action text NOT NULL, at timestamptz NOT NULL, PRIMARY KEY (dossier_id, seq))');
const json = JSON.stringify(body);
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

const http = await load(COUNT, CONCURRENCY, async () => {
  const dossier = await postOk(`${sys.url}/api/v1/dossiers`, body, { ...desk.headers, 'idempotency-key': randomUUID() });
  const received = await postOk(`${sys.url}/api/v1/dossiers/${dossier.id}/actions`, { action: 'receive' }, { ...desk.headers, 'idempotency-key': randomUUID() });
  if (!received.code) throw new Error('received without a code');
});
const [{ n }] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM dossiers WHERE status = 'RECEIVED'");
console.log(`submission, ${COUNT} dossiers at concurrency ${CONCURRENCY} (${db.engine}); ${n} received dossiers in the table`);
console.log(`  baseline raw inserts (2 transactions, 4 statements): ${raw.perSecond.toFixed(0)} dossiers/s  p95 ${raw.p95.toFixed(1)} ms`);
console.log(`  HTTP submit + receive (code, due date, audit, outbox): ${http.perSecond.toFixed(0)} dossiers/s  p95 ${http.p95.toFixed(1)} ms  ratio ${((100 * http.perSecond) / raw.perSecond).toFixed(0)} %`);
await sys.stop();
