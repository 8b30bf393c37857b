import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, type Portal, screenshot, startPortal, watchPage } from './harness.ts';

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.close();
});

describe('administration', () => {
  it('edits the working calendar, creates an officer account and publishes a procedure version', async () => {
    const context = await portal.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    const watch = watchPage(page);
    await page.goto(`${portal.baseUrl}/dang-nhap?next=%2Fquan-tri`);
    await page.getByRole('textbox', { name: 'Tên đăng nhập', exact: true }).fill('admin');
    await page.getByRole('textbox', { name: 'Mật khẩu', exact: true }).fill('MotCua@2026');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.waitForURL('**/quan-tri');
    await page.getByRole('heading', { level: 1, name: 'Quản trị' }).waitFor();

    // Calendar: 2026 shows Tết; add a day off, see it, remove it.
    await page.getByRole('textbox', { name: 'Năm' }).fill('2026');
    await page.getByRole('cell', { name: '16/02/2026' }).first().waitFor();
    await screenshot(page, 'admin-calendar-2026-1280');
    await page.locator('input[type="date"]').fill('2026-12-24');
    await page.getByLabel('Loại ngày').selectOption('holiday');
    await page.getByRole('textbox', { name: 'Tên, ghi chú' }).fill('Ngày nghỉ thử nghiệm');
    await page.getByRole('button', { name: 'Lưu ngày' }).click();
    await page.getByRole('cell', { name: 'Ngày nghỉ thử nghiệm' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'admin-calendar-1280');
    await page.getByRole('button', { name: 'Xóa ngày 24/12/2026' }).click();
    await page.getByRole('cell', { name: 'Ngày nghỉ thử nghiệm' }).waitFor({ state: 'detached' });

    // Users: create a desk officer of Hoàn Kiếm; a short password is refused with the field named.
    await page.getByRole('tab', { name: 'Người dùng, vai trò' }).click();
    await screenshot(page, 'admin-users-1280');
    await page.getByLabel(/^Tên đăng nhập/).fill('motcua.thu');
    await page.getByLabel(/^Họ và tên/).fill('Đỗ Thị Thu');
    await page.getByLabel(/^Mật khẩu/).fill('ngan');
    await page.getByLabel('Mã cơ quan').fill('004.00.50.H01');
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await page.getByRole('alert').getByText(/password/).waitFor();
    await page.getByLabel(/^Mật khẩu/).fill('MotCua@2026-thu');
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await page.getByText('Đã tạo tài khoản.').waitFor();
    await page.getByRole('searchbox', { name: 'Tìm theo tên đăng nhập hoặc họ tên' }).fill('do thi thu');
    await page.getByRole('cell', { name: 'motcua.thu' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // Procedure versions: publish the example (a new version from 2027); publishing it again changes nothing.
    await page.getByRole('tab', { name: 'Phiên bản thủ tục' }).click();
    await page.getByRole('button', { name: 'Công bố' }).click();
    await page.getByText(/^Đã công bố phiên bản \d+ của thủ tục 1\.004873, hiệu lực từ 2027-01-01\.$/).waitFor();
    await page.getByRole('button', { name: 'Công bố' }).click();
    await page.getByText('Nội dung không đổi: không tạo phiên bản mới.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'admin-procedures-1280');
    expect(watch.errors.filter((e) => !e.includes('status of 400'))).toEqual([]); // the refused short password
    await context.close();
  });
});
