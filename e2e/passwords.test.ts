import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, DESKTOP, openInbox, PHONE, type Portal, screenshot, startPortal, watchPage } from './harness.ts';

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.close();
});

const signIn = (username: string, password: string) =>
  fetch(`${portal.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });

describe('đặt lại và đổi mật khẩu', () => {
  it('the administrator resets an officer’s password; the officer signs in with it, must change it, then reaches the workspace', async () => {
    // The administrator: Quản trị → Người dùng, vai trò → Đặt lại mật khẩu of motcua.badinh, confirmed.
    const admin = await portal.browser.newContext({ viewport: DESKTOP, locale: 'vi-VN' });
    const adminPage = await admin.newPage();
    const adminWatch = watchPage(adminPage);
    await adminPage.goto(`${portal.baseUrl}/dang-nhap?next=%2Fquan-tri`);
    await adminPage.getByRole('textbox', { name: 'Tên đăng nhập', exact: true }).fill('admin');
    await adminPage.getByRole('textbox', { name: 'Mật khẩu', exact: true }).fill('MotCua@2026');
    await adminPage.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await adminPage.waitForURL('**/quan-tri');
    await adminPage.getByRole('tab', { name: 'Người dùng, vai trò' }).click();
    await adminPage.getByRole('searchbox', { name: 'Tìm theo tên đăng nhập hoặc họ tên' }).fill('motcua.badinh');
    await adminPage.getByRole('button', { name: 'Đặt lại mật khẩu của motcua.badinh' }).click();
    const dialog = adminPage.getByRole('dialog', { name: 'Đặt lại mật khẩu của motcua.badinh' });
    await dialog.getByText('người dùng bị đăng xuất khỏi mọi phiên', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
    const shown = dialog.getByTestId('temporary-password');
    await shown.waitFor();
    const temporary = (await shown.textContent())?.trim() ?? '';
    expect(temporary).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    await dialog.getByText('Hãy trao mật khẩu này trực tiếp cho người dùng', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Sao chép' }).waitFor();
    expect(await axeViolations(adminPage)).toEqual([]);
    await screenshot(adminPage, 'admin-password-reset-1280');
    await dialog.getByRole('button', { name: 'Đóng' }).last().click();
    await dialog.waitFor({ state: 'detached' });
    // the old password no longer opens the account
    expect((await signIn('motcua.badinh', 'MotCua@2026')).status).toBe(401);
    expect(adminWatch.errors).toEqual([]);
    await admin.close();

    // The officer signs in with the temporary password and is sent to Đổi mật khẩu, whatever page was asked.
    const context = await portal.browser.newContext({ viewport: DESKTOP, locale: 'vi-VN' });
    const page = await context.newPage();
    const watch = watchPage(page);
    await page.goto(`${portal.baseUrl}/dang-nhap`);
    await page.getByRole('textbox', { name: 'Tên đăng nhập', exact: true }).fill('motcua.badinh');
    await page.getByRole('textbox', { name: 'Mật khẩu', exact: true }).fill(temporary);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.waitForURL('**/doi-mat-khau');
    await page.getByRole('heading', { level: 1, name: 'Đổi mật khẩu' }).waitFor();
    await page.getByText('Mật khẩu của bạn do quản trị viên đặt.', { exact: false }).waitFor();
    // no staff link while the change is due
    expect(await page.getByRole('link', { name: 'Hồ sơ cần xử lý' }).count()).toBe(0);
    await page.goto(`${portal.baseUrl}/can-bo`);
    await page.waitForURL('**/doi-mat-khau');
    await page.getByRole('heading', { level: 1, name: 'Đổi mật khẩu' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'change-password-required-1280');

    // Mistakes are said in Vietnamese beside the fields.
    const current = page.getByLabel(/^Mật khẩu hiện tại/);
    const chosen = page.getByLabel(/^Mật khẩu mới/);
    const again = page.getByLabel(/^Nhập lại mật khẩu mới/);
    await current.fill(temporary);
    await chosen.fill('MatKhauCuaToi@2027');
    await again.fill('MatKhauKhac@2027');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await page.getByText('Hai lần nhập mật khẩu mới không khớp nhau').waitFor();
    await current.fill('khong-phai-mat-khau-tam');
    await again.fill('MatKhauCuaToi@2027');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await page.getByText('Mật khẩu hiện tại không đúng').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // The right one: on to the workspace, with the staff links back.
    await current.fill(temporary);
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await page.waitForURL('**/can-bo');
    await page.getByRole('heading', { level: 1, name: 'Hồ sơ cần xử lý' }).waitFor();
    await page.getByRole('link', { name: 'Đổi mật khẩu' }).waitFor();
    // The officer is told of the reset and of the change in their own inbox (Thông báo), as any signed-in user is.
    await openInbox(portal, page, 2);
    await page.getByTestId('notice').filter({ hasText: 'Mật khẩu tài khoản đã được đặt lại' }).getByText('Quản trị viên', { exact: false }).waitFor();
    await page.getByTestId('notice').filter({ hasText: 'Mật khẩu tài khoản đã được thay đổi' }).waitFor();
    await page.getByTestId('unread-count').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'officer-inbox-1280');
    await page.goto(`${portal.baseUrl}/can-bo`);
    await page.getByRole('heading', { level: 1, name: 'Hồ sơ cần xử lý' }).waitFor();
    // on a phone the header's link stays on the screen, nothing scrolls sideways
    await page.setViewportSize(PHONE);
    expect(await page.getByRole('link', { name: 'Đổi mật khẩu' }).isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    const box = await page.getByRole('link', { name: 'Đổi mật khẩu' }).boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= PHONE.width).toBe(true);
    await screenshot(page, 'workspace-after-password-change-360');
    // the one failed request is the wrong current password's, shown above
    expect(watch.errors).toEqual([expect.stringMatching(/status of 400/)]);
    await context.close();

    expect((await signIn('motcua.badinh', temporary)).status).toBe(401);
    const signedIn = await signIn('motcua.badinh', 'MatKhauCuaToi@2027');
    expect(signedIn.status).toBe(200);
    expect((await signedIn.json()).user.mustChangePassword).toBe(false);
  });
});
