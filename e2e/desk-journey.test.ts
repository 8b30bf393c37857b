import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, DEMO_PASSWORD, openInbox, type Portal, screenshot, signedIn, startPortal, tinyPdf, watchPage } from './harness.ts';

/**
 * Journey (a): a walk-in dossier lacking a component gets Mẫu 02 at the desk, is completed and
 * received (Mẫu 01), processed by the specialist, approved by the leader, issued by the clerk
 * (văn thư: number, date, signature — the agency set to 'by_clerk' through the admin API) and
 * returned at the desk with who collected it. On the way, a second officer sees the processing lock.
 */
let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.close();
});

const PDF = tinyPdf();
const APPLICANT = {
  fullName: 'Nguyễn Thị Ánh Tuyết',
  idNumber: '001190012345', // the demo citizen: she can download the signed result herself
  phone: '0912345678',
  address: { communeCode: '00070', detail: 'Số 1 phố Tràng Tiền' },
};


/** Chromium logs an expected 409 (the lock held by someone else) like a failed resource. */
const unexpected = (errors: string[]) => errors.filter((e) => !/status of 409/.test(e));

const actions = (page: Page) => page.getByRole('region', { name: 'Thao tác' }).getByRole('button');
const status = (page: Page) => page.getByTestId('dossier-status').textContent();

let dossierId = '';

