import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, holdApp, PHONE, type Portal, screenshot, signedIn, startPortal, watchPage } from './harness.ts';

/**
 * Issue 12 (Lighthouse mobile ≥ 95): the first screen of the citizen pages that need no data of
 * the request comes rendered in the HTML (vite.config.ts prerenderCitizenPages), and React adopts
 * that markup (hydration, main.tsx) instead of building it again: the heading painted with the
 * HTML is the very element the app then runs, with no hydration error, no layout shift, and the
 * page answers the keyboard and the mouse. A signed-in visitor or one who chose English gets the
 * app rendered afresh over it, also without an error.
 */
let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(() => portal?.close());

/** The site's description, in each language (app.description of the dictionaries; index.html carries the Vietnamese one). */
const EN_DESCRIPTION = 'Một Cửa Public Service Portal: look up administrative procedures, the documents a dossier needs, fees, time limits and where to submit it.';
const VI_DESCRIPTION = 'Cổng dịch vụ công Một Cửa: tra cứu thủ tục hành chính, thành phần hồ sơ, lệ phí, thời hạn và nơi nộp hồ sơ.';

const PAGES = [
  { path: '/', heading: 'Tra cứu thủ tục hành chính' },
  { path: '/tra-cuu', heading: 'Tra cứu hồ sơ' },
  { path: '/verify', heading: 'Kiểm tra kết quả ký số' },
  { path: '/huong-dan', heading: 'Hướng dẫn và câu hỏi thường gặp' },
  { path: '/bao-ve-du-lieu-ca-nhan', heading: 'Thông báo về xử lý và bảo vệ dữ liệu cá nhân' },
  { path: '/kha-nang-tiep-can', heading: 'Tuyên bố về khả năng tiếp cận' },
  { path: '/dang-nhap', heading: 'Đăng nhập' },
];

/** Keeps the heading the HTML brought (before any script of the app runs) and the layout shifts. */
const BEFORE_APP = `
  window.__shifts = 0;
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts += e.value; })
    .observe({ type: 'layout-shift', buffered: true });
  document.addEventListener('DOMContentLoaded', () => { window.__h1 = document.querySelector('h1'); });
`;

/** Whether React runs the element (it keeps its fiber on the DOM node once hydrated). */
const hydrated = (selector: string) => {
  const el = document.querySelector(selector);
  return !!el && Object.keys(el).some((k) => k.startsWith('__reactFiber'));
};

