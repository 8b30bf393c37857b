import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, type Portal, screenshot, signedIn, startPortal, watchPage } from './harness.ts';

/**
 * Issue 16 (and 18 item 4, 19 item 5) in the browser: the command center's tasks tile and
 * post-control tile, for Hà Nội's provincial leader, at 1366 and 1024 px. The tasks tile counts
 * the tasks assigned from a conclusion to Hà Nội's agencies (not Hồ Chí Minh City's), each figure
 * opens its tasks with the way to the follow-up board; the post-control tile shows the inspection
 * module's figures for the province and leads to /hau-kiem. axe-clean, no page wider than the
 * window; at 768 px (portrait tablet) the 766 table fits and tiles that open a list stand out;
 * screenshots `command-center-tiles-1366.png`, `-1024.png`, `-overdue-tasks.png`, `command-center-index-768.png`.
 */
let portal: Portal;
let hanoiAgency: { code: string; name: string };
const localDay = (offsetDays: number) => new Date(Date.now() + 7 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  portal = await startPortal();
  const db = portal.system!.ctx.db;
  [hanoiAgency] = await db.query<{ code: string; name: string }>(`SELECT code, name FROM agencies WHERE province_code = '01' AND level = 'tinh' ORDER BY code LIMIT 1`);
  const [{ code: hcmAgency }] = await db.query<{ code: string }>(`SELECT code FROM agencies WHERE province_code = '79' ORDER BY code LIMIT 1`);
  const [{ code: body }] = await db.query<{ code: string }>('SELECT code FROM cabinet_bodies ORDER BY code LIMIT 1');
  await db.query(
    `INSERT INTO cabinet_conclusions (id, body_code, number, year, seq, kind, source_type, source_id, title, text, file_id, sha256, issued_by, issued_at)
     VALUES ('kl-e2e-tiles', $1, '98/TB-UBND', 2026, 98, 'conclusion', 'meeting', 'e2e-tiles', 'Kết luận giao ban cải cách hành chính', 'Nội dung', 'f', 'x', 'u', now())`,
    [body],
  );
  const task = (id: string, title: string, agency: string, due: string, status = 'assigned') =>
    db.query(
      `INSERT INTO cabinet_tasks (id, body_code, conclusion_id, title, assignee_agency_code, due_date, status, created_at)
       VALUES ($1, $2, 'kl-e2e-tiles', $3, $4, $5, $6, now())`,
      [id, body, title, agency, due, status],
    );
  await task('e2e-overdue', 'Rà soát hồ sơ trễ hạn quý IV', hanoiAgency.code, localDay(-3));
  await task('e2e-soon', 'Công khai thủ tục mới', hanoiAgency.code, localDay(3), 'in_progress');
  await task('e2e-later', 'Số hóa kết quả giải quyết', hanoiAgency.code, localDay(30));
  await task('e2e-done', 'Báo cáo tháng', hanoiAgency.code, localDay(-10), 'done');
  await task('e2e-hcm', 'Nhiệm vụ của Thành phố Hồ Chí Minh', hcmAgency, localDay(-3));
}, 300_000);
afterAll(async () => {
  await portal?.close();
});

