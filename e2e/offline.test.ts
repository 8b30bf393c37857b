import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdf } from '../src/modules/files/test-samples.ts';
import { axeViolations, fileControl, PHONE, type Portal, screenshot, signedIn, startPortal } from './harness.ts';

/** Issue 12 item 5: no white screens, and a lost connection is said and survived. */

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.close();
});

describe('a phone that loses its connection', () => {
  it('retries a lost page chunk once by itself; when it stays lost, keeps the header and offers "Tải lại", which works once the chunk comes back', async () => {
    const { context, page } = await signedIn(portal, 'congdan', { viewport: PHONE });
    await page.goto(`${portal.baseUrl}/`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();

    // One aborted request for the tracking page's chunk: the retry fetches it again, the reader sees nothing of it.
    const trackingChunk: string[] = [];
    await page.route(/\/assets\/tracking-page-[\w-]+\.js/, async (route) => {
      trackingChunk.push(route.request().url());
      if (trackingChunk.length === 1) await route.abort('connectionreset');
      else await route.continue();
    });
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Tra cứu hồ sơ' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tra cứu hồ sơ' }).waitFor();
    // Since the prerendering the chunk is often preloaded before this route is set, so the count of
    // requests seen here (0, 1 or 2) says nothing; what the reader sees is checked: the page, no error.
    expect(await page.getByTestId('page-error').count()).toBe(0);

    // The chunk of "Hồ sơ của tôi" cannot be had at all: a message in Vietnamese, the header stays.
    let blocked = true;
    await page.route(/\/assets\/my-dossiers-page-[\w-]+\.js/, (route) => (blocked ? route.abort('connectionreset') : route.continue()));
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Hồ sơ của tôi' }).click();
    await page.getByRole('heading', { level: 1, name: 'Không mở được trang' }).waitFor();
    await page.getByText('Không tải được trang này, có thể do đường truyền bị gián đoạn.', { exact: false }).waitFor();
    await page.getByRole('banner').getByRole('link', { name: 'Cổng dịch vụ công Một Cửa' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'offline-page-failed-360');

    blocked = false;
    await page.getByRole('button', { name: 'Tải lại' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hồ sơ của tôi' }).waitFor();
    // Another page still opens (the boundary is per page, not a dead app).
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Trang chủ' }).click();
    await page.getByRole('searchbox').waitFor();
    await context.close();
  });

  it('goes offline mid-submission: a banner, the upload waits and resumes by itself, "Nộp hồ sơ" says offline at once, and sends once back online', async () => {
    const { context, page } = await signedIn(portal, 'congdan', { viewport: PHONE });
    await page.goto(`${portal.baseUrl}/nop-ho-so/1.004873`);
    await page.getByRole('heading', { level: 1, name: 'Nộp hồ sơ trực tuyến' }).waitFor();
    await page.getByRole('textbox', { name: 'Số điện thoại' }).fill('0912 345 678');
    const province = page.getByRole('combobox', { name: 'Tỉnh, thành phố', exact: true });
    await expect.poll(() => province.isEnabled()).toBe(true);
    await province.selectOption({ label: 'Thành phố Hà Nội' }).catch(() => province.selectOption({ label: 'Hà Nội' }));
    const commune = page.getByRole('combobox', { name: 'Xã, phường, đặc khu', exact: true });
    await expect.poll(() => commune.isEnabled()).toBe(true);
    await commune.selectOption({ label: 'Phường Hoàn Kiếm' });
    await page.getByRole('radio', { name: /Ủy ban nhân dân.*Hoàn Kiếm/ }).check();
    await page.getByRole('textbox', { name: 'Địa chỉ cụ thể' }).fill('12 phố Hàng Bạc');

    // A 1.3 MB scan (three 512 KB chunks); the connection goes on the second chunk.
    const head = pdf('mat-mang-giua-chung');
    const scan = Buffer.concat([head, Buffer.alloc(1_300_000 - head.length, 0x20)]);
    const sent: { method: string; offset?: string }[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/v1/uploads')) sent.push({ method: r.method(), offset: r.headers()['upload-offset'] });
    });
    let patches = 0;
    await page.route('**/api/v1/uploads/*', async (route) => {
      if (route.request().method() === 'PATCH' && ++patches === 2) {
        await context.setOffline(true);
        await route.abort('internetdisconnected');
        return;
      }
      await route.continue();
    });
    await fileControl(page, 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân').setInputFiles({ name: 'to-khai.pdf', mimeType: 'application/pdf', buffer: scan });
    await page.getByTestId('offline-banner').waitFor();
    await page.getByTestId('upload-waiting-TP1').waitFor();
    expect(await page.getByTestId('offline-banner').textContent()).toContain('Mất kết nối mạng');
    await screenshot(page, 'offline-upload-waiting-360');
    await context.setOffline(false);
    await page.getByTestId('attached-TP1').filter({ hasText: 'Đã tải lên: to-khai.pdf' }).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('offline-banner').count()).toBe(0);
    // Resumed, not restarted: one upload created, and after the break it went on from the server's offset.
    expect(sent.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(sent.filter((r) => r.method === 'PATCH' && r.offset === '0')).toHaveLength(1);

    await page.getByRole('button', { name: 'Tiếp tục: kiểm tra lại' }).click();
    await page.getByRole('heading', { name: 'Kiểm tra lại thông tin' }).waitFor();

    // Offline at the moment of sending: said at once, nothing sent, nothing spinning.
    let posted = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/dossiers') posted++;
    });
    await context.setOffline(true);
    await page.getByTestId('offline-banner').waitFor();
    const send = page.getByRole('button', { name: 'Nộp hồ sơ' });
    await send.click();
    await page.getByTestId('submit-offline').filter({ hasText: 'Thiết bị đang mất kết nối mạng nên chưa gửi được hồ sơ.' }).waitFor();
    expect(await send.getAttribute('data-loading')).toBeNull();
    expect(posted).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'offline-submit-360');

    await context.setOffline(false);
    await page.getByTestId('offline-banner').waitFor({ state: 'detached' });
    await send.click();
    await page.waitForURL(/\/ho-so-cua-toi\/[^/]+\?vua-nop=1$/);
    await expect.poll(() => page.getByTestId('submission-reference').textContent()).toMatch(/^HS-[0-9A-Z]{10}$/);
    expect(posted).toBe(1);
    await context.close();
  });

  it('never sends a signed-in user to sign in because "who is signed in?" got no answer: asked again, then "Thử lại"', async () => {
    const { context, page } = await signedIn(portal, 'congdan', { viewport: PHONE });
    // Two answers lost (the page's early request and the app's first): the third gets through.
    let asked = 0;
    await page.route('**/api/v1/me', async (route) => {
      asked += 1;
      if (asked <= 2) await route.abort('connectionreset');
      else await route.continue();
    });
    await page.goto(`${portal.baseUrl}/ho-so-cua-toi`);
    await page.getByRole('heading', { level: 1, name: 'Hồ sơ của tôi' }).waitFor();
    expect(asked).toBeGreaterThanOrEqual(3);

    // Lost for good: "could not load" and "Thử lại", not the sign-in page; it works once back.
    await page.unroute('**/api/v1/me');
    let lost = true;
    await page.route('**/api/v1/me', (route) => (lost ? route.abort('connectionreset') : route.continue()));
    await page.goto(`${portal.baseUrl}/ho-so-cua-toi`);
    await page.getByRole('alert').filter({ hasText: 'Không tải được dữ liệu' }).waitFor();
    expect(page.url()).not.toContain('/dang-nhap');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'me-lost-360');
    lost = false;
    await page.getByRole('button', { name: 'Thử lại' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hồ sơ của tôi' }).waitFor();
    await context.close();

    // The same at the desk: the workspace says it could not load, not "sign in first".
    const desk = await signedIn(portal, 'motcua.hoankiem');
    await desk.page.route('**/api/v1/me', (route) => route.abort('connectionreset'));
    await desk.page.goto(`${portal.baseUrl}/can-bo`);
    await desk.page.getByRole('alert').filter({ hasText: 'Không tải được dữ liệu' }).waitFor();
    expect(await desk.page.getByText('Vui lòng đăng nhập bằng tài khoản cán bộ').count()).toBe(0);
    await desk.page.unroute('**/api/v1/me');
    await desk.page.getByRole('button', { name: 'Thử lại' }).click();
    await desk.page.getByRole('button', { name: 'Lọc', exact: true }).waitFor();
    await desk.context.close();
  });
});
