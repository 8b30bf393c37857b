// Crash test (issue 13 item 7): kills the server with SIGKILL during concurrent submissions
// carrying Idempotency-Keys, restarts it, retries every unanswered request with its key, and
// checks: every acknowledged dossier exists once, every key replays its original answer, the
// dossier codes of the day have no gap, and the audit chains verify.
//   npx tsx scripts/crash-test.ts [dossiers]      (DATABASE_URL=… for PostgreSQL; PGlite otherwise)
// Exit 0 when every check holds, 1 otherwise (each failure is printed).
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const N = Number(process.argv[2] ?? 40);
const CONCURRENCY = 8;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-crash-'));
const failures: string[] = [];
const fail = (message: string) => {
  failures.push(message);
  console.error(`  ✗ ${message}`);
};

const port = await new Promise<number>((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => {
    const p = (s.address() as net.AddressInfo).port;
    s.close(() => resolve(p));
  });
});
const base = `http://127.0.0.1:${port}`;
const env = {
  ...process.env,
  PORT: String(port),
  HOST: '127.0.0.1',
  MOTCUA_DATA_DIR: dataDir,
  MOTCUA_DEMO: '1',
  // The curated procedures only: the national catalogue (~2,900) is most of the first start's seeding.
  MOTCUA_SEED_CATALOGUE: 'sample',
  NODE_ENV: 'development',
  LOG_LEVEL: 'warn',
};

function startServer(): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/main.ts')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server not ready after 300 s:\n${out}`)), 300_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (/ready at/.test(out)) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (!/ready at/.test(out)) reject(new Error(`server exited ${code}:\n${out}`));
    });
  });
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode ? resolve() : child.once('exit', () => resolve())));

interface Answer {
  status: number;
  body: string;
}

async function send(method: string, url: string, headers: Record<string, string>, body?: unknown): Promise<Answer> {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: await res.text() };
}

/** One request of the workload: its key and body stay the same across retries. */
interface Op {
  key: string;
  url: string;
  body: unknown;
  first?: Answer;
  /** Answered before the kill (the answer reached the client) or only after the restart. */
  when?: 'before' | 'after';
}

interface Item {
  i: number;
  idNumber: string;
  submit: Op;
  receive?: Op;
  dossierId?: string;
}

const started = performance.now();
console.log(`crash test: ${N} dossiers, concurrency ${CONCURRENCY}, ${process.env.DATABASE_URL ? 'postgres' : 'pglite'}`);
let server = await startServer();
console.log(`  server up in ${Math.round(performance.now() - started)} ms`);

const login = JSON.parse((await send('POST', '/api/v1/auth/login', {}, { username: 'motcua.hoankiem', password: 'MotCua@2026' })).body);
const auth = { authorization: `Bearer ${login.token}` };
const agency: string = login.user.agencies[0].code;
const proc = JSON.parse((await send('GET', '/api/v1/procedures/1.004873', {})).body) as { components: { code: string; required: boolean }[] };
const required = proc.components.filter((c) => c.required);

// Files first (uploads are not what is tested): one distinct PDF per component and dossier.
const items: Item[] = [];
for (let i = 0; i < N; i++) {
  const documents = [];
  for (const c of required) {
    const form = new FormData();
    const pdf = `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n%${i}-${c.code}\n`;
    form.append('file', new Blob([pdf], { type: 'application/pdf' }), 'giay-to.pdf');
    const res = await fetch(`${base}/api/v1/files`, { method: 'POST', headers: auth, body: form });
    if (res.status !== 201) throw new Error(`upload ${res.status} ${await res.text()}`);
    documents.push({ componentCode: c.code, fileId: (await res.json()).fileId });
  }
  const idNumber = `0011900${String(i).padStart(5, '0')}`;
  items.push({
    i,
    idNumber,
    submit: {
      key: randomUUID(),
      url: '/api/v1/dossiers',
      body: {
        procedureCode: '1.004873',
        receivingAgency: agency,
        channel: 'direct',
        applicant: { fullName: 'Nguyễn Văn Thử', idNumber, phone: '0912345678', address: { communeCode: '00070', detail: `Số ${i + 1} phố Tràng Tiền` } },
        fields: {},
        documents,
      },
    },
  });
}

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};
const post = (op: Op) => send('POST', op.url, { ...auth, 'idempotency-key': op.key }, op.body);

