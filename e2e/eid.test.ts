import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, type Portal, screenshot, startPortal, watchPage } from './harness.ts';

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.close();
});

describe('signing in with the national e-ID (development provider)', () => {
  it('goes from the VNeID button through the provider and comes back signed in, at 360 px', async () => {
    const context = await portal.browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const watch = watchPage(page);

    await page.goto(`${portal.baseUrl}/dang-nhap?next=${encodeURIComponent('/?tu=vneid')}`);
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
    const button = page.getByRole('link', { name: 'Đăng nhập bằng định danh điện tử (VNeID)' });
    await button.waitFor();
    expect(await button.getAttribute('href')).toBe(`/api/v1/auth/eid/start?returnTo=${encodeURIComponent('/?tu=vneid')}`);
    // The e-ID button comes before the password form.
    const order = await page.evaluate(() => {
      const link = [...document.querySelectorAll('a')].find((a) => a.textContent?.includes('VNeID'));
      const field = document.querySelector('input[name="username"]');
      return link && field ? link.compareDocumentPosition(field) & Node.DOCUMENT_POSITION_FOLLOWING : 0;
    });
    expect(order).toBeTruthy();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'eid-login-page-360');

    await button.click();
    await page.waitForURL(/\/dev-eid\/interaction\//);
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập bằng định danh điện tử' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'eid-provider-login-360');

    // A wrong password is explained on the provider's page.
    await page.getByLabel('Số định danh cá nhân (CCCD)').fill('001190012345');
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('alert').filter({ hasText: 'Số định danh hoặc mật khẩu không đúng.' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Mật khẩu').fill('VNeID@2026');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { level: 1, name: 'Đồng ý chia sẻ thông tin' }).waitFor();
    await page.getByText('Nguyễn Thị Ánh Tuyết').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'eid-provider-consent-360');

    await page.getByRole('button', { name: 'Đồng ý' }).click();
    await page.waitForURL(`${portal.baseUrl}/?tu=vneid`);
    await page.getByText('Đã đăng nhập: Nguyễn Thị Ánh Tuyết').waitFor();
    const me = (await (await page.request.get(`${portal.baseUrl}/api/v1/me`)).json()) as Record<string, unknown>;
    expect(me).toMatchObject({ username: 'congdan', idNumber: '001190012345', birthDate: '1990-03-15' });
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'eid-signed-in-360');

    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('explains a refused consent on the login page, on a desktop screen', async () => {
    const context = await portal.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const watch = watchPage(page);

    await page.goto(`${portal.baseUrl}/dang-nhap`);
    const button = page.getByRole('link', { name: 'Đăng nhập bằng định danh điện tử (VNeID)' });
    // No page asked for this sign-in: the server lands the user on their start page (/hop for a member of a collective body), not on /.
    expect(await button.getAttribute('href')).toBe('/api/v1/auth/eid/start');
    await button.click();
    await page.getByLabel('Số định danh cá nhân (CCCD)').fill('079085004321');
    await page.getByLabel('Mật khẩu').fill('VNeID@2026');
    await screenshot(page, 'eid-provider-login-desktop');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('button', { name: 'Từ chối' }).click();

    await page.waitForURL(`${portal.baseUrl}/dang-nhap?eid_error=EID_DENIED`);
    await page.getByRole('alert').filter({ hasText: 'Bạn đã từ chối chia sẻ thông tin định danh nên chưa đăng nhập.' }).waitFor();
    await page.getByText('Mã lỗi: EID_DENIED').waitFor();
    expect((await page.request.get(`${portal.baseUrl}/api/v1/me`)).status()).toBe(401);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'eid-denied-desktop');

    expect(watch.errors).toEqual([]);
    await context.close();
  });
});
