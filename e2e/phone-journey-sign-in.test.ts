import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, DEMO_PASSWORD, PHONE, type Portal, screenshot, startPortal, watchPage } from './harness.ts';

/**
 * A citizen on a cheap phone (360 × 740, a slow mobile network, a slow processor) at the login
 * page: its heading and its form come in the HTML (prerendered, like the home page and the
 * procedure sheet), so they show before the app's scripts have arrived, and the form signs in
 * even before the app runs or with scripts off (the browser posts it, the server answers with a
 * redirect).
 */
let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(() => portal?.close());

/** About a cheap phone on a poor 3G signal: 400 kbit/s each way, 400 ms round trips, a processor four times slower. */
async function throttle(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 400,
    downloadThroughput: (400 * 1024) / 8,
    uploadThroughput: (400 * 1024) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  return cdp;
}

/** Whether React runs the element (it keeps its fiber on the DOM node once hydrated). */
const hydrated = (selector: string) => {
  const el = document.querySelector(selector);
  return !!el && Object.keys(el).some((k) => k.startsWith('__reactFiber'));
};

describe('the login page on a cheap phone', () => {
  it('sends its heading and its form in the HTML, with and without a query, in Vietnamese (lang="vi")', async () => {
    const context = await portal.browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
    for (const path of ['/dang-nhap', `/dang-nhap?next=${encodeURIComponent('/nop-ho-so/1.004873')}`, '/dang-nhap?login_error=INVALID_CREDENTIALS']) {
      const html = await (await context.request.get(`${portal.baseUrl}${path}`)).text();
      expect(html, path).toMatch(/<html lang="vi"/);
      expect(html, path).toMatch(/<h1[^>]*>Đăng nhập<\/h1>/);
      expect(html, path).toMatch(/<form [^>]*method="post"/);
      expect(html, path).toContain('name="username"');
      expect(html, path).toContain('name="password"');
    }
    // where the citizen was going is kept by both ways of signing in
    const next = await (await context.request.get(`${portal.baseUrl}/dang-nhap?next=${encodeURIComponent('/nop-ho-so/1.004873')}`)).text();
    expect(next).toContain(`action="/dang-nhap?next=${encodeURIComponent('/nop-ho-so/1.004873')}"`);
    expect(next).toContain(`/api/v1/auth/eid/start?returnTo=${encodeURIComponent('/nop-ho-so/1.004873')}`);
    // a query that tries to close the attribute stays text
    const odd = await (await context.request.get(`${portal.baseUrl}/dang-nhap?next=%22%3E%3Cscript%3E`)).text();
    expect(odd).not.toContain('"><script>');
    await context.close();
  });

  it('shows the heading and the form before the app has run on a throttled phone, keeps what was typed, and signs in', async () => {
    const context = await portal.browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
    const page = await context.newPage();
    const { errors } = watchPage(page);
    await throttle(page);
    // The app's entry is held back until the citizen has typed: what shows until then is the HTML's.
    let release!: () => void;
    const typed = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(/\/assets\/index-[\w-]+\.js$/, async (route) => {
      await typed;
      await route.continue();
    });
    const start = Date.now();
    await page.goto(`${portal.baseUrl}/dang-nhap?next=${encodeURIComponent('/ho-so-cua-toi')}`, { waitUntil: 'commit' });
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
    const headingAfter = Date.now() - start;
    console.log(`throttled phone: the login heading showed after ${headingAfter} ms, before the app`);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('vi');
    await page.getByRole('textbox', { name: 'Tên đăng nhập' }).fill('congdan');
    await page.getByRole('textbox', { name: 'Mật khẩu' }).fill(DEMO_PASSWORD);
    expect(await page.evaluate(hydrated, 'form')).toBe(false);
    release();
    await page.waitForFunction(hydrated, 'form', { timeout: 60_000 });
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.waitForURL('**/ho-so-cua-toi', { timeout: 60_000 });
    await page.getByRole('heading', { level: 1, name: 'Hồ sơ của tôi' }).waitFor({ timeout: 60_000 });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('signs in with scripts off: the browser posts the form, a wrong password comes back explained', async () => {
    const context = await portal.browser.newContext({ viewport: PHONE, locale: 'vi-VN', javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${portal.baseUrl}/dang-nhap?next=${encodeURIComponent('/ho-so-cua-toi')}`);
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
    await page.getByRole('textbox', { name: 'Tên đăng nhập' }).fill('congdan');
    await page.getByRole('textbox', { name: 'Mật khẩu' }).fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.waitForURL(/\/dang-nhap\?login_error=INVALID_CREDENTIALS&next=%2Fho-so-cua-toi$/);
    await page.getByRole('alert').filter({ hasText: 'Tên đăng nhập hoặc mật khẩu không đúng.' }).waitFor();
    // the password never travels in an address
    expect(page.url()).not.toContain('sai-mat-khau');
    await screenshot(page, 'phone-sign-in-no-script-360');
    await page.getByRole('textbox', { name: 'Tên đăng nhập' }).fill('congdan');
    await page.getByRole('textbox', { name: 'Mật khẩu' }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.waitForURL('**/ho-so-cua-toi');
    const me = await context.request.get(`${portal.baseUrl}/api/v1/me`);
    expect(me.status()).toBe(200);
    expect(((await me.json()) as { username: string }).username).toBe('congdan');
    await context.close();
  });

  it('is the app’s own page once it runs (adopted, no error, accessible)', async () => {
    const context = await portal.browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
    const page = await context.newPage();
    const { errors } = watchPage(page);
    for (const path of ['/dang-nhap', '/dang-nhap?next=%2Fho-so-cua-toi']) {
      await page.goto(`${portal.baseUrl}${path}`);
      await page.waitForFunction(hydrated, 'h1');
    }
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByText('Vui lòng nhập tên đăng nhập.').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
