import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { procedure, submit, type World, worldPerFile } from '#test/factories.ts';
import type { TestSystem } from '#test/system.ts';
import { CommonErrors } from '#platform/errors.ts';
import { sendError } from './errors.ts';
import { idempotencyHooks } from './idempotency.ts';
import { lateText } from '#platform/request-transaction.ts';

/** Issue 13, D2 and D10: the claim, the work and the answer commit together; no secret is stored. */
let sys: TestSystem;
let w: World;
worldPerFile((s, world) => {
  [sys, w] = [s, world];
});

/** A bare Fastify app with the error handler and the idempotency hooks on the test database; the test adds its route. */
function idempotentApp() {
  const app = Fastify({ logger: false });
  app.decorateRequest('actor', null);
  app.decorateRequest('locale', 'vi');
  app.setErrorHandler((error, req, reply) => sendError(error, req, reply));
  const hooks = idempotencyHooks(sys.ctx.db);
  app.addHook('preHandler', hooks.preHandler);
  app.addHook('onSend', hooks.onSend);
  app.addHook('onResponse', hooks.onResponse);
  return app;
}

const countKeys = async (key: string) =>
  (await sys.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM idempotency_keys WHERE key = $1', [key]))[0].n;

describe('Idempotency-Key', () => {
  it('runs two concurrent submissions with one key once: the second waits and replays the first answer', async () => {
    const proc = await procedure(w, '1.004873');
    const first = await submit(w, { procedure: proc }); // uploads, warms up
    const body = (await sys.app.inject({ method: 'GET', url: `/api/v1/dossiers/${first.id}`, headers: { authorization: `Bearer ${w.token.congdan}` } })).json();
    const request = () =>
      sys.app.inject({
        method: 'POST',
        url: '/api/v1/dossiers',
        headers: { authorization: `Bearer ${w.token.congdan}`, 'idempotency-key': 'dong-thoi-1' },
        payload: {
          procedureCode: proc.code,
          receivingAgency: w.agency.hoankiem,
          channel: 'online',
          applicant: body.applicant,
          fields: {},
          documents: body.documents.map((d: { componentCode: string; fileId: string }) => ({ componentCode: d.componentCode, fileId: d.fileId })),
        },
      });
    const before = (await sys.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM dossiers'))[0].n;
    const [a, b] = await Promise.all([request(), request()]);
    expect([a.statusCode, b.statusCode], `${a.body} ${b.body}`).toEqual([201, 201]);
    expect(a.json().id).toBe(b.json().id);
    expect([a.headers['idempotent-replayed'], b.headers['idempotent-replayed']]).toContain('true');
    const after = (await sys.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM dossiers'))[0].n;
    expect(after - before).toBe(1);
    const [row] = await sys.ctx.db.query<{ status_code: number }>("SELECT status_code FROM idempotency_keys WHERE key = 'dong-thoi-1'");
    expect(row.status_code).toBe(201);
  });

  it('leaves neither the claim nor the work behind when the request fails after working (the retry runs once)', async () => {
    const app = idempotentApp();
    await sys.ctx.db.exec('CREATE TABLE IF NOT EXISTS test_work (id serial PRIMARY KEY, label text)');
    let crash = true;
    app.post('/work', async () => {
      await sys.ctx.db.transaction((tx) => tx.query("INSERT INTO test_work (label) VALUES ('nhận')"));
      if (crash) throw new Error('process died after its work committed');
      return { done: true };
    });
    await app.ready();
    const post = () => app.inject({ method: 'POST', url: '/work', headers: { 'idempotency-key': 'chet-giua-chung' }, payload: {} });
    expect((await post()).statusCode).toBe(500);
    expect(await countKeys('chet-giua-chung')).toBe(0);
    expect((await sys.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM test_work'))[0].n).toBe(0);
    crash = false;
    expect((await post()).statusCode).toBe(200);
    const replayed = await post();
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect((await sys.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM test_work'))[0].n).toBe(1);
    await app.close();
  });

  it('commits nothing when the answer cannot be stored: 409, no work, no claim (the answer and COMMIT are sent together)', async () => {
    const app = idempotentApp();
    await sys.ctx.db.exec('CREATE TABLE IF NOT EXISTS test_unstored (label text)');
    // JSON the database refuses as jsonb: the stored answer's UPDATE fails after the work was done
    app.post('/unstorable', async (_req, reply) => {
      await sys.ctx.db.transaction((tx) => tx.query("INSERT INTO test_unstored (label) VALUES ('làm rồi')"));
      return reply.type('application/json').send('{"hỏng": ');
    });
    await app.ready();
    const answer = await app.inject({ method: 'POST', url: '/unstorable', headers: { 'idempotency-key': 'khong-luu-duoc' }, payload: {} });
    expect([answer.statusCode, answer.json().error.code]).toEqual([409, 'CONFLICT']);
    expect((await sys.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM test_unstored'))[0].n).toBe(0);
    expect(await countKeys('khong-luu-duoc')).toBe(0);
    await app.close();
  });

  it('fills a late text in the answer sent and the answer stored, and commits nothing when its statement did not set it', async () => {
    const app = idempotentApp();
    await sys.ctx.db.exec('CREATE TABLE IF NOT EXISTS test_late (label text)');
    // A statement decides a text the route does not wait for (as a reception's code): the route
    // answers with the token, the statement sets the late text's setting, or (`decides: false`)
    // does not, as a reception's last statement that found the dossier changed.
    app.post<{ Body: { decides: boolean } }>('/late', (req) =>
      sys.ctx.db.transaction(async (tx) => {
        await tx.query("INSERT INTO test_late (label) VALUES ('trước')");
        const late = lateText();
        if (!late) throw new Error('no late text in a keyed request');
        const decided = tx.query<{ code: string }>(
          `INSERT INTO test_late (label) VALUES ('mã') RETURNING 'HK-0001' AS code, CASE WHEN $2 THEN set_config($1, 'HK-0001', true) END AS late`,
          [late.setting, req.body.decides],
        );
        late.settle(decided.then(([row]) => (req.body.decides ? row.code : Promise.reject(CommonErrors.CONFLICT()))));
        return { code: late.token, note: `mã ${late.token}` };
      }),
    );
    await app.ready();
    const post = (key: string, decides: boolean) => app.inject({ method: 'POST', url: '/late', headers: { 'idempotency-key': key }, payload: { decides } });
    const labels = async () => (await sys.ctx.db.query<{ label: string }>('SELECT label FROM test_late ORDER BY label')).map((r) => r.label);

    const answer = await post('muon-1', true);
    expect(answer.json()).toEqual({ code: 'HK-0001', note: 'mã HK-0001' });
    const replayed = await post('muon-1', true);
    expect([replayed.headers['idempotent-replayed'], replayed.json()]).toEqual(['true', { code: 'HK-0001', note: 'mã HK-0001' }]);
    expect(await labels()).toEqual(['mã', 'trước']);

    const refused = await post('muon-2', false);
    expect([refused.statusCode, refused.json().error.code]).toEqual([409, 'CONFLICT']);
    expect(await labels()).toEqual(['mã', 'trước']);
    expect(await countKeys('muon-2')).toBe(0);
    // outside a keyed request there is no late text: the caller awaits its statement
    expect(await sys.ctx.db.transaction(async () => lateText())).toBeNull();
    await app.close();
  });

  it("replays a stored answer even when the retry's first statement fails (on PostgreSQL it leaves with the claim)", async () => {
    const app = idempotentApp();
    let failing = false;
    app.post('/first-fails', () =>
      sys.ctx.db.transaction(async (tx) => {
        await tx.query(failing ? 'SELECT 1 / 0' : 'SELECT 1');
        return { ok: 'lần đầu' };
      }),
    );
    await app.ready();
    const post = () => app.inject({ method: 'POST', url: '/first-fails', headers: { 'idempotency-key': 'lan-sau-hong' }, payload: {} });
    expect((await post()).json()).toEqual({ ok: 'lần đầu' });
    failing = true;
    const again = await post();
    expect([again.statusCode, again.headers['idempotent-replayed'], again.json()]).toEqual([200, 'true', { ok: 'lần đầu' }]);
    // a new key runs the route: its failure is its own (500), and nothing of it stays
    const fresh = await app.inject({ method: 'POST', url: '/first-fails', headers: { 'idempotency-key': 'lan-moi-hong' }, payload: {} });
    expect(fresh.statusCode).toBe(500);
    expect(await countKeys('lan-moi-hong')).toBe(0);
    await app.close();
  });

  it('a failed first transaction rolls back with its claim, a later one still works, and the answer is stored once', async () => {
    const app = idempotentApp();
    await sys.ctx.db.exec('CREATE TABLE IF NOT EXISTS test_steps (label text)');
    const db = sys.ctx.db;
    const insert = (label: string) => db.transaction((tx) => tx.query('INSERT INTO test_steps (label) VALUES ($1)', [label]));
    const failing = (label: string) =>
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO test_steps (label) VALUES ($1)', [label]);
        throw CommonErrors.CONFLICT();
      });
    // The request's first transaction (no savepoint) fails after writing: a 409, nothing kept.
    app.post('/refused', () => failing('refused'));
    // …caught, and the route goes on: its next transaction opens afresh, claim first.
    app.post('/recovered', async () => {
      await failing('recovered: dropped').catch(() => {});
      await insert('recovered: kept');
      return { ok: true };
    });
    // A later transaction that fails is a savepoint: what the first one did stays.
    app.post('/later', async () => {
      await insert('later: kept');
      await failing('later: dropped').catch(() => {});
      return { ok: true };
    });
    await app.ready();
    const post = (url: string, key: string) => app.inject({ method: 'POST', url, headers: { 'idempotency-key': key }, payload: {} });
    const labels = async () => (await db.query<{ label: string }>('SELECT label FROM test_steps ORDER BY label')).map((r) => r.label);

    const refused = await post('/refused', 'tu-choi-1');
    expect([refused.statusCode, refused.json().error.code]).toEqual([409, 'CONFLICT']);
    const again = await post('/refused', 'tu-choi-1');
    expect([again.statusCode, again.headers['idempotent-replayed']]).toEqual([409, 'true']);
    expect((await post('/recovered', 'phuc-hoi-1')).json()).toEqual({ ok: true });
    expect((await post('/recovered', 'phuc-hoi-1')).headers['idempotent-replayed']).toBe('true');
    expect((await post('/later', 'sau-1')).json()).toEqual({ ok: true });
    expect(await labels()).toEqual(['later: kept', 'recovered: kept']);
    expect([await countKeys('tu-choi-1'), await countKeys('phuc-hoi-1'), await countKeys('sau-1')]).toEqual([1, 1, 1]);
    await app.close();
  });

  it('never stores the bearer token of a login sent with a key', async () => {
    const login = () =>
      sys.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'idempotency-key': 'dang-nhap-1' }, payload: { username: 'congdan', password: 'MotCua@2026' } });
    const a = await login();
    const b = await login();
    expect(a.statusCode).toBe(200);
    expect(b.json().token).not.toBe(a.json().token);
    expect(await countKeys('dang-nhap-1')).toBe(0);
    const stored = await sys.ctx.db.query<{ response: unknown }>('SELECT response FROM idempotency_keys');
    expect(JSON.stringify(stored)).not.toContain(a.json().token);
  });
});
