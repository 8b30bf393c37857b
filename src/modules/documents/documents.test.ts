import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  formatAppointment,
  renderApologyLetter,
  renderCabinetConclusion,
  renderControlSlip,
  renderLedgerPdf,
  renderLedgerXlsx,
  renderReceipt,
  renderRefusalNotice,
  renderSupplementNotice,
} from './index.ts';
import { expectShows } from '#test/factories.ts';
import * as s from './samples.ts';

const artifacts = path.resolve('artifacts/documents');

/** Text of a PDF by pdftotext (poppler), NFC, whitespace collapsed. */
function pdfText(pdf: Buffer, name: string): string {
  fs.mkdirSync(artifacts, { recursive: true });
  const file = path.join(artifacts, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).normalize('NFC').replace(/\s+/g, ' ');
}

function pageSize(pdf: Buffer): [number, number] {
  const info = execFileSync('pdfinfo', ['-'], { input: pdf, encoding: 'utf8' });
  const m = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info);
  return [Math.round(Number(m?.[1])), Math.round(Number(m?.[2]))];
}

const A5: [number, number] = [420, 595];
const A4_LANDSCAPE: [number, number] = [842, 595];

interface PrintedForm {
  title: string;
  render: () => Promise<Buffer>;
  /** Its file name under artifacts/documents (kept for a look by eye). */
  artifact: string;
  pageSize?: [number, number];
  shows: string[];
  omits?: string[];
}

/** One test per form: rendered to PDF, on its page size, its text (pdftotext) showing and omitting these. */
const printsEach = (forms: PrintedForm[]) =>
  it.each(forms.map((form) => [form.title, form] as const))('%s', async (_title, { render, artifact, pageSize: size, shows, omits = [] }) => {
    const pdf = await render();
    if (size) expect(pageSize(pdf)).toEqual(size);
    const text = pdfText(pdf, artifact);
    expectShows(text, shows);
    for (const absent of omits) expect(text).not.toContain(absent);
  });

describe('format', () => {
  it('prints instants in Asia/Ho_Chi_Minh whatever their offset', () => {
    expect(formatAppointment('2026-11-25T02:15:00Z')).toBe('09 giờ 15 phút, ngày 25/11/2026');
    expect(formatAppointment('2026-12-31T17:30:00Z')).toBe('00 giờ 30 phút, ngày 01/01/2027');
  });
});

describe('Mẫu 01 receipt', () => {
  printsEach([
    {
      title: 'carries the title, motto, code, applicant, components, times, officer and QR caption',
      render: () => renderReceipt(s.sampleReceipt),
      artifact: 'mau-01-giay-tiep-nhan',
      pageSize: A5,
      shows: [
        'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Độc lập - Tự do - Hạnh phúc',
        'ỦY BAN NHÂN DÂN PHƯỜNG HOÀN KIẾM',
        'Mã hồ sơ: 000.00.50.H01-261125-0001',
        'Nguyễn Thị Ánh Tuyết',
        '0912345678',
        'tuyet@example.vn',
        'Đăng ký khai sinh',
        'Giấy chứng sinh',
        'Bản chính',
        'Bản sao',
        'Thời gian giải quyết hồ sơ theo quy định là: 01 ngày làm việc',
        'Thời gian nhận hồ sơ: 09 giờ 15 phút, ngày 25/11/2026',
        'Thời gian trả kết quả giải quyết hồ sơ: 15 giờ 00 phút, ngày 26/11/2026',
        'ngày 25 tháng 11 năm 2026',
        'Lê Văn Đức',
        'NGƯỜI TIẾP NHẬN HỒ SƠ',
        'Giấy chứng nhận kết hôn của cha, mẹ (chưa nộp)',
      ],
    },
  ]);

  it('is deterministic for the same data (creation date from the data)', async () => {
    const a = await renderReceipt(s.sampleReceipt);
    const b = await renderReceipt(s.sampleReceipt);
    expect(a.equals(b)).toBe(true);
    const info = execFileSync('pdfinfo', ['-isodates', '-'], { input: a, encoding: 'utf8' });
    expect(info).toMatch(/CreationDate:\s+2026-11-25T02:16:00/);
  });

  it('embeds the QR code of the tracking URL as an image', async () => {
    const pdf = await renderReceipt(s.sampleReceipt);
    const list = execFileSync('pdfimages', ['-list', '-'], { input: pdf, encoding: 'utf8' }).trim().split('\n');
    expect(list.length).toBeGreaterThanOrEqual(3); // two header lines + at least one image
  });
});