function afterSubmit(item: Item, answer: Answer) {
  if (answer.status !== 201) return;
  item.dossierId = JSON.parse(answer.body).id;
  item.receive ??= { key: randomUUID(), url: `/api/v1/dossiers/${item.dossierId}/actions`, body: { action: 'receive' } };
}

// Phase 1: the workload, killed when a third of the dossiers were received.
let acknowledged = 0;
let killed = false;
const killAt = Math.max(1, Math.floor(N / 3));
let next = 0;
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (!killed && next < N) {
      const item = items[next++];
      try {
        item.submit.first = await post(item.submit);
        item.submit.when = 'before';
        afterSubmit(item, item.submit.first);
        if (!item.receive) continue;
        item.receive.first = await post(item.receive);
        item.receive.when = 'before';
        if (item.receive.first.status === 200 && ++acknowledged >= killAt && !killed) {
          killed = true;
          server.kill('SIGKILL');
        }
      } catch {
        // connection refused or reset: the server is gone; this request stays unanswered
      }
    }
  }),
);
await exited(server);
const answeredBefore = items.flatMap((it) => [it.submit, it.receive]).filter((op) => op?.first).length;
console.log(`  SIGKILL after ${acknowledged} received dossiers; ${answeredBefore} requests answered before, ${next} dossiers started`);

