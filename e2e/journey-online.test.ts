import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdf } from '../src/modules/files/test-samples.ts';
import { axeViolations, fileControl, type Portal, screenshot, startPortal, watchPage } from './harness.ts';

/**
 * Journey (a) of the citizen portal (issue 5), on a 360 px phone and mostly with the keyboard:
 * search without diacritics → the procedure → sign in with the national e-ID → the form →
 * uploads with a progress bar → the review page with the fee → submit → pay the fee through the
 * sandbox gateway → the desk receives it (API) → the citizen sees the code, the appointment and
 * the fee paid with its e-receipt. 2.000635 (Cấp bản sao trích lục hộ tịch) has a flat fee
 * (8.000 đồng per extract) and a required component.
 */
let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.close();
});

async function deskToken(): Promise<string> {
  const login = await fetch(`${portal.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'motcua.hoankiem', password: 'MotCua@2026' }),
  });
  expect(login.status).toBe(200);
  return ((await login.json()) as { token: string }).token;
}

describe('journey (a): from a search without diacritics to a received, paid dossier', () => {
  it('searches, signs in with the e-ID, submits with uploads, pays the fee and sees the code and appointment, at 360 px', async () => {
    const context = await portal.browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
    const page = await context.newPage();
    const watch = watchPage(page);

    // Home: search without diacritics, with the keyboard.
    await page.goto(`${portal.baseUrl}/`);
    const search = page.getByRole('searchbox', { name: 'Tìm kiếm thủ tục hành chính' });
    await search.focus();
    await page.keyboard.type('ban sao trich luc ho tich');
    await page.keyboard.press('Enter');
    const result = page.getByRole('link', { name: 'Cấp bản sao trích lục hộ tịch', exact: true });
    await result.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'journey-a-search-360');
    await result.focus();
    await page.keyboard.press('Enter');

    // The procedure page states the fee; "Nộp trực tuyến" starts the submission.
    await page.waitForURL('**/thu-tuc/2.000635');
    await page.getByRole('heading', { level: 1, name: 'Cấp bản sao trích lục hộ tịch' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'journey-a-procedure-360');
    await page.getByRole('link', { name: 'Nộp trực tuyến' }).focus();
    await page.keyboard.press('Enter');

    // Not signed in: the login page, then the national e-ID (development provider).
    await page.waitForURL(/\/dang-nhap\?next=%2Fnop-ho-so%2F2\.000635$/);
    const eid = page.getByRole('link', { name: 'Đăng nhập bằng định danh điện tử (VNeID)' });
    await eid.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'journey-a-login-360');
    await eid.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/dev-eid\/interaction\//);
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập bằng định danh điện tử' }).waitFor();
    await page.getByLabel('Số định danh cá nhân (CCCD)').fill('001190012345');
    await page.getByLabel('Mật khẩu').fill('VNeID@2026');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'journey-a-eid-login-360');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Đồng ý chia sẻ thông tin' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'journey-a-eid-consent-360');
    await page.getByRole('button', { name: 'Đồng ý' }).click();

    // Back on the form, the applicant prefilled from the e-ID ("only once").
    await page.waitForURL('**/nop-ho-so/2.000635');
    await page.getByRole('heading', { level: 1, name: 'Nộp hồ sơ trực tuyến' }).waitFor();
    await expect.poll(() => page.getByRole('textbox', { name: 'Họ, chữ đệm và tên' }).inputValue()).toBe('Nguyễn Thị Ánh Tuyết');
    expect(await page.getByRole('textbox', { name: 'Số định danh cá nhân' }).inputValue()).toBe('001190012345');
    await page.getByRole('textbox', { name: 'Số điện thoại' }).fill('0912345678');
    const province = page.getByRole('combobox', { name: 'Tỉnh, thành phố', exact: true });
    await expect.poll(() => province.isEnabled()).toBe(true);
    await province.selectOption({ label: 'Thành phố Hà Nội' }).catch(() => province.selectOption({ label: 'Hà Nội' }));
    const commune = page.getByRole('combobox', { name: 'Xã, phường, đặc khu', exact: true });
    await expect.poll(() => commune.isEnabled()).toBe(true);
    await commune.selectOption({ label: 'Phường Hoàn Kiếm' });
    const agency = page.getByRole('radio', { name: /Ủy ban nhân dân.*Hoàn Kiếm/ });
    await agency.focus();
    await page.keyboard.press('Space');
    expect(await agency.isChecked()).toBe(true);
    await page.getByRole('textbox', { name: 'Địa chỉ cụ thể' }).fill('12 phố Hàng Bạc');

    // Upload: the progress bar shows while the file goes up (the resumable upload's creation is held a moment).
    await page.route(
      '**/api/v1/uploads',
      async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 800));
        await route.continue();
      },
      { times: 1 },
    );
    // The file control is Vietnamese whatever the browser's language: no browser file input shows.
    expect(await page.locator('input[type=file]:visible').count()).toBe(0);
    const tp1 = page.locator('[data-component="TP1"] .file-picker');
    expect(await tp1.getByText('Tệp PDF, JPEG hoặc PNG, tối đa 20 MB.').count()).toBe(1);
    expect([await tp1.getByRole('button').textContent(), await tp1.locator('[aria-live]').textContent()]).toEqual(['Chọn tệp…', 'Chưa chọn tệp']);
    await fileControl(page, 'Tờ khai cấp bản sao trích lục hộ tịch').setInputFiles({ name: 'to-khai.pdf', mimeType: 'application/pdf', buffer: pdf('to-khai') });
    await page.getByText(/^Đang tải lên… \d+%$/).waitFor();
    await page.getByRole('progressbar', { name: /^Tiến độ tải lên: Tờ khai cấp bản sao trích lục hộ tịch/, includeHidden: true }).waitFor({ state: 'attached' });
    await page.getByTestId('attached-TP1').filter({ hasText: 'Đã tải lên: to-khai.pdf' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'journey-a-form-360');

    // Review: the fee quoted for the online channel.
    await page.getByRole('button', { name: 'Tiếp tục: kiểm tra lại' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Kiểm tra lại thông tin' }).waitFor();
    await page.getByRole('heading', { name: 'Phí, lệ phí' }).waitFor();
    await page.getByTestId('fee-total').filter({ hasText: '8.000 đồng' }).waitFor();
    await page.getByText('Sau khi nộp hồ sơ, Ông/Bà có thể nộp phí trực tuyến').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'journey-a-review-fee-360');
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).focus();
    await page.keyboard.press('Enter');

    // Confirmation: waiting for the desk, and "Nộp phí trực tuyến".
    await page.waitForURL(/\/ho-so-cua-toi\/[^/?]+\?vua-nop=1$/);
    const dossierId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    await page.getByText('Đã nộp hồ sơ', { exact: true }).waitFor();
    const payFee = page.getByRole('button', { name: 'Nộp phí trực tuyến' });
    await payFee.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'journey-a-confirmation-360');
    await payFee.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('img', { name: 'Mã VietQR để chuyển khoản 8.000 đ' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'journey-a-fee-order-360');

    // The sandbox gateway: pay; the signed callback pays the order once and moves nothing.
    await page.getByRole('link', { name: 'Thanh toán qua cổng thanh toán' }).click();
    await page.getByRole('heading', { name: 'Xác nhận thanh toán' }).waitFor();
    await page.getByText('8.000 đ').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'journey-a-sandbox-gateway-360');
    await page.getByRole('button', { name: 'Thanh toán' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/ho-so-cua-toi/${dossierId}?thanh-toan=thanh-cong`);
    await page.getByText('Nộp phí thành công. Biên lai điện tử đã được cấp.').waitFor();
    await page.getByText(/^Đã nộp phí 8\.000 đ, biên lai số BL\d{4}-\d{7}\./).waitFor();
    expect(await page.getByTestId('dossier-status').textContent()).toBe('Mới đăng ký');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'journey-a-fee-paid-360');

    // The desk receives it through the API.
    const token = await deskToken();
    const response = await fetch(`${portal.baseUrl}/api/v1/dossiers/${dossierId}/actions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'receive' }),
    });
    const received = (await response.json()) as { code: string; dueAt: string };
    expect(response.status, JSON.stringify(received)).toBe(200);
    expect(received.code).toMatch(/-\d{6}-\d{4}$/);

    // The citizen reloads: the code, the appointment, and the fee paid with its e-receipt.
    await page.goto(`${portal.baseUrl}/ho-so-cua-toi/${dossierId}`);
    await page.getByTestId('dossier-code').filter({ hasText: received.code }).waitFor();
    const due = await page.getByTestId('dossier-due').textContent();
    expect(due).toMatch(/^\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/);
    expect(due).toContain(received.dueAt.slice(0, 10).split('-').reverse().join('/'));
    await page.getByText(/^Đã nộp phí 8\.000 đ, biên lai số BL\d{4}-\d{7}\./).waitFor();
    const receiptLink = page.getByRole('link', { name: 'Xem biên lai điện tử' });
    await receiptLink.waitFor();
    await page.getByText('Nộp phí, lệ phí trực tuyến: 8.000 đ').waitFor(); // in the timeline
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'journey-a-received-360');
    const receipt = await page.request.get(`${portal.baseUrl}${await receiptLink.getAttribute('href')}`);
    expect(receipt.status()).toBe(200);
    expect((await receipt.body()).subarray(0, 5).toString()).toBe('%PDF-');
    expect(watch.errors).toEqual([]);
    await context.close();

    // The desk officer's workspace shows "Đã nộp phí" with the e-receipt on the dossier.
    const desk = await portal.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' });
    const deskPage = await desk.newPage();
    const deskWatch = watchPage(deskPage);
    await deskPage.goto(`${portal.baseUrl}/dang-nhap?next=${encodeURIComponent(`/can-bo/ho-so/${dossierId}`)}`);
    await deskPage.getByRole('textbox', { name: 'Tên đăng nhập', exact: true }).fill('motcua.hoankiem');
    await deskPage.getByRole('textbox', { name: 'Mật khẩu', exact: true }).fill('MotCua@2026');
    await deskPage.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await deskPage.waitForURL(`**/can-bo/ho-so/${dossierId}`);
    await deskPage.getByText(/^Đã nộp phí 8\.000 đ, biên lai số BL\d{4}-\d{7}\./).waitFor();
    await deskPage.getByRole('link', { name: 'Xem biên lai điện tử' }).waitFor();
    // the mã tra cứu the citizen was given when submitting is on the officer's page too…
    const reference = ((await (await deskPage.request.get(`${portal.baseUrl}/api/v1/dossiers/${dossierId}`)).json()) as { reference: string }).reference;
    expect(reference).toMatch(/^HS-[0-9A-Z]{10}$/);
    expect(await deskPage.getByTestId('dossier-reference').textContent()).toBe(reference);
    expect(await axeViolations(deskPage)).toEqual([]);
    await screenshot(deskPage, 'journey-a-desk-fee-paid-desktop');
    // …and the queue's search finds the dossier by it, as the citizen quotes it at the counter
    await deskPage.goto(`${portal.baseUrl}/can-bo`);
    await deskPage.getByRole('searchbox', { name: /^Tìm theo mã hồ sơ, tên, số định danh/ }).fill(reference.toLowerCase());
    await deskPage.getByRole('button', { name: 'Tìm', exact: true }).click();
    await deskPage.getByRole('status').filter({ hasText: 'Tất cả hồ sơ: 1 hồ sơ' }).waitFor();
    await deskPage.getByRole('link', { name: received.code }).first().waitFor();
    expect(deskWatch.errors).toEqual([]);
    await desk.close();
  }, 300_000); // eleven pages with an axe check each, on a shared two-core machine

  it('owes the fee back after a refusal at intake: the desk records the refund, the citizen sees it', async () => {
    // Through the API: a dossier of 2.000635 submitted online, its fee paid at the sandbox gateway, refused at intake.
    const citizenLogin = await fetch(`${portal.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'congdan', password: 'MotCua@2026' }),
    });
    const citizen = { authorization: `Bearer ${((await citizenLogin.json()) as { token: string }).token}` };
    const desk = { authorization: `Bearer ${await deskToken()}` };
    const form = new FormData();
    form.append('file', new Blob([pdf('hoan-tra')], { type: 'application/pdf' }), 'to-khai.pdf');
    const upload = (await (await fetch(`${portal.baseUrl}/api/v1/files`, { method: 'POST', headers: citizen, body: form })).json()) as { fileId: string };
    const me = (await (await fetch(`${portal.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'motcua.hoankiem', password: 'MotCua@2026' }),
    })).json()) as { user: { agencies: { code: string }[] } };
    const submitted = await fetch(`${portal.baseUrl}/api/v1/dossiers`, {
      method: 'POST',
      headers: { ...citizen, 'content-type': 'application/json' },
      body: JSON.stringify({
        procedureCode: '2.000635',
        receivingAgency: me.user.agencies[0].code,
        channel: 'online',
        applicant: { fullName: 'Nguyễn Thị Ánh Tuyết', idNumber: '001190012345', phone: '0912345678', address: { communeCode: '00070', detail: 'Số 1 phố Tràng Tiền' } },
        fields: {},
        documents: [{ componentCode: 'TP1', fileId: upload.fileId }],
      }),
    });
    expect(submitted.status).toBe(201);
    const dossierId = ((await submitted.json()) as { id: string }).id;
    const order = (await (await fetch(`${portal.baseUrl}/api/v1/dossiers/${dossierId}/payments`, { method: 'POST', headers: citizen })).json()) as { orderRef: string };
    const paid = await fetch(`${portal.baseUrl}/sandbox-gateway/pay/${order.orderRef}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
      redirect: 'manual',
    });
    expect(paid.status).toBe(303);
    const rejected = await fetch(`${portal.baseUrl}/api/v1/dossiers/${dossierId}/actions`, {
      method: 'POST',
      headers: { ...desk, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'reject', reason: 'Hồ sơ yêu cầu cấp bản sao trích lục của sự kiện không đăng ký tại địa phương' }),
    });
    expect(rejected.status).toBe(200);

    // The desk officer records the refund on the dossier page of the workspace.
    const officer = await portal.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' });
    const deskPage = await officer.newPage();
    const deskWatch = watchPage(deskPage);
    await deskPage.goto(`${portal.baseUrl}/dang-nhap?next=${encodeURIComponent(`/can-bo/ho-so/${dossierId}`)}`);
    await deskPage.getByRole('textbox', { name: 'Tên đăng nhập', exact: true }).fill('motcua.hoankiem');
    await deskPage.getByRole('textbox', { name: 'Mật khẩu', exact: true }).fill('MotCua@2026');
    await deskPage.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await deskPage.waitForURL(`**/can-bo/ho-so/${dossierId}`);
    await deskPage.getByText('Phí đã nộp sẽ được hoàn trả: Hồ sơ không được tiếp nhận.').waitFor();
    const submitRefund = deskPage.getByRole('button', { name: 'Ghi nhận đã hoàn trả phí' });
    await submitRefund.click();
    await deskPage.getByText('Vui lòng nhập số chứng từ hoàn trả (ít nhất 3 ký tự).').waitFor();
    await deskPage.getByRole('textbox', { name: 'Số chứng từ hoàn trả' }).fill('PC-2026-000123');
    await deskPage.getByRole('textbox', { name: 'Ghi chú' }).fill('Chuyển khoản hoàn trả vào tài khoản của người nộp');
    expect(await axeViolations(deskPage)).toEqual([]);
    await screenshot(deskPage, 'journey-a-desk-refund-form-desktop');
    await deskPage.keyboard.press('Enter');
    await deskPage.getByText(/^Đã hoàn trả phí 8\.000 đ — số chứng từ PC-2026-000123, lúc \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}\.$/).waitFor();
    expect(await submitRefund.count()).toBe(0);
    expect(deskWatch.errors).toEqual([]);
    await officer.close();

    // The citizen sees the refund beside the still valid e-receipt, in the timeline too.
    const context = await portal.browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
    const page = await context.newPage();
    const watch = watchPage(page);
    await page.goto(`${portal.baseUrl}/dang-nhap?next=${encodeURIComponent(`/ho-so-cua-toi/${dossierId}`)}`);
    await page.getByRole('textbox', { name: 'Tên đăng nhập', exact: true }).fill('congdan');
    await page.getByRole('textbox', { name: 'Mật khẩu', exact: true }).fill('MotCua@2026');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.waitForURL(`**/ho-so-cua-toi/${dossierId}`);
    await page.getByText(/^Đã hoàn trả phí 8\.000 đ — số chứng từ PC-2026-000123/).waitFor();
    await page.getByText('Hoàn trả phí, lệ phí: 8.000 đ').waitFor();
    // Refused at intake: no code, reception or deadline is promised any more ("Chờ tiếp nhận" was shown).
    expect(await page.getByTestId('dossier-code').textContent()).toContain('Không cấp mã: hồ sơ không được tiếp nhận');
    expect(await page.getByTestId('dossier-due').textContent()).toContain('—');
    expect(await page.getByText('Chờ tiếp nhận', { exact: true }).count()).toBe(0);
    const receipt = page.getByRole('link', { name: 'Xem biên lai điện tử' });
    expect((await page.request.get(`${portal.baseUrl}${await receipt.getAttribute('href')}`)).status()).toBe(200);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'journey-a-refunded-360');
    expect(watch.errors).toEqual([]);
    await context.close();
  }, 240_000);
});
