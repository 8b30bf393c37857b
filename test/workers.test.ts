import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { copyTemplate } from './template.ts';

/**
 * Several processes (issue 13 item 5). On PostgreSQL (the PG pass of .ci/run) `motcua start`
 * runs with MOTCUA_WORKERS=2 and this file talks to each process through its own kept-alive
 * connection (node:cluster hands a connection to one process for its life): sessions,
 * Idempotency-Keys, the processing lock, rate limits, jobs and live updates hold across them,
 * and a key another process is still working on waits before IDEMPOTENCY_IN_PROGRESS. On PGlite
 * (npm test) the setting is refused: the embedded database belongs to one process.
 */
const root = path.resolve(import.meta.dirname, '..');
const main = path.join(root, 'src/main.ts');
const postgres = Boolean(process.env.DATABASE_URL);

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });

// One of the two descriptions runs, by engine (no skipped tests).
if (!postgres) describe('MOTCUA_WORKERS on PGlite', () => {
  it('is refused with exit code 2, naming the setting', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', main], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: '', MOTCUA_WORKERS: '2', MOTCUA_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-w-')), NODE_ENV: 'development' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('MOTCUA_WORKERS=2 cần DATABASE_URL');
  });
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  json: () => any;
}

/** One kept-alive connection: every request on it reaches the same process. */
function connection(port: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const call = (method: string, url: string, options: { headers?: Record<string, string>; body?: unknown } = {}) =>
    new Promise<Answer>((resolve, reject) => {
      const body = options.body === undefined ? undefined : JSON.stringify(options.body);
      const req = http.request(
        { host: '127.0.0.1', port, method, path: url, agent, headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...options.headers } },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, json: () => JSON.parse(text) }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  return { agent, call, process: async () => (await call('GET', '/api/v1/health')).json().process as number };
}

if (postgres) describe('MOTCUA_WORKERS=2 on PostgreSQL', () => {
  let copy: Awaited<ReturnType<typeof copyTemplate>>;
  let server: ChildProcess;
  let port: number;
  let a: ReturnType<typeof connection>;
  let b: ReturnType<typeof connection>;
  let db: pg.Pool;
  let output = '';

  beforeAll(async () => {
    copy = await copyTemplate(inject('dbTemplate'));
    await copy.db.close();
    db = new pg.Pool({ connectionString: copy.url, max: 3 });
    port = await freePort();
    server = spawn(process.execPath, ['--import', 'tsx', main], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: copy.url!,
        MOTCUA_WORKERS: '2',
        PORT: String(port),
        HOST: '127.0.0.1',
        MOTCUA_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-w-')),
        MOTCUA_DEMO: '1',
        MOTCUA_RATE_LIMIT_PER_MINUTE: '30',
        NODE_ENV: 'development',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    server.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const deadline = Date.now() + 240_000;
    while (!/ready at .*2 processes/.test(output)) {
      if (server.exitCode !== null || Date.now() > deadline) throw new Error(`cluster did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    // Two connections held by two different processes (connections are handed out in turn).
    a = connection(port);
    const first = await a.process();
    for (let i = 0; i < 20; i++) {
      b = connection(port);
      if ((await b.process()) !== first) break;
      b.agent.destroy();
    }
    expect(await b.process()).not.toBe(first);
    expect([first, await b.process()].sort()).toEqual([1, 2]);
  }, 300_000);

  afterAll(async () => {
    a?.agent.destroy();
    b?.agent.destroy();
    if (server && server.exitCode === null) {
      await new Promise<void>((resolve) => {
        server.once('exit', () => resolve());
        server.kill('SIGTERM');
      });
    }
    await db?.end();
    await copy?.drop();
  });

  const login = async (via: ReturnType<typeof connection>, username: string) => {
    const res = await via.call('POST', '/api/v1/auth/login', { body: { username, password: 'MotCua@2026' } });
    expect(res.status, res.body).toBe(200);
    return res.json() as { token: string; user: { id: string; agencies: { code: string }[] } };
  };
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  /**
   * What another process answers once the change's notice has reached it: kept registers drop
   * on NOTIFY, a few milliseconds after the commit (without the notice it never changes).
   */
  const soon = async <T>(read: () => Promise<T>, expected: T) => {
    let value = await read();
    for (const until = Date.now() + 2000; value !== expected && Date.now() < until; value = await read()) await new Promise((r) => setTimeout(r, 20));
    return value;
  };

  async function counterBody(via: ReturnType<typeof connection>, token: string, agency: string, idNumber: string) {
    const proc = (await via.call('GET', '/api/v1/procedures/1.004873')).json() as { components: { code: string; required: boolean }[] };
    const documents = [];
    for (const c of proc.components.filter((x) => x.required)) {
      const form = new FormData();
      form.append('file', new Blob([`%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n%${idNumber}-${c.code}\n`], { type: 'application/pdf' }), 'giay-to.pdf');
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/files`, { method: 'POST', headers: bearer(token), body: form });
      expect(res.status).toBe(201);
      documents.push({ componentCode: c.code, fileId: (await res.json()).fileId });
    }
    return {
      procedureCode: '1.004873',
      receivingAgency: agency,
      channel: 'direct',
      applicant: { fullName: 'Trần Văn Đa Tiến', idNumber, phone: '0912345678', address: { communeCode: '00070', detail: 'Số 2 phố Hàng Bài' } },
      fields: {},
      documents,
    };
  }

  it('shares sessions: a token issued by one process works on the other, and a sign-out there ends it here', async () => {
    const desk = await login(a, 'motcua.hoankiem');
    // used on both first: each process keeps the session, the sign-out must drop it in the other
    expect((await a.call('GET', '/api/v1/me/dossiers', { headers: bearer(desk.token) })).status).toBe(200);
    const onB = await b.call('GET', '/api/v1/me/dossiers', { headers: bearer(desk.token) });
    expect(onB.status, onB.body).toBe(200);
    expect((await b.call('POST', '/api/v1/auth/logout', { headers: bearer(desk.token) })).status).toBeLessThan(300);
    expect(await soon(async () => (await a.call('GET', '/api/v1/me/dossiers', { headers: bearer(desk.token) })).status, 401)).toBe(401);
  });

  it('applies a role removed, a holiday added and a new procedure version in one process to the other as soon as its notice arrives (kept registers)', async () => {
    const admin = bearer((await login(a, 'admin')).token);
    const created = await a.call('POST', '/api/v1/admin/users', {
      headers: admin,
      body: { username: 'quantri.w', fullName: 'Đỗ Văn Quản', password: 'MatKhauManh@1', grants: [{ role: 'admin', agencyCode: null }] },
    });
    expect(created.status, created.body).toBe(201);
    const signIn = await b.call('POST', '/api/v1/auth/login', { body: { username: 'quantri.w', password: 'MatKhauManh@1' } });
    expect(signIn.status, signIn.body).toBe(200);
    const other = bearer(signIn.json().token);
    // an account an administrator made chooses its own password first (đổi mật khẩu bắt buộc)
    const own = await b.call('POST', '/api/v1/me/password', { headers: other, body: { currentPassword: 'MatKhauManh@1', newPassword: 'MatKhauRieng@2' } });
    expect(own.status, own.body).toBe(200);
    expect((await b.call('GET', '/api/v1/admin/users', { headers: other })).status).toBe(200);
    const put = await a.call('PUT', `/api/v1/admin/users/${created.json().id}/grants`, { headers: admin, body: { grants: [{ role: 'auditor', agencyCode: null }] } });
    expect(put.status, put.body).toBe(200);
    expect(await soon(async () => (await b.call('GET', '/api/v1/admin/users', { headers: other })).status, 403)).toBe(403);
    expect((await a.call('POST', `/api/v1/admin/users/${created.json().id}/deactivate`, { headers: admin })).status).toBe(200);
    expect(await soon(async () => (await b.call('GET', '/api/v1/me', { headers: other })).status, 401)).toBe(401);

    const added = async () => (await b.call('GET', '/api/v1/calendar/add-working-days?from=2026-03-16&days=1')).json().date;
    expect(await added()).toBe('2026-03-17');
    const holiday = await a.call('PUT', '/api/v1/admin/calendar/2026/days/2026-03-17', { headers: admin, body: { kind: 'holiday', name: 'Ngày nghỉ đột xuất' } });
    expect(holiday.status, holiday.body).toBe(200);
    expect(await soon(added, '2026-03-18')).toBe('2026-03-18');

    const entry = (effective_from: string, processing_days: number) => ({
      code: '1.888877',
      name_vi: 'Thủ tục thử nghiệm nhiều tiến trình',
      level: 'xa',
      processing_days,
      processing_time_unit: 'working_days',
      documents: ['Tờ khai'],
      effective_from,
    });
    expect((await a.call('POST', '/api/v1/admin/procedures', { headers: admin, body: { procedure: entry('2026-01-01', 5) } })).status).toBe(201);
    const deadlineAt = async (date: string) => (await b.call('GET', `/api/v1/procedures/1.888877?at=${date}`)).json().deadline.value;
    expect(await deadlineAt('2026-05-01')).toBe(5);
    expect((await a.call('POST', '/api/v1/admin/procedures', { headers: admin, body: { procedure: entry('2026-05-01', 3) } })).status).toBe(201);
    expect(await soon(() => deadlineAt('2026-05-01'), 3)).toBe(3);
    expect(await deadlineAt('2026-04-30')).toBe(5);
  });

  it('answers one Idempotency-Key sent to both processes at once with one dossier and one answer', async () => {
    const desk = await login(a, 'motcua.hoankiem');
    const body = await counterBody(a, desk.token, desk.user.agencies[0].code, '001190077001');
    const headers = { ...bearer(desk.token), 'idempotency-key': randomUUID() };
    const [onA, onB] = await Promise.all([a.call('POST', '/api/v1/dossiers', { headers, body }), b.call('POST', '/api/v1/dossiers', { headers, body })]);
    expect([onA.status, onB.status]).toEqual([201, 201]);
    expect(onA.json()).toEqual(onB.json());
    expect([onA.headers['idempotent-replayed'], onB.headers['idempotent-replayed']].filter(Boolean)).toEqual(['true']);
    const { rows } = await db.query("SELECT count(*)::int AS n FROM dossiers WHERE applicant->>'idNumber' = '001190077001'");
    expect(rows[0].n).toBe(1);
  });

  it('waits for a key another process holds: replays its answer when it commits, 409 IDEMPOTENCY_IN_PROGRESS after 10 s', async () => {
    const desk = await login(a, 'motcua.hoankiem');
    const body = { action: 'receive' };
    const url = `/api/v1/dossiers/${randomUUID()}/actions`;
    const hash = createHash('sha256').update(`POST ${url}\n${JSON.stringify(body)}`).digest('hex');
    const hold = async (key: string) => {
      const client = await db.connect();
      await client.query('BEGIN');
      await client.query('INSERT INTO idempotency_keys (scope, key, request_hash) VALUES ($1, $2, $3)', [desk.user.id, key, hash]);
      return client;
    };
    const waitingFor = async () => {
      for (;;) {
        const { rows } = await db.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO idempotency_keys%'");
        if (rows[0].n > 0) return;
        await new Promise((r) => setTimeout(r, 50));
      }
    };

    // 1. The holder commits its answer while the request waits: the request replays it.
    const key1 = randomUUID();
    const holder1 = await hold(key1);
    const pending = b.call('POST', url, { headers: { ...bearer(desk.token), 'idempotency-key': key1 }, body });
    await waitingFor();
    await holder1.query('UPDATE idempotency_keys SET status_code = 200, response = $3 WHERE scope = $1 AND key = $2', [desk.user.id, key1, JSON.stringify({ first: 'answer' })]);
    await holder1.query('COMMIT');
    holder1.release();
    const replayed = await pending;
    expect(replayed.status, replayed.body).toBe(200);
    expect(replayed.json()).toEqual({ first: 'answer' });
    expect(replayed.headers['idempotent-replayed']).toBe('true');

    // 2. The holder never finishes: after the lock timeout the request is told to retry later.
    const key2 = randomUUID();
    const holder2 = await hold(key2);
    try {
      const refused = await b.call('POST', url, { headers: { ...bearer(desk.token), 'idempotency-key': key2 }, body });
      expect(refused.status, refused.body).toBe(409);
      expect(refused.json().error.code).toBe('IDEMPOTENCY_IN_PROGRESS');
    } finally {
      await holder2.query('ROLLBACK');
      holder2.release();
    }
  }, 60_000);

  it('holds the processing lock across processes, dispatches each outbox event once and streams live updates from the other process', async () => {
    const desk = await login(a, 'motcua.hoankiem');
    const leader = await login(b, 'lanhdao.hoankiem');
    const specialist = await login(a, 'chuyenvien.hoankiem');
    const body = await counterBody(a, desk.token, desk.user.agencies[0].code, '001190077002');
    const submitted = await a.call('POST', '/api/v1/dossiers', { headers: bearer(desk.token), body });
    expect(submitted.status, submitted.body).toBe(201);
    const id = submitted.json().id as string;

    // Live: a stream held by process B, the actions done on process A.
    const events: string[] = [];
    const stream = await new Promise<http.IncomingMessage>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path: `/api/v1/dossiers/${id}/live`, agent: b.agent, headers: bearer(leader.token) }, resolve)
        .on('error', reject);
    });
    expect(stream.statusCode).toBe(200);
    expect(stream.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    stream.setEncoding('utf8');
    stream.on('data', (d: string) => events.push(d));
    const streamed = (action: string) => events.join('').includes(`"action":"${action}"`);
    // The stream took process B's only connection: B's other calls get a connection of their own.
    const b2 = connection(port);
    for (let i = 0; i < 20 && (await b2.process()) === (await a.process()); i++) {
      b2.agent.destroy();
      Object.assign(b2, connection(port));
    }

    expect((await a.call('POST', `/api/v1/dossiers/${id}/actions`, { headers: bearer(desk.token), body: { action: 'receive' } })).status).toBe(200);
    const assigned = await a.call('POST', `/api/v1/dossiers/${id}/actions`, {
      headers: bearer(leader.token),
      body: { action: 'assign', assignee: 'chuyenvien.hoankiem' },
    });
    expect(assigned.status, assigned.body).toBe(200);
    const deadline = Date.now() + 10_000;
    while (!(streamed('receive') && streamed('assign')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(streamed('receive') && streamed('assign'), events.join('')).toBe(true);
    expect(events.join('')).toContain(`event: dossier:${id}`);

    // Processing lock: claimed on A, refused to another officer on B.
    expect((await a.call('POST', `/api/v1/dossiers/${id}/lock`, { headers: bearer(specialist.token), body: {} })).status).toBe(200);
    const refused = await b2.call('POST', `/api/v1/dossiers/${id}/lock`, { headers: bearer(leader.token), body: {} });
    expect(refused.status).toBe(409);
    expect(refused.json().error.code).toBe('DOSSIER_LOCKED');
    stream.destroy();

    // Outbox: both processes dispatch; each dvcqg.status_sync event of the dossier is recorded once.
    const until = Date.now() + 20_000;
    let rows: { outbox: number; recorded: number; dups: number }[] = [];
    while (Date.now() < until) {
      ({ rows } = await db.query(
        `SELECT (SELECT count(*)::int FROM outbox WHERE key = $1 AND topic = 'dvcqg.status_sync') AS outbox,
                (SELECT count(*)::int FROM dvcqg_sync_log s JOIN outbox o ON o.id = s.outbox_id WHERE o.key = $1) AS recorded,
                (SELECT count(*)::int FROM (SELECT outbox_id FROM dvcqg_sync_log GROUP BY outbox_id HAVING count(*) > 1) d) AS dups`,
        [id],
      ));
      if (rows[0].outbox === 3 && rows[0].recorded === 3) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(rows[0]).toEqual({ outbox: 3, recorded: 3, dups: 0 });
    b2.agent.destroy();
  }, 60_000);

  it('runs a queued job once in the cluster and counts rate limits across processes', async () => {
    const boss = new PgBoss({ connectionString: copy.url!, max: 1, supervise: false, schedule: false, migrate: false });
    boss.on('error', () => {});
    await boss.start();
    const jobId = await boss.send('files.expire_uploads', {});
    await boss.stop({ graceful: false });
    let state = '';
    for (const until = Date.now() + 30_000; Date.now() < until && state !== 'completed'; await new Promise((r) => setTimeout(r, 250))) {
      state = (await db.query('SELECT state FROM pgboss.job WHERE id = $1', [jobId])).rows[0]?.state;
    }
    expect(state).toBe('completed');

    // Public tracking allows 30 requests a minute per client here: 20 on each process → 30 answered, 10 refused.
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      statuses.push((await a.call('GET', '/api/v1/public/tracking/H01.000-000000-0000')).status);
      statuses.push((await b.call('GET', '/api/v1/public/tracking/H01.000-000000-0000')).status);
    }
    expect(statuses.filter((s) => s !== 429)).toHaveLength(30);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
  }, 60_000);
});
