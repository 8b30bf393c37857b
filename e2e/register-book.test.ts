import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { APIRequestContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, logIn, PHONE, type Portal, screenshot, signedIn, startPortal, tinyPdf, watchPage } from './harness.ts';

/**
 * Sổ theo dõi hồ sơ (Mẫu 06) in the officer workspace: /can-bo/so-theo-doi, reached from the
 * workspace navigation with the keyboard; any period; the PDF and the Excel file downloaded
 * (data-testid register-book-pdf / register-book-xlsx) and read back with pdftotext and exceljs.
 */
let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.close();
});

const APPLICANT = {
  fullName: 'Lê Thị Hồng Nhung',
  idNumber: '001190067890',
  phone: '0901234567',
  address: { communeCode: '00070', detail: 'Số 12 phố Hàng Khay' },
};

async function api(username: string): Promise<APIRequestContext> {
  const context = await portal.browser.newContext();
  await logIn(portal, context.request, username);
  return context.request;
}

/** A walk-in dossier received at the Hoàn Kiếm desk on the clock's day; returns its code. */
async function receiveOne(desk: APIRequestContext, agency: string, n: number): Promise<string> {
  const procedure = await (await desk.get(`${portal.baseUrl}/api/v1/procedures/1.004873`)).json();
  const documents: { componentCode: string; fileId: string }[] = [];
  for (const c of (procedure.components as { code: string; required: boolean }[]).filter((x) => x.required)) {
    const up = await desk.post(`${portal.baseUrl}/api/v1/files`, {
      multipart: { file: { name: `giay-to-${n}.pdf`, mimeType: 'application/pdf', buffer: tinyPdf(n * 10 + documents.length) } },
    });
    expect(up.status(), await up.text()).toBe(201);
    const { fileId } = (await up.json()) as { fileId: string };
    documents.push({ componentCode: c.code, fileId });
  }
  const filed = await desk.post(`${portal.baseUrl}/api/v1/dossiers`, {
    data: { procedureCode: '1.004873', receivingAgency: agency, channel: 'direct', applicant: APPLICANT, fields: {}, documents },
  });
  expect(filed.status(), await filed.text()).toBe(201);
  const received = await desk.post(`${portal.baseUrl}/api/v1/dossiers/${(await filed.json()).id}/actions`, { data: { action: 'receive' } });
  expect(received.status(), await received.text()).toBe(200);
  return (await received.json()).code;
}

describe('register book screen', () => {
  it('shows any period and downloads the PDF and the Excel book, by keyboard', { timeout: 240_000 }, async () => {
    const admin = await api('admin');
    const desk = await api('motcua.hoankiem');
    const agency = (await (await desk.get(`${portal.baseUrl}/api/v1/agencies?adminUnitCode=00070&kind=people_committee`)).json()).items[0].code;
    const codes: string[] = [];
    for (const [i, now] of ['2026-11-02T09:00:00+07:00', '2026-11-03T09:30:00+07:00'].entries()) {
      expect((await admin.put(`${portal.baseUrl}/api/v1/dev/clock`, { data: { now } })).status()).toBe(200);
      codes.push(await receiveOne(desk, agency, i + 1));
    }
    // back to the present: the session cookie's lifetime is counted on the application clock
    expect((await admin.put(`${portal.baseUrl}/api/v1/dev/clock`, { data: { now: new Date().toISOString() } })).status()).toBe(200);
    const printed = (await (await admin.get(`${portal.baseUrl}/api/v1/dev/clock`)).json()).now as string; // local ISO, +07:00
    const printedLine = `Hoàn Kiếm, ngày ${printed.slice(8, 10)} tháng ${printed.slice(5, 7)} năm ${printed.slice(0, 4)}`;

    const { context, page } = await signedIn(portal, 'motcua.hoankiem');
    const watch = watchPage(page);
    await page.goto(`${portal.baseUrl}/can-bo`);
    // from the workspace navigation with the keyboard
    const link = page.getByRole('navigation', { name: 'Khu làm việc của cán bộ' }).getByRole('link', { name: 'Sổ theo dõi hồ sơ' });
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL('**/can-bo/so-theo-doi');
    await page.getByRole('heading', { level: 1, name: 'Sổ theo dõi hồ sơ' }).waitFor();

    // a day that does not exist is flagged when leaving the field, and nothing is asked for it
    await page.getByLabel('Đến ngày').fill('31/11/2026');
    await page.getByLabel('Từ ngày').focus();
    await page.getByText('Ngày không hợp lệ: nhập theo dạng ngày/tháng/năm (dd/mm/yyyy)').waitFor();
    expect(await page.getByLabel('Đến ngày').getAttribute('aria-invalid')).toBe('true');
    expect(page.url()).not.toContain('to=');
    // the period: typed, then shown with Enter
    await page.getByLabel('Từ ngày').fill('01/11/2026');
    await page.getByLabel('Đến ngày').fill('30/11/2026');
    await page.getByLabel('Đến ngày').press('Enter');
    await page.waitForURL(/from=2026-11-01&to=2026-11-30/);
    const table = page.getByTestId('register-book-table');
    for (const code of codes) await table.getByRole('link', { name: code }).waitFor();
    await page.getByText('2 hồ sơ tiếp nhận trong kỳ').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'register-book-1280');

    // the PDF
    const [pdfDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('register-book-pdf').click()]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-book-'));
    const pdfFile = path.join(dir, 'so.pdf');
    await pdfDownload.saveAs(pdfFile);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfFile, '-'], { encoding: 'utf8' }).normalize('NFC').replace(/\s+/g, ' ');
    expect(text).toContain('SỔ THEO DÕI HỒ SƠ');
    expect(text).toContain('Từ ngày 01/11/2026 đến ngày 30/11/2026');
    expect(text).toContain(printedLine); // the day it was printed
    for (const code of codes) expect(text).toContain(code);

    // the Excel workbook, by keyboard this time
    const xlsxLink = page.getByTestId('register-book-xlsx');
    await xlsxLink.focus();
    const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const xlsxFile = path.join(dir, 'so.xlsx');
    await xlsxDownload.saveAs(xlsxFile);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsxFile);
    const ws = wb.getWorksheet('Sổ theo dõi hồ sơ')!;
    expect(String(ws.getCell(2, 1).value)).toBe('SỔ THEO DÕI HỒ SƠ');
    const rows = [5, 6].map((r) => [ws.getRow(r).getCell(2).value, ws.getRow(r).getCell(4).value, String(ws.getRow(r).getCell(5).value)]);
    expect(rows).toEqual(codes.map((c) => [c, 1, 'Lê Thị Hồng Nhung']));

    // a narrow phone screen still reads (the table scrolls sideways)
    await page.setViewportSize(PHONE);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'register-book-360');
    expect(watch.errors).toEqual([]);
    await context.close();
  });
});
