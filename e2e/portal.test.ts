import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, type Portal, screenshot, startPortal, watchPage } from './harness.ts';

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.close();
});

describe('citizen journey on a 360 px phone', () => {
  it('searches without diacritics, reads a procedure, picks where to submit, switches to English', async () => {
    const context = await portal.browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
    const page = await context.newPage();
    const watch = watchPage(page);

    await page.goto(portal.baseUrl + '/');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('vi');
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.title()).toBe('Cổng dịch vụ công Một Cửa');
    // With no query the home page lists procedures.
    await page.getByRole('link', { name: 'Đăng ký khai sinh', exact: true }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'home-360');

    const search = page.getByRole('searchbox', { name: 'Tìm kiếm thủ tục hành chính' });
    await search.fill('dang ky khai sinh');
    await search.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('dang ky khai sinh');
    const result = page.getByRole('link', { name: 'Đăng ký khai sinh', exact: true });
    await result.waitFor();
    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/Tìm thấy \d+ thủ tục/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'search-360');

    // A query matching nothing shows the empty state.
    await search.fill('xyzzy qwfp');
    await search.press('Enter');
    await page.getByText('Không tìm thấy thủ tục nào phù hợp với “xyzzy qwfp”.').waitFor();
    await screenshot(page, 'search-empty-360');
    await page.goBack();
    await search.fill('dang ky khai sinh');
    await search.press('Enter');

    await page.getByRole('link', { name: 'Đăng ký khai sinh', exact: true }).click();
    await page.waitForURL('**/thu-tuc/1.001193');
    await page.getByRole('heading', { level: 1, name: 'Đăng ký khai sinh' }).waitFor();
    expect(await page.title()).toBe('Đăng ký khai sinh | Cổng dịch vụ công Một Cửa');
    // Components (a list on a phone), deadline in words and the appointment preview.
    const components = page.getByRole('list', { name: 'Các giấy tờ cần nộp' });
    await components.waitFor();
    expect(await components.getByRole('listitem').count()).toBeGreaterThan(0);
    await components.getByText(/^Bản chính: \d+ · Bản sao: \d+ · (Bắt buộc|Không bắt buộc)$/).first().waitFor();
    await page.getByText('Trong ngày', { exact: true }).first().waitFor(); // the deadline, and each channel's
    await expect.poll(() => page.getByTestId('deadline-preview').textContent()).toMatch(/^Nếu nộp hôm nay, hẹn trả ngày (thứ (Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ nhật), \d{2}\/\d{2}\/\d{4}\.$/);
    await page.getByRole('heading', { name: 'Căn cứ pháp lý' }).waitFor();
    await page.getByText('Luật Hộ tịch', { exact: false }).first().waitFor();

    // Where to submit: Hà Nội → Phường Hoàn Kiếm.
    const province = page.getByRole('combobox', { name: 'Tỉnh, thành phố' });
    await expect.poll(() => province.isEnabled()).toBe(true);
    await province.selectOption({ label: 'Thành phố Hà Nội' }).catch(() => province.selectOption({ label: 'Hà Nội' }));
    const commune = page.getByRole('combobox', { name: 'Xã, phường, đặc khu' });
    await expect.poll(() => commune.isEnabled()).toBe(true);
    await commune.selectOption({ label: 'Phường Hoàn Kiếm' });
    await page.getByRole('heading', { name: 'Cơ quan tiếp nhận' }).waitFor();
    await page.getByText(/Hoàn Kiếm/).nth(1).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'procedure-360');

    // English: UI strings change, <html lang> follows, the choice survives a reload.
    await page.getByRole('button', { name: /^EN/ }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('heading', { name: 'Required documents' }).waitFor();
    await page.getByRole('heading', { name: 'Where to submit' }).waitFor();
    await page.getByRole('link', { name: 'Home', exact: true }).first().waitFor();
    expect(await page.getByRole('button', { name: /^EN/ }).getAttribute('aria-pressed')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'procedure-360-en');
    await page.reload();
    await page.getByRole('heading', { name: 'Legal basis' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    // On a wider screen the components are a table with column headers.
    await page.setViewportSize({ width: 1024, height: 800 });
    const table = page.getByRole('table');
    await table.getByRole('columnheader', { name: 'Document' }).waitFor();
    expect(await table.getByRole('row').count()).toBeGreaterThan(1);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'procedure-1024-en');

    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('finds today’s ward from the old one named on a citizen’s papers, typed without diacritics', async () => {
    const context = await portal.browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
    const page = await context.newPage();
    const watch = watchPage(page);
    await page.goto(portal.baseUrl + '/');
    await page.getByRole('contentinfo').getByRole('link', { name: 'Xã, phường mới sau sắp xếp' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tra cứu xã, phường mới theo tên cũ' }).waitFor();
    await page.getByRole('searchbox', { name: /^Tên xã, phường, thị trấn cũ/ }).fill('phuong hang bac');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    const first = page.getByRole('listitem').first();
    await first.getByText('Phường Hàng Bạc (Thành phố Hà Nội)').waitFor();
    await first.getByText('Nay thuộc Phường Hoàn Kiếm, Thành phố Hà Nội').waitFor();
    expect(page.url()).toContain('ten=phuong+hang+bac');
    await page.getByRole('searchbox', { name: /^Tên xã, phường, thị trấn cũ/ }).fill('xyzw qqq');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.getByText('Không tìm thấy đơn vị cũ nào tên “xyzw qqq”.').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(360);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'legacy-units-360');
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('shows a 404 page for unknown paths and unknown procedure codes, and a skip link first', async () => {
    const context = await portal.browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(portal.baseUrl + '/khong-ton-tai');
    await page.getByRole('heading', { level: 1, name: 'Không tìm thấy trang' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'not-found-360');

    // The first Tab lands on the skip link, which moves focus to <main>.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Bỏ qua, đến nội dung chính');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('noi-dung-chinh');

    await page.goto(portal.baseUrl + '/thu-tuc/9.999999');
    await page.getByText('Không tìm thấy thủ tục có mã 9.999999.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('shows the page while the server is slow to say who is signed in, then the account links', async () => {
    const context = await portal.browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
    const login = await context.request.post(`${portal.baseUrl}/api/v1/auth/login`, { data: { username: 'congdan', password: 'MotCua@2026' } });
    expect(login.status()).toBe(200);
    const page = await context.newPage();
    // Who is signed in is held back until the page has shown its content.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let asked = 0;
    await page.route('**/api/v1/me', async (route) => {
      asked++;
      await held;
      await route.continue();
    });
    await page.goto(`${portal.baseUrl}/tra-cuu`);
    await page.getByRole('heading', { level: 1, name: 'Tra cứu hồ sơ' }).waitFor();
    // (the page comes prerendered: its heading may show before the request has gone out)
    await expect.poll(() => asked).toBeGreaterThan(0);
    expect(await page.getByRole('link', { name: 'Hồ sơ của tôi' }).count()).toBe(0);
    release();
    await page.getByRole('link', { name: 'Hồ sơ của tôi' }).waitFor();
    await context.close();
  });
});
