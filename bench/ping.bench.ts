// Requests per second of GET /api/v1/ping (no database) against a bare Fastify hello, both in
// their own process, driven by autocannon in a third process (32 connections, 10 s each).
// Usage: npm run bench -- ping  (DATABASE_URL=… for PostgreSQL; embedded PGlite otherwise)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { autocannon, startProcess } from './lib.ts';

const SECONDS = Number(process.argv[2] ?? 10);
const hello = await startProcess(path.resolve(import.meta.dirname, 'hello.fixture.ts'), {}, /hello ready/);
const helloRun = await autocannon(`${hello.url}/hello`, { seconds: SECONDS });
await hello.stop();

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-'));
const server = await startProcess(path.resolve(import.meta.dirname, '../src/main.ts'), { MOTCUA_DATA_DIR: dataDir, MOTCUA_DEMO: '1' });
const pingRun = await autocannon(`${server.url}/api/v1/ping`, { seconds: SECONDS });
await server.stop();
fs.rmSync(dataDir, { recursive: true, force: true });

console.log(`ping, autocannon 32 connections × ${SECONDS} s, each server in its own process (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`);
console.log(`  bare Fastify hello: ${helloRun.perSecond.toFixed(0)} req/s  p97.5 ${helloRun.p97_5} ms`);
console.log(`  GET /api/v1/ping:   ${pingRun.perSecond.toFixed(0)} req/s  p97.5 ${pingRun.p97_5} ms  ratio ${((100 * pingRun.perSecond) / helloRun.perSecond).toFixed(0)} % (aim ≥ 70 %)`);
