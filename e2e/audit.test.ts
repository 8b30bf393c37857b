import fs from 'node:fs';
import type { APIRequestContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, logIn, PHONE, type Portal, screenshot, signedIn, startPortal, tinyPdf, watchPage } from './harness.ts';

/**
 * Nhật ký kiểm toán (/kiem-toan): the auditor of Phường Hoàn Kiếm (kiemtoan.hoankiem) finds what
 * was done to a dossier and who read it, checks the dossier's chain against a signed checkpoint,
 * downloads the rows as CSV, on a laptop and on a phone; the auditor of Hà Nội (kiemtoan.hanoi) reads
 * the province; an officer without the role is told so.
 */
let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.close();
});

async function api(username: string): Promise<APIRequestContext> {
  const context = await portal.browser.newContext();
  await logIn(portal, context.request, username);
  return context.request;
}

/** A walk-in dossier received at the Hoàn Kiếm desk and opened once there; its code. */
async function receivedAndRead(desk: APIRequestContext): Promise<string> {
  const base = portal.baseUrl;
  const agency = (await (await desk.get(`${base}/api/v1/agencies?adminUnitCode=00070&kind=people_committee`)).json()).items[0].code;
  const procedure = await (await desk.get(`${base}/api/v1/procedures/1.004873`)).json();
  const documents: { componentCode: string; fileId: string }[] = [];
  for (const c of (procedure.components as { code: string; required: boolean }[]).filter((x) => x.required)) {
    const up = await desk.post(`${base}/api/v1/files`, { multipart: { file: { name: 'to-khai.pdf', mimeType: 'application/pdf', buffer: tinyPdf(70 + documents.length) } } });
    documents.push({ componentCode: c.code, fileId: (await up.json()).fileId });
  }
  const applicant = { fullName: 'Đặng Thị Thu Hằng', idNumber: '001190054321', phone: '0987654321', address: { communeCode: '00070', detail: 'Số 5 phố Lý Thái Tổ' } };
  const filed = await desk.post(`${base}/api/v1/dossiers`, { data: { procedureCode: '1.004873', receivingAgency: agency, channel: 'direct', applicant, fields: {}, documents } });
  expect(filed.status(), await filed.text()).toBe(201);
  const id = (await filed.json()).id;
  const received = await desk.post(`${base}/api/v1/dossiers/${id}/actions`, { data: { action: 'receive' } });
  expect(received.status(), await received.text()).toBe(200);
  expect((await desk.get(`${base}/api/v1/dossiers/${id}`)).status()).toBe(200);
  return (await received.json()).code;
}

