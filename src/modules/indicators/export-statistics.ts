import { loadExcel } from '#platform/heavy-libraries.ts';
import type { StatisticsRow } from './tthc-statistics.ts';

export const STATISTICS_TITLE = 'TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH';

const dmy = (d: string) => d.split('-').reverse().join('/');

/**
 * The statistics as the reporting table of the one-stop-shop ("Tình hình, kết quả giải quyết
 * TTHC", the layout of the periodic TTHC report — biểu mẫu of TT 01/2020/TT-VPCP [R]): two
 * header rows (received: total, online, direct/postal, carried over; resolved: total, early,
 * on time, late; pending: total, within time, overdue), then withdrawn, stopped and the
 * average processing time, one line per group and a total line.
 */
export async function statisticsWorkbook(input: {
  unitName: string;
  from: string;
  to: string;
  groupLabel: string;
  rows: StatisticsRow[];
  total: StatisticsRow;
  issuedAt: string;
}): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'Một Cửa';
  const ws = wb.addWorksheet('Kết quả giải quyết TTHC', { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1 } });
  const cols = 17;
  const line = (r: number, text: string, bold = false, size = 12) => {
    ws.mergeCells(r, 1, r, cols);
    const c = ws.getCell(r, 1);
    c.value = text;
    c.font = { bold, size, name: 'Times New Roman' };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  };
  line(1, STATISTICS_TITLE, true, 14);
  line(2, `Đơn vị: ${input.unitName}`);
  line(3, `Kỳ báo cáo: từ ngày ${dmy(input.from)} đến ngày ${dmy(input.to)}`);
  const h1 = 5;
  const h2 = 6;
  const h3 = 7;
  const head = (r1: number, c1: number, r2: number, c2: number, text: string) => {
    if (r1 !== r2 || c1 !== c2) ws.mergeCells(r1, c1, r2, c2);
    const c = ws.getCell(r1, c1);
    c.value = text;
  };
  head(h1, 1, h3, 1, 'STT');
  head(h1, 2, h3, 2, input.groupLabel);
  head(h1, 3, h1, 6, 'Số hồ sơ nhận giải quyết');
  head(h2, 3, h3, 3, 'Tổng số');
  head(h2, 4, h2, 5, 'Số mới tiếp nhận');
  head(h3, 4, h3, 4, 'Trực tuyến');
  head(h3, 5, h3, 5, 'Trực tiếp, dịch vụ bưu chính');
  head(h2, 6, h3, 6, 'Số từ kỳ trước chuyển sang');
  head(h1, 7, h1, 13, 'Kết quả giải quyết');
  head(h2, 7, h2, 10, 'Số hồ sơ đã giải quyết');
  head(h3, 7, h3, 7, 'Tổng số');
  head(h3, 8, h3, 8, 'Trước hạn');
  head(h3, 9, h3, 9, 'Đúng hạn');
  head(h3, 10, h3, 10, 'Quá hạn');
  head(h2, 11, h2, 13, 'Số hồ sơ đang giải quyết');
  head(h3, 11, h3, 11, 'Tổng số');
  head(h3, 12, h3, 12, 'Trong hạn');
  head(h3, 13, h3, 13, 'Quá hạn');
  head(h1, 14, h3, 14, 'Số hồ sơ rút');
  head(h1, 15, h3, 15, 'Số hồ sơ dừng xử lý');
  head(h1, 16, h3, 16, 'Thời gian giải quyết bình quân (ngày làm việc)');
  head(h1, 17, h3, 17, 'Tỷ lệ đúng hạn (%)');
  // the column numbers line under the header, as official tables carry
  const numbers = ws.getRow(8);
  for (let c = 1; c <= cols; c++) numbers.getCell(c).value = `(${c})`;
  const values = (r: StatisticsRow) => {
    const resolved = r.resolvedEarly + r.resolvedOnTime + r.resolvedLate;
    const pending = r.pendingInTime + r.pendingOverdue;
    const handled = resolved + pending;
    return [
      r.received + r.carriedOver,
      r.receivedOnline,
      r.receivedDirect + r.receivedPostal,
      r.carriedOver,
      resolved,
      r.resolvedEarly,
      r.resolvedOnTime,
      r.resolvedLate,
      pending,
      r.pendingInTime,
      r.pendingOverdue,
      r.withdrawn,
      r.stopped,
      r.averageWorkingDays ?? '',
      handled > 0 ? Math.round(((r.resolvedEarly + r.resolvedOnTime + r.pendingInTime) / handled) * 1000) / 10 : '',
    ];
  };
  let r = 9;
  input.rows.forEach((row, i) => {
    ws.getRow(r++).values = [i + 1, row.name ? `${row.name} (${row.key})` : row.key, ...values(row)];
  });
  const totalRow = ws.getRow(r);
  totalRow.values = ['', 'Tổng cộng', ...values(input.total)];
  totalRow.font = { bold: true, name: 'Times New Roman' };
  for (let row = h1; row <= r; row++) {
    for (let c = 1; c <= cols; c++) {
      const cell = ws.getCell(row, c);
      cell.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
      if (row <= 8) {
        cell.font = { bold: row < 8, italic: row === 8, name: 'Times New Roman', size: 11 };
        cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      }
    }
  }
  ws.getColumn(1).width = 5;
  ws.getColumn(2).width = 42;
  for (let c = 3; c <= cols; c++) ws.getColumn(c).width = 11;
  ws.getRow(h3).height = 45;
  line(r + 2, `Số liệu trích xuất từ hệ thống Một Cửa lúc ${input.issuedAt}. Hồ sơ tính một lần cho cơ quan có thẩm quyền giải quyết.`, false, 10);
  ws.views = [{ state: 'frozen', ySplit: 8 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
