import { parse } from 'csv-parse/sync';
import { loadExcel } from '#platform/heavy-libraries.ts';
import { UserImportErrors } from './identity.errors.ts';

/**
 * Reading the table of a bulk account import (nhập tài khoản từ tệp): a CSV (UTF-8, with or
 * without BOM, comma-, semicolon- or tab-separated: Excel in a Vietnamese locale writes
 * semicolons) or an Excel workbook (.xlsx, its first sheet). The kind is told by the bytes, never
 * by the file's name. Row 1 is the header; its cells name the columns in English or Vietnamese
 * (`Tên đăng nhập`, `Họ và tên`, `Vai trò`, `Mã cơ quan`…), in any order. Empty rows are skipped;
 * every other row keeps its number in the sheet (the header is row 1), so a problem names the row
 * the administrator sees in Excel.
 */

export const IMPORT_COLUMNS = ['username', 'fullName', 'role', 'agencyCode', 'email', 'phone', 'idNumber'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
/** Columns a file must have; the others may be left out. */
export const REQUIRED_COLUMNS: readonly ImportColumn[] = ['username', 'fullName', 'role'];
/** At most this many accounts per import (a province's officers fit; a larger list goes in parts). */
/**
 * At most 500 accounts a file: on the embedded database the import's transaction holds every other
 * request (≈ 8 s for 500), and the whole request (≈ 30 s with the hashing) stays under a reverse
 * proxy's usual 60 s read timeout, after which the administrator would see an error for accounts
 * created and lose their temporary passwords.
 */
export const MAX_IMPORT_ROWS = 500;

/** A header written without diacritics, case, spaces or punctuation → its column. */
const HEADER_ALIASES: Record<string, ImportColumn> = {
  username: 'username',
  tendangnhap: 'username',
  taikhoan: 'username',
  fullname: 'fullName',
  hovaten: 'fullName',
  hoten: 'fullName',
  role: 'role',
  roles: 'role',
  vaitro: 'role',
  agencycode: 'agencyCode',
  agency: 'agencyCode',
  macoquan: 'agencyCode',
  madonvi: 'agencyCode',
  email: 'email',
  thudientu: 'email',
  diachithudientu: 'email',
  phone: 'phone',
  dienthoai: 'phone',
  sodienthoai: 'phone',
  idnumber: 'idNumber',
  sodinhdanh: 'idNumber',
  sodinhdanhcanhan: 'idNumber',
  cccd: 'idNumber',
  socccd: 'idNumber',
  socancuoc: 'idNumber',
  socancuoccongdan: 'idNumber',
};

/** "Tên đăng nhập" → "tendangnhap", "E-mail" → "email", "fullName" → "fullname". */
export function headerKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** A cell as read: text, or a number where the sheet stored one (a phone or an identity number that lost its leading 0). */
export type Cell = string | number;

/** One data row: its number in the sheet and its cells by column (only the columns the file has). */
export interface ImportRow {
  row: number;
  cells: Partial<Record<ImportColumn, Cell>>;
}

/** A problem of one cell (or of the header: row 1), in both languages. */
export interface RowProblem {
  row: number;
  column: string;
  vi: string;
  en: string;
}

export interface ImportTable {
  format: 'csv' | 'xlsx';
  rows: ImportRow[];
  /** Problems of the header (unknown, repeated or missing columns): nothing can be imported with them. */
  problems: RowProblem[];
}

const unreadable = (vi: string, en: string) => UserImportErrors.IMPORT_UNREADABLE({ details: [{ field: 'file', message: `${vi} / ${en}` }] });

/** ZIP (an .xlsx is one); an old Excel 97–2003 file (OLE compound document). */
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Reads the table of an import file; throws IMPORT_UNREADABLE, IMPORT_EMPTY or IMPORT_TOO_MANY_ROWS. */
export async function readImportTable(bytes: Uint8Array): Promise<ImportTable> {
  if (bytes.length === 0) throw UserImportErrors.IMPORT_EMPTY();
  if (startsWith(bytes, OLE)) {
    throw unreadable('tệp Excel 97–2003 (.xls): hãy lưu lại dưới dạng .xlsx hoặc CSV UTF-8', 'an Excel 97–2003 file (.xls): save it as .xlsx or CSV UTF-8');
  }
  const grid = startsWith(bytes, ZIP) ? await xlsxGrid(bytes) : csvGrid(bytes);
  return tableOf(startsWith(bytes, ZIP) ? 'xlsx' : 'csv', grid);
}

function csvGrid(bytes: Uint8Array): Cell[][] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw unreadable('không phải văn bản UTF-8: trong Excel chọn "CSV UTF-8" khi lưu', 'not UTF-8 text: choose "CSV UTF-8" when saving from Excel');
  }
  if (text.includes('\u0000')) throw unreadable('không phải tệp CSV hay Excel .xlsx', 'neither a CSV nor an Excel .xlsx file');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  // The separator is the one the header uses most (its cells hold no separator of their own).
  const delimiter = [';', ',', '\t'].map((d) => ({ d, n: firstLine.split(d).length })).sort((a, b) => b.n - a.n)[0].d;
  try {
    return parse(text, { delimiter, bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (error) {
    const where = (error as { lines?: number }).lines;
    throw unreadable(`CSV sai cú pháp${where ? ` (dòng ${where})` : ''}`, `malformed CSV${where ? ` (line ${where})` : ''}`);
  }
}

async function xlsxGrid(bytes: Uint8Array): Promise<Cell[][]> {
  const wb = new (await loadExcel()).Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw unreadable('tệp nén không phải Excel .xlsx đọc được', 'a ZIP file that is not a readable Excel .xlsx workbook');
  }
  const sheet = wb.worksheets[0];
  if (!sheet) throw UserImportErrors.IMPORT_EMPTY();
  const grid: Cell[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      const v = cell.value;
      // A number stays a number (a phone typed as 912345678 lost its 0); anything else as the sheet shows it
      // (rich text, a hyperlinked e-mail, a formula's result).
      cells[col - 1] = typeof v === 'number' ? v : v === null || v === undefined ? '' : typeof v === 'object' && 'result' in v && typeof v.result === 'number' ? v.result : cell.text;
    });
    grid[n - 1] = Array.from(cells, (c) => c ?? '');
  });
  return Array.from(grid, (r) => r ?? []);
}

