import { loadExcel } from '#platform/heavy-libraries.ts';
import { localInstant, toLocalIso } from '#platform/clock.ts';
import type { LedgerData, LedgerRow } from './documents.types.ts';
import { formatDate, formatDateTime } from './format.ts';
import { createDoc, datedLine, header, pageNumbers, table, title, toBuffer } from './pdf.ts';
import { DESK } from './receipt.ts';

const LEDGER_TITLE = 'SỔ THEO DÕI HỒ SƠ';

/** The columns of Mẫu 06 (domain.md §2.8), shared by the PDF and the spreadsheet. */
const LEDGER_COLUMNS: { header: string; width: number; value: (r: LedgerRow) => string | number; noWrap?: boolean }[] = [
  { header: 'STT', width: 0.03, value: (r) => r.seq },
  { header: 'Mã hồ sơ', width: 0.14, value: (r) => r.code, noWrap: true },
  { header: 'Tên thủ tục hành chính', width: 0.11, value: (r) => r.procedureName },
  { header: 'Số lượng hồ sơ (bộ)', width: 0.04, value: (r) => r.quantity },
  { header: 'Tên người nộp hồ sơ', width: 0.085, value: (r) => r.applicantName },
  { header: 'Địa chỉ, số điện thoại', width: 0.095, value: (r) => r.applicantContact },
  { header: 'Cơ quan chủ trì giải quyết', width: 0.075, value: (r) => r.leadAgency },
  { header: 'Nhận hồ sơ', width: 0.065, value: (r) => (r.receivedAt ? formatDateTime(r.receivedAt) : '') },
  { header: 'Hẹn trả kết quả', width: 0.065, value: (r) => (r.dueAt ? formatDateTime(r.dueAt) : '') },
  { header: 'Chuyển hồ sơ đến cơ quan giải quyết', width: 0.075, value: (r) => r.forwardedTo },
  { header: 'Ngày có kết quả / trả kết quả', width: 0.065, value: (r) => (r.resultAt ? formatDateTime(r.resultAt) : '') },
  { header: 'Ngày trả kết quả thực tế', width: 0.065, value: (r) => (r.returnedAt ? formatDateTime(r.returnedAt) : '') },
  { header: 'Người nộp ký nhận', width: 0.04, value: () => '' },
  { header: 'Ghi chú', width: 0.05, value: (r) => r.note },
];

const noonOf = (date: string) => toLocalIso(localInstant(date, '12:00'));
const period = (d: LedgerData) => `Từ ngày ${formatDate(noonOf(d.from))} đến ngày ${formatDate(noonOf(d.to))}`;
const issuedAt = (d: LedgerData) => d.issuedAt ?? toLocalIso(new Date(localInstant(d.to, '23:59').getTime() + 59_000));
/** 'Quyển số: 2026' when every row is in one volume (the local year of reception). */
const volumeLine = (d: LedgerData) => {
  const volumes = [...new Set(d.rows.map((r) => r.volume).filter((v) => v != null))];
  return volumes.length === 1 ? ` — Quyển số: ${volumes[0]}` : '';
};

/** Mẫu 06 as PDF, A4 landscape, header row repeated on each page. */
export async function renderLedgerPdf(data: LedgerData): Promise<Buffer> {
  const doc = createDoc({ size: 'A4', landscape: true, title: `${LEDGER_TITLE} ${data.agencyName}`, issuedAt: issuedAt(data), margin: 28 });
  header(doc, { agencyName: data.agencyName, subUnit: DESK, dateLine: datedLine(data.placeName, issuedAt(data)) });
  title(doc, LEDGER_TITLE, `${period(data)} — Mã cơ quan: ${data.agencyCode}${volumeLine(data)}`);
  table(
    doc,
    LEDGER_COLUMNS.map((c) => ({
      header: c.header,
      width: c.width,
      noWrap: c.noWrap,
      align: c.header === 'STT' || c.header.startsWith('Số lượng') ? 'center' : 'left',
    })),
    data.rows.map((r) => LEDGER_COLUMNS.map((c) => String(c.value(r)))),
    { fontSize: 7 },
  );
  if (data.rows.length === 0) doc.font('italic').fontSize(9).text('Không có hồ sơ nào được tiếp nhận trong kỳ.');
  pageNumbers(doc);
  return toBuffer(doc);
}

/** Mẫu 06 as an Excel workbook: title rows, then one header row and one row per dossier. */
export async function renderLedgerXlsx(data: LedgerData): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  const at = new Date(issuedAt(data));
  wb.creator = 'Một Cửa';
  wb.created = at;
  wb.modified = at;
  const ws = wb.addWorksheet('Sổ theo dõi hồ sơ', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: 'frozen', ySplit: 4 }],
  });
  const last = LEDGER_COLUMNS.length;
  ws.mergeCells(1, 1, 1, last);
  ws.getCell(1, 1).value = `${data.agencyName.toUpperCase()} — ${DESK.toUpperCase()}`;
  ws.mergeCells(2, 1, 2, last);
  ws.getCell(2, 1).value = LEDGER_TITLE;
  ws.getCell(2, 1).font = { bold: true, size: 14 };
  ws.getCell(2, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(3, 1, 3, last);
  ws.getCell(3, 1).value = `${period(data)} — Mã cơ quan: ${data.agencyCode}${volumeLine(data)}`;
  ws.getCell(3, 1).alignment = { horizontal: 'center' };

  const headerRow = ws.getRow(4);
  LEDGER_COLUMNS.forEach((c, i) => {
    const cell = headerRow.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    ws.getColumn(i + 1).width = Math.max(6, Math.round(c.width * 260));
  });
  for (const r of data.rows) {
    const row = ws.addRow(LEDGER_COLUMNS.map((c) => c.value(r)));
    row.alignment = { wrapText: true, vertical: 'top' };
  }
  for (let r = 4; r <= ws.rowCount; r++) {
    for (let c = 1; c <= last; c++) {
      ws.getRow(r).getCell(c).border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