describe('prerendered citizen pages', () => {
  it('sends each page with its heading in the HTML, and the app adopts that heading without an error or a shift', async () => {
    const context = await portal.browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
    await context.addInitScript(BEFORE_APP);
    const page = await context.newPage();
    const { errors } = watchPage(page);
    for (const { path, heading } of PAGES) {
      // Without running a script: the HTML itself holds the heading, in Vietnamese, and no more inline scripts than index.html.
      const raw = await context.request.get(`${portal.baseUrl}${path}`);
      const html = await raw.text();
      expect(html, path).toContain(`data-prerendered="${path}"`);
      expect(html, path).toMatch(new RegExp(`<h1[^>]*>${heading}</h1>`));
      expect(html.match(/<script/g)?.length, path).toBe(4);

      await page.goto(`${portal.baseUrl}${path}`);
      await page.waitForFunction(hydrated, 'h1');
      const same = await page.evaluate(() => {
        const w = window as unknown as { __h1: Element | null };
        return w.__h1 !== null && w.__h1 === document.querySelector('h1') && w.__h1.isConnected;
      });
      expect(same, `${path}: the heading of the HTML is the one React runs`).toBe(true);
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('vi');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(heading);
      const shifts = await page.evaluate(() => (window as unknown as { __shifts: number }).__shifts);
      expect(shifts, `${path}: layout shift`).toBe(0);
    }
    expect(errors).toEqual([]);

    // The adopted page works: a search from the home page, the tracking form's own check.
    await page.goto(`${portal.baseUrl}/`);
    await page.waitForFunction(hydrated, '#tim-kiem');
    await page.getByRole('searchbox').fill('khai sinh');
    await page.getByRole('button', { name: 'Tìm kiếm' }).click();
    await page.waitForURL(/\?q=khai/);
    await page.getByRole('heading', { name: 'Kết quả tìm kiếm' }).waitFor();
    await page.goto(`${portal.baseUrl}/tra-cuu`);
    await page.waitForFunction(hydrated, 'form');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.getByText('Vui lòng nhập mã hồ sơ.').waitFor();
    await screenshot(page, 'prerendered-tracking-phone');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps a click on a button made before the app runs, and does it once the app runs', async () => {
    const context = await portal.browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
    const page = await context.newPage();
    const { errors } = watchPage(page);
    // The app's entry is held back until the visitor has clicked "EN" on the prerendered page.
    const release = await holdApp(page);
    await page.goto(`${portal.baseUrl}/huong-dan`, { waitUntil: 'commit' });
    await page.getByRole('heading', { level: 1, name: 'Hướng dẫn và câu hỏi thường gặp' }).waitFor();
    await page.getByRole('button', { name: /^EN/ }).click();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('vi');
    release();
    await page.getByRole('heading', { level: 1, name: 'Help and frequently asked questions' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('answers the tracking form sent by the browser itself (tapped before the app ran) as the app does', async () => {
    const context = await portal.browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
    const page = await context.newPage();
    const { errors } = watchPage(page);
    const release = await holdApp(page);
    // Nothing typed: the form (it has an action) goes to the server as /tra-cuu?ma=&sdt=.
    await page.goto(`${portal.baseUrl}/tra-cuu`, { waitUntil: 'commit' });
    await page.getByRole('heading', { level: 1, name: 'Tra cứu hồ sơ' }).waitFor();
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.waitForURL(/\/tra-cuu\?ma=&sdt=$/);
    release();
    await page.getByText('Vui lòng nhập mã hồ sơ.').waitFor();
    expect(await page.getByRole('textbox', { name: 'Mã hồ sơ' }).getAttribute('aria-invalid')).toBe('true');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps the letters typed into the search before the app runs and while it takes over, and searches them all', async () => {
    const context = await portal.browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
    const page = await context.newPage();
    // A slow phone: the app takes the page over while the visitor is still typing.
    await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: 6 });
    const { errors } = watchPage(page);
    const release = await holdApp(page);
    await page.goto(`${portal.baseUrl}/`, { waitUntil: 'commit' });
    const search = page.getByRole('searchbox', { name: 'Tìm kiếm thủ tục hành chính' });
    await search.focus();
    await page.keyboard.type('ban sao trich ');
    release();
    await page.keyboard.type('luc ho tich', { delay: 40 });
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: 'Cấp bản sao trích lục hộ tịch', exact: true }).waitFor();
    expect(new URL(page.url()).searchParams.get('q')).toBe('ban sao trich luc ho tich');
    expect(await search.inputValue()).toBe('ban sao trich luc ho tich');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('renders afresh for a signed-in citizen and for English, without an error', async () => {
    const citizen = await signedIn(portal, 'congdan', { viewport: PHONE });
    const { errors } = watchPage(citizen.page);
    await citizen.page.goto(`${portal.baseUrl}/`);
    await citizen.page.getByTestId('signed-in-user').waitFor();
    expect(await citizen.page.getByRole('heading', { level: 1 }).textContent()).toBe('Tra cứu thủ tục hành chính');
    expect(await citizen.page.getByRole('link', { name: 'Đăng nhập' }).count()).toBe(0);
    await citizen.context.close();

    const context = await portal.browser.newContext({ viewport: PHONE, locale: 'en-GB' });
    await context.addInitScript(() => localStorage.setItem('motcua.lang', 'en'));
    const page = await context.newPage();
    const english = watchPage(page);
    await page.goto(`${portal.baseUrl}/`);
    await page.getByRole('heading', { level: 1, name: 'Find an administrative procedure' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await context.close();
    expect([...errors, ...english.errors]).toEqual([]);
  });

  it('keeps what was typed into a prerendered form when the app renders the page afresh: the code sent to tracking, the sign-in sent', async () => {
    /** Opens `path` with the app's entry held back, runs `type` on the prerendered page, then lets the app run. */
    const typedBeforeApp = async (page: Page, path: string, type: () => Promise<void>) => {
      const release = await holdApp(page);
      await page.goto(`${portal.baseUrl}${path}`, { waitUntil: 'commit' });
      await type();
      release();
    };
    // A signed-in citizen: the markup is the signed-out visitor's, so the app renders /tra-cuu afresh.
    const citizen = await signedIn(portal, 'congdan', { viewport: PHONE });
    const tracking = watchPage(citizen.page);
    await typedBeforeApp(citizen.page, '/tra-cuu', () => citizen.page.getByRole('textbox', { name: 'Mã hồ sơ' }).fill(' hs-7k3m9q2xab '));
    await citizen.page.getByTestId('signed-in-user').waitFor();
    expect(await citizen.page.getByRole('textbox', { name: 'Mã hồ sơ' }).inputValue()).toBe(' hs-7k3m9q2xab ');
    await citizen.page.getByRole('button', { name: 'Tra cứu' }).click();
    await citizen.page.getByRole('alert').filter({ hasText: 'Không tìm thấy hồ sơ có mã HS-7K3M9Q2XAB.' }).waitFor();
    expect(tracking.errors).toEqual([]);
    await citizen.context.close();

    // English chosen on this device (not told to the server): Vietnamese markup, the English form rendered afresh.
    const context = await portal.browser.newContext({ viewport: PHONE, locale: 'en-GB' });
    await context.addInitScript(() => localStorage.setItem('motcua.lang', 'en'));
    const page = await context.newPage();
    const signIn = watchPage(page);
    await typedBeforeApp(page, '/dang-nhap', async () => {
      await page.getByRole('textbox', { name: 'Tên đăng nhập' }).fill('congdan');
      await page.getByRole('textbox', { name: 'Mật khẩu', exact: true }).fill(DEMO_PASSWORD);
    });
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Username' }).inputValue()).toBe('congdan');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByTestId('signed-in-user').waitFor();
    expect(signIn.errors).toEqual([]);
    await context.close();
  });

  it('names the page in the visitor’s language before the app runs: an English visitor’s <title> and description are English', async () => {
    const description = (page: Page) => page.locator('meta[name="description"]').getAttribute('content');
    // The motcua_lang cookie chose English; no script runs (the title was the Vietnamese site name until the app ran).
    const context = await portal.browser.newContext({ viewport: PHONE, locale: 'en-GB', javaScriptEnabled: false });
    await context.addCookies([{ name: 'motcua_lang', value: 'en', url: portal.baseUrl }]);
    const page = await context.newPage();
    // a page the build prerendered, one the server renders per request, the procedure sheet (rendered with its data), any other
    for (const path of ['/dang-nhap', '/', `/dang-nhap?next=${encodeURIComponent('/ho-so-cua-toi')}`, '/ho-so-cua-toi']) {
      await page.goto(`${portal.baseUrl}${path}`);
      expect(await page.title(), path).toBe('Một Cửa Public Service Portal');
      expect(await page.evaluate(() => document.documentElement.lang), path).toBe('en');
      // and described in English (what a search engine or a shared link shows; it was the Vietnamese text)
      expect(await description(page), path).toBe(EN_DESCRIPTION);
    }
    await page.goto(`${portal.baseUrl}/thu-tuc/2.000635`);
    expect(await page.title()).toMatch(/^.+ \| Một Cửa Public Service Portal$/);
    expect(await description(page)).toBe(EN_DESCRIPTION);
    await context.close();
    // Vietnamese stays Vietnamese
    const vi = await (await portal.browser.newContext({ javaScriptEnabled: false })).newPage();
    for (const path of ['/dang-nhap', `/dang-nhap?next=${encodeURIComponent('/ho-so-cua-toi')}`, '/ho-so-cua-toi', '/thu-tuc/2.000635']) {
      await vi.goto(`${portal.baseUrl}${path}`);
      if (!path.startsWith('/thu-tuc')) expect(await vi.title(), path).toBe('Cổng dịch vụ công Một Cửa');
      expect(await description(vi), path).toBe(VI_DESCRIPTION);
    }
    await vi.context().close();
  });

  it('renders the procedure sheet for each request with its data, adopted as it is; an unknown code gets the app', async () => {
    const context = await portal.browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
    await context.addInitScript(BEFORE_APP);
    const page = await context.newPage();
    const { errors } = watchPage(page);
    const raw = await context.request.get(`${portal.baseUrl}/thu-tuc/2.000635`);
    const html = await raw.text();
    expect(html).toContain('data-prerendered="/thu-tuc/2.000635"');
    expect(html).toMatch(/<h1[^>]*>Cấp bản sao trích lục hộ tịch<\/h1>/);
    expect(html).toContain('<title>Cấp bản sao trích lục hộ tịch | Cổng dịch vụ công Một Cửa</title>');
    // the answers it was rendered with, as data (never run: the policy allows no other script)
    expect(html).toMatch(/<script type="application\/json" id="motcua-data">\[\[\["procedure","2.000635"\]/);
    expect(raw.headers()['content-security-policy']).toContain("script-src 'self'");

    await page.goto(`${portal.baseUrl}/thu-tuc/2.000635`);
    await page.waitForFunction(hydrated, 'h1');
    const same = await page.evaluate(() => {
      const w = window as unknown as { __h1: Element | null };
      return w.__h1 !== null && w.__h1 === document.querySelector('h1') && w.__h1.isConnected;
    });
    expect(same, 'the heading of the HTML is the one React runs').toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __shifts: number }).__shifts)).toBe(0);
    // It works as the app: "Nộp trực tuyến" leads to sign-in.
    await page.getByRole('link', { name: 'Nộp trực tuyến' }).click();
    await page.waitForURL(/\/dang-nhap\?next=/);

    // A code no procedure has: the app's own page, which says so.
    const unknown = await (await context.request.get(`${portal.baseUrl}/thu-tuc/9.999999`)).text();
    expect(unknown).not.toContain('data-prerendered');
    await page.goto(`${portal.baseUrl}/thu-tuc/9.999999`);
    await page.getByRole('heading', { level: 1, name: 'Không tìm thấy trang' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('renders the first screen of the submission form for the signed-in citizen, adopted as it is, then builds the form; signed out, the app asks to sign in', async () => {
    const citizen = await signedIn(portal, 'congdan', { viewport: PHONE });
    await citizen.context.addInitScript(BEFORE_APP);
    const { page } = citizen;
    const { errors } = watchPage(page);
    const raw = await citizen.request.get(`${portal.baseUrl}/nop-ho-so/1.004873`);
    const html = await raw.text();
    expect(html).toContain('data-prerendered="/nop-ho-so/1.004873"');
    // the heading and the procedure (the largest text, painted with the HTML), the citizen's header
    expect(html).toMatch(/<h1[^>]*>Nộp hồ sơ trực tuyến<\/h1>/);
    expect(html).toContain('Cấp Giấy xác nhận tình trạng hôn nhân');
    expect(html).toContain('data-testid="signed-in-user"');
    // the form is not: it holds the draft kept in the browser
    expect(html).not.toContain('id="applicant-phone"');
    expect(html).toMatch(/<script type="application\/json" id="motcua-data">\[\[\["me"\]/);
    // it names the visitor: no cache keeps it
    expect(raw.headers()['cache-control']).toBe('private, no-store');

    await page.goto(`${portal.baseUrl}/nop-ho-so/1.004873`);
    await page.waitForFunction(hydrated, 'h1');
    const same = await page.evaluate(() => {
      const w = window as unknown as { __h1: Element | null };
      return w.__h1 !== null && w.__h1 === document.querySelector('h1') && w.__h1.isConnected;
    });
    expect(errors).toEqual([]);
    expect(same, 'the heading of the HTML is the one React runs').toBe(true);
    // then the form, prefilled from the account as ever
    await page.locator('#applicant-phone').waitFor();
    expect(await page.locator('#applicant-fullName').inputValue()).not.toBe('');
    // the form came below the heading: the same element still (nothing of the first screen drawn again)
    expect(await page.evaluate(() => (window as unknown as { __h1: Element | null }).__h1 === document.querySelector('h1'))).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __shifts: number }).__shifts)).toBeLessThan(0.01);
    expect(errors).toEqual([]);
    await citizen.context.close();

    // Signed out: the page as before (no one's data), and the app sends the visitor to sign in.
    const context = await portal.browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
    const anonymous = await context.newPage();
    const signedOut = await (await context.request.get(`${portal.baseUrl}/nop-ho-so/1.004873`)).text();
    expect(signedOut).not.toContain('data-prerendered');
    expect(signedOut).not.toContain('id="motcua-data"');
    await anonymous.goto(`${portal.baseUrl}/nop-ho-so/1.004873`);
    await anonymous.waitForURL(/\/dang-nhap\?next=/);
    await context.close();
  });
});
