import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actOk, APPLICANT, approved, buildWorld, procedure, setNow, signedInCallers, submit, type World } from '#test/factories.ts';
import { demoCommittees, readWorkbook, sheetRowOf, uploadReport } from '#test/reporting.ts';
import { createTestSystem, type TestSystem } from '#test/system.ts';
import { drainIndicators } from '#modules/indicators/index.ts';

/**
 * Table-type indicators: version 2 of the TTHC regime (in force from 01/12/2026) has the table
 * "6. Tình hình, kết quả giải quyết TTHC theo lĩnh vực" — one row per sector, the standard columns.
 * Phường Hoàn Kiếm's report of December 2026 (15/11–14/12/2026), opened on 20/12/2026: the table is
 * pre-filled from its dossiers by sector, each cell checked by its column's rules, a corrected
 * cell needs a reason, the received and resolved columns must add up to the report's totals;
 * the Excel template has the table as its own sheet (cell by cell upload); the city's aggregate
 * adds the accepted reports up row by row.
 */
let sys: TestSystem;
let w: World;
const { call, at, as } = signedInCallers(() => sys);
let hk = '';
let bd = '';
let city = '';
const q = (unit: string) => `regime=tthc&period=2026-12&unit=${encodeURIComponent(unit)}`;
const cell = (row: string, col: string) => `bySector.${row}.${col}`;

const upload = async (username: string, query: string, wb: ExcelJS.Workbook) => uploadReport(sys, await as(username), query, wb);

beforeAll(async () => {
  sys = await createTestSystem();
  w = await buildWorld(sys);
  ({ hk, bd, city } = await demoCommittees(sys));
  // Hoàn Kiếm, inside 15/11–14/12/2026: two hộ tịch dossiers (one resolved), one chứng thực
  const marriage = await procedure(w, '1.004873');
  const copy = await procedure(w, '2.000815');
  setNow(w, '2026-12-01T09:00:00+07:00');
  await approved(w, { procedure: marriage });
  const b = await submit(w, { procedure: marriage });
  await actOk(w, 'motcua.hoankiem', b.id, { action: 'receive' });
  const c = await submit(w, { user: 'motcua.hoankiem', procedure: copy, body: { applicant: { ...APPLICANT, fullName: 'Trần Văn Bình', idNumber: '001090054321' } } });
  await actOk(w, 'motcua.hoankiem', c.id, { action: 'receive' });
  await drainIndicators(sys.ctx.db); // the reports pre-fill from the indicators, projected after commit
}, 300_000);
afterAll(async () => {
  await sys?.close();
});

