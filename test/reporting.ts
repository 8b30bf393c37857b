import ExcelJS from 'exceljs';
import { multipartBody } from './actor-app.ts';
import type { TestSystem } from './system.ts';

/** Helpers of the reporting tests (the national reporting system's reports, their Excel round trip). */

/** The media type of an Excel workbook. */
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The agency codes of the demo People's Committees: Phường Hoàn Kiếm, Phường Ba Đình and Thành phố Hà Nội. */
export async function demoCommittees(sys: TestSystem): Promise<{ hk: string; bd: string; city: string }> {
  const agencies = await sys.ctx.db.query<{ code: string; admin_unit_code: string }>(
    `SELECT code, admin_unit_code FROM agencies WHERE kind = 'people_committee' AND admin_unit_code IN ('00070', '00004', '01')`,
  );
  const codeOf = (unit: string) => agencies.find((a) => a.admin_unit_code === unit)!.code;
  return { hk: codeOf('00070'), bd: codeOf('00004'), city: codeOf('01') };
}

/** A workbook (a report's Excel template or export) read back by exceljs. */
export async function readWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** The number of the sheet row whose cell in column `keyCol` (a report sheet's hidden key column) holds `key`; 0 when none does. */
export function sheetRowOf(ws: ExcelJS.Worksheet, key: string, keyCol: number): number {
  let found = 0;
  ws.eachRow((row, n) => {
    if (row.getCell(keyCol).value === key) found = n;
  });
  return found;
}

/** Uploads a filled report workbook for the report named by `query`, with the caller's `headers` (its authorization). */
export async function uploadReport(sys: TestSystem, headers: Record<string, string>, query: string, wb: ExcelJS.Workbook) {
  const body = multipartBody(Buffer.from(await wb.xlsx.writeBuffer()), { filename: 'bao-cao.xlsx', contentType: XLSX });
  return sys.app.inject({ method: 'POST', url: `/api/v1/reporting/reports/upload?${query}`, headers: { ...body.headers, ...headers }, payload: body.payload });
}
