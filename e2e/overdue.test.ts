import type { APIRequestContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, logIn, type Portal, requiredDocuments, screenshot, signedIn, startPortal, tinyPdf, watchPage } from './harness.ts';

/**
 * Issue 11 items 2 and 3 in the browser: a Mẫu 02 listing two papers answered in two visits at
 * the counter (the dossier keeps waiting, naming what is missing), and an overdue dossier whose
 * leader must send the apology (Mẫu 04, recorded as late) before the "Phê duyệt" button appears.
 * The dev clock (PUT /api/v1/dev/clock) moves the days.
 */
let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.close();
});

const APPLICANT = {
  fullName: 'Trần Văn Bình',
  idNumber: '001090054321',
  phone: '0987654321',
  address: { communeCode: '00070', detail: 'Số 5 phố Hàng Bài' },
};

/** The signed-in citizen (`congdan`): an online applicant is the citizen themself. */
const CITIZEN = {
  fullName: 'Nguyễn Thị Ánh Tuyết',
  idNumber: '001190012345',
  phone: '0912345678',
  address: { communeCode: '00070', detail: 'Số 1 phố Tràng Tiền' },
};

async function setClock(now: string) {
  const context = await portal.browser.newContext();
  await logIn(portal, context.request, 'admin');
  const res = await context.request.put(`${portal.baseUrl}/api/v1/dev/clock`, { data: { now } });
  expect(res.status(), await res.text()).toBe(200);
  await context.close();
}

async function api(username: string): Promise<APIRequestContext> {
  const context = await portal.browser.newContext();
  await logIn(portal, context.request, username);
  return context.request;
}

async function actApi(request: APIRequestContext, id: string, data: Record<string, unknown>) {
  const res = await request.post(`${portal.baseUrl}/api/v1/dossiers/${id}/actions`, { data });
  expect(res.status(), await res.text()).toBe(200);
  return res.json();
}

async function hoanKiem(request: APIRequestContext): Promise<string> {
  const agencies = await (await request.get(`${portal.baseUrl}/api/v1/agencies?adminUnitCode=00070&kind=people_committee`)).json();
  return agencies.items[0].code;
}

const status = (page: Page) => page.getByTestId('dossier-status').textContent();