describe('command center: tasks and post-control tiles', () => {
  it('counts, lists and links the tasks and the post-control figures of the province, at 1366 and 1024 px', async () => {
    const { context, page, request } = await signedIn(portal, 'lanhdao.hanoi', { viewport: { width: 1366, height: 900 } });
    const watch = watchPage(page);
    await page.goto(`${portal.baseUrl}/chi-dao-dieu-hanh`);
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Trung tâm chỉ đạo điều hành' }).count(), { timeout: 60_000 }).toBe(1);
    const tasks = page.getByTestId('tasks-tile');
    await expect.poll(() => tasks.getByRole('heading', { name: 'Nhiệm vụ được giao từ kết luận' }).count(), { timeout: 60_000 }).toBe(1);
    // open = not done (3, Hồ Chí Minh City's not counted); due within 7 days: 1; overdue: 1
    await expect.poll(() => page.getByTestId('tasks-open').textContent(), { timeout: 60_000 }).toBe('3');
    expect(await page.getByTestId('tasks-due-soon').textContent()).toBe('1');
    expect(await page.getByTestId('tasks-overdue').textContent()).toBe('1');

    // the post-control tile shows the inspection module's figures for Hà Nội over the page's period
    const center = await (await request.get(`${portal.baseUrl}/api/v1/indicators/command-center?unit=01`)).json();
    const figures = await (await request.get(`${portal.baseUrl}/api/v1/inspection/figures?province=01&from=${center.from}&to=${center.to}`)).json();
    const postControl = page.getByTestId('post-control-tile');
    await expect.poll(() => postControl.getByRole('heading', { name: 'Hậu kiểm' }).count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('pc-declarations').textContent(), { timeout: 60_000 }).toBe(String(figures.declarations));
    // counts as Vietnamese write them (2.853), and '—' rather than 0 % for a share of nothing
    const vi = new Intl.NumberFormat('vi-VN');
    expect(await postControl.getByText(`${vi.format(figures.proceduresUnderPostControl)}/${vi.format(figures.proceduresInForce)} thủ tục đang có hiệu lực`).count()).toBe(1);
    const share = (await page.getByTestId('pc-share').textContent()) ?? '';
    if (!figures.proceduresInForce) expect(share).toBe('—');
    else expect(share.replace(/\s/g, '')).toBe(`${String(Math.round(figures.postControlShare * 1000) / 10).replace('.', ',')}%`);
    // the note under the inspected share counts the inspected declarations and says so (it read "0 hồ sơ", as if there were none)
    expect(await postControl.getByText(`${vi.format(figures.inspected)} hồ sơ đã kiểm tra`, { exact: true }).count()).toBe(1);
    const inspected = (await page.getByTestId('pc-inspected').textContent()) ?? '';
    if (!figures.declarations) expect(inspected).toBe('—');
    else expect(inspected).toMatch(/%$/);
    if (!figures.concluded) expect(await page.getByTestId('pc-violations').textContent()).toBe('—');

    for (const width of [1366, 1024]) {
      await page.setViewportSize({ width, height: 900 });
      await expect.poll(() => tasks.isVisible(), { timeout: 30_000 }).toBe(true);
      // nothing pushes the page sideways, and each tile figure is inside its tile (polled: the
      // chart follows the new width on its next resize callback)
      await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), { timeout: 30_000 }).toBeLessThanOrEqual(0);
      for (const id of ['tasks-open', 'tasks-overdue', 'pc-share', 'pc-days']) {
        const inside = () =>
          page.getByTestId(id).evaluate((el) => {
            const card = el.closest('.cc-tile-card')!.getBoundingClientRect();
            const r = el.getBoundingClientRect();
            return r.left >= card.left - 1 && r.right <= card.right + 1;
          });
        await expect.poll(inside, { timeout: 30_000, message: `${id} at ${width} px` }).toBe(true);
      }
      await tasks.scrollIntoViewIfNeeded();
      await screenshot(page, `command-center-tiles-${width}`);
      expect(await axeViolations(page)).toEqual([]);
    }

    // a portrait tablet (768 × 1024): the period says what it is, the 766 index table fits without
    // sideways scrolling, and a tile that opens a list looks different from a plain figure
    await page.setViewportSize({ width: 768, height: 1024 });
    expect(await page.getByRole('combobox', { name: 'Kỳ báo cáo' }).count()).toBe(1);
    const index766 = page.getByTestId('index766-table');
    await expect.poll(() => index766.locator('tbody tr').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    const fits = () => index766.evaluate((el) => el.querySelector('table')!.getBoundingClientRect().width <= el.getBoundingClientRect().width + 1);
    await expect.poll(fits, { timeout: 30_000 }).toBe(true);
    const look = (id: string) =>
      page.getByTestId(id).evaluate((el) => {
        const card = getComputedStyle(el.closest('.cc-tile-card')!);
        return `${card.backgroundColor} ${card.borderLeftWidth} ${card.borderLeftColor}`;
      });
    expect(await look('tasks-open')).toBe(await look('tile-received-today')); // both open a list
    expect(await look('tasks-open')).not.toBe(await look('pc-declarations')); // a plain figure
    expect(await look('tile-received-today')).not.toBe(await look('tile-online'));
    await index766.scrollIntoViewIfNeeded();
    await screenshot(page, 'command-center-index-768');
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1024, height: 900 });

    // a figure opens its tasks: the overdue one, marked, with its conclusion and agency
    await tasks.getByRole('button', { name: /Quá hạn/ }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByTestId('task-list').count(), { timeout: 60_000 }).toBe(1);
    const rows = dialog.getByTestId('task-list').locator('tbody tr');
    expect(await rows.count()).toBe(1);
    const row = (await rows.first().textContent()) ?? '';
    expect(row).toContain('Rà soát hồ sơ trễ hạn quý IV');
    expect(row).toContain('98/TB-UBND');
    expect(row).toContain(hanoiAgency.name);
    expect(row).toContain('quá hạn');
    expect(await dialog.getByText('Nhiệm vụ của Thành phố Hồ Chí Minh').count()).toBe(0);
    await screenshot(page, 'command-center-tiles-overdue-tasks');
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count(), { timeout: 30_000 }).toBe(0);

    // all open ones, then the way to the follow-up board
    await tasks.getByRole('button', { name: /Đang thực hiện/ }).click();
    await expect.poll(() => page.getByRole('dialog').getByTestId('task-list').locator('tbody tr').count(), { timeout: 60_000 }).toBe(3);
    expect(await page.getByRole('dialog').getByText('Báo cáo tháng').count()).toBe(0); // done: not open
    await page.getByRole('dialog').getByRole('link', { name: 'Mở bảng theo dõi nhiệm vụ' }).click();
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 30_000 }).toBe('/hop/nhiem-vu');

    // the post-control tile's link
    await page.goto(`${portal.baseUrl}/chi-dao-dieu-hanh`);
    await page.getByTestId('post-control-tile').getByRole('link', { name: 'Mở trang hậu kiểm' }).click();
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 30_000 }).toBe('/hau-kiem');
    expect(watch.errors).toEqual([]);
    await context.close();
  }, 400_000);
});
