import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, PHONE, type Portal, screenshot, startPortal, watchPage } from './harness.ts';

/**
 * Issue 12: the public catalogue — most used procedures and browsing on the home page, the full
 * procedure sheet, in-person procedures, and the portal's information pages. Every curated
 * procedure page is read as rendered and scanned for curators' notes.
 */

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.close();
});

const CURATED = ['1.001193', '1.000894', '1.000656', '1.004873', '2.000635', '2.000815', '2.000884', '1.004222', '1.004194', '2.000200', '1.001456', '3.000333', '3.000347', '2.001583', '1.001612', '1.013225', '1.003412', 'LT.KHAITU'];
const TAG = /\[(S|R|V|\?)\]|\bArt\.\s*\d/;
const ENGLISH = /(?<![\p{L}])(the|of|and|with|where|which|from|must|should|is|are|by|for|when|if|or|per)(?![\p{L}])/giu;

describe('public catalogue (issue 12)', () => {
  it('home: most used procedures and browsing by sector and by agency', async () => {
    const context = await portal.browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
    const page = await context.newPage();
    const watch = watchPage(page);
    await page.goto(`${portal.baseUrl}/`);
    await page.getByRole('heading', { level: 2, name: 'Thủ tục được sử dụng nhiều nhất' }).waitFor();
    await page.getByRole('link', { name: 'Đăng ký khai sinh', exact: true }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'catalogue-home-360');

    await page.getByRole('link', { name: 'Thủ tục theo lĩnh vực' }).click();
    await page.waitForURL('**/linh-vuc');
    await page.getByRole('heading', { level: 1, name: 'Thủ tục theo lĩnh vực' }).waitFor();
    await page.getByRole('searchbox', { name: 'Lọc theo tên' }).fill('ho tich');
    const civil = page.getByRole('link', { name: 'Hộ tịch', exact: true });
    await civil.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'catalogue-sectors-360');
    await civil.click();
    await page.getByRole('heading', { level: 2, name: 'Lĩnh vực: Hộ tịch' }).waitFor();
    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/Tìm thấy \d+ thủ tục/);
    await page.getByRole('link', { name: 'Bỏ lọc, xem tất cả' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${portal.baseUrl}/co-quan`);
    await page.getByRole('heading', { level: 1, name: 'Thủ tục theo cơ quan thực hiện' }).waitFor();
    await page.locator('summary').getByText('Bộ Công an', { exact: true }).waitFor();
    expect(await page.getByRole('link', { name: 'Công an cấp xã', exact: true }).isVisible()).toBe(false); // groups start collapsed
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'catalogue-agencies-360');
    await page.getByRole('searchbox', { name: 'Lọc cơ quan theo tên' }).fill('cong an cap xa');
    await page.getByRole('link', { name: 'Công an cấp xã', exact: true }).first().click();
    await page.getByRole('heading', { level: 2, name: 'Cơ quan thực hiện: Công an cấp xã' }).waitFor();
    expect(watch.errors).toEqual([]);
    await context.close();
  }, 240_000);

  it('a full procedure sheet; an in-person procedure says where and how instead of offering online submission', async () => {
    const context = await portal.browser.newContext({ viewport: { width: 1024, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    const watch = watchPage(page);
    await page.goto(`${portal.baseUrl}/thu-tuc/1.004222`);
    await page.getByRole('heading', { level: 1, name: 'Đăng ký thường trú' }).waitFor();
    for (const heading of ['Trình tự thực hiện', 'Cách thức thực hiện', 'Thành phần hồ sơ', 'Phí, lệ phí', 'Yêu cầu, điều kiện thực hiện', 'Căn cứ pháp lý', 'Nơi nộp hồ sơ']) {
      await page.getByRole('heading', { level: 2, name: heading }).waitFor();
    }
    await page.getByRole('article', { name: 'Trực tuyến' }).getByText('10.000 đồng/lần đăng ký').waitFor();
    await page.getByText('Điều 20, 21, 22 Luật Cư trú số 68/2020/QH14').waitFor();
    await page.getByRole('link', { name: 'Nộp trực tuyến' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'catalogue-procedure-1024');

    // Certified copies: only at the desk.
    await page.goto(`${portal.baseUrl}/thu-tuc/2.000815`);
    await page.getByRole('heading', { level: 1, name: /^Chứng thực bản sao/ }).waitFor();
    await page.getByTestId('in-person').getByText('Nộp hồ sơ trực tiếp hoặc qua bưu chính').waitFor();
    expect(await page.getByRole('link', { name: 'Nộp trực tuyến' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Đặt lịch hẹn nộp hồ sơ' }).getAttribute('href')).toBe('/dat-lich/2.000815');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'catalogue-in-person-1024');

    // A national record without a published deadline: its published wording, and not online.
    const list = await (await page.request.get(`${portal.baseUrl}/api/v1/procedures?sector=${encodeURIComponent('Hộ tịch')}&pageSize=100`)).json();
    let unknown: string | null = null;
    for (const item of list.items as { code: string; deadline: { value: number | null; unit: string } }[]) {
      if (item.deadline.value == null && item.deadline.unit !== 'same_day') {
        unknown = item.code;
        break;
      }
    }
    if (!unknown) throw new Error('the civil-status sector has a procedure without a deadline');
    await page.goto(`${portal.baseUrl}/thu-tuc/${unknown}`);
    await page.getByTestId('in-person').getByText(/chưa công bố thời hạn giải quyết/).waitFor();
    await page.getByRole('link', { name: /Cổng Dịch vụ công quốc gia/ }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'catalogue-national-1024');
    expect(watch.errors).toEqual([]);
    await context.close();
  }, 240_000);

  it('every curated procedure page reads without curators’ notes, tags or English, and fits a 360 px phone', async () => {
    const context = await portal.browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
    const page = await context.newPage();
    const problems: string[] = [];
    for (const code of CURATED) {
      await page.goto(`${portal.baseUrl}/thu-tuc/${code}`);
      await page.getByRole('heading', { level: 2, name: 'Căn cứ pháp lý' }).waitFor();
      // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText keeps the line breaks the scan splits on
      const text = await page.locator('main').innerText();
      if (TAG.test(text)) problems.push(`${code}: tag`);
      if (/chưa xác minh/i.test(text)) problems.push(`${code}: chưa xác minh`);
      // A long name (in the breadcrumb too) wraps on a 360 px phone: the page never scrolls sideways.
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > PHONE.width) problems.push(`${code}: ${width} px wide`);
      for (const line of text.split('\n')) {
        if (new Set([...line.matchAll(ENGLISH)].map((m) => m[1].toLowerCase())).size >= 2) problems.push(`${code}: English "${line.slice(0, 80)}"`);
      }
    }
    expect(problems).toEqual([]);
    await context.close();
  }, 240_000);

  it('help, personal data protection notice and accessibility statement, linked from every page', async () => {
    const context = await portal.browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
    const page = await context.newPage();
    const watch = watchPage(page);
    await page.goto(`${portal.baseUrl}/`);
    const footer = page.getByRole('navigation', { name: 'Thông tin cổng' });
    for (const [link, heading, shot] of [
      ['Hướng dẫn và câu hỏi thường gặp', 'Hướng dẫn và câu hỏi thường gặp', 'help-360'],
      ['Chính sách bảo vệ dữ liệu cá nhân', 'Thông báo về xử lý và bảo vệ dữ liệu cá nhân', 'privacy-360'],
      ['Tuyên bố về khả năng tiếp cận', 'Tuyên bố về khả năng tiếp cận', 'accessibility-360'],
    ]) {
      await footer.getByRole('link', { name: link }).click();
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, shot);
    }
    // The privacy notice names the law in force and says what, why, on what ground, how long, who, and the rights.
    await page.goto(`${portal.baseUrl}/bao-ve-du-lieu-ca-nhan`);
    await page.getByText(/Luật Bảo vệ dữ liệu cá nhân số 91\/2025\/QH15/).first().waitFor();
    for (const heading of ['Dữ liệu cá nhân được xử lý', 'Mục đích xử lý', 'Căn cứ pháp lý', 'Thời gian lưu trữ', 'được nhận dữ liệu', 'Quyền của chủ thể dữ liệu']) {
      await page.getByRole('heading', { level: 2, name: new RegExp(heading) }).waitFor();
    }
    expect(await page.locator('main').textContent()).not.toMatch(/13\/2023\/NĐ-CP/);
    // English follows the language switch.
    await page.getByRole('button', { name: /^EN/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Personal data protection notice' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    // The favicon is served.
    expect((await page.request.get(`${portal.baseUrl}/favicon.svg`)).status()).toBe(200);
    expect(watch.errors).toEqual([]);
    await context.close();
  }, 240_000);
});
