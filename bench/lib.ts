import { spawn } from 'node:child_process';
import fs from 'node:fs';

/** Shared helpers for the benchmarks: percentiles and timing a child process until it prints a line. */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)];
}

export function summarize(samplesMs: number[]) {
  const s = [...samplesMs].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), max: s[s.length - 1] };
}

export function fmt(ms: number): string {
  return `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
}

/** Starts a command and resolves with the milliseconds until stdout matches `ready`. */
export function timeUntil(
  cmd: string,
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
  timeoutMs = 60_000,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timeout; output:\n${out}`));
    }, timeoutMs);
    const onData = (d: Buffer) => {
      out += d.toString();
      if (ready.test(out)) {
        const ms = performance.now() - started;
        clearTimeout(timer);
        child.once('exit', () => resolve(ms));
        child.kill('SIGTERM');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (!ready.test(out)) reject(new Error(`exited ${code} before ready:\n${out}`));
    });
  });
}

/**
 * A whole Một Cửa on a fresh embedded database (or DATABASE_URL), listening on a random port;
 * `serveWeb` also serves the built web app (dist/web, or the folder in MOTCUA_WEB_DIST).
 */
export async function startSystem(env: Record<string, string> = {}, options: { serveWeb?: boolean } = {}) {
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const { loadConfig } = await import('../src/config.ts');
  const { bootstrap } = await import('../src/bootstrap.ts');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-'));
  const config = loadConfig({ ...process.env, MOTCUA_DATA_DIR: dir, LOG_LEVEL: 'warn', MOTCUA_DEMO: '1', ...env });
  const system = await bootstrap(config, { rateLimitPerMinute: 10_000_000, serveWeb: options.serveWeb ?? false });
  const url = await system.app.listen({ port: 0, host: '127.0.0.1' });
  return {
    ...system,
    url,
    async stop() {
      await system.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs `task` `total` times with `concurrency` in flight; returns per-call latencies and throughput. */
export async function load(total: number, concurrency: number, task: (i: number) => Promise<void>) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const t = performance.now();
        await task(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { ...summarize(latencies), perSecond: total / seconds };
}

/** GET that fails loudly on a non-2xx answer (a benchmark of errors measures nothing). */
export async function getOk(url: string, headers: Record<string, string> = {}): Promise<unknown> {
  const res = await fetch(url, { headers });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** POST JSON that fails loudly on a non-2xx answer. */
export async function postOk(url: string, body: unknown, headers: Record<string, string> = {}): Promise<any> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Signs a demo account in; returns its bearer header and first agency code. */
export async function signIn(baseUrl: string, username: string) {
  const { token, user } = await postOk(`${baseUrl}/api/v1/auth/login`, { username, password: 'MotCua@2026' });
  return { headers: { authorization: `Bearer ${token}` }, agency: user.agencies?.[0]?.code as string | undefined };
}

const TINY_PDF = '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';

/** A dossier ready to submit at the counter for `procedureCode`, one uploaded PDF per required component. */
export async function counterDossier(baseUrl: string, headers: Record<string, string>, agency: string, procedureCode: string) {
  const { components } = (await getOk(`${baseUrl}/api/v1/procedures/${procedureCode}`)) as { components: { code: string; required: boolean }[] };
  const documents = [];
  for (const c of components.filter((x) => x.required)) {
    const form = new FormData();
    form.append('file', new Blob([`${TINY_PDF}%${c.code}\n`], { type: 'application/pdf' }), 'giay-to.pdf');
    const res = await fetch(`${baseUrl}/api/v1/files`, { method: 'POST', headers, body: form });
    if (res.status !== 201) throw new Error(`upload: ${res.status} ${await res.text()}`);
    documents.push({ componentCode: c.code, fileId: (await res.json()).fileId });
  }
  return {
    procedureCode,
    receivingAgency: agency,
    channel: 'direct',
    applicant: {
      fullName: 'Nguyễn Thị Ánh Tuyết',
      idNumber: '001190012345',
      phone: '0912345678',
      address: { communeCode: '00070', detail: 'Số 1 phố Tràng Tiền' },
    },
    fields: {},
    documents,
  };
}

/** A free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as import('node:net').AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts `node --import tsx FILE` as its own process (the server under test, or the hello
 * fixture) and resolves once it prints `ready`; `stop()` sends SIGTERM and waits for the exit.
 */
export async function startProcess(file: string, env: Record<string, string>, ready = /ready at/, nodeArgs: string[] = []) {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', file], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${file} not ready after 300 s:\n${out}`)), 300_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (ready.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${file} exited ${code}:\n${out}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid as number,
    async stop() {
      if (child.exitCode !== null) return;
      child.removeAllListeners('exit');
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    },
  };
}

/** Runs autocannon in its own process against `url`; returns requests per second (mean) and p97.5 latency. */
export async function autocannon(url: string, options: { connections?: number; seconds?: number; headers?: Record<string, string> } = {}) {
  const path = await import('node:path');
  const bin = path.resolve(import.meta.dirname, '../node_modules/.bin/autocannon');
  const args = ['--json', '-c', String(options.connections ?? 32), '-d', String(options.seconds ?? 10)];
  for (const [k, v] of Object.entries(options.headers ?? {})) args.push('-H', `${k}=${v}`);
  args.push(url);
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (text += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (e) => reject(new Error(`autocannon is not installed (npm install): ${e.message}`)));
    child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`autocannon exited ${code}: ${err}`))));
  });
  const r = JSON.parse(out) as { requests: { average: number; total: number }; latency: { p97_5: number }; non2xx: number; errors: number };
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${url}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
  return { perSecond: r.requests.average, total: r.requests.total, p97_5: r.latency.p97_5 };
}

