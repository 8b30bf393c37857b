import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, type Portal, screenshot, startPortal, watchPage } from './harness.ts';

/**
 * The public verification page of a signed result (/verify/<id>, where the QR code points):
 * a valid result, a revoked one, and a received copy checked by upload.
 */
const PROC = '1.004873'; // Xác nhận tình trạng hôn nhân
const APPLICANT = {
  fullName: 'Nguyễn Thị Ánh Tuyết',
  idNumber: '001190012345',
  phone: '0912345678',
  address: { communeCode: '00070', detail: 'Số 1 phố Tràng Tiền' },
};
const TINY_PDF = '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';

let portal: Portal;
let valid: { id: string; pdf: Buffer };
let revoked: { id: string };

async function api(path: string, init: { token?: string; method?: string; json?: unknown; form?: FormData } = {}) {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(portal.baseUrl + path, {
    method: init.method ?? (init.json !== undefined || init.form ? 'POST' : 'GET'),
    headers,
    body: init.form ?? (init.json !== undefined ? JSON.stringify(init.json) : undefined),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res;
}

async function json<T>(res: Promise<Response>): Promise<T> {
  return (await (await res).json()) as T;
}

async function login(username: string): Promise<string> {
  return (await json<{ token: string }>(api('/api/v1/auth/login', { json: { username, password: 'MotCua@2026' } }))).token;
}

/** Submitted online, received, assigned and approved: the approval signs the result. */
async function approvedResult(tokens: Record<string, string>) {
  const proc = await json<{ components: { code: string; required: boolean }[] }>(api(`/api/v1/procedures/${PROC}`));
  const agency = await json<{ user: { agencies: { code: string }[] } }>(
    api('/api/v1/auth/login', { json: { username: 'motcua.hoankiem', password: 'MotCua@2026' } }),
  );
  const documents = [];
  for (const c of proc.components.filter((x) => x.required)) {
    const form = new FormData();
    form.append('file', new Blob([`${TINY_PDF}%${Math.random()}\n`], { type: 'application/pdf' }), 'giay-to.pdf');
    const up = await json<{ fileId: string }>(api('/api/v1/files', { token: tokens.congdan, form }));
    documents.push({ componentCode: c.code, fileId: up.fileId });
  }
  const dossier = await json<{ id: string }>(
    api('/api/v1/dossiers', {
      token: tokens.congdan,
      json: { procedureCode: PROC, receivingAgency: agency.user.agencies[0].code, channel: 'online', applicant: APPLICANT, fields: {}, documents },
    }),
  );
  const act = (user: string, body: unknown) => api(`/api/v1/dossiers/${dossier.id}/actions`, { token: tokens[user], json: body });
  await act('motcua.hoankiem', { action: 'receive' });
  await act('lanhdao.hoankiem', { action: 'assign', assignee: 'chuyenvien.hoankiem' });
  await act('lanhdao.hoankiem', { action: 'approve', note: 'Xác nhận chưa đăng ký kết hôn.' });
  const pdf = await api(`/api/v1/dossiers/${dossier.id}/result.pdf`, { token: tokens.congdan });
  return { id: String(pdf.headers.get('x-result-id')), pdf: Buffer.from(await pdf.arrayBuffer()) };
}

beforeAll(async () => {
  portal = await startPortal();
  const tokens: Record<string, string> = {};
  for (const u of ['congdan', 'motcua.hoankiem', 'lanhdao.hoankiem']) tokens[u] = await login(u);
  valid = await approvedResult(tokens);
  revoked = await approvedResult(tokens);
  await api(`/api/v1/results/${revoked.id}/revoke`, { token: tokens['lanhdao.hoankiem'], json: { reason: 'Cấp nhầm người yêu cầu' } });
});
afterAll(async () => {
  await portal?.close();
});

describe('verification page', () => {
  it('shows a valid result on a 360 px phone, and checks an uploaded copy', async () => {
    const context = await portal.browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
    const page = await context.newPage();
    const watch = watchPage(page);
    await page.goto(`${portal.baseUrl}/verify/${valid.id}`);
    await page.getByRole('heading', { level: 1, name: 'Kiểm tra kết quả ký số' }).waitFor();
    const state = page.getByRole('heading', { level: 2, name: 'Hợp lệ' });
    await state.waitFor();
    await page.getByText('Ủy ban nhân dân Phường Hoàn Kiếm', { exact: false }).first().waitFor();
    await page.getByText('CN=Một Cửa Dev CA', { exact: false }).first().waitFor();
    await page.getByText(/^\d{5}\/\d{4}\/KQ-/).first().waitFor();
    expect(await page.title()).toBe('Kiểm tra kết quả ký số | Cổng dịch vụ công Một Cửa');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'verify-valid-360');

    // A copy with one byte changed is refused; the original copy is accepted.
    const tampered = Buffer.from(valid.pdf);
    tampered[tampered.indexOf('/Producer') + 3] ^= 0x01;
    await page.locator('input[type="file"]').setInputFiles({ name: 'ket-qua-sua.pdf', mimeType: 'application/pdf', buffer: tampered });
    await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    const copyState = page.locator('#ket-qua-ban-sao');
    await expect.poll(() => copyState.textContent()).toBe('Không hợp lệ');
    await page.getByText('Nội dung văn bản đã bị thay đổi sau khi ký.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'verify-copy-tampered-360');

    await page.locator('input[type="file"]').setInputFiles({ name: 'ket-qua.pdf', mimeType: 'application/pdf', buffer: valid.pdf });
    await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    await expect.poll(() => copyState.textContent()).toBe('Hợp lệ');
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('shows a revoked result with its reason, on a desktop, in Vietnamese and English', async () => {
    const context = await portal.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    const watch = watchPage(page);
    await page.goto(`${portal.baseUrl}/verify/${revoked.id}`);
    await page.getByRole('heading', { level: 2, name: 'Đã bị thu hồi' }).waitFor();
    await page.getByText('Lý do: Cấp nhầm người yêu cầu', { exact: false }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'verify-revoked-desktop');

    await page.getByRole('button', { name: /^EN/ }).click();
    await page.getByRole('heading', { level: 2, name: 'Revoked' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'verify-revoked-desktop-en');
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('says so for an unknown result', async () => {
    const context = await portal.browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${portal.baseUrl}/verify/00000000-0000-4000-8000-000000000000`);
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'verify-unknown-360');
    await page.getByText('Không tìm thấy kết quả', { exact: true }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