// Phase 2: restart on the same data, retry every unanswered request with its own key.
server = await startServer();
console.log('  restarted');
async function retry(op: Op): Promise<Answer> {
  const deadline = performance.now() + 20_000;
  for (;;) {
    const answer = await post(op);
    // 409 IDEMPOTENCY_IN_PROGRESS is only fair while a first attempt may still run.
    if (answer.status !== 409 || !answer.body.includes('IDEMPOTENCY_IN_PROGRESS')) return answer;
    if (performance.now() > deadline) {
      fail(`key ${op.key} (${op.url}) still "in progress" 20 s after the restart: a claim of the killed process is never released`);
      return answer;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}
let retried = 0;
for (const item of items) {
  if (!item.submit.first) {
    retried++;
    item.submit.first = await retry(item.submit);
    item.submit.when = 'after';
    afterSubmit(item, item.submit.first);
  }
  if (item.submit.first.status !== 201) {
    fail(`dossier ${item.i}: submission answered ${item.submit.first.status} ${item.submit.first.body.slice(0, 200)}`);
    continue;
  }
  if (item.receive && !item.receive.first) {
    retried++;
    item.receive.first = await retry(item.receive);
    item.receive.when = 'after';
  }
  if (item.receive?.first?.status !== 200) fail(`dossier ${item.i}: reception answered ${item.receive?.first?.status} ${item.receive?.first?.body.slice(0, 200)}`);
}
console.log(`  ${retried} unanswered requests retried with their keys`);

// Phase 3: every key, sent again, gets its original answer.
let replays = 0;
for (const op of items.flatMap((it) => [it.submit, it.receive]).filter((op): op is Op => !!op?.first)) {
  const again = await post(op);
  replays++;
  // Same status and the same JSON (the stored answer may list an object's keys in another order).
  if (again.status !== op.first!.status || !isDeepStrictEqual(parse(again.body), parse(op.first!.body))) {
    fail(`key ${op.key} (${op.url}): first ${op.first!.status}, again ${again.status} ${again.body.slice(0, 160)}`);
  }
}
console.log(`  ${replays} keys replayed`);

// Phase 4: the database, read directly once the server stopped.
server.kill('SIGTERM');
await exited(server);
const { openDb } = await import('../src/platform/db.ts');
const { verifyAudit } = await import('../src/platform/audit.ts');
const { installationKeys } = await import('../src/platform/installation-key.ts');
const db = await openDb({ databaseUrl: process.env.DATABASE_URL, dataDir });
try {
  const rows = await db.query<{ id: string; code: string | null; status: string; id_number: string }>(
    "SELECT id, code, status, applicant->>'idNumber' AS id_number FROM dossiers WHERE applicant->>'idNumber' LIKE '0011900%'",
  );
  for (const item of items) {
    const mine = rows.filter((r) => r.id_number === item.idNumber);
    if (mine.length !== 1) {
      fail(
        `dossier ${item.i}: ${mine.length} rows in the database (expected exactly 1); submission answered ${item.submit.when} the kill (${item.submit.first?.status}), reception ${item.receive?.when ?? 'never'} (${item.receive?.first?.status})`,
      );
    }
    else if (item.dossierId && mine[0].id !== item.dossierId) fail(`dossier ${item.i}: answered id ${item.dossierId}, stored ${mine[0].id}`);
    else if (mine[0].status !== 'RECEIVED') fail(`dossier ${item.i}: status ${mine[0].status}`);
  }
  const codes = (await db.query<{ code: string }>('SELECT code FROM dossiers WHERE receiving_agency = $1 AND code IS NOT NULL', [agency]))
    .map((r) => r.code)
    .sort();
  const byDay = new Map<string, number[]>();
  for (const code of codes) {
    const m = /-(\d{6})-(\d{4})$/.exec(code);
    if (!m) continue;
    byDay.set(m[1], [...(byDay.get(m[1]) ?? []), Number(m[2])]);
  }
  for (const [day, numbers] of byDay) {
    numbers.sort((a, b) => a - b);
    numbers.forEach((n, k) => {
      if (n !== k + 1) fail(`codes of ${day}: expected …-${String(k + 1).padStart(4, '0')}, found …-${String(n).padStart(4, '0')} (gap or duplicate)`);
    });
  }
  // The command center's figures, projected after commit from a queue: nothing lost, nothing twice.
  const { drainIndicators, rebuildIndicators } = await import('../src/modules/indicators/index.ts');
  const { indicatorsRepository } = await import('../src/modules/indicators/indicators.repository.ts');
  await drainIndicators(db);
  const figures = async () => JSON.stringify([await indicatorsRepository.allDaily(db), await indicatorsRepository.allTotals(db)]);
  const [{ projected }] = await db.query<{ projected: number }>(
    "SELECT count(*)::int AS projected FROM indicator_facts f JOIN dossiers d ON d.id = f.dossier_id WHERE d.applicant->>'idNumber' LIKE '0011900%' AND f.received_day IS NOT NULL",
  );
  if (projected !== rows.length) fail(`indicators: ${projected} received dossiers projected, ${rows.length} stored`);
  const incremental = await figures();
  await rebuildIndicators(db);
  if ((await figures()) !== incremental) fail('indicators: the figures kept after commit differ from a rebuild from the dossiers');
  const audit = await verifyAudit(db, { keys: installationKeys(process.env.MOTCUA_SECRET), exportDir: path.join(dataDir, 'audit-checkpoints') });
  for (const p of audit.problems) fail(`audit: chain ${p.chain} seq ${p.seq} ${p.problem}`);
  console.log(`  ${rows.length} dossiers stored, ${codes.length} codes checked, ${audit.rows} audit rows verified, ${projected} projected in the indicators (= a rebuild)`);
} finally {
  await db.close();
}
fs.rmSync(dataDir, { recursive: true, force: true });
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (failures.length) {
  console.error(`crash test FAILED (${failures.length} problems, ${seconds} s)`);
  process.exit(1);
}
console.log(`crash test passed (${seconds} s)`);
