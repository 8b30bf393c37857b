import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import fs from 'node:fs';
import { axeViolations, fileControl, type Portal, screenshot, startPortal, watchPage } from './harness.ts';

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.close();
});

let context: BrowserContext;
let page: Page;
let watch: { errors: string[] };

/** The administrator signs in through the login page and lands on /quan-tri (a new context and page). */
async function signInAsAdmin() {
    context = await portal.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    page = await context.newPage();
    watch = watchPage(page);
    await page.goto(`${portal.baseUrl}/dang-nhap?next=%2Fquan-tri`);
    await page.getByRole('textbox', { name: 'Tên đăng nhập', exact: true }).fill('admin');
    await page.getByRole('textbox', { name: 'Mật khẩu', exact: true }).fill('MotCua@2026');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.waitForURL('**/quan-tri');
}

describe('administration', () => {
  it('edits the working calendar', async () => {
    await signInAsAdmin();
    await page.getByRole('heading', { level: 1, name: 'Quản trị' }).waitFor();

    // Calendar: 2026 shows Tết; add a day off, see it, remove it.
    await page.getByRole('textbox', { name: 'Năm' }).fill('2026');
    await page.getByRole('cell', { name: '16/02/2026' }).first().waitFor();
    await screenshot(page, 'admin-calendar-2026-1280');
    await page.getByRole('textbox', { name: 'Ngày', exact: true }).fill('24/12/2026');
    await page.getByLabel('Loại ngày').selectOption('holiday');
    await page.getByRole('textbox', { name: 'Tên, ghi chú' }).fill('Ngày nghỉ thử nghiệm');
    await page.getByRole('button', { name: 'Lưu ngày' }).click();
    await page.getByRole('cell', { name: 'Ngày nghỉ thử nghiệm' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'admin-calendar-1280');
    await page.getByRole('button', { name: 'Xóa ngày 24/12/2026' }).click();
    await page.getByRole('cell', { name: 'Ngày nghỉ thử nghiệm' }).waitFor({ state: 'detached' });

  });

  it('creates an officer account, changes its roles, filters by agency, locks and unlocks it', async () => {
    // Users: create a desk officer of Hoàn Kiếm; a short password is refused with the field named.
    await page.getByRole('tab', { name: 'Người dùng, vai trò' }).click();
    await page.getByLabel(/^Tên đăng nhập/).fill('motcua.thu');
    await page.getByLabel(/^Họ và tên/).fill('Đỗ Thị Thu');
    await page.getByLabel(/^Mật khẩu/).fill('ngan');
    // wide enough to see what is typed (it shrank to a few dots at 1280–1366 px)
    expect((await page.getByLabel(/^Mật khẩu/).boundingBox())?.width).toBeGreaterThan(150);
    // The agency is picked by name from the register (searched without diacritics), not typed as a code.
    const createForm = page.locator('form').filter({ has: page.getByRole('button', { name: 'Tạo tài khoản' }) });
    // Without one, the form says so in Vietnamese (not the browser's own bubble, in the browser's language).
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await createForm.getByText('Vui lòng chọn cơ quan.', { exact: true }).waitFor();
    await createForm.getByRole('searchbox', { name: 'Tìm: Cơ quan của vai trò' }).fill('hoan kiem');
    const agencyOfRole = createForm.getByRole('combobox', { name: 'Cơ quan của vai trò' });
    await agencyOfRole.locator('option[value="004.00.50.H01"]').waitFor({ state: 'attached' });
    expect(await agencyOfRole.locator('option[value="004.00.50.H01"]').textContent()).toBe(
      'Ủy ban nhân dân Phường Hoàn Kiếm — 004.00.50.H01 — Phường Hoàn Kiếm, Thành phố Hà Nội',
    );
    await agencyOfRole.selectOption('004.00.50.H01');
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    // The problem names the form's field, not the request's path ("body.password").
    await page.getByRole('alert').getByText('Mật khẩu: Cần ít nhất 10 ký tự', { exact: true }).waitFor();
    await page.getByLabel(/^Mật khẩu/).fill('MotCua@2026-thu');
    // E-mail and phone are optional at creation (staff notices go by e-mail); the phone as typed.
    await createForm.getByRole('textbox', { name: 'E-mail' }).fill('thu.do@hoankiem.hanoi.gov.vn');
    await createForm.getByRole('textbox', { name: 'Số điện thoại' }).fill('0912 345 678');
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await page.getByText('Đã tạo tài khoản.').waitFor();
    // Typed key by key, the search is asked once typing pauses, not at every key.
    const searches: string[] = [];
    const onSearch = (r: { url(): string }) => void (r.url().includes('/api/v1/admin/users?q=do') && searches.push(r.url()));
    page.on('request', onSearch);
    await page.getByRole('searchbox', { name: 'Tìm theo tên đăng nhập hoặc họ tên' }).pressSequentially('do thi thu', { delay: 60 });
    // The search answers after a pause: wait for the one row left, not for a cell other accounts share.
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    page.off('request', onSearch);
    expect(searches.at(-1)).toBe(`${portal.baseUrl}/api/v1/admin/users?q=do+thi+thu`);
    expect(searches.length).toBeLessThanOrEqual(2); // 10 before: one per key (a slow machine may pause once)
    const thu = page.getByRole('row', { name: /motcua\.thu/ });
    await thu.getByRole('cell', { name: 'Cán bộ một cửa — Ủy ban nhân dân Phường Hoàn Kiếm (004.00.50.H01)' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // Grants: add a role at Ba Đình picked from Hà Nội's agencies, then remove the Hoàn Kiếm one.
    await page.getByRole('button', { name: 'Sửa vai trò của motcua.thu' }).click();
    const grants = page.getByRole('dialog', { name: 'Vai trò của Đỗ Thị Thu' });
    await grants.getByRole('button', { name: 'Bỏ vai trò Cán bộ một cửa tại Ủy ban nhân dân Phường Hoàn Kiếm' }).waitFor();
    expect(await grants.getByRole('button', { name: /^Bỏ vai trò/ }).isDisabled()).toBe(true); // the last role stays
    await grants.getByRole('combobox', { name: 'Vai trò' }).selectOption('specialist');
    await grants.getByRole('button', { name: 'Thêm vai trò' }).click();
    await grants.getByText('Vui lòng chọn cơ quan.').waitFor();
    await grants.getByRole('combobox', { name: 'Tỉnh, thành phố' }).selectOption('01');
    const agency = grants.getByRole('combobox', { name: 'Cơ quan', exact: true });
    await expect.poll(() => agency.locator('option').count()).toBeGreaterThan(200);
    await grants.getByRole('searchbox', { name: 'Tìm: Cơ quan' }).fill('ba dinh');
    await expect.poll(() => agency.locator('option').count()).toBeLessThan(20);
    const option = agency.locator('option', { hasText: /^Ủy ban nhân dân Phường Ba Đình — \d{3}\.\d{2}\.\d{2}\.H\d{2} — Phường Ba Đình, Thành phố Hà Nội$/ });
    const badinh = (await option.getAttribute('value')) ?? '';
    await agency.selectOption(badinh);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'admin-grants-1280');
    await grants.getByRole('button', { name: 'Thêm vai trò' }).click();
    await grants.getByRole('status').filter({ hasText: 'Đã thêm vai trò.' }).waitFor();
    await grants.getByRole('button', { name: 'Bỏ vai trò Cán bộ một cửa tại Ủy ban nhân dân Phường Hoàn Kiếm' }).click();
    await grants.getByRole('status').filter({ hasText: 'Đã bỏ vai trò.' }).waitFor();
    await grants.getByRole('button', { name: 'Bỏ vai trò Chuyên viên xử lý tại Ủy ban nhân dân Phường Ba Đình' }).waitFor();
    await grants.getByRole('button', { name: 'Đóng' }).last().click();
    await grants.waitFor({ state: 'detached' });
    // The keyboard is back on the button that opened the dialog (it fell to the page's body).
    const focusedOn = (name: string) => page.getByRole('button', { name }).evaluate((el) => el === document.activeElement);
    await expect.poll(() => focusedOn('Sửa vai trò của motcua.thu')).toBe(true);
    await thu.getByRole('cell', { name: `Chuyên viên xử lý — Ủy ban nhân dân Phường Ba Đình (${badinh})` }).waitFor();

    // Filter by agency: Ba Đình's accounts, not Hoàn Kiếm's.
    await page.getByRole('searchbox', { name: 'Tìm theo tên đăng nhập hoặc họ tên' }).fill('');
    const filter = page.getByRole('combobox', { name: 'Lọc theo cơ quan' });
    await page.getByRole('searchbox', { name: 'Tìm: Lọc theo cơ quan' }).fill(badinh);
    await filter.locator(`option[value="${badinh}"]`).waitFor({ state: 'attached' });
    await filter.selectOption(badinh);
    await page.getByRole('cell', { name: 'motcua.badinh', exact: true }).waitFor();
    await page.getByRole('cell', { name: 'motcua.thu', exact: true }).waitFor();
    await expect.poll(() => page.getByRole('cell', { name: 'motcua.hoankiem', exact: true }).count()).toBe(0);
    await screenshot(page, 'admin-users-1280');

    // Deactivate with a confirmation: the account can no longer sign in; reactivate it.
    await page.getByRole('button', { name: 'Khóa tài khoản motcua.thu' }).click();
    const confirm = page.getByRole('dialog', { name: 'Khóa tài khoản motcua.thu' });
    await confirm.getByText(/Người dùng bị đăng xuất ngay/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await confirm.getByRole('button', { name: 'Khóa tài khoản' }).click();
    await confirm.waitFor({ state: 'detached' });
    await page.getByRole('row', { name: /motcua\.thu/ }).getByText('Đã khóa').waitFor();
    await expect.poll(() => focusedOn('Mở khóa tài khoản motcua.thu')).toBe(true);
    const signIn = () => fetch(`${portal.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'motcua.thu', password: 'MotCua@2026-thu' }) });
    expect((await signIn()).status).toBe(401);
    await page.getByRole('button', { name: 'Mở khóa tài khoản motcua.thu' }).click();
    const reopen = page.getByRole('dialog', { name: 'Mở khóa tài khoản motcua.thu' });
    await reopen.getByRole('button', { name: 'Mở khóa tài khoản' }).click();
    await reopen.waitFor({ state: 'detached' });
    await page.getByRole('row', { name: /motcua\.thu/ }).getByText('Đang hoạt động').waitFor();
    expect((await signIn()).status).toBe(200);

    // Sửa: the administrator corrects the misspelt name; a bad e-mail is refused under its field, in Vietnamese.
    await page.getByRole('button', { name: 'Sửa thông tin tài khoản motcua.thu' }).click();
    const details = page.getByRole('dialog', { name: 'Thông tin tài khoản motcua.thu' });
    expect(await details.getByRole('textbox', { name: 'Số điện thoại' }).inputValue()).toBe('0912345678');
    await details.getByRole('textbox', { name: /^Họ và tên/ }).fill('Đỗ Thị Thư');
    await details.getByRole('textbox', { name: 'E-mail' }).fill('thu.do@');
    await details.getByRole('button', { name: 'Lưu' }).click();
    await details.getByText('Địa chỉ thư điện tử không hợp lệ').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'admin-user-details-1280');
    // an address another account holds (the demo citizen's, typed otherwise) is refused under the same field
    await details.getByRole('textbox', { name: 'E-mail' }).fill('CongDan@Example.vn');
    await details.getByRole('button', { name: 'Lưu' }).click();
    await details.getByText('Địa chỉ e-mail này đã được dùng cho một tài khoản khác', { exact: true }).waitFor();
    expect(await details.getByRole('textbox', { name: 'E-mail' }).getAttribute('aria-invalid')).toBe('true');
    expect(await details.getByRole('alert').count()).toBe(0); // said once, under the field
    await details.getByRole('textbox', { name: 'E-mail' }).fill('thu.do@hoankiem.hanoi.gov.vn');
    await details.getByRole('button', { name: 'Lưu' }).click();
    await details.waitFor({ state: 'detached' });
    await page.getByRole('row', { name: /motcua\.thu/ }).getByRole('cell', { name: 'Đỗ Thị Thư', exact: true }).waitFor();
    await expect.poll(() => focusedOn('Sửa thông tin tài khoản motcua.thu')).toBe(true);
    if (portal.system) {
      const audit = await portal.system.ctx.db.query<{ action: string }>(
        `SELECT a.action FROM audit_log a JOIN users u ON u.id::text = a.subject_id WHERE a.chain = 'users' AND u.username = 'motcua.thu' ORDER BY a.seq`,
      );
      expect(audit.map((a) => a.action)).toEqual(['user.create', 'user.grants', 'user.grants', 'user.deactivate', 'user.reactivate', 'user.update']);
    }

  }, 240_000);

  it('imports officer accounts from a file: every row problem first, then all of them, the temporary passwords shown once', async () => {
    await page.getByRole('tab', { name: 'Người dùng, vai trò' }).click();
    await page.getByRole('heading', { name: 'Nhập tài khoản từ tệp' }).waitFor();
    const file = fileControl(page, 'Tệp danh sách tài khoản');
    const csv = (rows: string[]) => ({ name: 'tai-khoan.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${['Tên đăng nhập;Họ và tên;Vai trò;Mã cơ quan', ...rows].join('\r\n')}\r\n`) });
    // A file with problems: each listed by row and column in Vietnamese, nothing offered to create.
    await file.setInputFiles(csv(['nhap.motcua;Ngô Văn Nhập;desk_officer;004.00.50.H01', 'nhap.motcua;Ngô Văn Trùng;specialist;004.00.50.H01', 'nhap.lanhdao;Lý Thị Nhập;leader;999.99.99.X99']));
    await page.getByText('Tệp có 2 lỗi; chưa tạo tài khoản nào. Sửa tệp rồi chọn lại.').waitFor();
    const problems = page.getByRole('region', { name: 'Lỗi theo dòng' });
    await problems.getByRole('row', { name: '3 Tên đăng nhập Trùng tên đăng nhập với dòng 2' }).waitFor();
    await problems.getByRole('row', { name: '4 Mã cơ quan Không có cơ quan mã "999.99.99.X99" trong danh mục' }).waitFor();
    expect(await page.getByRole('button', { name: /^Tạo \d+ tài khoản$/ }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'admin-user-import-problems-1280');

    // The corrected file: the preview, then all accounts at once.
    await file.setInputFiles(csv(['nhap.motcua;Ngô Văn Nhập;desk_officer;004.00.50.H01', 'nhap.lanhdao;Lý Thị Nhập;"leader;specialist";004.00.50.H01']));
    await page.getByText('Tệp hợp lệ: 2 tài khoản sẽ được tạo.').waitFor();
    await page.getByRole('region', { name: 'Tài khoản sẽ tạo' }).getByRole('cell', { name: 'Lãnh đạo cơ quan, Chuyên viên xử lý — 004.00.50.H01' }).waitFor();
    await page.getByRole('button', { name: 'Tạo 2 tài khoản' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã tạo 2 tài khoản.' }).waitFor();
    await page.getByText(/^Mật khẩu tạm chỉ hiển thị một lần này/).waitFor();
    const passwords = page.getByRole('region', { name: 'Mật khẩu tạm của các tài khoản đã tạo' });
    const shown = (await passwords.locator('tbody tr td:nth-child(3)').allTextContents()).map((p) => p.trim());
    expect(shown).toHaveLength(2);
    for (const p of shown) expect(p).toMatch(/^[A-HJKMNP-Z2-9]{4}(-[A-HJKMNP-Z2-9]{4}){3}$/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'admin-user-import-done-1280');
    // The CSV to keep is made in the browser from the answer: the same usernames and passwords.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải danh sách mật khẩu tạm (CSV)' }).click()]);
    expect(download.suggestedFilename()).toBe('mat-khau-tam.csv');
    const saved = fs.readFileSync((await download.path()) as string, 'utf8');
    expect(saved).toBe(`\uFEFFusername,temporaryPassword\r\nnhap.motcua,${shown[0]}\r\nnhap.lanhdao,${shown[1]}\r\n`);
    // The temporary password opens the account, which must choose its own first.
    const signIn = await fetch(`${portal.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'nhap.motcua', password: shown[0] }) });
    expect(signIn.status).toBe(200);
    expect((await signIn.json()).user.mustChangePassword).toBe(true);
    await page.getByRole('button', { name: 'Nhập tệp khác' }).click();
    await page.getByRole('button', { name: /^Chọn tệp… .*Tệp danh sách tài khoản/ }).waitFor();
    expect(await page.getByText(shown[0]).count()).toBe(0);
  }, 120_000);

  it('changes an agency’s result issuance and reads it back', async () => {
    await page.getByRole('tab', { name: 'Cấu hình cơ quan' }).click();
    const section = page.getByRole('region', { name: 'Phát hành kết quả của cơ quan' });
    // The choices appear once an agency is picked from the register.
    expect(await section.getByRole('button', { name: 'Lưu cấu hình' }).count()).toBe(0);
    await section.getByRole('searchbox', { name: 'Tìm: Cơ quan' }).fill('hoan kiem');
    const agency = section.getByRole('combobox', { name: 'Cơ quan', exact: true });
    await agency.locator('option[value="004.00.50.H01"]').waitFor({ state: 'attached' });
    await agency.selectOption('004.00.50.H01');
    const current = section.getByTestId('agency-setting-current');
    await current.filter({ hasText: 'Đang áp dụng: Lãnh đạo phê duyệt là phát hành' }).waitFor();
    const byClerk = section.getByRole('radio', { name: /^Văn thư cấp số và phát hành/ });
    expect(await section.getByRole('radio', { name: /^Lãnh đạo phê duyệt là phát hành/ }).isChecked()).toBe(true);
    await byClerk.check(); // keyboard: a native radio group (arrow keys)
    await section.getByRole('button', { name: 'Lưu cấu hình' }).click();
    await section
      .getByRole('status')
      .filter({ hasText: 'Đã lưu: Ủy ban nhân dân Phường Hoàn Kiếm — Văn thư cấp số và phát hành.' })
      .waitFor();
    await current.filter({ hasText: 'Đang áp dụng: Văn thư cấp số và phát hành' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'admin-agency-settings-1280');
    const read = await context.request.get(`${portal.baseUrl}/api/v1/admin/agencies/004.00.50.H01/settings`);
    expect(read.status()).toBe(200);
    expect((await read.json()).resultIssuance).toBe('by_clerk');

    // Back to the default, with the keyboard: arrow up to the first choice, Enter saves.
    await byClerk.focus();
    await page.keyboard.press('ArrowUp');
    expect(await section.getByRole('radio', { name: /^Lãnh đạo phê duyệt là phát hành/ }).isChecked()).toBe(true);
    await page.keyboard.press('Enter');
    await current.filter({ hasText: 'Đang áp dụng: Lãnh đạo phê duyệt là phát hành' }).waitFor();
    const again = await context.request.get(`${portal.baseUrl}/api/v1/admin/agencies/004.00.50.H01/settings`);
    expect((await again.json()).resultIssuance).toBe('on_approval');
  });

  it('sets a parameter of the citizens’ savings estimate from a day on, with its basis', async () => {
    await page.getByRole('tab', { name: 'Ước tính lợi ích' }).click();
    const row = page.getByTestId('savings-hoursPerTrip');
    await row.filter({ hasText: '1,5 giờ' }).filter({ hasText: 'Mặc định' }).waitFor();
    await page.getByRole('combobox', { name: 'Tham số' }).selectOption('hoursPerTrip');
    await page.getByRole('textbox', { name: /^Giá trị mới \(giờ\)/ }).fill('2,5');
    await page.getByRole('textbox', { name: /^Áp dụng từ ngày/ }).fill('01/01/2026');
    await page.getByRole('textbox', { name: /^Căn cứ/ }).fill('Khảo sát của Sở Nội vụ tháng 11/2026: 2,5 giờ đi lại và chờ');
    await page.getByRole('button', { name: 'Lưu tham số' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã lưu: Thời gian một lượt = 2,5 giờ, áp dụng từ ngày 01/01/2026.' }).waitFor();
    await row.filter({ hasText: '2,5 giờ' }).filter({ hasText: '01/01/2026' }).filter({ hasText: 'Khảo sát của Sở Nội vụ' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'admin-savings-1280');
    // what the command center computes with
    const read = await context.request.get(`${portal.baseUrl}/api/v1/indicators/savings-parameters`);
    expect((await read.json()).parameters.hoursPerTrip).toMatchObject({ value: 2.5, effectiveFrom: '2026-01-01' });
  });

  it('publishes a procedure version', async () => {
    // Procedure versions: publish the example (a new version from 2027); publishing it again changes nothing.
    await page.getByRole('tab', { name: 'Phiên bản thủ tục' }).click();
    await page.getByText('Nâng cao: dán JSON').click(); // the JSON textarea is the editor's collapsed advanced section
    await page.getByRole('button', { name: 'Công bố', exact: true }).click();
    await page.getByText(/^Đã công bố phiên bản \d+ của thủ tục 1\.004873, hiệu lực từ 2027-01-01\.$/).waitFor();
    await page.getByRole('button', { name: 'Công bố', exact: true }).click();
    await page.getByText('Nội dung không đổi: không tạo phiên bản mới.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'admin-procedures-1280');
    // the refused short password and bad e-mail (400), the e-mail another account holds (409)
    expect(watch.errors.filter((e) => !/status of (400|409)\b/.test(e))).toEqual([]);
    await context.close();
  });

  it('edits the version in force in a form and publishes it from a later date', async () => {
    await signInAsAdmin();
    const api = async (url: string) => (await page.request.get(`${portal.baseUrl}${url}`)).json();
    const before = (await api('/api/v1/procedures/1.004873/versions')).items as { version: number; effectiveFrom: string }[];
    const latest = before[before.length - 1];
    expect(latest.effectiveFrom < '2027-06-01').toBe(true);
    const inForce = await api('/api/v1/procedures/1.004873');

    // Pick the procedure by a few words without diacritics, open the version in force.
    await page.getByRole('tab', { name: 'Phiên bản thủ tục' }).click();
    await page.getByRole('combobox', { name: 'Thủ tục (mã hoặc tên)' }).fill('xac nhan tinh trang hon nhan');
    await page.getByRole('option', { name: /^1\.004873 — Cấp Giấy xác nhận tình trạng hôn nhân/ }).click();
    await page.getByRole('button', { name: 'Mở phiên bản đang áp dụng' }).click();
    await page.getByRole('heading', { name: 'Sửa thủ tục 1.004873' }).waitFor();
    await page.getByText(`Đang áp dụng: phiên bản ${inForce.version.number}, từ ngày 01/07/2025.`).waitFor();
    expect(await page.getByRole('textbox', { name: 'Tên thủ tục (tiếng Việt)' }).inputValue()).toBe('Cấp Giấy xác nhận tình trạng hôn nhân');

    // Change the deadline; add a component row with the keyboard (the new row takes the focus).
    await page.getByRole('textbox', { name: 'Số ngày (hoặc giờ)' }).fill('5');
    const rows = inForce.components.length as number;
    const code = `TP${rows + 1}`;
    const focused = (name: string) => page.getByRole('textbox', { name }).evaluate((el) => el === document.activeElement);
    const addRow = page.getByRole('button', { name: 'Thêm thành phần' });
    await addRow.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(`Tên thành phần ${code}`)).toBe(true);
    await page.keyboard.type('Ảnh chân dung 4x6 của người yêu cầu');
    await page.keyboard.press('Tab'); // the row's "required" box
    await page.keyboard.press('Space');
    expect(await page.getByRole('checkbox', { name: `Thành phần ${code} bắt buộc` }).isChecked()).toBe(false);
    await page.getByRole('textbox', { name: `Số bản sao của ${code}` }).fill('1');
    // A row added by mistake is removed with the keyboard; the focus returns to "Thêm thành phần".
    await addRow.focus();
    await page.keyboard.press('Enter');
    const extra = `TP${rows + 2}`;
    await expect.poll(() => focused(`Tên thành phần ${extra}`)).toBe(true);
    await page.getByRole('button', { name: `Xóa ${extra}` }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('textbox', { name: `Tên thành phần ${extra}` }).count()).toBe(0);
    expect(await addRow.evaluate((el) => el === document.activeElement)).toBe(true);

    // A date not after the newest version is refused before sending, in Vietnamese.
    const effective = page.getByLabel('Áp dụng từ ngày');
    await effective.fill(latest.effectiveFrom.split('-').reverse().join('/'));
    await page.getByRole('button', { name: 'Công bố phiên bản mới' }).click();
    const [y, m, d] = latest.effectiveFrom.split('-');
    await page.getByText(`Ngày áp dụng phải sau ngày ${d}/${m}/${y}, ngày áp dụng của phiên bản ${latest.version}.`).waitFor();

    await effective.fill('01/06/2027');
    await page.getByRole('button', { name: 'Công bố phiên bản mới' }).click();
    await page.getByText(`Đã công bố phiên bản ${latest.version + 1}, áp dụng từ 01/06/2027.`).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'admin-procedure-editor-1280');

    // The new version holds from its date; the version before it, and the one in force today, are unchanged.
    const after = (await api('/api/v1/procedures/1.004873/versions')).items as { version: number; effectiveFrom: string }[];
    expect(after.at(-1)).toMatchObject({ version: latest.version + 1, effectiveFrom: '2027-06-01' });
    const names = (p: { components: { name: string }[] }) => p.components.map((c) => c.name);
    const eve = await api('/api/v1/procedures/1.004873?at=2027-05-31');
    expect(eve.version.number).toBe(latest.version);
    expect(names(eve)).not.toContain('Ảnh chân dung 4x6 của người yêu cầu');
    const from = await api('/api/v1/procedures/1.004873?at=2027-06-01');
    expect(from.version.number).toBe(latest.version + 1);
    expect(from.deadline).toMatchObject({ value: 5, unit: 'working_days' });
    expect(from.deadline).not.toHaveProperty('verified'); // verification is for administration only (issue 12)
    expect(from.components.at(-1)).toEqual({ code, name: 'Ảnh chân dung 4x6 của người yêu cầu', original: 1, copy: 1, required: false });
    expect(names(from).slice(0, rows)).toEqual(names(inForce)); // the rows not edited are kept
    expect(from.legalBasis).toEqual(inForce.legalBasis); // fields the form does not show are kept
    const today = await api('/api/v1/procedures/1.004873');
    expect(today.version.number).toBe(inForce.version.number);
    expect(today.deadline.value).toBe(inForce.deadline.value);
    expect(watch.errors).toEqual([]);
    await context.close();
  });
});
