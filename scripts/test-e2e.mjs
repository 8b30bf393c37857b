#!/usr/bin/env node
// Runs the browser journeys (e2e/) when Chromium is installed; otherwise says so and succeeds.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const chromium = '/usr/bin/chromium';

if (!fs.existsSync(chromium)) {
  console.log(`Browser journeys (e2e/) NOT run: Chromium is missing at ${chromium} (apt-get install chromium).`);
  process.exit(0);
}

const run = (args) => spawnSync('npx', args, { cwd: root, stdio: 'inherit' }).status ?? 1;

if (!fs.existsSync(path.join(root, 'dist/web/index.html'))) {
  console.log('dist/web is missing: building the web app first.');
  const status = run(['vite', 'build', '--config', 'vite.config.ts']);
  if (status !== 0) process.exit(status);
}

// What each failed journey's page showed (e2e/harness.ts watchPage), printed again last: a CI log
// is often read from its tail.
const failures = path.join(root, 'artifacts/e2e-failures.log');
fs.rmSync(failures, { force: true });
const status = run(['vitest', 'run', '--config', 'vitest.e2e.config.ts', ...process.argv.slice(2)]);
if (fs.existsSync(failures)) {
  // In CI a failed journey is tried once more (vitest.e2e.config.ts): a pass then is still reported.
  const heading = status === 0 ? 'Journeys that failed once and passed when tried again (flaky: to look into)' : "What the failed journeys' pages showed";
  console.log(`\n== ${heading}\n${fs.readFileSync(failures, 'utf8')}`);
}
process.exit(status);