describe('journey (a): desk → specialist → leader → clerk → desk', () => {
  it('sets Hoàn Kiếm to issue results by the clerk (admin API), then the desk asks for the missing component from the reception form (Mẫu 02)', async () => {
    const admin = await portal.browser.newContext();
    await admin.request.post(`${portal.baseUrl}/api/v1/auth/login`, { data: { username: 'admin', password: DEMO_PASSWORD } });
    const deskLogin = await admin.request.post(`${portal.baseUrl}/api/v1/auth/login`, { data: { username: 'motcua.hoankiem', password: DEMO_PASSWORD } });
    const agency = (await deskLogin.json()).user.agencies[0].code as string;
    await admin.request.post(`${portal.baseUrl}/api/v1/auth/login`, { data: { username: 'admin', password: DEMO_PASSWORD } });
    const set = await admin.request.put(`${portal.baseUrl}/api/v1/admin/agencies/${agency}/settings`, { data: { resultIssuance: 'by_clerk' } });
    expect(set.status(), await set.text()).toBe(200);
    expect((await set.json()).resultIssuance).toBe('by_clerk');
    await admin.close();

    // The applicant brought the form but not everything: at the counter the form is missing, so
    // instead of a bare refusal the desk issues Mẫu 02 from the reception form.
    const desk = await signedIn(portal, 'motcua.hoankiem');
    const page = desk.page;
    const watch = watchPage(page);
    // "Chờ phát hành" is the clerk's queue: not among the desk officer's tabs while it is empty.
    await page.goto(`${portal.baseUrl}/can-bo`);
    const tabs = page.getByRole('navigation', { name: 'Các hàng đợi hồ sơ' });
    await tabs.getByRole('link', { name: /^Đang giải quyết \d+$/ }).waitFor();
    expect(await tabs.getByRole('link', { name: /^Chờ phát hành/ }).count()).toBe(0);
    await page.goto(`${portal.baseUrl}/can-bo/tiep-nhan`);
    await page.getByRole('searchbox', { name: 'Tìm thủ tục theo tên hoặc mã' }).fill('1.004873');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.getByRole('button', { name: /^1\.004873 — / }).click();
    await page.getByRole('heading', { name: '2. Thành phần hồ sơ' }).waitFor();
    await page.getByRole('textbox', { name: 'Họ và tên' }).fill(APPLICANT.fullName);
    await page.getByRole('textbox', { name: /^Số định danh cá nhân/ }).fill(APPLICANT.idNumber);
    await page.getByRole('textbox', { name: 'Số điện thoại' }).fill(APPLICANT.phone);
    await page.getByRole('combobox', { name: 'Xã, phường nơi cư trú' }).selectOption(APPLICANT.address.communeCode);
    await page.getByRole('textbox', { name: 'Số nhà, đường phố' }).fill(APPLICANT.address.detail);
    const fileRequests: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/api/v1/dossiers')) fileRequests.push(r.url());
    });
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ', exact: true }).click();
    await page.getByText('Thành phần bắt buộc: đánh dấu đã nhận bản giấy hoặc tải bản quét lên.', { exact: true }).waitFor();
    expect(fileRequests).toEqual([]); // refused as before: nothing filed yet
    const offer = page.getByRole('region', { name: 'Hồ sơ còn thiếu thành phần' });
    await offer.getByText('Còn thiếu 1 thành phần bắt buộc.', { exact: false }).waitFor();
    const reason = offer.getByRole('textbox', { name: 'Nội dung yêu cầu bổ sung' });
    expect(await reason.inputValue()).toBe('Thiếu thành phần hồ sơ: Tờ khai cấp Giấy xác nhận tình trạng hôn nhân.');
    // The reason is required, checked in Vietnamese before anything is sent.
    await reason.fill('');
    await offer.getByRole('button', { name: 'Lập phiếu yêu cầu bổ sung (Mẫu 02)' }).click();
    await offer.getByText('Vui lòng nhập nội dung yêu cầu bổ sung.').waitFor();
    expect(fileRequests).toEqual([]);
    await reason.fill('Thiếu Tờ khai cấp Giấy xác nhận tình trạng hôn nhân (bản có chữ ký của người yêu cầu).');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'journey-desk-reception-missing-1280');
    // Keyboard: from the reason, Tab reaches the button, Enter issues it.
    await reason.focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const done = page.getByRole('heading', { name: 'Đã lập phiếu yêu cầu bổ sung' });
    await done.waitFor();
    expect(await page.getByTestId('supplement-applicant').textContent()).toBe(APPLICANT.fullName);
    // The key hint names the form printed here (Mẫu 02), not the receipt no one was issued.
    await page.getByText('Nhấn Enter để in phiếu yêu cầu bổ sung (Mẫu 02)', { exact: false }).waitFor();
    expect(await page.getByText('Nhấn Enter để in giấy tiếp nhận', { exact: false }).count()).toBe(0);
    const printed = await desk.request.get(portal.baseUrl + ((await page.getByRole('link', { name: /^Mẫu 02/ }).getAttribute('href')) ?? ''));
    expect(printed.status()).toBe(200);
    expect(printed.headers()['content-type']).toBe('application/pdf');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'journey-desk-reception-mau02-1280');
    await page.getByRole('link', { name: 'Mở hồ sơ' }).click();
    await page.waitForURL(/\/can-bo\/ho-so\/[^/]+$/);
    dossierId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
    const detail = await (await desk.request.get(`${portal.baseUrl}/api/v1/dossiers/${dossierId}`)).json();
    expect(detail.applicant.fullName).toBe(APPLICANT.fullName);
    expect(detail.code).toBeNull(); // the code comes with the reception, once the dossier is complete
    expect(detail.channel).toBe('direct');
    await expect.poll(() => status(page)).toBe('Yêu cầu bổ sung giấy tờ');
    if (portal.system) {
      // the missing component's code went with the request (it is what Mẫu 02 lists)
      const asked = await portal.system.ctx.db.query<{ data: { reason: string; components: string[] } }>(
        `SELECT data FROM dossier_actions WHERE dossier_id = $1 AND action = 'request_supplement'`,
        [dossierId],
      );
      expect(asked).toHaveLength(1);
      expect(asked[0]?.data.components).toHaveLength(1);
      expect(asked[0]?.data.reason).toBe('Thiếu Tờ khai cấp Giấy xác nhận tình trạng hôn nhân (bản có chữ ký của người yêu cầu).');
    }
    const mau02 = page.getByRole('link', { name: /^Mẫu 02/ });
    const notice = await desk.request.get(portal.baseUrl + ((await mau02.getAttribute('href')) ?? ''));
    expect(notice.status()).toBe(200);
    expect((await notice.body()).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'journey-desk-supplement-1280');

    // She comes back with it: recorded at the counter, then received — Mẫu 01 printed.
    await page.getByRole('button', { name: 'Ghi nhận giấy tờ bổ sung' }).click();
    const add = page.getByRole('dialog', { name: 'Ghi nhận giấy tờ bổ sung' });
    await add.getByRole('combobox', { name: 'Thành phần hồ sơ' }).selectOption({ label: 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân' });
    // The file control speaks the screen's language, never the browser's ("Choose File", "No file
    // chosen"): the browser's own input is not displayed; a button, the types and what is chosen are.
    const paper = add.locator('.file-picker');
    const shown = async () => [await paper.getByRole('button').textContent(), await paper.locator('[aria-live]').textContent()];
    expect(await add.locator('input[type=file]:visible').count()).toBe(0);
    expect(await paper.getByText('Tệp PDF, JPEG, PNG, Word (.docx) hoặc Excel (.xlsx), tối đa 20 MB.').count()).toBe(1);
    expect(await shown()).toEqual(['Chọn tệp…', 'Chưa chọn tệp']);
    await add.locator('input[type=file]').setInputFiles({ name: 'to-khai.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expect.poll(shown).toEqual(['Chọn tệp khác…', expect.stringMatching(/^Đã chọn: to-khai\.pdf \(\d+(,\d)? (B|KB)\)$/)]);
    await add.getByRole('button', { name: 'Ghi nhận giấy tờ bổ sung' }).click();
    await add.waitFor({ state: 'detached' });
    await expect.poll(() => status(page)).toBe('Mới đăng ký');
    await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
    const receive = page.getByRole('dialog', { name: 'Tiếp nhận' });
    await receive.getByRole('button', { name: 'Tiếp nhận' }).click();
    await receive.waitFor({ state: 'detached' });
    await expect.poll(() => status(page)).toBe('Được tiếp nhận');
    const mau01 = page.getByRole('link', { name: /^Mẫu 01/ });
    const receipt = await desk.request.get(portal.baseUrl + ((await mau01.getAttribute('href')) ?? ''));
    expect(receipt.status()).toBe(200);
    expect(unexpected(watch.errors)).toEqual([]);
    await desk.context.close();
  });

  it('the leader assigns; while the specialist works on it, the leader sees the lock and cannot act', { timeout: 150_000 }, async () => {
    const leader = await signedIn(portal, 'lanhdao.hoankiem');
    await leader.page.goto(`${portal.baseUrl}/can-bo/ho-so/${dossierId}`);
    await leader.page.getByRole('button', { name: 'Phân công thụ lý' }).click();
    const dialog = leader.page.getByRole('dialog', { name: 'Phân công thụ lý' });
    const select = dialog.getByRole('combobox', { name: 'Chuyên viên thụ lý' });
    await expect.poll(() => select.locator('option').count()).toBeGreaterThan(1);
    await select.selectOption('chuyenvien.hoankiem');
    await dialog.getByRole('button', { name: 'Phân công thụ lý' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => status(leader.page)).toBe('Đang xử lý');
    // whom the dossier went to: in the facts and on the history's entry, not only in the queue
    await expect.poll(() => leader.page.getByTestId('dossier-assignee').textContent()).toBe('Lê Thu Hà');
    expect(await leader.page.getByTestId('history-assignee').textContent()).toBe('Giao cho: Lê Thu Hà');
    await leader.page.goto(`${portal.baseUrl}/can-bo`); // leaves the page: its lock is released

    // The specialist is told in Thông báo (who assigned it, the code), and the notice opens the
    // processing page: reading takes no lock; starting an action does.
    const code = (await (await leader.request.get(`${portal.baseUrl}/api/v1/dossiers/${dossierId}`)).json()).code as string;
    const specialist = await signedIn(portal, 'chuyenvien.hoankiem');
    await openInbox(portal, specialist.page, 1, code);
    const notice = specialist.page.getByTestId('notice').filter({ hasText: code });
    expect(await notice.getByRole('heading').textContent()).toBe('Hồ sơ được phân công');
    expect(await notice.textContent()).toContain('đã được Phạm Quốc Hùng phân công cho Ông/Bà thụ lý lúc');
    await notice.getByRole('link', { name: 'Xem hồ sơ' }).click();
    await specialist.page.waitForURL(`${portal.baseUrl}/can-bo/ho-so/${encodeURIComponent(dossierId)}`);
    await expect.poll(() => status(specialist.page)).toBe('Đang xử lý');
    expect((await (await leader.request.get(`${portal.baseUrl}/api/v1/dossiers/${dossierId}`)).json()).lock).toBeNull();
    const claimed = specialist.page.waitForResponse((r) => r.url().endsWith(`/dossiers/${dossierId}/lock`) && r.request().method() === 'POST');
    await specialist.page.getByRole('button', { name: 'Yêu cầu nộp phí, lệ phí' }).click();
    expect((await claimed).status()).toBe(200);
    await specialist.page.keyboard.press('Escape'); // the dialog closed, the lock kept while the page is open
    expect(await axeViolations(specialist.page)).toEqual([]);

    // A second officer (the leader) sees who holds it, and the actions are disabled.
    const watch = watchPage(leader.page);
    await leader.page.goto(`${portal.baseUrl}/can-bo/ho-so/${dossierId}`);
    const banner = leader.page.getByRole('status').filter({ hasText: /^Đang được xử lý bởi Lê Thu Hà từ \d{2}:\d{2}/ });
    await banner.waitFor();
    await leader.page.getByRole('button', { name: 'Tiếp nhận khóa xử lý' }).waitFor();
    for (const button of await actions(leader.page).all()) {
      const name = (await button.textContent()) ?? '';
      if (name !== 'Tiếp nhận khóa xử lý') expect(await button.isDisabled(), name).toBe(true);
    }
    expect(await axeViolations(leader.page)).toEqual([]);
    await screenshot(leader.page, 'workspace-lock-seen-by-leader-1280');
    expect(unexpected(watch.errors), watch.errors.join('\n')).toEqual([]);

    // The specialist leaves; the leader's page gets the lock on its next look and approves.
    await specialist.page.goto(`${portal.baseUrl}/can-bo`);
    const lockNow = async () => (await (await leader.request.get(`${portal.baseUrl}/api/v1/dossiers/${dossierId}`)).json()).lock;
    await expect.poll(lockNow, { timeout: 10_000 }).toBeNull();
    await specialist.context.close();
    await leader.page.reload();
    await leader.page.getByRole('button', { name: 'Phê duyệt kết quả' }).click();
    const approve = leader.page.getByRole('dialog', { name: 'Phê duyệt kết quả' });
    const note = approve.getByRole('textbox', { name: 'Ghi chú (không bắt buộc)' });
    // The form does not count the note's length; the server does, and its plain words stand under the note.
    await note.fill('Đủ điều kiện. '.repeat(150));
    await approve.getByRole('button', { name: 'Phê duyệt kết quả' }).click();
    const tooLong = approve.getByText('Tối đa 2000 ký tự', { exact: true });
    await tooLong.waitFor();
    expect(await note.getAttribute('aria-invalid')).toBe('true');
    expect((await note.getAttribute('aria-describedby'))?.split(' ')).toContain(await tooLong.getAttribute('id'));
    await screenshot(leader.page, 'journey-leader-note-too-long-1280');
    await note.fill('Đủ điều kiện cấp giấy xác nhận.');
    await approve.getByRole('button', { name: 'Phê duyệt kết quả' }).click();
    await approve.waitFor({ state: 'detached' });
    await expect.poll(() => status(leader.page)).toBe('Đã xử lý xong');
    await leader.page.getByTestId('awaiting-issue').waitFor();
    // the leader's note stays with the approval in the history (the clerk and the desk read it)
    await expect.poll(() => leader.page.getByTestId('history-note').allTextContents()).toEqual(['Ghi chú: Đủ điều kiện cấp giấy xác nhận.']);
    await leader.context.close();
  });

  it('the desk cannot return it before the clerk issues it; the clerk issues it from the “Chờ phát hành” queue', async () => {
    const desk = await signedIn(portal, 'motcua.hoankiem');
    // Now that it holds a dossier, the desk sees the clerk's queue too.
    await desk.page.goto(`${portal.baseUrl}/can-bo`);
    await desk.page.getByRole('navigation', { name: 'Các hàng đợi hồ sơ' }).getByRole('link', { name: 'Chờ phát hành 1' }).waitFor();
    await desk.page.goto(`${portal.baseUrl}/can-bo/ho-so/${dossierId}`);
    await desk.page.getByTestId('awaiting-issue').waitFor();
    expect(await actions(desk.page).allTextContents()).toEqual([]);
    const early = await desk.request.post(`${portal.baseUrl}/api/v1/dossiers/${dossierId}/actions`, { data: { action: 'return_result' } });
    expect(early.status()).toBe(409);
    expect((await early.json()).error.code).toBe('RESULT_NOT_ISSUED');
    await desk.context.close();

    const clerk = await signedIn(portal, 'vanthu.hoankiem');
    const page = clerk.page;
    const watch = watchPage(page);
    await page.goto(`${portal.baseUrl}/can-bo?queue=to_issue`);
    await page.getByRole('status').filter({ hasText: 'Chờ phát hành: 1 hồ sơ' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'workspace-clerk-queue-1280');
    await page.getByRole('cell', { name: 'Nguyễn Thị Ánh Tuyết' }).first().waitFor();
    await page.goto(`${portal.baseUrl}/can-bo/ho-so/${dossierId}`);
    await page.getByRole('button', { name: 'Phát hành kết quả' }).click();
    const issue = page.getByRole('dialog', { name: 'Phát hành kết quả' });
    await issue.getByText(/người ký là lãnh đạo đã phê duyệt \(Phạm Quốc Hùng\)/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'workspace-clerk-issue-1280');
    await issue.getByRole('button', { name: 'Phát hành kết quả' }).click();
    await issue.waitFor({ state: 'detached' });
    const link = page.getByTestId('result-link');
    await expect.poll(() => link.textContent()).toMatch(/^Kết quả đã ký số, số \d{5}\/\d{4}\/KQ-/);
    expect(await status(page)).toBe('Đã xử lý xong');
    expect(unexpected(watch.errors)).toEqual([]);
    await clerk.context.close();

    // Only now can the applicant download the signed result.
    const citizen = await signedIn(portal, 'congdan');
    const pdf = await citizen.request.get(`${portal.baseUrl}/api/v1/dossiers/${dossierId}/result.pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    await citizen.context.close();
  });

  it('the desk returns it, recording who collected it (prefilled, checked in Vietnamese), shown in the history', async () => {
    const desk = await signedIn(portal, 'motcua.hoankiem');
    const page = desk.page;
    const watch = watchPage(page);
    await page.goto(`${portal.baseUrl}/can-bo/ho-so/${dossierId}`);
    await page.getByRole('button', { name: 'Trả kết quả' }).click();
    const ret = page.getByRole('dialog', { name: 'Trả kết quả' });
    const name = ret.getByRole('textbox', { name: 'Họ và tên người nhận kết quả' });
    const id = ret.getByRole('textbox', { name: 'Số định danh cá nhân của người nhận' });
    expect(await name.inputValue()).toBe('Nguyễn Thị Ánh Tuyết');
    expect(await id.inputValue()).toBe('001190012345');
    // someone else collects it for her, and mistypes the number at first
    await name.fill('');
    await id.fill('0011900');
    await ret.getByRole('button', { name: 'Trả kết quả' }).click();
    await ret.getByText('Vui lòng nhập thông tin này.', { exact: true }).waitFor();
    await ret.getByText('Số định danh gồm 12 chữ số, hoặc mã số thuế 10 hoặc 13 số.', { exact: true }).waitFor();
    // Above the fields, as at the counter: each problem named, a link that takes the keyboard to its field.
    const problems = ret.getByTestId('action-problems').getByRole('link');
    expect(await problems.allTextContents()).toEqual([
      'Họ và tên người nhận kết quả: Vui lòng nhập thông tin này.',
      'Số định danh cá nhân của người nhận: Số định danh gồm 12 chữ số, hoặc mã số thuế 10 hoặc 13 số.',
    ]);
    await problems.nth(1).click();
    expect(await id.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'workspace-return-collected-by-1280');
    await name.fill('Trần Văn Bảo');
    await id.fill('001085004321');
    await ret.getByRole('button', { name: 'Trả kết quả' }).click();
    await ret.waitFor({ state: 'detached' });
    await expect.poll(() => status(page)).toBe('Đã trả kết quả');
    await page.getByTestId('collected-by').filter({ hasText: 'Người nhận kết quả: Trần Văn Bảo (số định danh 001085004321)' }).waitFor();
    await page.getByText('Phát hành kết quả', { exact: true }).waitFor(); // the clerk's step in the history
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'workspace-desk-returned-collected-1280');
    expect(unexpected(watch.errors)).toEqual([]);
    await desk.context.close();
  });
});
