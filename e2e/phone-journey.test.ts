import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdf } from '../src/modules/files/test-samples.ts';
import { pdfsig } from '../src/modules/signatures/test-tools.ts';
import { axeViolations, DEMO_PASSWORD, fileControl, openInbox, PHONE, type Portal, screenshot, signedIn, startPortal, watchPage } from './harness.ts';

/**
 * Issue 12 "done when": the citizen's whole path on a 360 px phone — search → the procedure
 * sheet → e-ID sign-in with the address prefilled → submission with a reference at once →
 * tracking by that reference typed in lowercase → payment with copy buttons → the result at the
 * top → verified by /verify and by pdfsig.
 */

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.close();
});

/** An officer through the API (the workspace has its own journeys). */
async function as(username: string) {
  const login = await fetch(`${portal.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(login.status).toBe(200);
  const { token } = (await login.json()) as { token: string };
  return async (path: string, body: unknown) => {
    const res = await fetch(`${portal.baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, any>;
    expect(res.status, JSON.stringify(json)).toBeLessThan(300);
    return json;
  };
}

describe('the citizen’s phone path', () => {
  it('search → sheet → e-ID with the address prefilled → a reference at once → tracking in lowercase → payment with copy buttons → result on top → verified', async () => {
    const context = await portal.browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: portal.baseUrl });
    const page = await context.newPage();
    const watch = watchPage(page);

    // Search and the full procedure sheet.
    await page.goto(`${portal.baseUrl}/`);
    const search = page.getByRole('searchbox', { name: 'Tìm kiếm thủ tục hành chính' });
    await search.fill('xac nhan tinh trang hon nhan');
    await search.press('Enter');
    await page.getByRole('link', { name: 'Cấp Giấy xác nhận tình trạng hôn nhân', exact: true }).click();
    await page.waitForURL('**/thu-tuc/1.004873');
    await page.getByRole('heading', { level: 1, name: 'Cấp Giấy xác nhận tình trạng hôn nhân' }).waitFor();
    await page.getByRole('heading', { name: /Thành phần hồ sơ/ }).first().waitFor();
    await page.getByRole('heading', { name: /Phí, lệ phí/ }).first().waitFor();
    await page.getByRole('heading', { name: /Căn cứ pháp lý/ }).first().waitFor();

    // "Nộp trực tuyến" → sign in with the e-ID → back on the form, the e-ID's address filled in.
    await page.getByRole('link', { name: 'Nộp trực tuyến' }).click();
    await page.waitForURL(/\/dang-nhap\?next=/);
    await page.getByRole('link', { name: 'Đăng nhập bằng định danh điện tử (VNeID)' }).click();
    await page.getByLabel('Số định danh cá nhân (CCCD)').fill('001190012345');
    await page.getByLabel('Mật khẩu').fill('VNeID@2026');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('button', { name: 'Đồng ý' }).click();
    await page.waitForURL('**/nop-ho-so/1.004873');
    await page.getByRole('heading', { level: 1, name: 'Nộp hồ sơ trực tuyến' }).waitFor();
    await expect.poll(() => page.getByRole('textbox', { name: 'Địa chỉ cụ thể' }).inputValue()).toBe('Số 12 phố Hàng Bạc');
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Nơi cư trú: xã, phường, đặc khu' }).evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.text))
      .toBe('Phường Hoàn Kiếm');
    // The default receiving place is the same commune: its agencies are offered at once.
    await page.getByRole('radio', { name: /Ủy ban nhân dân.*Hoàn Kiếm/ }).check();
    // The header takes one row of links, however many there are.
    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    const navBox = await nav.boundingBox();
    const link = await nav.getByRole('link', { name: 'Trang chủ' }).boundingBox();
    expect(navBox && link && navBox.height < link.height * 2).toBe(true);
    // "Đăng xuất" sits beside the languages, on the screen, not at the end of the sideways-scrolling links.
    const logout = (await page.getByRole('button', { name: 'Đăng xuất' }).boundingBox())!;
    expect(logout.x + logout.width).toBeLessThanOrEqual(page.viewportSize()!.width);
    expect(logout.y + logout.height).toBeLessThanOrEqual(navBox!.y);

    await page.getByRole('textbox', { name: 'Số điện thoại' }).fill('+84 912.345.678');
    await fileControl(page, 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân').setInputFiles({ name: 'to-khai.pdf', mimeType: 'application/pdf', buffer: pdf('to-khai-dt') });
    await page.getByTestId('attached-TP1').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Tiếp tục: kiểm tra lại' }).click();
    await page.getByRole('heading', { name: 'Kiểm tra lại thông tin' }).waitFor();
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();

    // A reference at once, its receipt, and a way to track it.
    await page.waitForURL(/\/ho-so-cua-toi\/([^/?]+)\?vua-nop=1$/);
    const dossierId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    const reference = (await page.getByTestId('submission-reference').textContent())!;
    expect(reference).toMatch(/^HS-[0-9A-HJKMNP-TV-Z]{10}$/);
    await page.getByRole('link', { name: /Giấy xác nhận đã nộp hồ sơ trực tuyến/ }).first().waitFor();
    const receipt = await page.request.get(`${portal.baseUrl}/api/v1/dossiers/${dossierId}/documents/submission-receipt.pdf`);
    expect(receipt.status()).toBe(200);
    expect((await receipt.body()).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'phone-submitted-360');

    // The notice in the inbox, counted in the header (the outbox delivered here: no job runner in this server).
    await openInbox(portal, page, 1, reference);
    await page.getByTestId('unread-count').waitFor();
    // The count's screen-reader text stays inside the sideways-scrolling links: the page itself does not scroll sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(PHONE.width);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'phone-inbox-360');

    // Tracking by the reference, typed in lowercase with spaces, by anyone.
    const anon = await (await portal.browser.newContext({ viewport: PHONE, locale: 'vi-VN' })).newPage();
    await anon.goto(`${portal.baseUrl}/tra-cuu`);
    await anon.getByRole('textbox', { name: 'Mã hồ sơ' }).fill(`  ${reference.toLowerCase()} `);
    // the signal drops as the citizen taps: the page says it waits for the network (not "Đang tải…" for ever), then loads by itself
    await anon.waitForFunction(() => Object.keys(document.querySelector('h1') ?? {}).some((k) => k.startsWith('__reactFiber'))); // the app runs the page
    await anon.context().setOffline(true);
    await anon.getByRole('button', { name: 'Tra cứu' }).click();
    await anon.getByRole('status').filter({ hasText: 'Đang chờ kết nối mạng… Trang sẽ tự tải tiếp khi có mạng trở lại.' }).waitFor();
    await anon.context().setOffline(false);
    await anon.getByText('Mới đăng ký').first().waitFor();
    // without the phone's last digits, no personal detail (issue 13, D4)
    expect(await anon.getByText('Nguyễn T*** Á*** T***').count()).toBe(0);
    expect(await axeViolations(anon)).toEqual([]);
    await screenshot(anon, 'phone-tracking-reference-360');

    // The desk receives it, a fee is asked; the citizen pays with the copy buttons' help.
    const desk = await as('motcua.hoankiem');
    const received = await desk(`/api/v1/dossiers/${dossierId}/actions`, { action: 'receive' });
    await (await as('lanhdao.hoankiem'))(`/api/v1/dossiers/${dossierId}/actions`, { action: 'assign', assignee: 'chuyenvien.hoankiem' });
    await (await as('chuyenvien.hoankiem'))(`/api/v1/dossiers/${dossierId}/actions`, { action: 'request_payment', amountVnd: 20000, reason: 'Lệ phí cấp giấy xác nhận' });
    // The reference still finds it, now under its code.
    await anon.goto(`${portal.baseUrl}/tra-cuu/${reference.toLowerCase()}`);
    await anon.getByText(received.code as string).first().waitFor();
    await anon.context().close();

    await page.goto(`${portal.baseUrl}/ho-so-cua-toi/${dossierId}`);
    // Offline, "Thanh toán ngay" says so in Vietnamese and what to do (it said "offline"), then works once back online.
    await page.getByRole('button', { name: 'Thanh toán ngay' }).waitFor();
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Thanh toán ngay' }).click();
    await page.getByRole('alert').filter({ hasText: 'Thiết bị đang mất kết nối mạng nên chưa gửi hoặc tải được. Khi có mạng trở lại, vui lòng thử lại.' }).waitFor();
    await context.setOffline(false);
    await page.getByRole('button', { name: 'Thanh toán ngay' }).click();
    await page.getByRole('img', { name: 'Mã VietQR để chuyển khoản 20.000 đ' }).waitFor();
    await page.getByTestId('bank-name').filter({ hasText: 'Vietcombank' }).waitFor();
    const save = page.getByTestId('save-qr');
    expect(await save.getAttribute('download')).toMatch(/^vietqr-MC[0-9A-F]{12}\.png$/);
    expect(await save.getAttribute('href')).toMatch(/^data:image\/png;base64,/);
    for (const [label, testId, expected] of [
      ['Tài khoản nhận', 'bank-account', null],
      ['Số tiền', 'bank-amount', '20000'],
      ['Nội dung chuyển khoản', 'bank-message', null],
    ] as const) {
      const shown = (await page.getByTestId(testId).textContent())!;
      await page.getByRole('button', { name: `Sao chép: ${label}` }).click();
      await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(expected ?? shown);
    }
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'phone-payment-copy-360');
    await page.getByRole('link', { name: 'Thanh toán qua cổng thanh toán' }).click();
    await page.getByRole('button', { name: 'Thanh toán' }).click();
    await page.waitForURL(`**/ho-so-cua-toi/${dossierId}?thanh-toan=thanh-cong`);

    // Approved and signed: on the phone the result comes first, the rating right below it.
    await (await as('lanhdao.hoankiem'))(`/api/v1/dossiers/${dossierId}/actions`, { action: 'approve', note: 'Đủ điều kiện' });
    await page.goto(`${portal.baseUrl}/ho-so-cua-toi/${dossierId}`);
    const result = page.getByRole('heading', { name: 'Kết quả giải quyết' });
    await result.waitFor();
    const sections = () => page.evaluate(() => [...document.querySelectorAll('main h2')].map((h) => h.textContent ?? '').slice(0, 2));
    await expect.poll(sections).toEqual(['Kết quả giải quyết', 'Đánh giá mức độ hài lòng']);
    const top = (await result.boundingBox())!;
    expect(top.y).toBeLessThan(PHONE.height);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'phone-result-top-360');

    // Verified by the portal's /verify and by poppler's pdfsig on the downloaded PDF.
    const signed = await page.request.get(`${portal.baseUrl}/api/v1/dossiers/${dossierId}/result.pdf`);
    expect(signed.status()).toBe(200);
    const check = pdfsig(Buffer.from(await signed.body()));
    expect(check.stdout).toContain('Signature Validation: Signature is Valid.');
    await page.getByRole('link', { name: 'Kiểm tra chữ ký số' }).click();
    await page.waitForURL('**/verify/**');
    await page.getByText(/hợp lệ/i).first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(watch.errors).toEqual([]);
    await context.close();
  });
});

