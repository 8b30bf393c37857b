// The load generator of bench/submission, in its own process: submits then receives COUNT
// dossiers at CONCURRENCY over HTTP and prints one JSON line {perSecond, p95, cpuMs}.
// Input (JSON in the environment variable BENCH_INPUT): {url, headers, body, count, concurrency}.
// Plain node:http on kept-alive connections, not fetch: on a machine the server shares, every
// millisecond of CPU the generator spends is one the server does not get (fetch cost ~2 ms of
// CPU per request here, more than the raw baseline's whole dossier).
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { load } from './lib.ts';

const { url, headers, body, count, concurrency } = JSON.parse(process.env.BENCH_INPUT ?? '{}');
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const base = new URL(url);

function post(path: string, payload: unknown, extra: Record<string, string>): Promise<any> {
  const data = Buffer.from(JSON.stringify(payload));
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        path,
        method: 'POST',
        headers: { ...headers, ...extra, 'content-type': 'application/json', 'content-length': data.length },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          if ((res.statusCode ?? 500) >= 300) reject(new Error(`${path}: ${res.statusCode} ${text}`));
          else resolve(JSON.parse(text));
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

const cpu0 = process.cpuUsage();
const result = await load(count, concurrency, async () => {
  const dossier = await post('/api/v1/dossiers', body, { 'idempotency-key': randomUUID() });
  const received = await post(`/api/v1/dossiers/${dossier.id}/actions`, { action: 'receive' }, { 'idempotency-key': randomUUID() });
  if (!received.code) throw new Error('received without a code');
});
const cpu = process.cpuUsage(cpu0);
agent.destroy();
console.log(JSON.stringify({ perSecond: result.perSecond, p95: result.p95, cpuMs: (cpu.user + cpu.system) / 1000 }));