const isBlank = (cells: Cell[]) => cells.every((c) => String(c).trim() === '');

function tableOf(format: ImportTable['format'], grid: Cell[][]): ImportTable {
  const headerIndex = 0;
  const header = grid[headerIndex] ?? [];
  if (isBlank(header)) throw UserImportErrors.IMPORT_EMPTY();
  const problems: RowProblem[] = [];
  const columns: (ImportColumn | null)[] = header.map((h) => {
    const text = String(h).trim();
    if (text === '') return null;
    const column = HEADER_ALIASES[headerKey(text)];
    if (!column) {
      problems.push({
        row: 1,
        column: text,
        vi: `Cột không rõ "${text}": dùng ${IMPORT_COLUMNS.join(', ')} (hoặc tên tiếng Việt)`,
        en: `Unknown column "${text}": use ${IMPORT_COLUMNS.join(', ')} (or the Vietnamese names)`,
      });
      return null;
    }
    return column;
  });
  for (const column of IMPORT_COLUMNS) {
    const count = columns.filter((c) => c === column).length;
    if (count > 1) problems.push({ row: 1, column, vi: `Cột ${column} có ${count} lần`, en: `Column ${column} appears ${count} times` });
    if (count === 0 && REQUIRED_COLUMNS.includes(column)) problems.push({ row: 1, column, vi: `Thiếu cột ${column}`, en: `Missing column ${column}` });
  }
  const rows: ImportRow[] = [];
  grid.forEach((cells, i) => {
    if (i === headerIndex || isBlank(cells)) return;
    const row: ImportRow = { row: i + 1, cells: {} };
    columns.forEach((column, c) => {
      if (column && cells[c] !== undefined) row.cells[column] = typeof cells[c] === 'string' ? (cells[c] as string).trim() : cells[c];
    });
    rows.push(row);
  });
  if (rows.length === 0) throw UserImportErrors.IMPORT_EMPTY();
  if (rows.length > MAX_IMPORT_ROWS) throw UserImportErrors.IMPORT_TOO_MANY_ROWS({}, { count: rows.length, max: MAX_IMPORT_ROWS });
  return { format, rows, problems };
}
