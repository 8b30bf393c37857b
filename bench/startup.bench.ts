// Cold start to ready: `npm start` on an empty data directory (migrate + seed the national
// registers), then a warm restart on the same directory, against a hello-world Fastify process
// started the same way (node + tsx) in the same run. Usage: npx tsx bench/startup.bench.ts [runs]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fmt, timeUntil } from './lib.ts';

const runs = Number(process.argv[2] ?? 3);
const node = process.execPath;
const tsx = ['--import', 'tsx'];
const port = String(39000 + Math.floor(Math.random() * 1000));

const baseline: number[] = [];
const cold: number[] = [];
const warm: number[] = [];
for (let i = 0; i < runs; i++) {
  baseline.push(await timeUntil(node, [...tsx, 'bench/hello.fixture.ts'], { PORT: port }, /hello ready/));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-'));
  const env = { PORT: port, MOTCUA_DATA_DIR: dir, LOG_LEVEL: 'warn' };
  cold.push(await timeUntil(node, [...tsx, 'src/main.ts'], env, /sẵn sàng/));
  warm.push(await timeUntil(node, [...tsx, 'src/main.ts'], env, /sẵn sàng/));
  fs.rmSync(dir, { recursive: true, force: true });
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const b = median(baseline);
console.log(`startup (median of ${runs}, PGlite)`);
console.log(`  baseline hello-world Fastify: ${fmt(b)}`);
console.log(`  cold start (empty data dir, migrate + seed): ${fmt(median(cold))}  ratio ${(median(cold) / b).toFixed(1)}x`);
console.log(`  warm start (existing data dir):            ${fmt(median(warm))}  ratio ${(median(warm) / b).toFixed(1)}x`);
