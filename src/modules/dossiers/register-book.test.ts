import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { TestSystem } from '#test/system.ts';
import { actOk, auth, type DossierView, hasLibreOffice, libreOfficeCsv, pdfText, procedure, setNow, submit, type World, worldPerFile } from '#test/factories.ts';

/** Sổ theo dõi hồ sơ (Mẫu 06) read back by independent tools: pdftotext, exceljs, LibreOffice. */
let sys: TestSystem;
let w: World;
const received: DossierView[] = [];

worldPerFile(async (s, world) => {
  [sys, w] = [s, world];
  const proc = await procedure(w, '1.004873');
  for (const at of ['2026-03-02T09:00:00+07:00', '2026-03-03T10:00:00+07:00', '2026-03-04T11:00:00+07:00']) {
    setNow(w, at);
    // every optional component handed in too: the dossier holds several files, still one set (bộ)
    const d = await submit(w, { procedure: proc, components: proc.components.map((c) => c.code) });
    received.push(await actOk(w, 'motcua.hoankiem', d.id, { action: 'receive' }));
  }
  setNow(w, '2026-03-20T08:30:00+07:00'); // the day the book is printed
}, {}, 120_000);

const url = (format: string, from = '2026-03-03', to = '2026-03-31') => `/api/v1/agencies/${w.agency.hoankiem}/ledger?from=${from}&to=${to}&format=${format}`;
const get = (format: string, from?: string, to?: string) => sys.app.inject({ method: 'GET', url: url(format, from, to), headers: auth(w, 'motcua.hoankiem') });

describe('register book (Mẫu 06)', () => {
  it('lists the period with the numbers of the year’s book, one set per dossier, the full address', async () => {
    const res = await get('json');
    expect(res.statusCode, res.body).toBe(200);
    const book = res.json();
    expect(book).toMatchObject({ from: '2026-03-03', to: '2026-03-31', placeName: 'Hoàn Kiếm', issuedAt: '2026-03-20T08:30:00+07:00' });
    // the period starts on 3 March: its first row is the year's 2nd entry (numbers do not restart)
    expect(book.rows.map((r: { code: string; seq: number; volume: number; quantity: number }) => [r.code, r.seq, r.volume, r.quantity])).toEqual([
      [received[1].code, 2, 2026, 1],
      [received[2].code, 3, 2026, 1],
    ]);
    expect(book.rows[0].applicantContact).toBe('Số 1 phố Tràng Tiền, Phường Hoàn Kiếm, Thành phố Hà Nội; 0912345678');
  });

  it('prints the PDF: codes on one line, one set each, the place and the day printed (pdftotext)', async () => {
    const res = await get('pdf');
    expect(res.statusCode).toBe(200);
    const text = pdfText(res.rawPayload);
    expect(text).toContain('SỔ THEO DÕI HỒ SƠ');
    expect(text).toContain('Từ ngày 03/03/2026 đến ngày 31/03/2026');
    expect(text).toContain('Quyển số: 2026');
    expect(text).toContain('Hoàn Kiếm, ngày 20 tháng 03 năm 2026');
    expect(text).toContain('Phường Hoàn Kiếm, Thành phố Hà Nội');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/); // no ISO date anywhere
    // -layout keeps lines: each code stands whole on one line (not cut at its hyphens)
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-ledger-')), 'ledger.pdf');
    fs.writeFileSync(file, res.rawPayload);
    const layout = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    for (const d of received.slice(1)) {
      const line = layout.split('\n').find((l) => l.includes(d.code!));
      expect(line, `${d.code} on one line`).toBeDefined();
      // the quantity column says 1 on the code's row
      expect(line).toMatch(/\s1\s/);
    }
  });

  it('gives an Excel workbook that reads back with Vietnamese intact (exceljs, and LibreOffice when installed)', async () => {
    const res = await get('xlsx');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Sổ theo dõi hồ sơ')!;
    expect(String(ws.getCell(2, 1).value)).toBe('SỔ THEO DÕI HỒ SƠ');
    expect(String(ws.getCell(4, 2).value)).toBe('Mã hồ sơ');
    expect(ws.getRow(5).getCell(2).value).toBe(received[1].code);
    expect(ws.getRow(5).getCell(4).value).toBe(1);
    expect(String(ws.getRow(5).getCell(5).value)).toBe('Nguyễn Thị Ánh Tuyết');

    // LibreOffice, an independent reader: convert to CSV and read the Vietnamese back
    if (hasLibreOffice()) {
      const csv = libreOfficeCsv(res.rawPayload, 'so');
      expect(csv).toContain('SỔ THEO DÕI HỒ SƠ');
      expect(csv).toContain('Nguyễn Thị Ánh Tuyết');
      expect(csv).toContain(received[1].code!);
      console.info('register book: read back with LibreOffice (csv) and exceljs');
    } else {
      console.info('register book: LibreOffice not installed; read back with exceljs only');
    }
  }, 180_000);

  it('is for the agency’s desk officers and leaders; a bad period is a 400', async () => {
    for (const user of ['motcua.badinh', 'congdan', 'chuyenvien.hoankiem'] as const) {
      expect((await sys.app.inject({ method: 'GET', url: url('json'), headers: auth(w, user) })).statusCode, user).toBe(403);
    }
    expect((await get('json', '2026-03-31', '2026-03-01')).statusCode).toBe(400);
    expect((await get('csv')).statusCode).toBe(400);
  });
});