/**
 * Runs bench/submission-client.ts (the submission load generator) in its own process and returns
 * the last line it prints: dossiers per second and the 95th percentile in milliseconds.
 */
export function runSubmissionClient(input: { url: string; headers: Record<string, string>; body: unknown; count: number; concurrency: number }) {
  return new Promise<{ perSecond: number; p95: number; cpuMs: number; retried: number }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', new URL('./submission-client.ts', import.meta.url).pathname], {
      env: { ...process.env, BENCH_INPUT: JSON.stringify(input) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let text = '';
    child.stdout.on('data', (d: Buffer) => (text += d.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(text.trim().split('\n').pop()!)) : reject(new Error(`load generator exited ${code}`))));
  });
}

/**
 * CPU time (user + system, milliseconds) a process and its descendants have used, from
 * /proc (Linux). CPU time, unlike wall-clock time, hardly moves with the machine's load: it is
 * the figure that compares across runs on a shared machine.
 */
export function processTreeCpuMs(pid: number): number {
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  const own = (p: number): number => {
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(f[11]) + Number(f[12])) * tick; // utime, stime (fields 14, 15)
    } catch {
      return 0;
    }
  };
  const children = (p: number): number[] => {
    try {
      return fs.readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  };
  const walk = (p: number): number => own(p) + children(p).reduce((sum, c) => sum + walk(c), 0);
  return walk(pid);
}

/**
 * CPU time used so far by the PostgreSQL backends serving `database` (other than the asking
 * connection's), per backend pid — readable only when PostgreSQL runs on this machine; an empty
 * map otherwise. Compare two snapshots with `backendCpuDelta`.
 */
export async function backendCpu(ask: (sql: string) => Promise<{ pid: number }[]>): Promise<Map<number, number>> {
  const rows = await ask(
    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'",
  );
  return new Map(rows.map((r) => [r.pid, processTreeCpuMs(r.pid)]));
}

/** CPU of the backends between two snapshots (a backend absent from the first started in between). */
export function backendCpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let sum = 0;
  for (const [pid, ms] of after) sum += ms - (before.get(pid) ?? 0);
  return sum;
}
