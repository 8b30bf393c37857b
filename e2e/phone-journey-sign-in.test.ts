import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, DEMO_PASSWORD, holdApp, PHONE, type Portal, screenshot, signedIn, startPortal, watchPage } from './harness.ts';

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
    const release = await holdApp(page);
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

describe('the portal’s language on a phone', () => {
  it('sends every page with <html lang="vi">, and in English (lang="en") once English is chosen, before the app runs', async () => {
    const context = await portal.browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
    const pages = ['/', '/thu-tuc/1.004873', '/dang-nhap', '/tra-cuu', '/tra-cuu/HS-0000000000', '/ho-so-cua-toi'];
    for (const path of pages) {
      expect(await (await context.request.get(`${portal.baseUrl}${path}`)).text(), path).toMatch(/^<!doctype html>\s*<html lang="vi"/i);
    }
    const page = await context.newPage();
    const { errors } = watchPage(page);
    await page.goto(`${portal.baseUrl}/`);
    await page.waitForFunction(hydrated, 'h1');
    await page.getByRole('button', { name: /^EN/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Find an administrative procedure' }).waitFor();

    // The choice travels with the next pages: the server sends them in English, words and lang alike.
    for (const path of pages) {
      expect(await (await context.request.get(`${portal.baseUrl}${path}`)).text(), path).toMatch(/^<!doctype html>\s*<html lang="en"/i);
    }
    const sheet = await (await context.request.get(`${portal.baseUrl}/thu-tuc/1.004873`)).text();
    expect(sheet).toMatch(/<h2[^>]*>[^<]*Required documents/);
    expect(sheet).not.toContain('Thành phần hồ sơ');

    // On a throttled phone the English page shows before the app, never Vietnamese first, and the app adopts it.
    await throttle(page);
    for (const [path, heading] of [
      ['/dang-nhap', 'Sign in'],
      ['/', 'Find an administrative procedure'],
      ['/thu-tuc/1.004873', 'Certificate of marital status'],
    ] as const) {
      const release = await holdApp(page);
      await page.goto(`${portal.baseUrl}${path}`, { waitUntil: 'commit' });
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang), path).toBe('en');
      expect(await page.getByRole('button', { name: /^EN/ }).getAttribute('aria-pressed'), path).toBe('true');
      if (path === '/dang-nhap') await screenshot(page, 'phone-sign-in-english-before-app-360');
      release();
      await page.waitForFunction(hydrated, 'h1', { timeout: 60_000 });
      expect(await page.evaluate(() => document.documentElement.lang), path).toBe('en');
      await page.unrouteAll();
    }
    expect(errors).toEqual([]);

    // Back to Vietnamese: the next page comes in Vietnamese again.
    await page.getByRole('button', { name: /^VI/ }).click();
    await expect.poll(async () => (await context.request.get(`${portal.baseUrl}/dang-nhap`)).text()).toMatch(/<html lang="vi"[\s\S]*>Đăng nhập<\/h1>/);
    await context.close();
  });
});

describe('touch targets of the header and the footer on a 360 px phone', () => {
  /** Every link and button of the header and of the footer's links narrower or lower than 44 px (WCAG 2.5.5). */
  const small = (page: Page) =>
    page.evaluate(() =>
      [...document.querySelectorAll('header a, header button, footer nav a')]
        .map((el) => ({ el, box: el.getBoundingClientRect() }))
        .filter(({ el, box }) => (box.width > 0 || box.height > 0) && !el.closest('.visually-hidden'))
        .filter(({ box }) => box.width < 44 || box.height < 44)
        .map(({ el, box }) => `${(el.textContent ?? '').trim() || el.getAttribute('aria-label')}: ${Math.round(box.width)}×${Math.round(box.height)}`),
    );

  it('makes every link and button at least 44 × 44 px, signed out and signed in, in both languages', async () => {
    const context = await portal.browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
    const page = await context.newPage();
    for (const path of ['/', '/dang-nhap', '/thu-tuc/1.004873']) {
      await page.goto(`${portal.baseUrl}${path}`);
      await page.waitForFunction(hydrated, 'h1');
      expect(await small(page), path).toEqual([]);
    }
    await page.getByRole('button', { name: /^EN/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Certificate of marital status' }).waitFor();
    expect(await small(page), 'English').toEqual([]);
    await context.close();

    const citizen = await signedIn(portal, 'congdan', { viewport: PHONE });
    await citizen.page.goto(`${portal.baseUrl}/ho-so-cua-toi`);
    await citizen.page.getByRole('heading', { level: 1, name: 'Hồ sơ của tôi' }).waitFor();
    await citizen.page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
    expect(await small(citizen.page), 'signed in').toEqual([]);
    // still one row of links, the page not wider than the screen
    const nav = (await citizen.page.getByRole('navigation', { name: 'Điều hướng chính' }).boundingBox())!;
    expect(nav.height).toBeLessThan(2 * 44);
    expect(await citizen.page.evaluate(() => document.documentElement.scrollWidth)).toBe(PHONE.width);
    expect(await axeViolations(citizen.page)).toEqual([]);
    await screenshot(citizen.page, 'phone-touch-targets-360');
    await citizen.context.close();
  });
});
