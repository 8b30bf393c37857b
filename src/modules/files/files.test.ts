import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { multipartBody } from '#test/actor-app.ts';
import { alice, bob, filesAppPerFile, LIMIT } from '#test/files-app.ts';
import type { TestSystem } from '#test/system.ts';
import type { App } from '#platform/context.ts';
import { getFile, readFileBytes, storeBytes } from './index.ts';
import * as sample from './test-samples.ts';


let sys: TestSystem;
let app: App;
filesAppPerFile((started, served) => {
  [sys, app] = [started, served];
  sys.clock.set(new Date('2026-11-25T02:15:00Z'));
});

async function upload(content: Buffer, options: Parameters<typeof multipartBody>[1] = {}, actor = alice) {
  const body = multipartBody(content, options);
  return app.inject({ method: 'POST', url: '/api/v1/files', headers: { ...body.headers, 'x-test-actor': actor.id }, payload: body.payload });
}

describe('POST /api/v1/files', () => {
  it.each([
    ['PDF', () => sample.pdf('a'), 'application/pdf'],
    ['PNG', sample.png, 'image/png'],
    ['JPEG', sample.jpeg, 'image/jpeg'],
    ['XLSX', sample.xlsx, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['DOCX', sample.docx, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ])('accepts %s, recognised by content whatever the name and declared type', async (_kind, make, mediaType) => {
    const bytes = await make();
    const res = await upload(bytes, { filename: 'khong-ro.bin', contentType: 'text/plain' });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toEqual({ fileId: expect.any(String), sha256: expect.stringMatching(/^[0-9a-f]{64}$/), size: bytes.length, mediaType });
    const stored = path.join(sys.ctx.filesDir, body.sha256.slice(0, 2), body.sha256);
    expect(fs.readFileSync(stored).equals(bytes)).toBe(true);
  });

  it.each([
    ['plain text named .pdf', Buffer.from('Đây không phải PDF'), 'giay-to.pdf', 'application/pdf'],
    ['a Windows program named .png', Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'), 'anh.png', 'image/png'],
    ['a plain zip named .docx', sample.zip({ 'a.txt': 'x' }), 'don.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['an empty file', Buffer.alloc(0), 'rong.pdf', 'application/pdf'],
  ])('refuses %s with 415 UNSUPPORTED_FILE_TYPE', async (_what, bytes, filename, contentType) => {
    const res = await upload(bytes, { filename, contentType });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('UNSUPPORTED_FILE_TYPE');
    expect(res.json().error.message).toContain('PDF, JPEG, PNG, DOCX');
  });

  it('answers 413 FILE_TOO_LARGE over the configured limit, and keeps nothing', async () => {
    const before = (await sys.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM files'))[0].n;
    const big = Buffer.concat([sample.pdf('big'), Buffer.alloc(LIMIT + 10, 0x20)]);
    const res = await upload(big, { filename: 'lon.pdf' });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('FILE_TOO_LARGE');
    expect(res.json().error.message).toContain('0.1 MB');
    expect((await sys.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM files'))[0].n).toBe(before);
    expect(fs.readdirSync(path.join(sys.ctx.filesDir, 'tmp'))).toEqual([]);
  });

  it('answers 413 (not 500, no hang) far over the limit', async () => {
    const res = await upload(Buffer.concat([sample.pdf('huge'), Buffer.alloc(2 * 1024 * 1024, 0x41)]), { filename: 'rat-lon.pdf' });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('FILE_TOO_LARGE');
  });

  it('accepts a file of exactly the limit', async () => {
    const head = sample.pdf('exact');
    const bytes = Buffer.concat([head, Buffer.alloc(LIMIT - head.length, 0x20)]);
    const res = await upload(bytes);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().size).toBe(LIMIT);
  });

  it('stores identical content once but records each upload with its own owner', async () => {
    const bytes = sample.pdf('same');
    const a = (await upload(bytes, { filename: 'a.pdf' })).json();
    const b = (await upload(bytes, { filename: 'b.pdf' }, bob)).json();
    expect(a.sha256).toBe(b.sha256);
    expect(a.fileId).not.toBe(b.fileId);
    expect(fs.readdirSync(path.join(sys.ctx.filesDir, a.sha256.slice(0, 2))).filter((f) => f === a.sha256)).toHaveLength(1);
    expect((await getFile(sys.ctx.db, a.fileId))?.uploadedBy).toBe(alice.id);
    expect((await getFile(sys.ctx.db, b.fileId))?.uploadedBy).toBe(bob.id);
  });

  it('keeps the original name in Unicode NFC without path parts', async () => {
    const nfd = 'C:\\Users\\x\\Giấy khai sinh Ánh.pdf'.normalize('NFD');
    const res = await upload(sample.pdf('nfc'), { filename: nfd });
    const file = await getFile(sys.ctx.db, res.json().fileId);
    expect(file?.originalName).toBe('Giấy khai sinh Ánh.pdf'.normalize('NFC'));
    expect(file?.originalName.normalize('NFC')).toBe(file?.originalName);
  });

  it('answers 400 FILE_MISSING when the part is not named "file"', async () => {
    const res = await upload(sample.pdf('x'), { field: 'attachment' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('FILE_MISSING');
  });

  it('requires a signed-in user (real app, no session → 401)', async () => {
    const body = multipartBody(sample.pdf('anon'), { filename: 'a.pdf' });
    const res = await sys.app.inject({ method: 'POST', url: '/api/v1/files', headers: body.headers, payload: body.payload });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });
});

describe('GET /api/v1/files/{id}', () => {
  it('gives the uploader the bytes with the detected type, and nobody else', async () => {
    const bytes = await sample.png();
    const { fileId } = (await upload(bytes, { filename: 'Ảnh chân dung.png' })).json();
    const own = await app.inject({ method: 'GET', url: `/api/v1/files/${fileId}`, headers: { 'x-test-actor': alice.id } });
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('image/png');
    expect(own.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('Ảnh chân dung.png')}`);
    expect(own.rawPayload.equals(bytes)).toBe(true);

    const other = await app.inject({ method: 'GET', url: `/api/v1/files/${fileId}`, headers: { 'x-test-actor': bob.id } });
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('FILE_NOT_FOUND');
    const unknown = await app.inject({ method: 'GET', url: '/api/v1/files/khong-co', headers: { 'x-test-actor': alice.id } });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('storeBytes / readFileBytes / getFile', () => {
  it('stores a generated document and reads it back', async () => {
    const bytes = sample.pdf('generated');
    const stored = await sys.ctx.db.transaction((tx) =>
      storeBytes(sys.ctx, tx, { bytes, mediaType: 'application/pdf', name: 'Giấy tiếp nhận.pdf', uploadedBy: 'system' }),
    );
    expect(stored.size).toBe(bytes.length);
    expect((await readFileBytes(sys.ctx, stored.sha256)).equals(bytes)).toBe(true);
    expect(await getFile(sys.ctx.db, stored.fileId)).toEqual({
      id: stored.fileId,
      sha256: stored.sha256,
      size: bytes.length,
      mediaType: 'application/pdf',
      originalName: 'Giấy tiếp nhận.pdf',
      uploadedBy: 'system',
    });
  });

  it('getFile is null for unknown and deleted files; readFileBytes refuses a bad hash', async () => {
    expect(await getFile(sys.ctx.db, 'not-a-file')).toBeNull();
    const stored = await sys.ctx.db.transaction((tx) =>
      storeBytes(sys.ctx, tx, { bytes: sample.pdf('del'), mediaType: 'application/pdf', name: 'x.pdf', uploadedBy: 'system' }),
    );
    await sys.ctx.db.query('UPDATE files SET deleted_at = $2 WHERE id = $1', [stored.fileId, new Date()]);
    expect(await getFile(sys.ctx.db, stored.fileId)).toBeNull();
    await expect(readFileBytes(sys.ctx, '../../etc/passwd')).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
    await expect(readFileBytes(sys.ctx, 'f'.repeat(64))).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });
});
