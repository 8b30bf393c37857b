import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, type Portal, screenshot, signedIn, startPortal } from './harness.ts';

/**
 * Which installation decides, on the report screen (issue 17): this installation serves province
 * 01; the registry knows a national node `quocgia` hosting Văn phòng Chính phủ (its announcement,
 * stored as the exchange stores any node's). The city's leader opens UBND Thành phố Hà Nội's report
 * to Văn phòng Chính phủ (regime tthc-tw): the screen says in Vietnamese that the receiving unit is
 * at another installation and that the result will come back; once signed, that it is on its way.
 * At 1024 px, axe-clean; screenshot artifacts/screenshots/reporting-elsewhere-1024.png.
 */
const VIEWPORT = { width: 1024, height: 768 };
let portal: Portal;
let city = '';

beforeAll(async () => {
  portal = await startPortal();
  const db = portal.system!.ctx.db;
  await db.query(
    `INSERT INTO exchange_nodes (node_id, role, url, provinces, agencies, announced_at) VALUES ('quocgia', 'national', 'http://127.0.0.1:9', '{}', $1::jsonb, now())
     ON CONFLICT (node_id) DO NOTHING`,
    [JSON.stringify([{ code: '000.00.00.G22', name: 'Văn phòng Chính phủ' }])],
  );
  [{ code: city }] = await db.query<{ code: string }>(`SELECT code FROM agencies WHERE kind = 'people_committee' AND admin_unit_code = '01'`);
}, 300_000);
afterAll(async () => {
  await portal?.close();
});

describe('a report whose receiving unit is at another installation', () => {
  it('says so before and after signing, and the envelope’s state', async () => {
    const { page } = await signedIn(portal, 'lanhdao.hanoi', { viewport: VIEWPORT });
    await page.goto(`${portal.baseUrl}/bao-cao?regime=tthc-tw&period=2026-11&unit=${encodeURIComponent(city)}&as=${encodeURIComponent(`leader:${city}`)}`);
    await page.getByRole('heading', { level: 2, name: /Ủy ban nhân dân Thành phố Hà Nội — Tháng 11\/2026/ }).waitFor();
    const note = page.getByTestId('report-elsewhere');
    await note.waitFor();
    expect(await note.textContent()).toContain(
      'Đơn vị nhận báo cáo (Văn phòng Chính phủ) ở hệ thống khác (nút quocgia): báo cáo sau khi ký số được gửi đến đó qua trục liên thông; kết quả tiếp nhận sẽ được gửi về khi đơn vị nhận trả lại hoặc tiếp nhận báo cáo.',
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Ký số và gửi báo cáo' }).click();
    await page.getByRole('dialog', { name: 'Ký số và gửi báo cáo?' }).getByRole('button', { name: 'Ký số và gửi', exact: true }).click();
    await page.getByTestId('report-status').getByText('Đã gửi').waitFor();
    await page.getByText('Tình trạng chuyển: đang chuyển đến hệ thống nhận.').waitFor();
    expect(await note.textContent()).toContain('Đơn vị nhận báo cáo (Văn phòng Chính phủ) ở hệ thống khác (nút quocgia); kết quả tiếp nhận sẽ được gửi về khi đơn vị nhận trả lại hoặc tiếp nhận báo cáo.');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'reporting-elsewhere-1024');
  });
});
