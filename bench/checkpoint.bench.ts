// Audit checkpoints at a province's scale: CHAINS dossier chains of 3 rows (a year of a province
// is about a million), then one interval's work (1,000 actions on 1,000 dossiers, ~3 a second for
// 5 minutes). Measures the checkpoint written after that interval (format 2: the chains written
// since the previous one; median of 5 intervals) against what format 1 did at every interval in the same run: count the
// whole log, read every chain's head, sign them all.
// Usage: npm run bench -- checkpoint [chains]   (DATABASE_URL=… for PostgreSQL; PGlite otherwise)
import { createHash, sign } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeCheckpoint } from '../src/platform/audit.ts';
import { openDb } from '../src/platform/db.ts';
import { installationKeys } from '../src/platform/installation-key.ts';
import { migrate } from '../src/platform/migrate.ts';
import { fmt } from './lib.ts';

const CHAINS = Number(process.argv[2] ?? 100_000);
const INTERVAL = 1_000;
const databaseUrl = process.env.DATABASE_URL;
const dataDir = databaseUrl ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-'));
const db = await openDb({ databaseUrl, dataDir });
await migrate(db);
const keys = installationKeys(undefined);

/** `rows` rows on chains `bench:<from…from+count>`, with seq `seq` (hashes made up: a checkpoint does not read them). */
async function appendRows(from: number, count: number, seq: number) {
  for (let start = from; start < from + count; start += 20_000) {
    const n = Math.min(20_000, from + count - start);
    await db.query(
      `INSERT INTO audit_log (chain, seq, at, actor_id, action, subject_type, subject_id, data, prev_hash, hash, mac)
       SELECT 'bench:' || i, $2::int, now(), NULL, 'dossier.x', 'dossier', 'bench-' || i, '{}'::jsonb, repeat('0', 64),
              md5(i::text || '/' || $2::int) || md5($2::int || '/' || i::text), NULL
         FROM generate_series($1::int, $1::int + $3::int - 1) AS i`,
      [start, seq, n],
    );
  }
}

const timed = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const t0 = performance.now();
  const value = await fn();
  return [value, performance.now() - t0];
};

/** Format 1, as every interval did it: the whole log counted, every chain's head read and signed. */
async function everyHead(): Promise<number> {
  await db.query('SELECT count(*)::int AS rows, coalesce(max(id), 0)::bigint AS max_id FROM audit_log');
  const heads = await db.query<{ chain: string; seq: number; hash: string }>('SELECT DISTINCT ON (chain) chain, seq, hash FROM audit_log ORDER BY chain, seq DESC');
  const text = JSON.stringify({ v: 1, heads: heads.map((h) => [h.chain, h.seq, h.hash]) });
  createHash('sha256').update(text).digest('hex');
  sign(null, Buffer.from(text), keys.privateKey);
  return Buffer.byteLength(text);
}

for (let seq = 1; seq <= 3; seq++) await appendRows(0, CHAINS, seq);
await db.query('ANALYZE audit_log'); // as autovacuum would have, after a year of rows
await writeCheckpoint(db, { keys, force: true }); // the first: every head
const RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const times: number[] = [];
const fullTimes: number[] = [];
let bytes = 0;
let fullBytes = 0;
for (let run = 0; run < RUNS; run++) {
  await appendRows(run * INTERVAL, INTERVAL, 4); // one interval's actions
  const [record, ms] = await timed(() => writeCheckpoint(db, { keys }));
  times.push(ms);
  bytes = Buffer.byteLength(record!.body);
  const [size, fullMs] = await timed(everyHead);
  fullTimes.push(fullMs);
  fullBytes = size;
}
const incremental = median(times);
const full = median(fullTimes);
console.log(`audit checkpoint, ${CHAINS.toLocaleString('en')} chains (${(3 * CHAINS).toLocaleString('en')} rows), ${INTERVAL} rows in each interval, median of ${RUNS} (${databaseUrl ? 'postgres' : 'pglite'})`);
console.log(`  baseline format 1 (every chain's head): ${fmt(full)}, ${(fullBytes / 1024).toFixed(0)} KiB a checkpoint`);
console.log(`  format 2 (chains written since):        ${fmt(incremental)}, ${(bytes / 1024).toFixed(0)} KiB a checkpoint  ratio ${(incremental / full).toFixed(3)} of the time, ${(bytes / fullBytes).toFixed(4)} of the size`);
if (databaseUrl && !process.env.BENCH_KEEP) await db.query("DELETE FROM audit_log WHERE chain LIKE 'bench:%'");
await db.close();
if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
