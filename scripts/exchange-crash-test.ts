// Exchange crash test (issue 15): two installations as real processes — Hà Nội (province 01) and
// the national node (Văn phòng Chính phủ) — each on its own database, linked over HTTP
// (MOTCUA_PEERS) or NATS JetStream (NATS_URL). Hoàn Kiếm's clerk sends N signed documents to
// VPCP; the national node is killed with SIGKILL while they are in flight and restarted; then VPCP's
// clerk accepts them all (03) and the sender is killed with SIGKILL while those statuses are in
// flight. Checks: every envelope stored exactly once at the receiver, every 01 and every 03
// delivered back to the sender, nothing lost.
//   npx tsx scripts/exchange-crash-test.ts [N=40] [http|nats]      (NATS_URL for nats)
// Exit 0 when every check holds, 1 otherwise (each failure printed).
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDb } from '../src/platform/db.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HK = '004.00.50.H01';
const VPCP = '000.00.00.G22';
const CONCURRENCY = 8;

export interface CrashOptions {
  n: number;
  transport: 'http' | 'nats';
  /** A seeded PGlite dump (test/template.ts); built here when absent. */
  templateFile?: string;
  log?: (line: string) => void;
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });

class PhaseFailed extends Error {}

export async function runExchangeCrash(options: CrashOptions): Promise<string[]> {
  const t0 = Date.now();
  const print = options.log ?? ((line: string) => console.log(line));
  const log = (line: string) => print(`[${((Date.now() - t0) / 1000).toFixed(1)} s] ${line}`);
  const failures: string[] = [];
  const fail = (m: string) => {
    failures.push(m);
    log(`  ✗ ${m}`);
  };
  let templateFile = options.templateFile;
  if (!templateFile) {
    log('== building a seeded database template');
    // Always embedded PGlite (each process gets a copy in its own folder), even when DATABASE_URL is set.
    const { testConfig } = await import('../test/template.ts');
    const { bootstrap } = await import('../src/bootstrap.ts');
    const db = await openDb({});
    const system = await bootstrap(testConfig(), { db });
    await db.query('CHECKPOINT'); // copies start without replaying the seed's WAL
    const dumped = await db.pglite!.dumpDataDir('none');
    await system.close();
    templateFile = path.join(os.tmpdir(), `motcua-exchange-template-${process.pid}.tar`);
    fs.writeFileSync(templateFile, Buffer.from(await dumped.arrayBuffer()));
  }
  const dump = fs.readFileSync(templateFile);
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-exchange-crash-'));
  const [pA, pB] = [await freePort(), await freePort()];
  const federation = `crash${Date.now().toString(36)}`;
  const nodes = {
    hanoi: { port: pA, env: { MOTCUA_NODE_ID: 'hanoi', MOTCUA_PROVINCES: '01' } as Record<string, string> },
    quocgia: { port: pB, env: { MOTCUA_NODE_ID: 'quocgia', MOTCUA_NODE_ROLE: 'national' } as Record<string, string> },
  };
  for (const [id, n] of Object.entries(nodes)) {
    const dataDir = path.join(base, id);
    const db = await openDb({ dataDir, loadDataDir: new Blob([dump]) });
    await db.close();
    Object.assign(n.env, {
      PORT: String(n.port),
      HOST: '127.0.0.1',
      MOTCUA_DATA_DIR: dataDir,
      MOTCUA_PUBLIC_URL: `http://127.0.0.1:${n.port}`,
      MOTCUA_DEMO: '1',
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      MOTCUA_AUDIT_CHECKPOINT_SECONDS: '0',
      ...(options.transport === 'nats'
        ? { NATS_URL: process.env.NATS_URL ?? 'nats://127.0.0.1:4222', MOTCUA_FEDERATION: federation }
        : { MOTCUA_PEERS: id === 'hanoi' ? `quocgia=http://127.0.0.1:${pB}` : `hanoi=http://127.0.0.1:${pA}` }),
    });
  }

  // Each node's output goes to its own log file for the whole run; on a failure its last lines are printed.
  const logFile = (id: keyof typeof nodes) => path.join(base, `${id}.log`);
  const tail = (id: keyof typeof nodes, lines = 40) => {
    try {
      return fs.readFileSync(logFile(id), 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  };
  const start = (id: keyof typeof nodes): Promise<ChildProcess> =>
    new Promise((resolve, reject) => {
      const { DATABASE_URL: _ignored, ...env } = process.env;
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/main.ts')], {
        cwd: root,
        env: { ...env, ...nodes[id].env, LOG_LEVEL: process.env.CRASH_LOG_LEVEL ?? 'info' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const file = fs.createWriteStream(logFile(id), { flags: 'a' });
      file.write(`--- ${id} started (pid ${child.pid}) at ${new Date().toISOString()}\n`);
      let ready = false;
      let out = '';
      const timer = setTimeout(() => reject(new Error(`${id} not ready after 300 s:\n${out.slice(-4000)}`)), 300_000);
      const onData = (d: Buffer) => {
        file.write(d);
        if (ready) return;
        out += d.toString();
        if (/ready at/.test(out)) {
          ready = true;
          out = '';
          clearTimeout(timer);
          resolve(child);
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        file.end(`--- ${id} exited (code ${code}, signal ${signal}) at ${new Date().toISOString()}\n`);
        if (!ready) reject(new Error(`${id} exited ${code}:\n${out.slice(-4000)}`));
      });
    });
  const killed = (child: ChildProcess) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  const url = (id: keyof typeof nodes, p: string) => `http://127.0.0.1:${nodes[id].port}${p}`;
  async function login(id: keyof typeof nodes, username: string): Promise<string> {
    const res = await fetch(url(id, '/api/v1/auth/login'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'MotCua@2026' }) });
    if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { token: string }).token;
  }
  const api = async (id: keyof typeof nodes, token: string, method: string, p: string, body?: unknown) => {
    const res = await fetch(url(id, p), {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, json: (await res.json().catch(() => null)) as Record<string, unknown> };
  };
  /** Waits for a condition, printing progress every 30 s; on time-out the run stops there (later phases would only cascade). */
  async function until(what: string, fn: () => Promise<boolean>, timeoutMs = 600_000, progress?: () => Promise<string>) {
    const end = Date.now() + timeoutMs;
    let nextReport = Date.now() + 30_000;
    while (!(await fn().catch(() => false))) {
      if (Date.now() > end) {
        fail(`timed out waiting for ${what}${progress ? ` (${await progress().catch((e) => String(e))})` : ''}`);
        throw new PhaseFailed(what);
      }
      if (progress && Date.now() > nextReport) {
        nextReport = Date.now() + 30_000;
        log(`   … waiting for ${what}: ${await progress().catch((e) => String(e))}`);
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    return true;
  }

  /** The JetStream consumers' state (pending, waiting for ack, redelivered), for progress lines. */
  async function busState(): Promise<string> {
    if (options.transport !== 'nats') return '';
    const { jetstreamManager } = await import('@nats-io/jetstream');
    const { connect } = await import('@nats-io/transport-node');
    const { streamName } = await import('../src/modules/exchange/transport.ts');
    const nc = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' });
    try {
      const jsm = await jetstreamManager(nc);
      const parts: string[] = [];
      for (const id of Object.keys(nodes)) {
        const c = await jsm.consumers.info(streamName(federation), `node_${id}`).catch(() => null);
        parts.push(c ? `${id} consumer: pending ${c.num_pending}, unacked ${c.num_ack_pending}, redelivered ${c.num_redelivered}, waiting pulls ${c.num_waiting}` : `${id} consumer: none`);
      }
      return `; ${parts.join('; ')}`;
    } finally {
      await nc.close();
    }
  }

  const procs: Partial<Record<keyof typeof nodes, ChildProcess>> = {};
  try {
    log(`== starting two installations (${options.transport})`);
    [procs.hanoi, procs.quocgia] = await Promise.all([start('hanoi'), start('quocgia')]);
    const clerkA = await login('hanoi', 'vanthu.hoankiem');
    await until('the registry to know the national node', async () => {
      const reg = await api('hanoi', clerkA, 'GET', '/api/v1/exchange/registry');
      return (reg.json.nodes as { nodeId: string }[]).some((n) => n.nodeId === 'quocgia');
    }, 60_000);

    log(`== sending ${options.n} signed documents; SIGKILL of the national node after ${Math.floor(options.n / 3)}`);
    const ids: string[] = [];
    let next = 0;
    let killedB = false;
    const worker = async () => {
      while (next < options.n) {
        const i = ++next;
        const res = await api('hanoi', clerkA, 'POST', '/api/v1/exchange/documents', {
          from: HK,
          to: [VPCP],
          codeNumber: String(i),
          codeNotation: 'UBND-VP',
          subject: `Báo cáo số ${i} về tình hình giải quyết thủ tục hành chính`,
          documentType: 'Báo cáo',
          signer: { fullName: 'Phạm Quốc Hùng', position: 'Chủ tịch' },
          attachments: [],
        });
        if (res.status !== 201) fail(`send ${i}: ${res.status} ${JSON.stringify(res.json)}`);
        else ids.push(res.json.documentId as string);
        if (!killedB && ids.length >= Math.floor(options.n / 3)) {
          killedB = true;
          await killed(procs.quocgia!);
          log(`   national node killed with ${ids.length} sent`);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    log('== restarting the national node');
    procs.quocgia = await start('quocgia');
    const clerkB = await login('quocgia', 'vanthu.vpcp');

    const outgoing = async () =>
      (await api('hanoi', clerkA, 'GET', `/api/v1/exchange/documents?agency=${HK}&limit=1000`)).json.items as { documentId: string; recipients: { statusCode: string | null }[] }[];
    const inbox = async () => (await api('quocgia', clerkB, 'GET', `/api/v1/exchange/inbox?agency=${VPCP}&limit=1000`)).json.items as { documentId: string }[];
    const progress = async () => {
      const statuses = (await outgoing()).map((d) => d.recipients[0]?.statusCode ?? 'none');
      const count = (c: string) => statuses.filter((x) => x === c).length;
      return `sender: ${statuses.length} sent, ${count('01')} × 01, ${count('03')} × 03; national inbox: ${(await inbox().catch(() => [])).length}${await busState()}`;
    };
    await until(`01 for all ${options.n} documents at the sender`, async () => (await outgoing()).filter((d) => d.recipients[0]?.statusCode === '01').length === options.n, 600_000, progress);
    const received = await inbox();
    const distinct = new Set(received.map((d) => d.documentId));
    if (received.length !== options.n || distinct.size !== options.n) fail(`national inbox holds ${received.length} (${distinct.size} distinct), expected ${options.n}`);
    if ([...ids].sort().join() !== [...distinct].sort().join()) fail('the inbox does not hold exactly the documents sent');

    log(`== the national clerk accepts all ${options.n} (03); SIGKILL of the sender meanwhile`);
    let accepted = 0;
    let killedA = false;
    let k = 0;
    const acceptWorker = async () => {
      while (k < ids.length) {
        const id = ids[k++];
        const res = await api('quocgia', clerkB, 'POST', `/api/v1/exchange/inbox/${encodeURIComponent(id)}/status`, { agency: VPCP, statusCode: '03' });
        if (res.status !== 200) fail(`accept ${id}: ${res.status} ${JSON.stringify(res.json)}`);
        else accepted++;
        if (!killedA && accepted >= Math.floor(options.n / 3)) {
          killedA = true;
          await killed(procs.hanoi!);
          log(`   sender killed with ${accepted} accepted`);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, acceptWorker));
    if (!killedA) await killed(procs.hanoi!);
    log('== restarting the sender');
    procs.hanoi = await start('hanoi');
    const clerkA2 = await login('hanoi', 'vanthu.hoankiem');
    const outgoing2 = async () =>
      (await api('hanoi', clerkA2, 'GET', `/api/v1/exchange/documents?agency=${HK}&limit=1000`)).json.items as { recipients: { statusCode: string | null; arrivalNumber: number | null }[] }[];
    await until(`03 for all ${options.n} documents at the sender`, async () => (await outgoing2()).filter((d) => d.recipients[0]?.statusCode === '03').length === options.n, 600_000, async () => {
      const statuses = (await outgoing2()).map((d) => d.recipients[0]?.statusCode ?? 'none');
      return `sender: ${statuses.filter((x) => x === '03').length} × 03 of ${statuses.length}${await busState()}`;
    });
    const numbers = (await inbox().then(() => api('quocgia', clerkB, 'GET', `/api/v1/exchange/inbox?agency=${VPCP}&limit=1000`))).json.items as {
      recipient: { arrivalNumber: number };
    }[];
    const arrival = numbers.map((d) => d.recipient.arrivalNumber).sort((a, b) => a - b);
    if (arrival.join() !== Array.from({ length: options.n }, (_, i) => i + 1).join()) fail('arrival numbers are not 1…N without gaps or repeats');
    if (failures.length === 0) log(`  ✓ ${options.n} envelopes stored exactly once, ${options.n} × 01 and ${options.n} × 03 delivered, arrival numbers 1…${options.n}`);
  } catch (error) {
    if (!(error instanceof PhaseFailed)) fail(`run stopped: ${(error as Error).stack ?? error}`);
  } finally {
    await Promise.all(Object.values(procs).map((p) => (p ? killed(p) : undefined)));
    if (failures.length > 0) for (const id of Object.keys(nodes) as (keyof typeof nodes)[]) print(`---- last lines of ${id}'s log ----\n${tail(id)}`);
    fs.rmSync(base, { recursive: true, force: true });
    if (options.transport === 'nats') {
      const { jetstreamManager } = await import('@nats-io/jetstream');
      const { connect } = await import('@nats-io/transport-node');
      const { streamName } = await import('../src/modules/exchange/transport.ts');
      const nc = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' });
      await (await jetstreamManager(nc)).streams.delete(streamName(federation)).catch(() => false);
      await nc.close();
    }
    if (!options.templateFile) fs.rmSync(templateFile, { force: true });
  }
  return failures;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const n = Number(process.argv[2] ?? 40);
  const transport = (process.argv[3] ?? 'http') as 'http' | 'nats';
  const failures = await runExchangeCrash({ n, transport });
  console.log(failures.length === 0 ? '== exchange crash test passed' : `== exchange crash test FAILED (${failures.length})`);
  process.exit(failures.length === 0 ? 0 : 1);
}