describe('Mẫu 02–05', () => {
  printsEach([
    {
      title: 'Mẫu 02 lists each item with its reason',
      render: () => renderSupplementNotice(s.sampleSupplement),
      artifact: 'mau-02-yeu-cau-bo-sung',
      pageSize: A5,
      shows: [
        'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
        'Ông/Bà Nguyễn Thị Ánh Tuyết',
        'Bản chụp mờ, cần bản chính rõ nét',
        'Giấy chứng nhận kết hôn của cha, mẹ (TP3)',
        'Giấy chứng sinh bị mờ, không đọc được họ tên người mẹ', // fallback reason of TP3
        'ngày 25 tháng 11 năm 2026',
      ],
    },
    {
      title: 'Mẫu 03 states the refusal reason, even without a dossier code',
      render: () => renderRefusalNotice(s.sampleRefusal),
      artifact: 'mau-03-tu-choi',
      shows: ['PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ', 'Thủ tục không thuộc thẩm quyền giải quyết của Ủy ban nhân dân Phường Hoàn Kiếm'],
      omits: ['Mã hồ sơ'],
    },
    {
      title: 'Mẫu 04 gives the original reception and appointment, the reason and the new date',
      render: () => renderApologyLetter(s.sampleApology),
      artifact: 'mau-04-xin-loi',
      shows: [
        'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
        'Thời gian nhận hồ sơ: 09 giờ 15 phút, ngày 25/11/2026',
        'Thời gian hẹn trả kết quả: 15 giờ 00 phút, ngày 26/11/2026',
        'Thời gian hẹn trả kết quả mới: 15 giờ 00 phút, ngày 30/11/2026',
        'Cần xác minh thông tin',
        'Phạm Thị Hồng',
      ],
    },
    {
      title: 'a cabinet conclusion prints each task with its due day as written (a Vietnam date, not shifted by the offset)',
      render: () =>
        renderCabinetConclusion({
          kind: 'conclusion',
          number: '12/TB-UBND',
          agencyName: 'ỦY BAN NHÂN DÂN PHƯỜNG HOÀN KIẾM',
          issuedAt: '2026-12-01T08:00:00+07:00',
          title: 'Kết luận phiên họp thường kỳ tháng 12',
          decidedBy: ['Biểu quyết: 7/9 tán thành'],
          text: 'Giao các cơ quan thực hiện.',
          tasks: [
            { title: 'Rà soát hồ sơ quá hạn', assignee: 'Công an phường', dueDate: '2026-12-31' },
            { title: 'Báo cáo kết quả', assignee: 'Văn phòng', dueDate: '2027-01-01' },
          ],
          signer: { heading: 'CHỦ TỊCH', name: 'Nguyễn Văn An' },
        }),
      artifact: 'cabinet-conclusion',
      shows: ['31/12/2026', '01/01/2027'],
    },
    {
      title: 'Mẫu 05 has one row per hand-over with its outcome',
      render: () => renderControlSlip(s.sampleControlSlip),
      artifact: 'mau-05-phieu-kiem-soat',
      pageSize: A5,
      shows: ['PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ', 'Trần Minh Quân', 'Trước hạn', 'Quá hạn', '09:30 25/11/2026', 'NGƯỜI GIAO', 'NGƯỜI NHẬN'],
    },
  ]);
});

describe('Mẫu 06 ledger', () => {
  printsEach([
    {
      title: 'PDF is A4 landscape with the ledger columns and rows',
      render: () => renderLedgerPdf(s.sampleLedger),
      artifact: 'mau-06-so-theo-doi',
      pageSize: A4_LANDSCAPE,
      shows: ['SỔ THEO DÕI HỒ SƠ', 'Từ ngày 01/11/2026 đến ngày 30/11/2026', '000.00.50.H01-261125-0002', 'Đỗ Quốc Việt', 'Ngày trả kết quả thực tế'],
    },
  ]);

  it('PDF breaks long ledgers over pages, numbering them', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => ({ ...s.sampleLedger.rows[0], seq: i + 1, code: `000.00.50.H01-261125-${String(i + 1).padStart(4, '0')}` }));
    const pdf = await renderLedgerPdf({ ...s.sampleLedger, rows });
    const text = pdfText(pdf, 'mau-06-so-theo-doi-dai');
    const pages = Number(/Trang 1\/(\d+)/.exec(text)?.[1]);
    expect(pages).toBeGreaterThan(1);
    expect(text).toContain('000.00.50.H01-261125-0060');
  });

  it('XLSX re-read with exceljs has the header and one row per dossier', async () => {
    const buf = await renderLedgerXlsx(s.sampleLedger);
    fs.mkdirSync(artifacts, { recursive: true });
    fs.writeFileSync(path.join(artifacts, 'mau-06-so-theo-doi.xlsx'), buf);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Sổ theo dõi hồ sơ');
    expect(ws).toBeDefined();
    expect(ws?.getCell(2, 1).value).toBe('SỔ THEO DÕI HỒ SƠ');
    expect(ws?.getRow(4).getCell(2).value).toBe('Mã hồ sơ');
    expect(ws?.getRow(4).getCell(12).value).toBe('Ngày trả kết quả thực tế');
    expect(ws?.getRow(5).getCell(2).value).toBe('000.00.50.H01-261125-0001');
    expect(ws?.getRow(5).getCell(5).value).toBe('Nguyễn Thị Ánh Tuyết');
    expect(ws?.getRow(5).getCell(8).value).toBe('09:15 25/11/2026');
    expect(ws?.getRow(6).getCell(2).value).toBe('000.00.50.H01-261125-0002');
    expect(ws?.getRow(6).getCell(11).value).toBe('');
    expect(ws?.rowCount).toBe(6);
  });
});

it('pdftotext is available (poppler-utils)', () => {
  expect(fs.existsSync('/usr/bin/pdftotext') || execFileSync('which', ['pdftotext']).length > 0).toBe(true);
  expect(os.platform()).toBeTruthy();
});
