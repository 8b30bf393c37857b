// Issue 16's "Done when" at scale: on a PostgreSQL database of N generated dossiers, a provincial
// leader (lanhdao.hanoi) and national oversight (giamsat.quocgia) open the command center in
// Chromium; the tiles they see (and, for the nation, the map of received dossiers by province)
// are checked against the same figures recomputed with plain SQL from the dossier logs
// (e2e/command-center-figures.ts: dossier_actions, dossier_ratings — not the read model).
// Prints the page load times, the command center's API time and the recompute's; screenshots
// in docs/screenshots/command-center-1m-*.png. Exit status 1 when a figure differs.
// Usage: DATABASE_URL=postgres://…/db npm run bench -- command-center [--count 1000000] [--loads 3]
//        npm run bench:command-center:1m                (1,000,000 dossiers; the web app built in dist/web)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { loadConfig } from '../src/config.ts';
import { bootstrap } from '../src/bootstrap.ts';
import { localDate } from '../src/platform/clock.ts';
import { generateDossiers } from '../src/modules/indicators/synthetic-history.ts';
import { countsFromLogs, printed, readReceivedMap, readTiles, type Tiles, pickTiles as pick, tilesOf } from '../e2e/command-center-figures.ts';
import { fmt, summarize } from './lib.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.lastIndexOf(`--${name}`); // the last one wins
  return i > 0 ? process.argv[i + 1] : fallback;
};
const COUNT = Number(arg('count', '1000000'));
const LOADS = Number(arg('loads', '3'));
const url = process.env.DATABASE_URL;
if (!url?.startsWith('postgres')) {
  console.error('command-center bench: set DATABASE_URL to a PostgreSQL database (node scripts/pg-db.mjs create NAME)');
  process.exit(64);
}
const config = loadConfig({ ...process.env, DATABASE_URL: url, MOTCUA_DEMO: '1', LOG_LEVEL: 'silent', MOTCUA_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-cc-')) });
const sys = await bootstrap(config, { serveWeb: true, rateLimitPerMinute: 100_000 });
const db = sys.ctx.db;
const have = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM dossiers'))[0].n;
if (have < COUNT) {
  const t0 = performance.now();
  const r = await generateDossiers(db, { count: COUNT - have, from: '2025-07-01', now: sys.ctx.clock.now(), onProgress: (n) => n % 100_000 === 0 && console.log(`  generated ${n}`) });
  console.log(`generated ${r.generated} dossiers and rebuilt the indicators in ${fmt(performance.now() - t0)}`);
}
await db.query('ANALYZE');
const total = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM dossiers'))[0].n;
const actions = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM dossier_actions'))[0].n;
const baseUrl = await sys.app.listen({ port: 0, host: '127.0.0.1' });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
const SHOTS = path.resolve('docs/screenshots');
const problems: string[] = [];
const lines: string[] = [];
const same = (what: string, a: unknown, b: unknown) => {
  const ok = JSON.stringify(a) === JSON.stringify(b);
  if (!ok) problems.push(`${what}: page/API ${JSON.stringify(a)} ≠ logs ${JSON.stringify(b)}`);
  return ok ? 'equal' : 'DIFFERENT';
};
for (const [username, unit, name] of [
  ['lanhdao.hanoi', '01', 'hanoi'],
  ['giamsat.quocgia', 'VN', 'national'],
] as const) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
  const login = await context.request.post(`${baseUrl}/api/v1/auth/login`, { data: { username, password: 'MotCua@2026' } });
  if (login.status() !== 200) throw new Error(`sign-in of ${username}: ${login.status()}`);
  const page: Page = await context.newPage();
  // page load: navigation until the tiles print their figures (the command center's answer drawn)
  const loads: number[] = [];
  let shown: Record<keyof Tiles, string> | null = null;
  for (let i = 0; i < LOADS; i++) {
    const t0 = performance.now();
    await page.goto(`${baseUrl}/chi-dao-dieu-hanh`);
    shown = await readTiles(page, 300_000);
    loads.push(performance.now() - t0);
  }
  await page.screenshot({ path: path.join(SHOTS, `command-center-1m-${name}.png`) });
  const api: number[] = [];
  let center: { from: string; to: string; tiles: Tiles } | null = null;
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    const res = await context.request.get(`${baseUrl}/api/v1/indicators/command-center?unit=${unit}`);
    api.push(performance.now() - t0);
    center = await res.json();
  }
  const now = sys.ctx.clock.now();
  const t0 = performance.now();
  const counts = await countsFromLogs(db, { today: localDate(now), from: center!.from, to: center!.to, now });
  const recomputeMs = performance.now() - t0;
  const expected = tilesOf(counts, unit);
  const l = summarize(loads);
  const a = summarize(api);
  lines.push(`${username} (${unit}), period ${center!.from} → ${center!.to}`);
  lines.push(`  tiles on the page: ${JSON.stringify(shown)}`);
  lines.push(`  from the logs:     ${JSON.stringify(printed(expected))}  → ${same(`${unit} tiles as printed`, shown, printed(expected))}`);
  lines.push(`  API answer ${JSON.stringify(pick(center!.tiles))} vs logs → ${same(`${unit} API tiles`, pick(center!.tiles), expected)}`);
  lines.push(`  page load to tiles shown (${LOADS} loads): p50 ${fmt(l.p50)}, max ${fmt(Math.max(...loads))}; command-center API (10 calls): p50 ${fmt(a.p50)}, p95 ${fmt(a.p95)}; recompute from the logs: ${fmt(recomputeMs)}`);
  if (unit === 'VN') {
    const t1 = performance.now();
    const map = await readReceivedMap(page, 300_000);
    const mapMs = performance.now() - t1;
    await page.getByRole('list', { name: /Bản đồ ô các tỉnh/ }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'command-center-1m-national-map.png') });
    const names = await db.query<{ code: string; name: string }>('SELECT code, name FROM provinces');
    const fromLogs = new Map(names.map((p) => [p.name, new Intl.NumberFormat('vi-VN').format(counts.find((r) => r.province === p.code)?.received ?? 0)]));
    const verdict = same('received by province (map)', [...map].sort(), [...fromLogs].sort());
    lines.push(`  map "received in the period", 34 provinces: ${verdict} (shown ${fmt(mapMs)} after the choice; Hà Nội ${map.get('Thành phố Hà Nội')})`);
  }
  await context.close();
}
console.log(`command center at ${total} dossiers (${actions} log entries), PostgreSQL, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
for (const line of lines) console.log(line);
console.log(problems.length ? `DIFFERENT:\n  ${problems.join('\n  ')}` : 'every figure shown equals its recompute from the dossier logs');
await browser.close();
await sys.close();
process.exit(problems.length ? 1 : 0);
