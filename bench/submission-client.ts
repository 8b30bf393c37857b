// The load generator of bench/submission, in its own process: submits then receives COUNT
// dossiers at CONCURRENCY over HTTP and prints one JSON line {perSecond, p95}.
// Input (JSON in the environment variable BENCH_INPUT): {url, headers, body, count, concurrency}.
import { randomUUID } from 'node:crypto';
import { load, postOk } from './lib.ts';

const { url, headers, body, count, concurrency } = JSON.parse(process.env.BENCH_INPUT ?? '{}');
const cpu0 = process.cpuUsage();
const result = await load(count, concurrency, async () => {
  const dossier = await postOk(`${url}/api/v1/dossiers`, body, { ...headers, 'idempotency-key': randomUUID() });
  const received = await postOk(`${url}/api/v1/dossiers/${dossier.id}/actions`, { action: 'receive' }, { ...headers, 'idempotency-key': randomUUID() });
  if (!received.code) throw new Error('received without a code');
});
const cpu = process.cpuUsage(cpu0);
console.log(JSON.stringify({ perSecond: result.perSecond, p95: result.p95, cpuMs: (cpu.user + cpu.system) / 1000 }));
