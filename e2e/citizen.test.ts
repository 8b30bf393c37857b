import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdf } from '../src/modules/files/test-samples.ts';
import { axeViolations, fileControl, type Portal, screenshot, startPortal, watchPage } from './harness.ts';

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.close();
});

async function signIn(username: string): Promise<string> {
  const login = await fetch(`${portal.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'MotCua@2026' }),
  });
  expect(login.status).toBe(200);
  return ((await login.json()) as { token: string }).token;
}

/** The desk officer works through the API here (the officer workspace has its own journey). */
async function asDesk() {
  const token = await signIn('motcua.hoankiem');
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${portal.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, json: (await response.json()) as Record<string, any> };
  };
  return { call };
}

const pdfFile = (name: string) => ({ name, mimeType: 'application/pdf', buffer: pdf(name) });

describe('citizen portal: submit online, follow it, answer a supplement request, track it', () => {
  it('goes from search to a received dossier, a supplement and public tracking on a 360 px phone', async () => {
    const context = await portal.browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
    const page = await context.newPage();
    const watch = watchPage(page);

    // Search without diacritics → the procedure → "Nộp trực tuyến" → sign in → back to the form.
    await page.goto(portal.baseUrl + '/');
    const search = page.getByRole('searchbox', { name: 'Tìm kiếm thủ tục hành chính' });
    await search.fill('xac nhan tinh trang hon nhan');
    await search.press('Enter');
    await page.getByRole('link', { name: 'Cấp Giấy xác nhận tình trạng hôn nhân', exact: true }).click();
    await page.waitForURL('**/thu-tuc/1.004873');
    await page.getByRole('link', { name: 'Nộp trực tuyến' }).click();
    await page.waitForURL(/\/dang-nhap\?next=%2Fnop-ho-so%2F1\.004873$/);
    await page.getByRole('textbox', { name: 'Tên đăng nhập', exact: true }).fill('congdan');
    await page.getByRole('textbox', { name: 'Mật khẩu', exact: true }).fill('MotCua@2026');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.waitForURL('**/nop-ho-so/1.004873');
    await page.getByRole('heading', { level: 1, name: 'Nộp hồ sơ trực tuyến' }).waitFor();
    // The header now offers the citizen's own list, and tracking to everyone.
    await page.getByRole('link', { name: 'Hồ sơ của tôi', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Tra cứu hồ sơ' }).waitFor();

    // Prefilled from the account.
    const fullName = page.getByRole('textbox', { name: 'Họ, chữ đệm và tên' });
    await expect.poll(() => fullName.inputValue()).toBe('Nguyễn Thị Ánh Tuyết');
    expect(await page.getByRole('textbox', { name: 'Số định danh cá nhân' }).inputValue()).toBe('001190012345');

    // Nothing else filled: every problem is said next to its field and focus goes to the first.
    await page.getByRole('button', { name: 'Tiếp tục: kiểm tra lại' }).click();
    await page.getByText(/^Còn \d+ mục cần sửa trước khi tiếp tục$/).waitFor();
    const phone = page.getByRole('textbox', { name: 'Số điện thoại' });
    expect(await phone.getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('applicant-phone');
    await page.getByText('Vui lòng chọn cơ quan tiếp nhận hồ sơ.').first().waitFor();
    await page.getByText('Vui lòng tải lên giấy tờ bắt buộc này.').first().waitFor();
    await page.getByText('Vui lòng chọn tỉnh, thành phố nơi cư trú.').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'citizen-submit-errors-360');

    await phone.fill('12345');
    await page.getByRole('button', { name: 'Tiếp tục: kiểm tra lại' }).click();
    await page.getByText('Số điện thoại Việt Nam gồm 10 chữ số, ví dụ 0912345678.').first().waitFor();
    await phone.fill('0912345678');

    // Where to submit: Hà Nội → Phường Hoàn Kiếm → the People's Committee.
    const province = page.getByRole('combobox', { name: 'Tỉnh, thành phố', exact: true });
    await expect.poll(() => province.isEnabled()).toBe(true);
    await province.selectOption({ label: 'Thành phố Hà Nội' }).catch(() => province.selectOption({ label: 'Hà Nội' }));
    const commune = page.getByRole('combobox', { name: 'Xã, phường, đặc khu', exact: true });
    await expect.poll(() => commune.isEnabled()).toBe(true);
    await commune.selectOption({ label: 'Phường Hoàn Kiếm' });
    await page.getByRole('radio', { name: /Ủy ban nhân dân.*Hoàn Kiếm/ }).check();
    // The residence follows the chosen place until changed.
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Nơi cư trú: xã, phường, đặc khu' }).evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.text))
      .toBe('Phường Hoàn Kiếm');
    // A residence filled in that way is no longer flagged, beside its field or in the summary.
    await expect.poll(() => page.getByText('Vui lòng chọn tỉnh, thành phố nơi cư trú.').count()).toBe(0);
    expect(await page.getByRole('combobox', { name: 'Nơi cư trú: tỉnh, thành phố' }).getAttribute('aria-invalid')).not.toBe('true');
    await page.getByRole('textbox', { name: 'Địa chỉ cụ thể' }).fill('12 phố Hàng Bạc');

    // A file that only pretends to be a PDF: the server answers 415, said in Vietnamese.
    const tp1 = fileControl(page, 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân');
    await tp1.setInputFiles({ name: 'gia.pdf', mimeType: 'application/pdf', buffer: Buffer.from('không phải PDF') });
    await page.getByText('Tệp không đúng định dạng. Chỉ nhận tệp PDF, JPEG hoặc PNG.').waitFor();
    await tp1.setInputFiles(pdfFile('to-khai.pdf'));
    await page.getByTestId('attached-TP1').filter({ hasText: 'Đã tải lên: to-khai.pdf' }).waitFor();
    await page.getByRole('radio', { name: 'Nhận qua dịch vụ bưu chính' }).check();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'citizen-submit-form-360');

    // The draft survives a reload and says so.
    await page.waitForTimeout(200);
    await page.reload();
    await page.getByText('Đã khôi phục bản nháp').waitFor();
    await expect.poll(() => page.getByRole('textbox', { name: 'Số điện thoại' }).inputValue()).toBe('0912345678');
    await page.getByTestId('attached-TP1').waitFor();

    // Review, then a double click on "Nộp hồ sơ" creates one dossier.
    await page.getByRole('button', { name: 'Tiếp tục: kiểm tra lại' }).click();
    await page.getByRole('heading', { name: 'Kiểm tra lại thông tin' }).waitFor();
    await page.getByText('12 phố Hàng Bạc, Phường Hoàn Kiếm').waitFor();
    await page.getByText('Nhận qua dịch vụ bưu chính').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'citizen-review-360');
    // The server checks again: a request altered on its way (phone 0123) comes back with its
    // `details`, shown beside the phone field in the page's own sentence (not the validator's
    // words); the retry then needs and gets a fresh key.
    await page.route(
      '**/api/v1/dossiers',
      async (route) => {
        const body = route.request().postDataJSON();
        body.applicant.phone = '0123';
        await route.continue({ postData: JSON.stringify(body) });
      },
      { times: 1 },
    );
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    await page.locator('#applicant-phone-error').filter({ hasText: 'Số điện thoại Việt Nam gồm 10 chữ số, ví dụ 0912345678.' }).waitFor();
    await page.getByRole('link', { name: 'Số điện thoại: Số điện thoại Việt Nam gồm 10 chữ số, ví dụ 0912345678.' }).waitFor();
    expect(await page.locator('#applicant-phone-error').textContent()).not.toContain('số điện thoại Việt Nam, ví dụ');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('applicant-phone');
    expect(await page.getByRole('textbox', { name: 'Số điện thoại' }).getAttribute('aria-invalid')).toBe('true');
    // A save of the draft still on its way when the dossier is sent must not bring the draft
    // back after it is deleted: the saves are held 3 s on the network, and a change is made.
    let saves = 0;
    let savesDone = 0;
    await page.route('**/api/v1/me/drafts/**', async (route) => {
      if (route.request().method() !== 'PUT') return route.continue();
      saves++;
      await new Promise((resolve) => setTimeout(resolve, 3000));
      await route.continue();
      savesDone++;
    });
    await page.getByRole('radio', { name: 'Nhận tại quầy một cửa' }).check();
    await page.getByRole('radio', { name: 'Nhận qua dịch vụ bưu chính' }).check();
    await expect.poll(() => saves, { timeout: 20_000 }).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Tiếp tục: kiểm tra lại' }).click();
    await page.getByRole('heading', { name: 'Kiểm tra lại thông tin' }).waitFor();
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).dblclick();
    await page.waitForURL(/\/ho-so-cua-toi\/[^/?]+\?vua-nop=1$/);
    const dossierId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    await page.getByText('Đã nộp hồ sơ', { exact: true }).waitFor();
    await page.getByText(/đang chờ cán bộ một cửa tiếp nhận/).waitFor();
    expect(await page.getByTestId('dossier-code').textContent()).toBe('Chờ tiếp nhận');
    await expect.poll(() => savesDone, { timeout: 20_000 }).toBe(saves);
    await page.unroute('**/api/v1/me/drafts/**');
    // the delete went after the held save: no draft left on the server
    await expect
      .poll(async () => ((await (await page.request.get(`${portal.baseUrl}/api/v1/me/drafts`)).json()) as { items: unknown[] }).items.length, { timeout: 20_000 })
      .toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'citizen-confirmation-360');

    // The desk receives it.
    const desk = await asDesk();
    const received = await desk.call('POST', `/api/v1/dossiers/${dossierId}/actions`, { action: 'receive' });
    expect(received.status).toBe(200);
    const code = received.json.code as string;
    expect(code).toMatch(/-\d{6}-\d{4}$/);
    // The confirmation page asks again while the dossier waits, and then shows the code.
    await page.getByTestId('dossier-code').filter({ hasText: code }).waitFor({ timeout: 40_000 });
    await page.getByText(`Hồ sơ đã được tiếp nhận với mã số ${code}.`).waitFor();

    // The desk opens the dossier: a read the citizen will see in "Ai đã xem hồ sơ của tôi".
    expect((await desk.call('GET', `/api/v1/dossiers/${dossierId}`)).status).toBe(200);

    // My dossiers: one dossier (the double click made one), with its code and appointment.
    await page.getByRole('link', { name: 'Hồ sơ của tôi', exact: true }).click();
    await page.waitForURL('**/ho-so-cua-toi');
    await page.getByText('Có 1 hồ sơ').waitFor();
    await page.getByText(code).waitFor();
    await page.getByText('Được tiếp nhận').waitFor();
    await page.getByText(/Ngày hẹn trả kết quả: \d{2}\/\d{2}\/\d{4}/).waitFor();
    await page.getByText('Tiến độ: Đang trong hạn').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'citizen-my-dossiers-360');
    await page.getByRole('link', { name: 'Cấp Giấy xác nhận tình trạng hôn nhân' }).click();
    await page.getByTestId('dossier-code').filter({ hasText: code }).waitFor();
    expect(await page.getByTestId('dossier-due').textContent()).toMatch(/^\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/);
    await page.getByRole('link', { name: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả (PDF)' }).waitFor();
    await page.getByRole('table', { name: 'Nhật ký truy cập hồ sơ' }).getByText('Trần Minh Anh').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'citizen-dossier-360');
    const receipt = await page.request.get(`${portal.baseUrl}/api/v1/dossiers/${dossierId}/documents/receipt.pdf`);
    expect(receipt.status()).toBe(200);
    expect((await receipt.body()).subarray(0, 5).toString()).toBe('%PDF-');

    // (b) A second dossier (sent through the API by the same citizen): at intake the desk asks for a
    // supplement, the citizen answers it online and the dossier goes back to the desk.
    const citizen = await signIn('congdan');
    const form = new FormData();
    form.append('file', new Blob([pdf('lan-2')], { type: 'application/pdf' }), 'to-khai.pdf');
    const upload = await fetch(`${portal.baseUrl}/api/v1/files`, { method: 'POST', headers: { authorization: `Bearer ${citizen}` }, body: form });
    expect(upload.status).toBe(201);
    const { fileId } = (await upload.json()) as { fileId: string };
    const second = await fetch(`${portal.baseUrl}/api/v1/dossiers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${citizen}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        procedureCode: '1.004873',
        receivingAgency: received.json.receivingAgency.code,
        channel: 'online',
        applicant: {
          fullName: 'Nguyễn Thị Ánh Tuyết',
          idNumber: '001190012345',
          phone: '0912345678',
          address: { communeCode: received.json.applicant.address.communeCode, detail: '12 phố Hàng Bạc' },
        },
        documents: [{ componentCode: 'TP1', fileId }],
      }),
    });
    expect(second.status).toBe(201);
    const secondId = ((await second.json()) as { id: string }).id;
    const asked = await desk.call('POST', `/api/v1/dossiers/${secondId}/actions`, {
      action: 'request_supplement',
      reason: 'Tờ khai chưa có chữ ký của người yêu cầu',
      components: ['TP1'],
    });
    expect(asked.status).toBe(200);
    await page.goto(`${portal.baseUrl}/ho-so-cua-toi/${encodeURIComponent(secondId)}`);
    await page.getByTestId('dossier-status').filter({ hasText: 'Yêu cầu bổ sung giấy tờ' }).waitFor();
    await page.getByText('Lý do: Tờ khai chưa có chữ ký của người yêu cầu').waitFor();
    await page.getByRole('heading', { name: 'Bổ sung hồ sơ' }).waitFor();
    await page.getByRole('link', { name: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (PDF)' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'citizen-supplement-360');
    await page.getByRole('button', { name: 'Gửi bổ sung' }).click();
    await page.getByText('Vui lòng tải lên ít nhất một giấy tờ bổ sung.').waitFor();
    await fileControl(page.getByRole('region', { name: 'Bổ sung hồ sơ' }), 'Tờ khai cấp Giấy xác nhận').setInputFiles(pdfFile('to-khai-da-ky.pdf'));
    await page.getByTestId('attached-TP1').filter({ hasText: 'to-khai-da-ky.pdf' }).waitFor();
    await page.getByRole('button', { name: 'Gửi bổ sung' }).click();
    await page.getByTestId('dossier-status').filter({ hasText: 'Mới đăng ký' }).waitFor();
    await page.getByText('Nộp bổ sung hồ sơ').waitFor();
    expect(await page.getByRole('heading', { name: 'Bổ sung hồ sơ' }).count()).toBe(0);
    const after = await desk.call('GET', `/api/v1/dossiers/${secondId}`);
    expect(after.json.status).toBe('SUBMITTED');
    expect((after.json.documents as { componentCode: string }[]).filter((d) => d.componentCode === 'TP1')).toHaveLength(2);

    // Public tracking by code (no sign-in needed): masked name, status, no identity number.
    const visitor = await portal.browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
    const anon = await visitor.newPage();
    const anonWatch = watchPage(anon);
    await anon.goto(portal.baseUrl + '/');
    await anon.getByRole('link', { name: 'Tra cứu hồ sơ' }).click();
    await anon.getByRole('heading', { level: 1, name: 'Tra cứu hồ sơ' }).waitFor();
    await anon.getByRole('button', { name: 'Tra cứu' }).click();
    await anon.getByText('Vui lòng nhập mã hồ sơ.').waitFor();
    await anon.getByRole('textbox', { name: 'Mã hồ sơ' }).fill(code);
    // The name (masked) only with the second factor: the last 4 digits of the applicant's phone.
    await anon.getByRole('textbox', { name: /^4 số cuối điện thoại/ }).fill('5678');
    await anon.getByRole('button', { name: 'Tra cứu' }).click();
    await anon.waitForURL(`**/tra-cuu/${encodeURIComponent(code)}?sdt=5678`);
    await anon.getByTestId('tracking-applicant').filter({ hasText: 'Nguyễn T*** Á*** T***' }).waitFor();
    await anon.getByTestId('tracking-status').filter({ hasText: 'Được tiếp nhận' }).waitFor();
    expect(await anon.content()).not.toContain('001190012345');
    expect(await axeViolations(anon)).toEqual([]);
    await screenshot(anon, 'citizen-tracking-360');
    await anon.goto(`${portal.baseUrl}/tra-cuu/KHONG-CO-MA-NAY`);
    await anon.getByText('Không tìm thấy hồ sơ có mã KHONG-CO-MA-NAY. Vui lòng kiểm tra lại mã trên giấy tiếp nhận.').waitFor();
    expect(await axeViolations(anon)).toEqual([]);
    await screenshot(anon, 'citizen-tracking-not-found-360');

    // Desktop views of the same pages.
    await anon.setViewportSize({ width: 1280, height: 900 });
    await anon.goto(`${portal.baseUrl}/tra-cuu/${encodeURIComponent(code)}?sdt=5678`);
    await anon.getByTestId('tracking-applicant').waitFor();
    expect(await axeViolations(anon)).toEqual([]);
    await screenshot(anon, 'citizen-tracking-1280');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.reload();
    await page.getByRole('table', { name: 'Nhật ký truy cập hồ sơ' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'citizen-dossier-1280');

    // The citizen withdraws the second dossier (allowed while it waits for the desk).
    await page.getByRole('button', { name: 'Rút hồ sơ…' }).click();
    await page.getByRole('textbox', { name: 'Lý do rút hồ sơ (không bắt buộc)' }).fill('Nộp nhầm, sẽ nộp lại sau');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Xác nhận rút hồ sơ' }).click();
    await page.getByTestId('dossier-status').filter({ hasText: 'Công dân yêu cầu rút hồ sơ' }).waitFor();
    expect(await page.getByRole('button', { name: 'Rút hồ sơ…' }).count()).toBe(0);
    expect((await desk.call('GET', `/api/v1/dossiers/${secondId}`)).json.status).toBe('WITHDRAWN');

    // The only failed requests are the ones provoked on purpose: the fake PDF (415), the altered submission (400).
    expect(watch.errors.filter((e) => !/status of (415|400)/.test(e))).toEqual([]);
    expect(anonWatch.errors.filter((e) => !e.includes('404'))).toEqual([]);
    await visitor.close();
    await context.close();
  }, 300_000);

  it('generates the form of a procedure with a formSchema, checks it in the browser, and resumes after sign-in', async () => {
    const context = await portal.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    const watch = watchPage(page);
    await page.goto(`${portal.baseUrl}/nop-ho-so/1.001193`);
    // Signed out: the submission page sends the visitor to sign in first.
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor({ timeout: 60_000 });
    expect(new URL(page.url()).search).toBe('?next=%2Fnop-ho-so%2F1.001193');
    await page.getByRole('textbox', { name: 'Tên đăng nhập', exact: true }).fill('congdan');
    await page.getByRole('textbox', { name: 'Mật khẩu', exact: true }).fill('MotCua@2026');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.waitForURL('**/nop-ho-so/1.001193');
    await page.getByRole('heading', { name: 'Thông tin khai báo' }).waitFor();

    const child = page.getByRole('textbox', { name: 'Họ, chữ đệm, tên của trẻ' });
    await child.fill('A');
    await page.getByRole('button', { name: 'Tiếp tục: kiểm tra lại' }).click();
    await page.locator('#truong-childFullName-error').filter({ hasText: 'Cần ít nhất 2 ký tự.' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('truong-childFullName');
    await page.locator('#truong-childSex-error').filter({ hasText: 'Vui lòng chọn một phương án.' }).waitFor();
    await child.fill('Trần Minh Khôi');
    await page.getByLabel('Ngày, tháng, năm sinh').fill('20/11/2026');
    await page.getByRole('radio', { name: 'Nam', exact: true }).check();
    await page.getByRole('textbox', { name: 'Nơi sinh' }).fill('Bệnh viện Phụ sản Hà Nội');
    // The summary shrinks as fields are corrected (11 problems, 4 fixed).
    await page.getByText('Còn 7 mục cần sửa trước khi tiếp tục').waitFor();
    // Over the upload limit (20 MB, the server's): refused in the browser before a byte is sent,
    // saying the limit, beside the component.
    const uploadsTried: string[] = [];
    page.on('request', (r) => r.url().includes('/api/v1/uploads') && uploadsTried.push(r.method()));
    const tooBig = Buffer.concat([pdf('lon'), Buffer.alloc(21 * 1024 * 1024, 0x20)]);
    await fileControl(page, 'Tờ khai đăng ký khai sinh').setInputFiles({ name: 'qua-lon.pdf', mimeType: 'application/pdf', buffer: tooBig }, { timeout: 60_000 });
    await page.getByText('Tệp quá lớn: mỗi tệp tối đa 20 MB. Vui lòng nén hoặc chụp lại với dung lượng nhỏ hơn.').waitFor({ timeout: 60_000 });
    expect(uploadsTried).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'citizen-submit-form-1280');

    // Clearing the draft empties the form again (prefill from the account stays).
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Xóa bản nháp' }).click();
    await expect.poll(() => child.inputValue()).toBe('');
    await expect.poll(() => page.getByRole('textbox', { name: 'Họ, chữ đệm và tên' }).inputValue()).toBe('Nguyễn Thị Ánh Tuyết');

    // English: the same form in the second language, still clean for axe.
    await page.getByRole('button', { name: /^EN/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Submit a dossier online' }).waitFor();
    await page.getByRole('heading', { name: 'Dossier documents' }).waitFor();
    await page.getByRole('radio', { name: 'Male', exact: true }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: /^VI/ }).click();
    expect(watch.errors.filter((e) => !e.includes('status of 413'))).toEqual([]);
    await context.close();
  }, 180_000);
});
