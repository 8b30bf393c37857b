import type ExcelJS from 'exceljs';
import { loadExcel } from '#platform/heavy-libraries.ts';
import type { AggregateOut, ReportOut } from './reporting.contract.ts';
import { cellCode, type Figure, type IndicatorDef, type RegimeDefinition } from './regime-definition.ts';
import type { Value } from './reporting.repository.ts';
import { indicatorsFor, readValue } from './values.ts';

/**
 * Excel both ways: a report's template (its figures so far, pre-filled ones included) to fill
 * offline and upload back, a report's export and an aggregate's export, in the template layout.
 * The sheet "Báo cáo": title, unit, period, then one row per indicator — STT, indicator, unit of
 * measure, figure (column D, the only cells to fill), figure from the data (E), reason of a
 * correction (F) — and the indicator's code in a hidden column G.
 */
export const SHEET = 'Báo cáo';
const META = '_mau';
const FIRST_ROW = 6;
const dmy = (d: string) => d.split('-').reverse().join('/');
const STATUS_VI: Record<string, string> = {
  draft: 'Đang soạn',
  pending_signature: 'Chờ lãnh đạo ký',
  submitted: 'Đã gửi',
  returned: 'Bị trả lại',
  accepted: 'Đã tiếp nhận',
  missing: 'Chưa gửi',
};
const font = { name: 'Times New Roman', size: 12 };
const border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } } as const;

