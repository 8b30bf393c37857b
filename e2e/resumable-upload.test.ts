import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdf } from '../src/modules/files/test-samples.ts';
import { fileControl, type Portal, signedIn, startPortal, watchPage } from './harness.ts';

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.close();
});

const CHUNK = 512 * 1024;

describe('resumable upload on the citizen submission page', () => {
  it('continues from where the server has the file after a PATCH fails, attaches it, and the server stores it once', async () => {
    if (!portal.system) throw new Error('needs the in-process server (no E2E_BASE_URL)');
    const { context, page } = await signedIn(portal, 'congdan');
    const watch = watchPage(page);
    // A 1.3 MB scan: three chunks of 512 KB.
    const head = pdf('scan-mat-ket-noi');
    const scan = Buffer.concat([head, Buffer.alloc(1_300_000 - head.length, 0x20)]);
    const sha256 = createHash('sha256').update(scan).digest('hex');

    // The connection drops on the second chunk, once.
    const sent: { method: string; offset: string | undefined }[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/v1/uploads')) sent.push({ method: request.method(), offset: request.headers()['upload-offset'] });
    });
    let patches = 0;
    let aborted = 0;
    await page.route('**/api/v1/uploads/*', async (route) => {
      if (route.request().method() === 'PATCH' && ++patches === 2) {
        aborted++;
        await route.abort('connectionreset');
        return;
      }
      await route.continue();
    });

    await page.goto(`${portal.baseUrl}/nop-ho-so/1.004873`);
    await page.getByRole('heading', { level: 1, name: 'Nộp hồ sơ trực tuyến' }).waitFor();
    await fileControl(page, 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân').setInputFiles({ name: 'to-khai-scan.pdf', mimeType: 'application/pdf', buffer: scan });
    await page.getByTestId('attached-TP1').filter({ hasText: 'Đã tải lên: to-khai-scan.pdf' }).waitFor({ timeout: 30_000 });

    expect(aborted).toBe(1);
    // One upload created; after the failure the client asked for the offset and sent the rest from there.
    expect(sent.filter((r) => r.method === 'POST')).toHaveLength(1);
    const patchAt = sent.flatMap((r, i) => (r.method === 'PATCH' ? [i] : []));
    expect(sent[patchAt[1]]?.offset).toBe(String(CHUNK));
    const afterFailure = sent.slice(patchAt[1] + 1);
    expect(afterFailure[0]?.method).toBe('HEAD');
    expect(afterFailure.find((r) => r.method === 'PATCH')?.offset).toBe(String(CHUNK));
    expect(sent.filter((r) => r.method === 'PATCH' && r.offset === '0')).toHaveLength(1);

    // What the server holds: one file with exactly these bytes, owned by the citizen.
    const rows = await portal.system.ctx.db.query<{ size: number; original_name: string; username: string }>(
      `SELECT f.size, f.original_name, u.username FROM files f JOIN users u ON u.id = f.uploaded_by WHERE f.sha256 = $1`,
      [sha256],
    );
    expect(rows.map((r) => ({ ...r, size: Number(r.size) }))).toEqual([{ size: scan.length, original_name: 'to-khai-scan.pdf', username: 'congdan' }]);
    expect(watch.errors.filter((e) => !/ERR_CONNECTION_RESET|Failed to load resource/.test(e))).toEqual([]);
    await context.close();
  });

  it('when the answer to the last PATCH is lost, the retry gets the same stored file (not a second one)', async () => {
    if (!portal.system) throw new Error('needs the in-process server (no E2E_BASE_URL)');
    const { context, page } = await signedIn(portal, 'congdan');
    const head = pdf('cau-tra-loi-bi-mat');
    const scan = Buffer.concat([head, Buffer.alloc(CHUNK + 100_000 - head.length, 0x20)]);
    const sha256 = createHash('sha256').update(scan).digest('hex');

    // The server receives the last chunk and stores the file, but its answer never reaches the page.
    let lost = 0;
    await page.route('**/api/v1/uploads/*', async (route) => {
      if (route.request().method() === 'PATCH' && route.request().headers()['upload-offset'] === String(CHUNK) && lost === 0) {
        lost++;
        const answer = await route.fetch();
        expect(answer.status()).toBe(200);
        await route.abort('connectionreset');
        return;
      }
      await route.continue();
    });

    await page.goto(`${portal.baseUrl}/nop-ho-so/1.004873`);
    await page.getByRole('heading', { level: 1, name: 'Nộp hồ sơ trực tuyến' }).waitFor();
    await fileControl(page, 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân').setInputFiles({ name: 'to-khai-2.pdf', mimeType: 'application/pdf', buffer: scan });
    await page.getByTestId('attached-TP1').filter({ hasText: 'Đã tải lên: to-khai-2.pdf' }).waitFor({ timeout: 30_000 });

    expect(lost).toBe(1);
    const rows = await portal.system.ctx.db.query<{ id: string }>('SELECT id FROM files WHERE sha256 = $1', [sha256]);
    expect(rows).toHaveLength(1);
    await context.close();
  });

  it('after the page is reloaded mid-upload, choosing the same file again continues where the server stopped', async () => {
    if (!portal.system) throw new Error('needs the in-process server (no E2E_BASE_URL)');
    const { context, page } = await signedIn(portal, 'congdan');
    const head = pdf('tai-lai-trang');
    const scan = Buffer.concat([head, Buffer.alloc(CHUNK * 2 + 50_000 - head.length, 0x20)]);
    const sha256 = createHash('sha256').update(scan).digest('hex');
    // A file on disk, as a phone's file picker gives it (same name, size and date when chosen again).
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-scan-')), 'to-khai-3.pdf');
    fs.writeFileSync(file, scan);

    // The first chunk arrives; the page is reloaded while the second is on its way.
    let patches = 0;
    await page.route('**/api/v1/uploads/*', async (route) => {
      if (route.request().method() === 'PATCH' && ++patches === 2) return; // held until the reload
      await route.continue();
    });
    await page.goto(`${portal.baseUrl}/nop-ho-so/1.004873`);
    const input = fileControl(page, 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân');
    const firstChunk = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.status() === 204);
    await input.setInputFiles(file);
    await firstChunk;
    await expect.poll(() => patches).toBe(2);
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await page.reload();

    const sent: { method: string; offset: string | undefined }[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/v1/uploads')) sent.push({ method: request.method(), offset: request.headers()['upload-offset'] });
    });
    let serverHad = '';
    page.on('response', (response) => {
      if (response.request().method() === 'HEAD' && response.url().includes('/api/v1/uploads/')) serverHad = response.headers()['upload-offset'] ?? '';
    });
    await input.setInputFiles(file);
    await page.getByTestId('attached-TP1').filter({ hasText: 'Đã tải lên: to-khai-3.pdf' }).waitFor({ timeout: 30_000 });
    // No new upload: the client asked how much the server had (at least the first chunk) and sent
    // the rest from there.
    expect(sent.filter((r) => r.method === 'POST')).toEqual([]);
    expect(sent[0]?.method).toBe('HEAD');
    expect(Number(serverHad)).toBeGreaterThanOrEqual(CHUNK);
    const patch = sent.find((r) => r.method === 'PATCH');
    // the held chunk may have been retried and finished before the reload: then nothing is left to send
    if (Number(serverHad) < scan.length) expect(patch?.offset).toBe(serverHad);
    else expect(patch).toBeUndefined();
    const rows = await portal.system.ctx.db.query<{ size: number }>('SELECT size FROM files WHERE sha256 = $1', [sha256]);
    expect(rows.map((r) => Number(r.size))).toEqual([scan.length]);
    await context.close();
  });
});