describe('audit trail screen', () => {
  it("finds a dossier's trail, checks it and downloads it, then reads on a phone", { timeout: 240_000 }, async () => {
    const code = await receivedAndRead(await api('motcua.hoankiem'));
    const { context, page } = await signedIn(portal, 'kiemtoan.hoankiem');
    const watch = watchPage(page);
    await page.goto(portal.baseUrl);
    await page.getByRole('link', { name: 'Kiểm toán' }).click();
    await page.waitForURL('**/kiem-toan');
    await page.getByRole('heading', { level: 1, name: 'Nhật ký kiểm toán' }).waitFor();
    await page.getByText('Phạm vi: hồ sơ và cán bộ của Ủy ban nhân dân Phường Hoàn Kiếm.').waitFor();

    // the dossier's code, typed in lower case, and Enter
    await page.getByLabel('Mã hồ sơ').fill(code.toLowerCase());
    await page.getByLabel('Mã hồ sơ').press('Enter');
    await page.waitForURL(new RegExp(`dossierCode=${code.toLowerCase()}`));
    // the filtered trail is on the screen (its chain check is offered), not the unfiltered one the
    // page still showed while the router rendered the new address: a row opened there is replaced
    await page.getByRole('button', { name: `Kiểm tra tính toàn vẹn nhật ký của hồ sơ ${code}` }).waitFor();
    const table = page.getByTestId('audit-table');
    await table.getByRole('cell', { name: /Tiếp nhận hồ sơ/ }).waitFor();
    await table.getByRole('cell', { name: /Xem hồ sơ \(dữ liệu cá nhân\)/ }).first().waitFor();
    expect(await table.getByRole('cell', { name: /Trần Minh Anh/ }).count()).toBeGreaterThan(0);
    // what a row recorded, opened from its summary
    await table.getByRole('row', { name: /Tiếp nhận hồ sơ/ }).getByText(/\d+ trường/).click();
    await table.getByText('Trạng thái sau').waitFor();
    await table.getByText('Được tiếp nhận (RECEIVED)').waitFor();
    // the due instant in Vietnam's time, the appointment day as dd/mm/yyyy (not 2026-…T…Z)
    const reception = await table.getByRole('row', { name: /Tiếp nhận hồ sơ/ }).textContent();
    expect(reception).toMatch(/Hạn trả kết quả\s*\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/);
    expect(reception).toMatch(/Ngày hẹn trả\s*\d{2}\/\d{2}\/\d{4}/);
    expect(reception).not.toMatch(/\d{4}-\d{2}-\d{2}/);

    // the chain, against a checkpoint signed now
    expect(portal.system).not.toBeNull();
    const { writeCheckpoint } = await import('../src/platform/audit.ts');
    await writeCheckpoint(portal.system!.ctx.db, { force: true });
    await page.getByRole('button', { name: `Kiểm tra tính toàn vẹn nhật ký của hồ sơ ${code}` }).click();
    const check = page.getByTestId('audit-check');
    await check.getByText('Nhật ký nguyên vẹn').waitFor();
    await check.getByText(/bản ghi được tính lại; đối chiếu với mốc ký số số \d+/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'audit-trail-1280');

    // the same rows as CSV
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^nhat-ky-kiem-toan-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith('\uFEFFThời điểm (giờ Việt Nam),Thao tác')).toBe(true);
    expect(csv).toContain(`Tiếp nhận hồ sơ,dossier.receive,Trần Minh Anh,motcua.hoankiem`);

    // a period backwards is refused in place, nothing asked
    await page.getByLabel('Từ ngày').fill('10/03/2026');
    await page.getByLabel('Đến ngày').fill('09/03/2026');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.getByText('"Đến ngày" không được trước "Từ ngày".').waitFor();
    expect(page.url()).not.toContain('from=');

    await page.setViewportSize(PHONE);
    // the check's long button wraps inside the screen instead of being cut off
    const button = await page.getByRole('button', { name: /Kiểm tra tính toàn vẹn/ }).boundingBox();
    expect(button!.x + button!.width).toBeLessThanOrEqual(PHONE.width);
    const label = page.getByRole('button', { name: /Kiểm tra tính toàn vẹn/ }).locator('.mantine-Button-label');
    expect(await label.evaluate((l) => l.scrollWidth <= l.clientWidth)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'audit-trail-360');

    // in English the file is in English too: the link asks for the page's language (the browser's is Vietnamese)
    await page.getByRole('button', { name: 'EN – English' }).click();
    const englishLink = page.getByTestId('audit-csv').filter({ hasText: 'Download as CSV (up to 10,000 rows)' });
    const [english] = await Promise.all([page.waitForEvent('download'), englishLink.click()]);
    expect(english.suggestedFilename()).toMatch(/^audit-trail-\d{4}-\d{2}-\d{2}\.csv$/);
    const csvEn = fs.readFileSync((await english.path())!, 'utf8');
    expect(csvEn.startsWith('\uFEFFTime (Vietnam),Action,Action code')).toBe(true);
    expect(csvEn).toContain('Dossier received,dossier.receive,Trần Minh Anh,motcua.hoankiem');
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it("shows a province's auditor (kiemtoan.hanoi) its province, and a ward's dossier in it", async () => {
    const code = await receivedAndRead(await api('motcua.hoankiem'));
    const { context, page } = await signedIn(portal, 'kiemtoan.hanoi');
    await page.goto(`${portal.baseUrl}/kiem-toan?dossierCode=${code}`);
    await page.getByText('Phạm vi: hồ sơ và cán bộ của mọi cơ quan thuộc Thành phố Hà Nội.').waitFor();
    await page.getByTestId('audit-table').getByRole('cell', { name: /Tiếp nhận hồ sơ/ }).waitFor();
    // who read this person's data, on every one of their dossiers: by their identity number (CCCD)
    await page.goto(`${portal.baseUrl}/kiem-toan`);
    await page.getByLabel('Số định danh của người dân, tổ chức').fill('001190054321');
    await page.getByLabel('Số định danh của người dân, tổ chức').press('Enter');
    await page.waitForURL(/applicantId=001190054321/);
    const rows = page.getByTestId('audit-table');
    await rows.getByRole('cell', { name: code }).first().waitFor();
    await rows.getByRole('cell', { name: /Xem hồ sơ \(dữ liệu cá nhân\)/ }).first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('tells an officer without the role that the page is not theirs', async () => {
    const { context, page } = await signedIn(portal, 'motcua.hoankiem');
    await page.goto(`${portal.baseUrl}/kiem-toan`);
    await page.getByText('Trang này dành cho cán bộ kiểm toán, thanh tra nội bộ và quản trị hệ thống.').waitFor();
    expect(await page.getByRole('link', { name: 'Kiểm toán' }).count()).toBe(0);
    await context.close();
  });
});