describe('supplement with two papers at the counter (item 2)', () => {
  it('records the first paper, keeps waiting for the second by name, then the second', { timeout: 150_000 }, async () => {
    await setClock('2026-12-07T09:00:00+07:00'); // Monday
    const deskApi = await api('motcua.hoankiem');
    const procedure = await (await deskApi.get(`${portal.baseUrl}/api/v1/procedures/2.000815`)).json();
    const [tp1, tp2] = (procedure.components as { code: string; name: string; required: boolean }[]).filter((c) => c.required);
    const filed = await deskApi.post(`${portal.baseUrl}/api/v1/dossiers`, {
      data: { procedureCode: '2.000815', receivingAgency: await hoanKiem(deskApi), channel: 'direct', applicant: APPLICANT, fields: {}, documents: [] },
    });
    expect(filed.status(), await filed.text()).toBe(201);
    const id = (await filed.json()).id as string;
    await actApi(deskApi, id, { action: 'request_supplement', reason: 'Thiếu bản chính và bản sao cần chứng thực' });

    const { context, page } = await signedIn(portal, 'motcua.hoankiem');
    const watch = watchPage(page);
    await page.goto(`${portal.baseUrl}/can-bo/ho-so/${id}`);
    const waiting = page.getByTestId('supplement-status');
    await waiting.getByText('Còn thiếu 2 giấy tờ:').waitFor();
    await waiting.getByText(tp1.name).waitFor();
    await waiting.getByText(tp2.name).waitFor();

    await page.getByRole('button', { name: 'Ghi nhận giấy tờ bổ sung' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ghi nhận giấy tờ bổ sung' });
    // one row per missing paper, its component chosen
    expect(await dialog.getByRole('combobox', { name: 'Thành phần hồ sơ (1)' }).inputValue()).toBe(tp1.code);
    expect(await dialog.getByRole('combobox', { name: 'Thành phần hồ sơ (2)' }).inputValue()).toBe(tp2.code);
    expect(await axeViolations(page)).toEqual([]);
    await dialog.locator('input[type=file]').first().setInputFiles({ name: 'ban-chinh.pdf', mimeType: 'application/pdf', buffer: tinyPdf(71) });
    await screenshot(page, 'workspace-supplement-two-papers-1280');
    await dialog.getByRole('button', { name: 'Ghi nhận giấy tờ bổ sung' }).click();
    await dialog.waitFor({ state: 'detached' });

    // partial: still status 5, the second paper named
    await expect.poll(() => status(page)).toBe('Yêu cầu bổ sung giấy tờ');
    await waiting.getByText('Còn thiếu 1 giấy tờ:').waitFor();
    expect(await waiting.getByText(tp1.name).count()).toBe(0);
    await page.getByText(`Còn thiếu: ${tp2.name}`).waitFor(); // in the history
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'workspace-supplement-partial-1280');

    await page.getByRole('button', { name: 'Ghi nhận giấy tờ bổ sung' }).click();
    expect(await dialog.getByRole('combobox', { name: 'Thành phần hồ sơ' }).inputValue()).toBe(tp2.code);
    await dialog.locator('input[type=file]').setInputFiles({ name: 'ban-sao.pdf', mimeType: 'application/pdf', buffer: tinyPdf(72) });
    await dialog.getByRole('button', { name: 'Ghi nhận giấy tờ bổ sung' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => status(page)).toBe('Mới đăng ký');
    await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).waitFor();
    expect(watch.errors).toEqual([]);
    await context.close();
  });
});

describe('an overdue dossier (item 3)', () => {
  it('hides approve until the late apology is sent, then allows it', { timeout: 150_000 }, async () => {
    await setClock('2026-12-07T09:00:00+07:00');
    const citizen = await api('congdan');
    const documents = await requiredDocuments(portal, citizen, '1.004873', (i) => tinyPdf(80 + i));
    const filed = await citizen.post(`${portal.baseUrl}/api/v1/dossiers`, {
      data: { procedureCode: '1.004873', receivingAgency: await hoanKiem(citizen), channel: 'online', applicant: CITIZEN, fields: {}, documents },
    });
    expect(filed.status(), await filed.text()).toBe(201);
    const id = (await filed.json()).id as string;
    const received = await actApi(await api('motcua.hoankiem'), id, { action: 'receive' });
    await actApi(await api('lanhdao.hoankiem'), id, { action: 'assign', assignee: 'chuyenvien.hoankiem' });
    const due = new Date(received.dueAt as string);
    expect(received.dueDate).toBe('2026-12-10'); // Thursday
    await setClock(new Date(due.getTime() + 86_400_000).toISOString()); // a day late

    const { context, page } = await signedIn(portal, 'lanhdao.hoankiem');
    const watch = watchPage(page);
    await page.goto(`${portal.baseUrl}/can-bo/ho-so/${id}`);
    const actions = page.getByRole('region', { name: 'Thao tác' });
    await actions.getByRole('button', { name: 'Gia hạn, xin lỗi', exact: true }).waitFor();
    expect(await actions.getByRole('button', { name: 'Phê duyệt kết quả' }).count()).toBe(0);
    expect(await actions.getByRole('button', { name: 'Dừng xử lý' }).count()).toBe(0);
    await page.getByTestId('blocked-actions').getByText('phải gửi Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04) trước khi phê duyệt', { exact: false }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'workspace-overdue-needs-apology-1280');

    await actions.getByRole('button', { name: 'Gia hạn, xin lỗi', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Gia hạn, xin lỗi' });
    await dialog.getByText('Hồ sơ đã quá hạn: phiếu xin lỗi vẫn được gửi (một lần)', { exact: false }).waitFor();
    await dialog.getByText('Hẹn vào ngày làm việc, trong giờ làm việc', { exact: false }).waitFor();
    // the office is closed on Saturday: refused, the field naming the next working day
    const field = dialog.getByLabel('Ngày giờ hẹn trả mới');
    // a time that is not hh:mm, sent with Enter before leaving the field: the field says what is wrong with it
    await field.fill('12/12/2026 9 giờ');
    await field.press('Enter');
    await dialog.getByText(/^Ngày giờ không hợp lệ: nhập ngày\/tháng\/năm rồi giờ:phút/).waitFor();
    // typed dd/mm/yyyy hh:mm (24 hours), as the field shows it whatever the browser's language
    await field.fill('12/12/2026 09:00');
    await dialog.getByRole('textbox', { name: 'Lý do' }).fill('Cần xác minh thêm tại nơi cư trú trước đây');
    await dialog.getByRole('button', { name: 'Gia hạn, xin lỗi', exact: true }).click();
    await dialog.getByText('ngày hẹn thứ Bảy 12/12/2026 là ngày nghỉ; ngày làm việc gần nhất sau đó là thứ Hai 14/12/2026', { exact: true }).waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'workspace-extend-saturday-refused-1280');
    await field.fill('17/12/2026 17:00'); // Thursday, at the close of the office
    // the refusal described the Saturday: it goes once the date is typed again
    await expect.poll(() => dialog.getByText(/là ngày nghỉ/).count()).toBe(0);
    expect(await field.getAttribute('aria-invalid')).not.toBe('true');
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Gia hạn, xin lỗi', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });

    await actions.getByRole('button', { name: 'Phê duyệt kết quả' }).waitFor();
    expect(await actions.getByRole('button', { name: 'Gia hạn, xin lỗi', exact: true }).count()).toBe(0); // once
    await page.getByTestId('history-late').first().waitFor();
    expect(await page.getByTestId('history-late').first().textContent()).toContain('Gửi muộn');
    expect(await page.getByTestId('blocked-actions').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'workspace-overdue-apologised-1280');
    expect(watch.errors.filter((e) => !e.includes('status of 400'))).toEqual([]); // the refused Saturday
    await context.close();
  });
});

describe('a liên thông step past its sub-deadline (item 7)', () => {
  it('the lead leader recalls the late step from the processing page', { timeout: 300_000 }, async () => {
    await setClock('2026-12-14T09:00:00+07:00'); // Monday
    const citizen = await api('congdan');
    const procedure = await (await citizen.get(`${portal.baseUrl}/api/v1/procedures/1.003412`)).json();
    const documents = [];
    for (const [i, c] of (procedure.components as { code: string; required: boolean }[]).filter((c) => c.required).entries()) {
      const up = await citizen.post(`${portal.baseUrl}/api/v1/files`, { multipart: { file: { name: `giay-to-${i}.pdf`, mimeType: 'application/pdf', buffer: tinyPdf(90 + i) } } });
      expect(up.status()).toBe(201);
      documents.push({ componentCode: c.code, fileId: (await up.json()).fileId });
    }
    const filed = await citizen.post(`${portal.baseUrl}/api/v1/dossiers`, {
      data: { procedureCode: '1.003412', receivingAgency: await hoanKiem(citizen), channel: 'online', applicant: CITIZEN, fields: {}, documents },
    });
    expect(filed.status(), await filed.text()).toBe(201);
    const id = (await filed.json()).id as string;
    await actApi(await api('motcua.hoankiem'), id, { action: 'receive' });
    const leaderApi = await api('lanhdao.hoankiem');
    await actApi(leaderApi, id, { action: 'dispatch' });
    await actApi(await api('chuyenvien.hoankiem'), id, { action: 'complete_step', note: 'Đã đăng ký khai sinh' });
    await actApi(await api('congan.hoankiem'), id, { action: 'complete_step', note: 'Đã đăng ký thường trú' });
    await setClock('2026-12-16T10:00:00+07:00'); // Wednesday: step 3 (social insurance) was due Tuesday 17:00

    const { context, page } = await signedIn(portal, 'lanhdao.hoankiem');
    const watch = watchPage(page);
    await page.goto(`${portal.baseUrl}/can-bo/ho-so/${id}`);
    const actions = page.getByRole('region', { name: 'Thao tác' });
    await actions.getByRole('button', { name: 'Thu hồi bước quá hạn' }).click();
    const dialog = page.getByRole('dialog', { name: 'Thu hồi bước quá hạn' });
    await dialog.getByText('thu hồi về cơ quan chủ trì để tự hoàn thành', { exact: false }).waitFor();
    await dialog.getByRole('textbox', { name: 'Lý do' }).fill('Bảo hiểm xã hội chưa cấp thẻ đúng hạn');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'workspace-recall-step-dialog-1280');
    await dialog.getByRole('button', { name: 'Thu hồi bước quá hạn' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Thu hồi bước liên thông quá hạn').first().waitFor(); // in the history
    expect(await actions.getByRole('button', { name: 'Thu hồi bước quá hạn' }).count()).toBe(0);
    const after = await (await context.request.get(`${portal.baseUrl}/api/v1/dossiers/${id}`)).json();
    const step3 = (after.steps as { step: number | null; toAgency: { code: string }; finishedAt: string | null }[]).find((s) => s.step === 3);
    expect(step3).toMatchObject({ toAgency: { code: await hoanKiem(context.request) }, finishedAt: null });
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'workspace-recall-step-done-1280');
    expect(watch.errors).toEqual([]);
    await context.close();
  });
});
