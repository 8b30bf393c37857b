// Statements sent to the database per dossier (submit + receive over HTTP, the path of
// bench/submission), counted by the database layer: a figure the machine's load cannot move.
// The raw baseline of bench/submission sends 4 statements in 2 transactions (+ BEGIN/COMMIT).
// Usage: npm run bench -- statements [dossiers] [--list]   (DATABASE_URL=… for PostgreSQL)
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bootstrap } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import { openDb } from '../src/platform/db.ts';
import { drainIndicators } from '../src/modules/indicators/index.ts';

const COUNT = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 5);
const LIST = process.argv.includes('--list');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-'));
const config = loadConfig({ ...process.env, MOTCUA_DATA_DIR: dataDir, LOG_LEVEL: 'warn', MOTCUA_DEMO: '1' });
let seen: string[] = [];
let counting = false;
const db = await openDb({
  databaseUrl: config.DATABASE_URL,
  dataDir: config.DATABASE_URL ? undefined : dataDir,
  onStatement: (text) => counting && seen.push(text.replace(/\s+/g, ' ').trim()),
});
// no projection runner: the command center's projection (after commit, in batches) is counted apart
const system = await bootstrap(config, { db, rateLimitPerMinute: 1_000_000, projections: false });
const app = system.app;

const login = (await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'motcua.hoankiem', password: 'MotCua@2026' } })).json();
const headers = { authorization: `Bearer ${login.token}` };
const agency = login.user.agencies[0].code as string;
const proc = (await app.inject({ method: 'GET', url: '/api/v1/procedures/1.004873' })).json() as { components: { code: string; required: boolean }[] };
const documents: { componentCode: string; fileId: string }[] = [];
for (const c of proc.components.filter((x) => x.required)) {
  const boundary = 'b0undary';
  const pdf = `%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n%${c.code}\n`;
  const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n${pdf}\r\n--${boundary}--\r\n`;
  const res = await app.inject({ method: 'POST', url: '/api/v1/files', headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
  documents.push({ componentCode: c.code, fileId: res.json().fileId });
}
const body = (i: number) => ({
  procedureCode: '1.004873',
  receivingAgency: agency,
  channel: 'direct',
  applicant: { fullName: 'Nguyễn Thị Ánh Tuyết', idNumber: `0011900${String(i).padStart(5, '0')}`, phone: '0912345678', address: { communeCode: '00070', detail: 'Số 1 phố Tràng Tiền' } },
  fields: {},
  documents,
});

async function measure(label: string, keyed: boolean) {
  const perDossier: number[] = [];
  let last: string[] = [];
  for (let i = 0; i < COUNT; i++) {
    seen = [];
    counting = true;
    const key = () => (keyed ? { 'idempotency-key': randomUUID() } : {});
    const submitted = await app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { ...headers, ...key() }, payload: body(i + (keyed ? 5000 : 0)) });
    if (submitted.statusCode !== 201) throw new Error(`submit ${submitted.statusCode} ${submitted.body}`);
    const received = await app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${submitted.json().id}/actions`,
      headers: { ...headers, ...key() },
      payload: { action: 'receive' },
    });
    if (received.statusCode !== 200) throw new Error(`receive ${received.statusCode} ${received.body}`);
    counting = false;
    perDossier.push(seen.length);
    last = seen;
  }
  perDossier.sort((a, b) => a - b);
  console.log(`  ${label}: ${perDossier[Math.floor(perDossier.length / 2)]} statements per dossier (median of ${COUNT}; min ${perDossier[0]}, max ${perDossier.at(-1)})`);
  if (LIST) for (const s of last) console.log(`      ${s.slice(0, 150)}`);
  // the command center's projection of these dossiers, as a runner takes them: one batch
  seen = [];
  counting = true;
  await drainIndicators(db);
  counting = false;
  console.log(`    + the indicators projection after commit: ${seen.length} statements for the ${COUNT} dossiers in one batch (${(seen.length / COUNT).toFixed(1)} per dossier)`);
  if (LIST) for (const s of seen) console.log(`      ${s.slice(0, 150)}`);
}

console.log(`statements per dossier, submit + receive through the HTTP routes (${db.engine})`);
console.log('  raw baseline (bench/submission): 4 statements + 2 × BEGIN/COMMIT = 8');
await measure('HTTP, no Idempotency-Key', false);
await measure('HTTP, with Idempotency-Key', true);
seen = [];
counting = true;
await app.inject({ method: 'GET', url: '/api/v1/ping' });
counting = false;
console.log(`  GET /api/v1/ping: ${seen.length} statements`);
await system.close();
fs.rmSync(dataDir, { recursive: true, force: true });