function title(ws: ExcelJS.Worksheet, lines: string[], cols: number) {
  lines.forEach((text, i) => {
    ws.mergeCells(i + 1, 1, i + 1, cols);
    const c = ws.getCell(i + 1, 1);
    c.value = text;
    c.font = { ...font, bold: i === 0, size: i === 0 ? 14 : 12 };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
}

function header(ws: ExcelJS.Worksheet, row: number, labels: string[]) {
  labels.forEach((label, i) => {
    const c = ws.getCell(row, i + 1);
    c.value = label;
    c.font = { ...font, bold: true };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = border;
  });
}

/** The report's workbook: the template to fill (export = false) or the export of a report as it stands. */
export async function reportWorkbook(def: RegimeDefinition, unitKind: string, report: ReportOut, options: { export: boolean }): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'Một Cửa';
  const ws = wb.addWorksheet(SHEET, { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = [{ width: 7 }, { width: 58 }, { width: 12 }, { width: 16 }, { width: 16 }, { width: 40 }, { width: 4, hidden: true }];
  title(
    ws,
    [
      report.regimeName.toUpperCase(),
      `Đơn vị báo cáo: ${report.unitName} — Đơn vị nhận: ${report.receivingUnitName}`,
      `${report.periodLabel}: số liệu từ ngày ${dmy(report.from)} đến ngày ${dmy(report.to)}; hạn gửi ${dmy(report.dueDate)}`,
      options.export
        ? `Trạng thái: ${STATUS_VI[report.status]}${report.signature ? ` — ký số bởi ${report.signature.signer} (${report.signature.valid ? 'chữ ký hợp lệ' : 'CHỮ KÝ KHÔNG HỢP LỆ'})` : ''}${report.late ? ' — gửi quá hạn' : ''}`
        : 'Nhập số liệu vào cột "Số liệu"; điều chỉnh số liệu tự động phải ghi lý do. Không sửa cột khác.',
    ],
    6,
  );
  header(ws, 5, ['STT', 'Chỉ tiêu', 'Đơn vị tính', 'Số liệu', 'Số liệu tự động', 'Lý do điều chỉnh']);
  const mine = new Set(indicatorsFor(def, unitKind).map((i) => i.code));
  const reasons = new Map(report.corrections.map((c) => [c.indicator, c.reason]));
  let row = FIRST_ROW;
  const tables = def.sections.flatMap((s) => s.indicators).filter((i) => i.type === 'table' && i.rows!.some((r) => mine.has(cellCode(i.code, r.key, i.columns![0]!.code))));
  for (const section of def.sections) {
    const inds = section.indicators.filter((i) => mine.has(i.code) || tables.includes(i));
    if (inds.length === 0) continue;
    ws.mergeCells(row, 1, row, 6);
    const s = ws.getCell(row, 1);
    s.value = section.title;
    s.font = { ...font, bold: true };
    row++;
    for (const ind of inds) {
      if (ind.type === 'table') {
        tableReferenceRow(ws.getRow(row++), ind, `Nhập tại trang "${tableSheet(ind)}"`);
        continue;
      }
      const cells = [ind.number, ind.name, ind.unit, report.values[ind.code] ?? null, report.prefilled[ind.code] ?? null, reasons.get(ind.code) ?? null, ind.code];
      cells.forEach((v, i) => {
        const c = ws.getCell(row, i + 1);
        c.value = v as ExcelJS.CellValue;
        c.font = font;
        c.border = i < 6 ? border : {};
        c.alignment = { vertical: 'top', wrapText: i === 1 || i === 5 || (i === 3 && ind.type === 'text') };
        if (i === 3 && ind.type !== 'text') c.numFmt = ind.integer ? '#,##0' : '#,##0.0#';
      });
      if (ind.type === 'text') ws.getRow(row).height = 45;
      row++;
    }
  }
  for (const t of tables) tableWorksheet(wb, t, (code) => report.values[code] ?? null, (row) => rowReason(t, row, reasons), 'Lý do điều chỉnh');
  const meta = wb.addWorksheet(META, { state: 'veryHidden' });
  meta.addRows([['regime', report.regime], ['period', report.period], ['unit', report.unit], ['version', report.regimeVersion]]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The sheet of a table indicator: "Bảng 6". */
export const tableSheet = (t: IndicatorDef) => `Bảng ${t.number}`;

/** A table indicator's row on a report's main sheet: its number, name and unit, and where its cells are. */
function tableReferenceRow(row: ExcelJS.Row, ind: IndicatorDef, where: string): void {
  [ind.number, ind.name, ind.unit, where].forEach((v, i) => {
    const c = row.getCell(i + 1);
    c.value = v;
    c.font = { ...font, italic: i === 3 };
    c.border = border;
    c.alignment = { vertical: 'top', wrapText: i === 1 };
  });
}
const TABLE_CODES_ROW = 3;
const TABLE_FIRST_ROW = 5;

/** The reason of a row: the reason of any corrected cell of it (one reason per row in Excel). */
const rowReason = (t: IndicatorDef, row: string, reasons: Map<string, string>) => {
  for (const col of t.columns ?? []) {
    const r = reasons.get(cellCode(t.code, row, col.code));
    if (r) return r;
  }
  return null;
};

/**
 * A table indicator as its own sheet: title, the columns' names (row 4; their codes in the hidden
 * row 3), then one row per table row — STT, the row's label, a cell per column, the last column's
 * text (the reason of a correction, or the texts by unit in an aggregate) — and the row's key in
 * a hidden last column.
 */
function tableWorksheet(wb: ExcelJS.Workbook, t: IndicatorDef, value: (code: string) => unknown, last: (row: string) => string | null, lastLabel: string) {
  const cols = t.columns!;
  const ws = wb.addWorksheet(tableSheet(t), { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = [{ width: 7 }, { width: 40 }, ...cols.map(() => ({ width: 14 })), { width: 36 }, { width: 4, hidden: true }];
  title(ws, [`${t.number}. ${t.name.toUpperCase()}`, t.unit ? `Đơn vị tính: ${t.unit}` : ''], cols.length + 3);
  const codes = ws.getRow(TABLE_CODES_ROW);
  cols.forEach((c, i) => {
    codes.getCell(i + 3).value = c.code;
  });
  codes.hidden = true;
  header(ws, TABLE_FIRST_ROW - 1, ['STT', 'Lĩnh vực / nội dung', ...cols.map((c) => (c.unit && c.unit !== t.unit ? `${c.name} (${c.unit})` : c.name)), lastLabel]);
  ws.getRow(TABLE_FIRST_ROW - 1).height = 48;
  t.rows!.forEach((r, i) => {
    const n = TABLE_FIRST_ROW + i;
    const cells = [i + 1, r.label, ...cols.map((c) => value(cellCode(t.code, r.key, c.code))), last(r.key), r.key];
    cells.forEach((v, j) => {
      const c = ws.getCell(n, j + 1);
      c.value = (v ?? null) as ExcelJS.CellValue;
      c.font = font;
      c.border = j < cells.length - 1 ? border : {};
      c.alignment = { vertical: 'top', wrapText: j === 1 || j === cells.length - 2 };
      const col = cols[j - 2];
      if (col && col.type !== 'text') c.numFmt = col.integer ? '#,##0' : '#,##0.0#';
    });
  });
}

/** Reads a table's sheet of an uploaded workbook cell by cell (values, the reason of each row). */
function readTableWorksheet(wb: ExcelJS.Workbook, t: IndicatorDef, mine: Map<string, Figure>, prefilled: Record<string, number>, out: { values: Record<string, Value>; reasons: Record<string, string>; problems: CellProblem[] }, seen: Set<string>) {
  const name = tableSheet(t);
  const ws = wb.getWorksheet(name);
  if (!ws) {
    out.problems.push({ cell: name, message: `Không có trang "${name}" (${t.number} ${t.name}): hãy dùng tệp mẫu tải từ hệ thống` });
    return;
  }
  const cols = t.columns!;
  const codes = cols.map((_c, i) => cellValue(ws.getCell(TABLE_CODES_ROW, i + 3).value));
  const at = (col: number, row: number) => `${ws.getColumn(col).letter}${row}`;
  if (cols.some((c, i) => codes[i] !== c.code)) {
    out.problems.push({ cell: `${name}!C${TABLE_CODES_ROW}`, message: `Trang "${name}": các cột của bảng đã bị thay đổi; hãy dùng tệp mẫu tải từ hệ thống` });
    return;
  }
  const keyCol = cols.length + 4;
  const reasonCol = cols.length + 3;
  ws.eachRow((row, n) => {
    if (n < TABLE_FIRST_ROW) return;
    const key = cellValue(row.getCell(keyCol).value);
    if (typeof key !== 'string' || !key) return;
    const r = t.rows!.find((x) => x.key === key);
    if (!r) {
      out.problems.push({ cell: `${name}!${at(keyCol, n)}`, message: `Trang "${name}", ô ${at(keyCol, n)}: dòng "${key}" không thuộc bảng này` });
      return;
    }
    const reasonRaw = cellValue(row.getCell(reasonCol).value);
    const reason = typeof reasonRaw === 'string' && reasonRaw.trim() ? reasonRaw.normalize('NFC').trim() : '';
    cols.forEach((c, i) => {
      const code = cellCode(t.code, key, c.code);
      const fig = mine.get(code);
      if (!fig) return;
      seen.add(code);
      const where = at(i + 3, n);
      const read = readValue(fig, cellValue(row.getCell(i + 3).value));
      if ('problem' in read) {
        out.problems.push({ cell: `${name}!${where}`, message: `Trang "${name}", ô ${where} (${r.label} — ${c.name}): ${read.problem}` });
        return;
      }
      out.values[code] = read.value;
      const figure = prefilled[code];
      if (figure === undefined || read.value === null || read.value === figure) return;
      if (reason) out.reasons[code] = reason;
      else
        out.problems.push({
          cell: `${name}!${at(reasonCol, n)}`,
          message: `Trang "${name}", ô ${where} (${r.label} — ${c.name}): số liệu tự động là ${figure.toLocaleString('vi-VN')}, đã sửa thành ${Number(read.value).toLocaleString('vi-VN')}: cần ghi lý do điều chỉnh ở ô ${at(reasonCol, n)}`,
        });
    });
  });
}

export interface CellProblem {
  cell: string;
  message: string;
}

/** A cell's value as typed: numbers, text, a formula's result, rich text; empty → null. */
function cellValue(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'object') {
    if ('result' in v) return cellValue(v.result as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    if ('error' in v) return `#${String(v.error)}`;
  }
  return v;
}

/**
 * Reads an uploaded workbook of a report, cell by cell: every problem names the sheet and the
 * cell in Vietnamese. The caller stores nothing when there is any problem.
 */
export async function readReportWorkbook(
  bytes: Buffer,
  def: RegimeDefinition,
  unitKind: string,
  expect: { regime: string; period: string; unit: string; prefilled: Record<string, number> },
): Promise<{ values: Record<string, Value>; reasons: Record<string, string>; problems: CellProblem[] }> {
  const wb = new (await loadExcel()).Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return { values: {}, reasons: {}, problems: [{ cell: 'tệp', message: 'Tệp không phải là bảng tính Excel (.xlsx) đọc được' }] };
  }
  const ws = wb.getWorksheet(SHEET);
  if (!ws) return { values: {}, reasons: {}, problems: [{ cell: SHEET, message: `Không có trang "${SHEET}": hãy dùng tệp mẫu tải từ hệ thống` }] };
  const meta = wb.getWorksheet(META);
  const metaOf = (k: string) => meta?.getColumn(1).values.indexOf(k);
  const metaValue = (k: string) => {
    const i = metaOf(k);
    return i && i > 0 ? String(meta!.getCell(i, 2).value ?? '') : '';
  };
  if (meta && (metaValue('regime') !== expect.regime || metaValue('period') !== expect.period || metaValue('unit') !== expect.unit)) {
    return {
      values: {},
      reasons: {},
      problems: [{ cell: SHEET, message: `Tệp mẫu thuộc báo cáo khác (${metaValue('regime')}, kỳ ${metaValue('period')}, đơn vị ${metaValue('unit')}); hãy tải đúng mẫu của kỳ này` }],
    };
  }
  const mine = new Map<string, Figure>(indicatorsFor(def, unitKind).map((i) => [i.code, i]));
  const seen = new Set<string>();
  const values: Record<string, Value> = {};
  const reasons: Record<string, string> = {};
  const problems: CellProblem[] = [];
  const at = (col: string, row: number) => `Trang "${SHEET}", ô ${col}${row}`;
  ws.eachRow((row, n) => {
    if (n < FIRST_ROW) return;
    const code = cellValue(row.getCell(7).value);
    if (typeof code !== 'string' || !code) return;
    const ind = mine.get(code);
    if (!ind || ind.cell) {
      problems.push({ cell: `${SHEET}!G${n}`, message: `${at('G', n)}: mã chỉ tiêu "${code}" không thuộc mẫu báo cáo này` });
      return;
    }
    seen.add(code);
    const read = readValue(ind, cellValue(row.getCell(4).value));
    if ('problem' in read) {
      problems.push({ cell: `${SHEET}!D${n}`, message: `${at('D', n)} (${ind.number} ${ind.name}): ${read.problem}` });
      return;
    }
    values[code] = read.value;
    const reason = cellValue(row.getCell(6).value);
    const figure = expect.prefilled[code];
    if (typeof reason === 'string' && reason.trim()) reasons[code] = reason.normalize('NFC').trim();
    else if (figure !== undefined && read.value !== null && read.value !== figure) {
      problems.push({
        cell: `${SHEET}!F${n}`,
        message: `${at('F', n)} (${ind.number} ${ind.name}): số liệu tự động là ${figure.toLocaleString('vi-VN')}, đã sửa thành ${Number(read.value).toLocaleString('vi-VN')}: cần ghi lý do điều chỉnh`,
      });
    }
  });
  const tables = def.sections.flatMap((s) => s.indicators).filter((t) => t.type === 'table' && [...mine.values()].some((f) => f.cell?.table === t.code));
  for (const t of tables) readTableWorksheet(wb, t, mine, expect.prefilled, { values, reasons, problems }, seen);
  for (const code of mine.keys()) if (!seen.has(code) && !mine.get(code)!.cell) problems.push({ cell: SHEET, message: `Trang "${SHEET}": thiếu dòng chỉ tiêu ${mine.get(code)!.number} ${mine.get(code)!.name}` });
  return { values, reasons, problems };
}

/** The aggregate in the template layout (sheet "Tổng hợp") and the board (sheet "Tình hình gửi báo cáo"). */
export async function aggregateWorkbook(def: RegimeDefinition, agg: AggregateOut): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'Một Cửa';
  const ws = wb.addWorksheet('Tổng hợp', { pageSetup: { paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = [{ width: 7 }, { width: 58 }, { width: 12 }, { width: 18 }, { width: 14 }, { width: 60 }];
  title(
    ws,
    [
      `TỔNG HỢP ${agg.regimeName.toUpperCase()}`,
      `Đơn vị tổng hợp: ${agg.unitName}`,
      `${agg.periodLabel}: số liệu từ ngày ${dmy(agg.from)} đến ngày ${dmy(agg.to)}`,
      `Đã tiếp nhận ${agg.counts.accepted}/${agg.counts.expected} đơn vị; bị trả lại ${agg.counts.returned}; chưa gửi ${agg.counts.missing}; gửi quá hạn ${agg.counts.late}`,
    ],
    6,
  );
  header(ws, 5, ['STT', 'Chỉ tiêu', 'Đơn vị tính', 'Tổng hợp', 'Số đơn vị', 'Ý kiến của các đơn vị']);
  const byCode = new Map(agg.indicators.map((i) => [i.indicator, i]));
  let row = FIRST_ROW;
  for (const section of def.sections) {
    ws.mergeCells(row, 1, row, 6);
    ws.getCell(row, 1).value = section.title;
    ws.getCell(row, 1).font = { ...font, bold: true };
    row++;
    for (const ind of section.indicators) {
      if (ind.type === 'table') {
        tableReferenceRow(ws.getRow(row++), ind, `Xem trang "${tableSheet(ind)}"`);
        continue;
      }
      const a = byCode.get(ind.code);
      const texts = a?.texts.map((t) => `${t.unitName}: ${t.text}`).join('\n') ?? '';
      [ind.number, ind.name, ind.unit, a?.value ?? null, a?.units ?? 0, texts || null].forEach((v, i) => {
        const c = ws.getCell(row, i + 1);
        c.value = v;
        c.font = font;
        c.border = border;
        c.alignment = { vertical: 'top', wrapText: i === 1 || i === 5 };
        if (i === 3) c.numFmt = ind.integer ? '#,##0' : '#,##0.0#';
      });
      row++;
    }
  }
  for (const t of def.sections.flatMap((s) => s.indicators).filter((i) => i.type === 'table')) {
    const texts = (row: string) =>
      t.columns!.flatMap((c) => byCode.get(cellCode(t.code, row, c.code))?.texts.map((x) => `${x.unitName} (${c.name}): ${x.text}`) ?? []).join('\n') || null;
    tableWorksheet(wb, t, (code) => byCode.get(code)?.value ?? null, texts, 'Ý kiến của các đơn vị');
  }
  const board = wb.addWorksheet('Tình hình gửi báo cáo');
  board.columns = [{ width: 7 }, { width: 50 }, { width: 18 }, { width: 12 }, { width: 22 }, { width: 50 }];
  header(board, 1, ['STT', 'Đơn vị', 'Trạng thái', 'Quá hạn', 'Thời điểm gửi', 'Lý do trả lại']);
  agg.units.forEach((u, i) => {
    board.addRow([i + 1, u.unitName, STATUS_VI[u.status], u.late || u.overdue ? 'Có' : '', u.submittedAt?.slice(0, 16).replace('T', ' ') ?? '', u.returnedReason ?? '']).font = font;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
