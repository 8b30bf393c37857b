// Where the time of bench/submission goes: the server in its own process under `node --cpu-prof`,
// the load generator of bench/submission (COUNT dossiers at concurrency 16), and PostgreSQL's view
// of the same minutes: pg_stat_activity sampled every 10 ms (what each of the server's backends
// is doing: running, idle in transaction = waiting for Node, or waiting for a lock).
// Usage: DATABASE_URL=… tsx bench/profile-submission.ts [count] [profile-dir]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { counterDossier, runSubmissionClient, signIn, startProcess } from './lib.ts';

const COUNT = Number(process.argv[2] ?? 400);
const profDir = path.resolve(process.argv[3] ?? fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-prof-')));
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL is required');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-'));
const server = await startProcess(path.resolve(import.meta.dirname, '../src/main.ts'), {
  MOTCUA_DATA_DIR: dataDir,
  MOTCUA_DEMO: '1',
  DATABASE_URL: databaseUrl,
}, /ready at/, ['--cpu-prof', `--cpu-prof-dir=${profDir}`]);
const sampler = new pg.Client({ connectionString: databaseUrl });
await sampler.connect();
const counts = new Map<string, number>();
let samples = 0;
let sampling = true;
const loop = (async () => {
  while (sampling) {
    const { rows } = await sampler.query(
      `SELECT state, coalesce(wait_event_type || ':' || wait_event, '') AS wait, left(regexp_replace(query, '\\s+', ' ', 'g'), 60) AS q
         FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
    );
    samples++;
    for (const r of rows) {
      const key = r.state === 'active' ? `active ${r.wait || 'CPU'} | ${r.wait.startsWith('Lock') ? r.q : ''}` : `${r.state}${r.state === 'idle in transaction' ? '' : ''}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
})();
const load0 = os.loadavg();
try {
  const desk = await signIn(server.url, 'motcua.hoankiem');
  const body = await counterDossier(server.url, desk.headers, desk.agency ?? '', '1.004873');
  counts.clear();
  samples = 0;
  const result = await runSubmissionClient({ url: server.url, headers: desk.headers, body, count: COUNT, concurrency: 16 });
  console.log(`result: ${JSON.stringify(result)}  load ${load0.map((x) => x.toFixed(1)).join(' ')} → ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
} finally {
  sampling = false;
  await loop;
  await sampler.end();
  await server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
console.log(`pg_stat_activity, ${samples} samples; mean backends per state:`);
for (const [k, v] of [...counts].sort((a, b) => b[1] - a[1])) console.log(`  ${(v / samples).toFixed(2)}  ${k}`);
console.log(`profiles in ${profDir}`);
