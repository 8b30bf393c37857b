import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, type Portal, screenshot, startPortal, watchPage } from './harness.ts';

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.close();
});

describe('signing in at the portal', () => {
  it('explains mistakes next to the fields, refuses a wrong password, signs a desk officer in and out', async () => {
    const context = await portal.browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const watch = watchPage(page);

    await page.goto(portal.baseUrl + '/');
    // "Đăng nhập" is on the phone's screen as the page opens, not past the end of the links' row.
    const login = page.getByRole('link', { name: 'Đăng nhập' });
    const box = (await login.boundingBox())!;
    expect(box.x >= 0 && box.x + box.width <= 360 && box.y + box.height <= 740).toBe(true);
    await screenshot(page, 'home-signed-out-header-360');
    await login.click();
    await page.waitForURL('**/dang-nhap');
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
    expect(await page.title()).toBe('Đăng nhập | Cổng dịch vụ công Một Cửa');

    // Empty form: each field says what is missing and focus goes to the first one.
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByText('Vui lòng nhập tên đăng nhập.').waitFor();
    await page.getByText('Vui lòng nhập mật khẩu.').waitFor();
    const username = page.getByRole('textbox', { name: 'Tên đăng nhập', exact: true });
    const password = page.getByRole('textbox', { name: 'Mật khẩu', exact: true });
    expect(await username.getAttribute('aria-invalid')).toBe('true');
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('username');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'login-errors-360');

    // Wrong password.
    await username.fill('motcua.hoankiem');
    await password.fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Tên đăng nhập hoặc mật khẩu không đúng.' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'login-wrong-password-360');

    // Right password: back home, the header names the officer, the session survives a reload.
    await password.fill('MotCua@2026');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.waitForURL(portal.baseUrl + '/');
    const me = (await (await page.request.get(portal.baseUrl + '/api/v1/me')).json()) as { fullName?: string; user?: { fullName: string } };
    const fullName = me.user?.fullName ?? me.fullName;
    expect(fullName).toBeTruthy();
    await page.getByText(`Đã đăng nhập: ${fullName}`).waitFor();
    await page.reload();
    await page.getByText(`Đã đăng nhập: ${fullName}`).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'home-signed-in-360');

    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByRole('link', { name: 'Đăng nhập' }).waitFor();
    expect((await page.request.get(portal.baseUrl + '/api/v1/me')).status()).toBe(401);

    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('takes a member of the city’s People’s Committee to /hop, by the app or by the form without it', async () => {
    // the app's sign-in went there and the form sent without scripts went home (identity/start-page.ts: one rule)
    for (const javaScriptEnabled of [true, false]) {
      const context = await portal.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN', javaScriptEnabled });
      const page = await context.newPage();
      await page.goto(`${portal.baseUrl}/dang-nhap`);
      await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
      await page.getByRole('textbox', { name: 'Tên đăng nhập', exact: true }).fill('uyvien1.hanoi');
      await page.getByRole('textbox', { name: 'Mật khẩu', exact: true }).fill('MotCua@2026');
      await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
      await page.waitForURL(`${portal.baseUrl}/hop`);
      await context.close();
    }
  });
});
