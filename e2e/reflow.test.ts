import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, type Portal, logIn, startPortal, watchPage } from './harness.ts';

/**
 * WCAG 2.1 AA 1.4.10 (reflow): at 320 CSS px — a small phone, or a desk screen zoomed to 400 % —
 * every role's main screens read without scrolling sideways. A wide table scrolls inside its own
 * box and a long button label wraps; the page itself never gets wider than the screen. axe-core
 * checks each screen at that width too (a scrolling box must take the keyboard focus, for one).
 */
const NARROW = { width: 320, height: 640 };

const SCREENS: Record<string, string[]> = {
  '': ['/', '/thu-tuc/1.001193', '/tra-cuu', '/phan-anh-kien-nghi', '/dang-nhap', '/linh-vuc', '/co-quan'],
  congdan: ['/ho-so-cua-toi', '/nop-ho-so/1.001193'],
  'motcua.hoankiem': ['/can-bo', '/can-bo/tiep-nhan', '/can-bo/so-theo-doi', '/can-bo/lich-hen'],
  'lanhdao.hoankiem': ['/can-bo/tong-quan'],
  'lanhdao.hanoi': ['/chi-dao-dieu-hanh', '/bao-cao'],
  admin: ['/quan-tri'],
};

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.close();
});

/** How far the page reaches past the screen's right edge, once its headings and data are in. */
async function overflow(page: Page, path: string): Promise<number> {
  await page.goto(`${portal.baseUrl}${path}`);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await expect.poll(() => page.getByText('Đang tải…').count(), { timeout: 30_000 }).toBe(0);
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

describe('reflow at 320 px (WCAG 1.4.10)', () => {
  it('no screen of a citizen, an officer, a leader or an administrator scrolls sideways, and axe finds nothing at that width', async () => {
    const wide: string[] = [];
    for (const [username, paths] of Object.entries(SCREENS)) {
      const context = await portal.browser.newContext({ viewport: NARROW, locale: 'vi-VN' });
      if (username) await logIn(portal, context.request, username);
      const page = await context.newPage();
      const watch = watchPage(page);
      for (const path of paths) {
        const past = await overflow(page, path);
        if (past > 0) wide.push(`${username || 'visitor'} ${path}: ${past} px too wide`);
        for (const v of await axeViolations(page)) wide.push(`${username || 'visitor'} ${path}: ${v}`);
      }
      expect(watch.errors).toEqual([]);
      await context.close();
    }
    expect(wide).toEqual([]);
  }, 240_000);
});
