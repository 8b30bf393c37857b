// Public tracking requests per second (GET /api/v1/public/tracking/{code}, concurrency 16)
// against the hello-world route GET /api/v1/ping of the same server in the same run.
// Usage: npm run bench -- tracking [requests]   (DATABASE_URL=… for PostgreSQL)
import { randomUUID } from 'node:crypto';
import { counterDossier, getOk, load, postOk, signIn, startSystem } from './lib.ts';

const REQUESTS = Number(process.argv[2] ?? 4000);
const CONCURRENCY = 16;
const sys = await startSystem();
const desk = await signIn(sys.url, 'motcua.hoankiem');
const body = await counterDossier(sys.url, desk.headers, desk.agency ?? '', '1.004873');
const codes: string[] = [];
for (let i = 0; i < 50; i++) {
  const dossier = await postOk(`${sys.url}/api/v1/dossiers`, body, { ...desk.headers, 'idempotency-key': randomUUID() });
  codes.push((await postOk(`${sys.url}/api/v1/dossiers/${dossier.id}/actions`, { action: 'receive' }, desk.headers)).code);
}
await load(400, CONCURRENCY, (i) => getOk(`${sys.url}/api/v1/public/tracking/${codes[i % codes.length]}`).then(() => {})); // warm-up
const hello = await load(REQUESTS, CONCURRENCY, () => getOk(`${sys.url}/api/v1/ping`).then(() => {}));
const tracking = await load(REQUESTS, CONCURRENCY, async (i) => {
  const t = (await getOk(`${sys.url}/api/v1/public/tracking/${codes[i % codes.length]}`)) as { code: string };
  if (t.code !== codes[i % codes.length]) throw new Error('wrong dossier');
});
console.log(`tracking, ${REQUESTS} requests at concurrency ${CONCURRENCY} (${sys.ctx.db.engine})`);
console.log(`  baseline GET /api/v1/ping:              ${hello.perSecond.toFixed(0)} req/s  p95 ${hello.p95.toFixed(1)} ms`);
console.log(`  GET /api/v1/public/tracking/{code}:     ${tracking.perSecond.toFixed(0)} req/s  p95 ${tracking.p95.toFixed(1)} ms  ratio ${((100 * tracking.perSecond) / hello.perSecond).toFixed(0)} %`);
await sys.stop();
