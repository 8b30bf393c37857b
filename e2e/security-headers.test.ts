import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Portal, signedIn, startPortal, watchPage } from './harness.ts';

/**
 * Issue 13, D11: the Content-Security-Policy (hashed inline scripts only) leaves the web app
 * working — the citizen pages, sign-in and the officer workspace load with no CSP violation
 * and no console error.
 */
let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(() => portal?.close());

describe('CSP in the browser', () => {
  it('loads the public pages and the workspace without a CSP violation', async () => {
    const context = await portal.browser.newContext({ locale: 'vi-VN' });
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    const { errors } = watchPage(page);
    const res = await page.goto(`${portal.baseUrl}/`);
    expect(res?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.goto(`${portal.baseUrl}/dang-nhap`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.goto(`${portal.baseUrl}/tra-cuu/KHONG-CO-260309-0001`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await context.close();

    const officer = await signedIn(portal, 'motcua.hoankiem');
    officer.page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    await officer.page.goto(`${portal.baseUrl}/can-bo`);
    await officer.page.getByRole('heading', { level: 1 }).first().waitFor();
    await officer.context.close();
    expect(violations).toEqual([]);
    expect(errors.filter((e) => !/40[14]/.test(e))).toEqual([]);
  });
});
