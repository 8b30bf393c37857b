import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAnswer } from '#test/contract-fuzz.ts';
import { alice, bob, filesAppPerFile, LIMIT } from '#test/files-app.ts';
import type { TestSystem } from '#test/system.ts';
import type { App } from '#platform/context.ts';
import { expireUploads } from './expire-uploads.ts';
import * as sample from './test-samples.ts';
import { openUploadStore, uploadPath } from './upload-store.ts';

const TUS = { 'tus-resumable': '1.0.0' };

let sys: TestSystem;
let app: App;
filesAppPerFile((started, served) => void ([sys, app] = [started, served]));

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
/** A PDF of about `size` bytes (a real header, then padding). */
const pdfOf = (size: number, tag: string) => {
  const head = sample.pdf(tag);
  return Buffer.concat([head, Buffer.alloc(size - head.length, 0x20)]);
};

async function create(size: number, actor = alice, metadata = `filename ${b64('Giấy khai sinh.pdf')}`) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/uploads',
    headers: { ...TUS, 'upload-length': String(size), 'upload-metadata': metadata, 'x-test-actor': actor.id },
  });
  return res;
}
async function createdId(size: number, actor = alice): Promise<string> {
  const res = await create(size, actor);
  expect(res.statusCode, res.body).toBe(201);
  const location = String(res.headers.location);
  expect(location).toMatch(/^\/api\/v1\/uploads\/[0-9a-f]{32}$/);
  return location.split('/').pop() as string;
}
const patch = (id: string, offset: number, bytes: Buffer, actor = alice, extra: Record<string, string> = {}) =>
  app.inject({
    method: 'PATCH',
    url: `/api/v1/uploads/${id}`,
    headers: { ...TUS, 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream', 'x-test-actor': actor.id, ...extra },
    payload: bytes,
  });
const head = (id: string, actor = alice) => app.inject({ method: 'HEAD', url: `/api/v1/uploads/${id}`, headers: { ...TUS, 'x-test-actor': actor.id } });
const rowsOf = async (sha256: string) =>
  (await sys.ctx.db.query<{ id: string; uploaded_by: string; original_name: string }>('SELECT id, uploaded_by, original_name FROM files WHERE sha256 = $1', [sha256]));

describe('resumable uploads (tus) under /api/v1/uploads', () => {
  it('create → half → HEAD shows the offset → the rest → one stored file, the same as POST /api/v1/files would store', async () => {
    const bytes = pdfOf(40_000, 'resumable');
    const id = await createdId(bytes.length);
    const first = await patch(id, 0, bytes.subarray(0, 20_000));
    expect(first.statusCode, first.body).toBe(204);
    expect(first.headers['upload-offset']).toBe('20000');

    const h = await head(id);
    expect(h.statusCode).toBe(200);
    expect(h.headers['upload-offset']).toBe('20000');
    expect(h.headers['upload-length']).toBe(String(bytes.length));

    const last = await patch(id, 20_000, bytes.subarray(20_000));
    expect(last.statusCode, last.body).toBe(200);
    const stored = last.json();
    expect(stored).toEqual({ fileId: expect.any(String), sha256: expect.stringMatching(/^[0-9a-f]{64}$/), size: bytes.length, mediaType: 'application/pdf' });
    const blob = path.join(sys.ctx.filesDir, stored.sha256.slice(0, 2), stored.sha256);
    expect(fs.readFileSync(blob).equals(bytes)).toBe(true);
    expect(await rowsOf(stored.sha256)).toEqual([{ id: stored.fileId, uploaded_by: alice.id, original_name: 'Giấy khai sinh.pdf' }]);

    // A retried last PATCH (its answer was lost) and the GET fallback: the same file, not a second one.
    const retried = await patch(id, bytes.length, Buffer.alloc(0));
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json().fileId).toBe(stored.fileId);
    const got = await app.inject({ method: 'GET', url: `/api/v1/uploads/${id}`, headers: { 'x-test-actor': alice.id } });
    expect(got.statusCode).toBe(200);
    expect(got.json()).toEqual(stored);
    expect(await rowsOf(stored.sha256)).toHaveLength(1);
  });

  it('finishing the same complete upload several times at once stores one file', async () => {
    const bytes = pdfOf(10_000, 'concurrent');
    const id = await createdId(bytes.length);
    expect((await patch(id, 0, bytes.subarray(0, bytes.length - 1))).statusCode).toBe(204);
    // The last byte lands without the finishing step (as if the process died right after writing it).
    fs.appendFileSync(uploadPath(openUploadStore(sys.ctx), id), bytes.subarray(bytes.length - 1));
    const answers = await Promise.all(
      [1, 2, 3].map(() => app.inject({ method: 'GET', url: `/api/v1/uploads/${id}`, headers: { 'x-test-actor': alice.id } })),
    );
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
    expect(new Set(answers.map((a) => a.json().fileId)).size).toBe(1);
    expect(await rowsOf(answers[0].json().sha256)).toHaveLength(1);
  });

  it('GET before the last byte answers 409 UPLOAD_INCOMPLETE with the offset', async () => {
    const id = await createdId(5_000);
    expect((await patch(id, 0, pdfOf(5_000, 'x').subarray(0, 1_000))).statusCode).toBe(204);
    const res = await app.inject({ method: 'GET', url: `/api/v1/uploads/${id}`, headers: { 'x-test-actor': alice.id } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'UPLOAD_INCOMPLETE', offset: 1_000 });
  });

  it("another user gets 404 on HEAD, PATCH, DELETE and GET of someone's upload; a client cannot claim an owner", async () => {
    const id = await createdId(8_000);
    expect((await head(id, bob)).statusCode).toBe(404);
    const p = await patch(id, 0, pdfOf(8_000, 'bob'), bob);
    expect(p.statusCode).toBe(404);
    expect(p.json().error.code).toBe('UPLOAD_NOT_FOUND');
    const d = await app.inject({ method: 'DELETE', url: `/api/v1/uploads/${id}`, headers: { ...TUS, 'x-test-actor': bob.id } });
    expect(d.statusCode).toBe(404);
    const g = await app.inject({ method: 'GET', url: `/api/v1/uploads/${id}`, headers: { 'x-test-actor': bob.id } });
    expect(g.statusCode).toBe(404);
    expect((await head(id)).headers['upload-offset']).toBe('0');
    const own = await app.inject({ method: 'DELETE', url: `/api/v1/uploads/${id}`, headers: { ...TUS, 'x-test-actor': alice.id } });
    expect(own.statusCode).toBe(204);
    expect((await head(id)).statusCode).toBe(404);

    const forged = await create(8_000, bob, `owner ${b64(alice.id)},stored ${b64('{"fileId":"x"}')}`);
    const forgedId = String(forged.headers.location).split('/').pop() as string;
    expect((await head(forgedId, alice)).statusCode).toBe(404);
    expect((await head(forgedId, bob)).statusCode).toBe(200);
  });

  it('refuses a caller who is not signed in with 401 (real app, no session)', async () => {
    const res = await sys.app.inject({ method: 'POST', url: '/api/v1/uploads', headers: { ...TUS, 'upload-length': '1000' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
    const p = await sys.app.inject({
      method: 'PATCH',
      url: `/api/v1/uploads/${'a'.repeat(32)}`,
      headers: { ...TUS, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
      payload: Buffer.from('x'),
    });
    expect(p.statusCode).toBe(401);
  });

  it('refuses a cookie-borne PATCH or creation from another site (CSRF), as every other route', async () => {
    const token = await sys.login('congdan');
    const cookie = `motcua_session=${token}`;
    const created = await sys.app.inject({
      method: 'POST',
      url: '/api/v1/uploads',
      headers: { ...TUS, cookie, origin: 'http://localhost:80', host: 'localhost:80', 'upload-length': '1000' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const foreign = { ...TUS, cookie, origin: 'https://evil.example' };
    const c = await sys.app.inject({ method: 'POST', url: '/api/v1/uploads', headers: { ...foreign, 'upload-length': '1000' } });
    expect(c.statusCode).toBe(403);
    expect(c.json().error.code).toBe('CSRF_REJECTED');
    const p = await sys.app.inject({
      method: 'PATCH',
      url: String(created.headers.location),
      headers: { ...foreign, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
      payload: pdfOf(1000, 'csrf'),
    });
    expect(p.statusCode).toBe(403);
  });

  it('ignores an Idempotency-Key (the offsets make retries safe): a repeated PATCH is answered by offset, never "in progress"', async () => {
    const auth = { authorization: `Bearer ${await sys.login('congdan')}`, 'idempotency-key': 'tus-1' };
    const bytes = pdfOf(2_000, 'idem');
    const created = await sys.app.inject({ method: 'POST', url: '/api/v1/uploads', headers: { ...TUS, ...auth, 'upload-length': String(bytes.length) } });
    expect(created.statusCode, created.body).toBe(201);
    const send = () =>
      sys.app.inject({
        method: 'PATCH',
        url: String(created.headers.location),
        headers: { ...TUS, ...auth, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
        payload: bytes,
      });
    const first = await send();
    expect(first.statusCode, first.body).toBe(200);
    const again = await send();
    expect(again.statusCode).toBe(409); // tus: the offset is no longer 0
    expect(again.headers['idempotent-replayed']).toBeUndefined();
  });

  it('refuses a declared length over MOTCUA_MAX_UPLOAD_BYTES with 413 before storing anything, and a missing length with 400', async () => {
    const dir = path.resolve(sys.ctx.config.MOTCUA_DATA_DIR, 'uploads');
    const before = fs.readdirSync(dir).length;
    const res = await create(LIMIT + 1);
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('FILE_TOO_LARGE');
    expect(res.json().error.message).toContain('0.1 MB');
    expect(fs.readdirSync(dir)).toHaveLength(before);
    const missing = await app.inject({ method: 'POST', url: '/api/v1/uploads', headers: { ...TUS, 'upload-defer-length': '1', 'x-test-actor': alice.id } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('UPLOAD_LENGTH_REQUIRED');
    expect((await createdId(LIMIT)).length).toBe(32);
  });

  it('answers a non-PDF/JPEG/PNG content with the 415 error JSON (Vietnamese, or English when asked) and keeps nothing', async () => {
    const text = Buffer.from('Đây không phải tệp PDF, chỉ là văn bản.'.repeat(20));
    const id = await createdId(text.length);
    const res = await patch(id, 0, text);
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.json().error.code).toBe('UNSUPPORTED_FILE_TYPE');
    expect(res.json().error.message).toContain('Định dạng tệp không được hỗ trợ');
    expect((await head(id)).statusCode).toBe(404);

    // English on the real app (its onRequest hook picks the locale), signed in with a bearer token.
    const auth = { authorization: `Bearer ${await sys.login('congdan')}`, 'accept-language': 'en' };
    const created = await sys.app.inject({ method: 'POST', url: '/api/v1/uploads', headers: { ...TUS, ...auth, 'upload-length': String(text.length) } });
    expect(created.statusCode, created.body).toBe(201);
    const en = await sys.app.inject({
      method: 'PATCH',
      url: String(created.headers.location),
      headers: { ...TUS, ...auth, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
      payload: text,
    });
    expect(en.statusCode).toBe(415);
    expect(en.json().error.message).toContain('Unsupported file type');
  });

  it('appears in the OpenAPI document', async () => {
    const res = await sys.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = res.json().paths;
    expect(Object.keys(paths['/api/v1/uploads'])).toEqual(['post']);
    // @fastify/swagger leaves HEAD routes out; HEAD is documented in docs/modules/files.md.
    expect(Object.keys(paths['/api/v1/uploads/{id}']).sort()).toEqual(['delete', 'get', 'patch']);
    const patchOp = paths['/api/v1/uploads/{id}'].patch;
    expect(Object.keys(patchOp.requestBody.content)).toEqual(['application/offset+octet-stream']);
    expect(patchOp.parameters.filter((p: { in: string }) => p.in === 'header').map((p: { name: string }) => p.name)).toEqual(['tus-resumable', 'upload-offset']);
    expect(Object.keys(paths['/api/v1/uploads'].post.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '412', '413']));
  });

  it('answers every tus request as the OpenAPI document declares: created, bytes kept, the stored file, and the protocol errors in text', async () => {
    const doc = (await sys.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    const auth = { authorization: `Bearer ${await sys.login('congdan')}` };
    const answers: { operation: string; res: Awaited<ReturnType<App['inject']>> }[] = [];
    const send = async (operation: string, request: { method: 'POST' | 'PATCH' | 'DELETE'; url: string; headers?: Record<string, string>; payload?: Buffer }) => {
      const res = await sys.app.inject({ ...request, headers: { ...auth, ...request.headers } });
      answers.push({ operation, res });
      return res;
    };
    const CREATE = 'POST /api/v1/uploads';
    const PATCH = 'PATCH /api/v1/uploads/{id}';
    const DELETE = 'DELETE /api/v1/uploads/{id}';
    const bytes = pdfOf(3_000, 'contract');
    const created = await send(CREATE, { method: 'POST', url: '/api/v1/uploads', headers: { ...TUS, 'upload-length': String(bytes.length) } });
    const url = String(created.headers.location);
    const chunk = (offset: number, payload: Buffer, extra: Record<string, string> = {}) =>
      send(PATCH, { method: 'PATCH', url, headers: { ...TUS, 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream', ...extra }, payload });
    await send(CREATE, { method: 'POST', url: '/api/v1/uploads', headers: { 'upload-length': '10' } }); // 412 text
    await send(CREATE, { method: 'POST', url: '/api/v1/uploads', headers: { ...TUS, 'upload-length': '10', 'upload-metadata': 'a b c,,' } }); // 400 text
    await send(CREATE, { method: 'POST', url: '/api/v1/uploads', headers: TUS }); // 400 UPLOAD_LENGTH_REQUIRED
    await send(CREATE, { method: 'POST', url: '/api/v1/uploads', headers: { ...TUS, 'upload-length': String(LIMIT + 1) } }); // 413 JSON
    await chunk(5, bytes); // 409 text
    await chunk(0, bytes, { 'content-type': 'application/json' }); // 400 text
    await send(PATCH, { method: 'PATCH', url, headers: { ...TUS, 'content-type': 'application/offset+octet-stream' }, payload: bytes }); // 403 text
    await chunk(0, bytes.subarray(0, 1_000)); // 204
    await chunk(1_000, bytes.subarray(1_000)); // 200, the stored file
    await chunk(bytes.length, Buffer.from('xx')); // 413 text
    await send(DELETE, { method: 'DELETE', url }); // 412 text
    await send(DELETE, { method: 'DELETE', url, headers: TUS }); // 204
    await send(DELETE, { method: 'DELETE', url, headers: TUS }); // 404 JSON
    const text = Buffer.from('không phải PDF '.repeat(20));
    const other = await send(CREATE, { method: 'POST', url: '/api/v1/uploads', headers: { ...TUS, 'upload-length': String(text.length) } });
    await send(PATCH, { method: 'PATCH', url: String(other.headers.location), headers: { ...TUS, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' }, payload: text }); // 415 JSON

    expect(answers.map((a) => `${a.operation.split(' ')[0]} ${a.res.statusCode}`)).toEqual(
      ['POST 201', 'POST 412', 'POST 400', 'POST 400', 'POST 413', 'PATCH 409', 'PATCH 400', 'PATCH 403', 'PATCH 204', 'PATCH 200']
        .concat(['PATCH 413', 'DELETE 412', 'DELETE 204', 'DELETE 404', 'POST 201', 'PATCH 415']),
    );
    const off = answers.map((a) => checkAnswer(doc, a.operation, a.res)).filter((problem) => problem !== null);
    expect(off).toEqual([]);
    // The checker does look: a tus text answer where only the error body is declared is refused
    // (GET answers 409 UPLOAD_INCOMPLETE as JSON, never the tus text).
    const conflict = answers[5].res;
    expect(checkAnswer(doc, 'GET /api/v1/uploads/{id}', conflict)).toMatch(/content-type text\/plain/);
  });

  it('removes uploads older than 24 hours (the hourly clean-up job)', async () => {
    const store = openUploadStore(sys.ctx);
    const id = await createdId(3_000);
    const fresh = await createdId(3_000);
    const record = await store.files.configstore.get(id);
    if (!record) throw new Error('no record');
    record.creation_date = new Date(Date.now() - 25 * 60 * 60 * 1000).toISOString();
    await store.files.configstore.set(id, record);
    expect(await expireUploads(store)).toBeGreaterThanOrEqual(1);
    expect((await head(id)).statusCode).toBe(404);
    expect((await head(fresh)).statusCode).toBe(200);
  });
});
