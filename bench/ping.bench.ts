// Requests per second of GET /api/v1/ping (no database) against a bare Fastify hello, both in
// their own process, driven by autocannon in a third process (32 connections). Both servers run
// at once and are warmed up first (JIT, the server's start-up work); then hello and ping are
// measured in turn, ROUNDS times, so that a change of the machine's load hits both alike, with
// the CPU time each server process spent per request (far less noisy than requests per second).
// Usage: npm run bench -- ping [seconds] [rounds]  (DATABASE_URL=… for PostgreSQL; embedded PGlite otherwise)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { autocannon, processTreeCpuMs, startProcess } from './lib.ts';

const SECONDS = Number(process.argv[2] ?? 8);
const ROUNDS = Number(process.argv[3] ?? 3);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-'));
const hello = await startProcess(path.resolve(import.meta.dirname, 'hello.fixture.ts'), {}, /hello ready/);
const server = await startProcess(path.resolve(import.meta.dirname, '../src/main.ts'), { MOTCUA_DATA_DIR: dataDir, MOTCUA_DEMO: '1' });
try {
  await autocannon(`${hello.url}/hello`, { seconds: 3 });
  await autocannon(`${server.url}/api/v1/ping`, { seconds: 3 });
  const helloRuns: number[] = [];
  const pingRuns: number[] = [];
  const helloCpu: number[] = [];
  const pingCpu: number[] = [];
  // Requests per second and the server process's CPU time per request (user + system, from
  // /proc): on a shared machine the first moves with everyone's load, the second far less.
  const measure = async (url: string, pid: number, rates: number[], cpu: number[]) => {
    const before = processTreeCpuMs(pid);
    const run = await autocannon(url, { seconds: SECONDS });
    rates.push(run.perSecond);
    cpu.push((1000 * (processTreeCpuMs(pid) - before)) / run.total);
  };
  for (let i = 0; i < ROUNDS; i++) {
    await measure(`${hello.url}/hello`, hello.pid, helloRuns, helloCpu);
    await measure(`${server.url}/api/v1/ping`, server.pid, pingRuns, pingCpu);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`ping, autocannon 32 connections, ${ROUNDS} × ${SECONDS} s each after 3 s of warm-up (${process.env.DATABASE_URL ? 'postgres' : 'pglite'}); load average ${os.loadavg()[0].toFixed(1)}`);
  console.log(`  bare Fastify hello: ${mean(helloRuns).toFixed(0)} req/s  (rounds: ${helloRuns.map((r) => r.toFixed(0)).join(', ')})`);
  console.log(
    `  GET /api/v1/ping:   ${mean(pingRuns).toFixed(0)} req/s  (rounds: ${pingRuns.map((r) => r.toFixed(0)).join(', ')})  ratio ${((100 * mean(pingRuns)) / mean(helloRuns)).toFixed(0)} % (aim ≥ 70 %)`,
  );
  console.log(
    `  server CPU per request (median): hello ${median(helloCpu).toFixed(1)} µs, ping ${median(pingCpu).toFixed(1)} µs  (rounds: ${pingCpu.map((c) => c.toFixed(0)).join(', ')})  hello/ping ${((100 * median(helloCpu)) / median(pingCpu)).toFixed(0)} %`,
  );
} finally {
  await hello.stop();
  await server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