describe('booking a time at the desk', () => {
  it('books a slot at /dat-lich/{procedure} on a phone, gets a code, and the desk sees it in today’s bookings', async () => {
    if (!portal.system) throw new Error('needs the in-process server (no E2E_BASE_URL)');
    const desk = await signedIn(portal, 'motcua.hoankiem');
    const agency = ((await (await desk.request.get(`${portal.baseUrl}/api/v1/me`)).json()) as { agencies: { code: string }[] }).agencies[0].code;
    const { context, page } = await signedIn(portal, 'congdan', { viewport: PHONE });
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    // Today's slots, or the next working day's when none is left today.
    const day = async (date: string) => (await (await page.request.get(`${portal.baseUrl}/api/v1/agencies/${agency}/slots?date=${date}`)).json()) as { slots: { start: string; past: boolean; free: number }[] };
    let date = today;
    for (let i = 0; i < 10 && !(await day(date)).slots.some((s) => !s.past && s.free > 0); i++) {
      date = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    }
    await page.goto(`${portal.baseUrl}/dat-lich/1.004873`);
    await page.getByRole('heading', { level: 1, name: 'Đặt lịch hẹn nộp hồ sơ tại quầy' }).waitFor();
    const province = page.getByRole('combobox', { name: 'Tỉnh, thành phố', exact: true });
    await expect.poll(() => province.isEnabled()).toBe(true);
    await province.selectOption({ label: 'Thành phố Hà Nội' }).catch(() => province.selectOption({ label: 'Hà Nội' }));
    const commune = page.getByRole('combobox', { name: 'Xã, phường, đặc khu', exact: true });
    await expect.poll(() => commune.isEnabled()).toBe(true);
    await commune.selectOption({ label: 'Phường Hoàn Kiếm' });
    await page.getByRole('radio', { name: /Ủy ban nhân dân.*Hoàn Kiếm/ }).check();
    await page.getByLabel('Ngày hẹn').fill(date);
    const slot = page.getByRole('radio', { name: /còn \d+ chỗ/ }).first();
    await slot.waitFor();
    await slot.check();
    await page.getByRole('textbox', { name: 'Số điện thoại' }).fill('091 234 5678');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Đặt lịch' }).click();
    const code = (await page.getByTestId('booking-code').textContent())!;
    expect(code).toMatch(/^LH-[0-9A-Z]{6}$/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'phone-booking-360');
    await context.close();

    // The desk of that commune sees it (when the booking is for today; otherwise through the API for that day).
    if (date === today) {
      await desk.page.goto(`${portal.baseUrl}/can-bo/lich-hen`);
      await desk.page.getByTestId('desk-bookings').getByText(code).waitFor();
      expect(await axeViolations(desk.page)).toEqual([]);
    } else {
      const list = (await (await desk.request.get(`${portal.baseUrl}/api/v1/agencies/${agency}/appointments?date=${date}`)).json()) as { items: { code: string }[] };
      expect(list.items.map((b) => b.code)).toContain(code);
    }
    await desk.context.close();
  });
});