describe('a table indicator (TTHC by sector, December 2026)', () => {
  it('is served as version 2 of the regime, with its rows and columns', async () => {
    at('2026-12-20T09:00:00+07:00');
    const regimes = (await call('baocao.hoankiem', 'GET', '/api/v1/reporting/regimes')).json().items;
    const tthc = regimes.find((r: { code: string }) => r.code === 'tthc');
    expect(tthc.validFrom).toBe('2026-12-01');
    const table = tthc.definition.sections.flatMap((s: { indicators: unknown[] }) => s.indicators).find((i: { code: string }) => i.code === 'bySector');
    expect(table).toMatchObject({ type: 'table', number: '6' });
    expect(table.rows.map((r: { key: string }) => r.key)).toEqual(['hoTich', 'chungThuc', 'cuTru', 'datDai', 'xayDung', 'kinhDoanh', 'khac']);
    expect(table.columns.map((c: { code: string }) => c.code)).toEqual(['received', 'carriedOver', 'resolvedEarly', 'resolvedOnTime', 'resolvedLate', 'pendingInTime', 'pendingOverdue']);
  });

  it('is pre-filled row by row from the dossiers by their procedure’s sector', async () => {
    const res = await call('baocao.hoankiem', 'GET', `/api/v1/reporting/reports?${q(hk)}`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.prefilled).toMatchObject({ received: 3, [cell('hoTich', 'received')]: 2, [cell('chungThuc', 'received')]: 1, [cell('datDai', 'received')]: 0, [cell('khac', 'received')]: 0 });
    const resolvedHoTich = r.prefilled[cell('hoTich', 'resolvedEarly')] + r.prefilled[cell('hoTich', 'resolvedOnTime')] + r.prefilled[cell('hoTich', 'resolvedLate')];
    expect(resolvedHoTich).toBe(1);
    expect(r.values[cell('chungThuc', 'received')]).toBe(1);
    expect(r.indicators).toContain(cell('xayDung', 'pendingOverdue'));
  });

  it('checks each cell by its column’s rules, and a corrected cell needs a written reason', async () => {
    const bad = await call('baocao.hoankiem', 'PUT', `/api/v1/reporting/reports/values?${q(hk)}`, { values: { [cell('datDai', 'received')]: -1, [cell('xayDung', 'received')]: 1.5 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual([
      { field: `values.${cell('datDai', 'received')}`, message: '6.4 Tình hình, kết quả giải quyết TTHC theo lĩnh vực — Đất đai: Mới tiếp nhận: không được nhỏ hơn 0 (nhận được -1)' },
      { field: `values.${cell('xayDung', 'received')}`, message: expect.stringContaining('Hoạt động xây dựng: Mới tiếp nhận: phải là số nguyên') },
    ]);
    const noReason = await call('baocao.hoankiem', 'PUT', `/api/v1/reporting/reports/values?${q(hk)}`, { values: { [cell('hoTich', 'received')]: 3 } });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0].field).toBe(`values.${cell('hoTich', 'received')}`);
  });

  it('refuses to submit when a column’s rows do not add up to the report’s total', async () => {
    const saved = await call('baocao.hoankiem', 'PUT', `/api/v1/reporting/reports/values?${q(hk)}`, {
      values: { [cell('hoTich', 'received')]: 3 },
      reasons: { [cell('hoTich', 'received')]: 'Một hồ sơ nhận giấy chưa nhập' },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().corrections).toEqual([expect.objectContaining({ indicator: cell('hoTich', 'received'), prefilled: 2, value: 3 })]);
    const refused = await call('lanhdao.hoankiem', 'POST', `/api/v1/reporting/reports/actions?${q(hk)}`, { action: 'submit' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details).toEqual([{ field: 'values.received', message: expect.stringContaining('1 Số hồ sơ mới tiếp nhận trong kỳ (3) phải bằng tổng cột "Mới tiếp nhận"') }]);
  });

  it('has its own sheet in the Excel template; an upload is read cell by cell, naming the sheet and cell', async () => {
    const res = await call('baocao.hoankiem', 'GET', `/api/v1/reporting/reports/template.xlsx?${q(hk)}`);
    expect(res.statusCode).toBe(200);
    const wb = await readWorkbook(res.rawPayload);
    const ws = wb.getWorksheet('Bảng 6')!;
    expect(ws).toBeDefined();
    // the main sheet points to the table's own sheet on the indicator's row
    const pointers = wb.worksheets.flatMap((sheet) => {
      const found: string[] = [];
      sheet.eachRow((row) => row.eachCell((c) => typeof c.value === 'string' && c.value.startsWith('Nhập tại trang') && found.push(c.value)));
      return found;
    });
    expect(pointers).toEqual(['Nhập tại trang "Bảng 6"']);
    expect(String(ws.getCell('A1').value)).toBe('6. TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC THEO LĨNH VỰC');
    expect(ws.getCell('C4').value).toBe('Mới tiếp nhận');
    const keyCol = 7 + 4; // seven columns, then the reason, then the hidden key
    const hoTich = sheetRowOf(ws, 'hoTich', keyCol);
    const datDai = sheetRowOf(ws, 'datDai', keyCol);
    expect(ws.getCell(hoTich, 2).value).toBe('Hộ tịch');
    expect(ws.getCell(hoTich, 3).value).toBe(3); // the saved correction
    expect(ws.getCell(hoTich, 10).value).toBe('Một hồ sơ nhận giấy chưa nhập');
    ws.getCell(datDai, 3).value = 'hai';
    ws.getCell(hoTich, 10).value = null; // the reason removed
    const bad = await upload('baocao.hoankiem', q(hk), wb);
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.json().error.details).toEqual([
      { field: `Bảng 6!J${hoTich}`, message: expect.stringContaining(`Trang "Bảng 6", ô C${hoTich} (Hộ tịch — Mới tiếp nhận): số liệu tự động là 2, đã sửa thành 3: cần ghi lý do điều chỉnh ở ô J${hoTich}`) },
      { field: `Bảng 6!C${datDai}`, message: `Trang "Bảng 6", ô C${datDai} (Đất đai — Mới tiếp nhận): "hai" không phải là số` },
    ]);
    // fixed: the figure from the data again, nothing to explain
    ws.getCell(datDai, 3).value = 0;
    ws.getCell(hoTich, 3).value = 2;
    const ok = await upload('baocao.hoankiem', q(hk), wb);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().values[cell('hoTich', 'received')]).toBe(2);
    expect(ok.json().corrections).toEqual([]);
  });

  it('is signed with the report and added up row by row in the city’s aggregate and its Excel', async () => {
    const signed = await call('lanhdao.hoankiem', 'POST', `/api/v1/reporting/reports/actions?${q(hk)}`, { action: 'submit' });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(JSON.parse(signed.json().signature.signedText).values[cell('hoTich', 'received')]).toBe(2);
    // Ba Đình has no dossiers: its table is all zeros but one row it corrects with a reason
    const bdSaved = await call('lanhdao.badinh', 'PUT', `/api/v1/reporting/reports/values?${q(bd)}`, {
      values: { received: 4, receivedDirect: 4, [cell('chungThuc', 'received')]: 4 },
      reasons: { received: 'Hồ sơ nhận giấy', receivedDirect: 'Hồ sơ nhận giấy', [cell('chungThuc', 'received')]: 'Hồ sơ nhận giấy' },
    });
    expect(bdSaved.statusCode, bdSaved.body).toBe(200);
    expect((await call('lanhdao.badinh', 'POST', `/api/v1/reporting/reports/actions?${q(bd)}`, { action: 'submit' })).json().status).toBe('submitted');
    for (const unit of [hk, bd]) expect((await call('baocao.hanoi', 'POST', `/api/v1/reporting/reports/actions?${q(unit)}`, { action: 'accept' })).json().status).toBe('accepted');
    const agg = (await call('baocao.hanoi', 'GET', `/api/v1/reporting/aggregate?${q(city)}`)).json();
    const ind = Object.fromEntries(agg.indicators.map((i: { indicator: string }) => [i.indicator, i]));
    expect(ind[cell('hoTich', 'received')]).toMatchObject({ value: 2, units: 2 });
    expect(ind[cell('chungThuc', 'received')]).toMatchObject({ value: 5, units: 2 });
    expect(ind.received.value).toBe(7);
    const xlsx = await call('baocao.hanoi', 'GET', `/api/v1/reporting/aggregate/export.xlsx?${q(city)}`);
    expect(xlsx.statusCode).toBe(200);
    const exported = await readWorkbook(xlsx.rawPayload);
    expect(exported.worksheets.some((sheet) => sheet.getSheetValues().flat().includes('Xem trang "Bảng 6"'))).toBe(true);
    const ws = exported.getWorksheet('Bảng 6')!;
    const chungThuc = sheetRowOf(ws, 'chungThuc', 11);
    expect(ws.getCell(chungThuc, 2).value).toBe('Chứng thực');
    expect(ws.getCell(chungThuc, 3).value).toBe(5);
  });
});
