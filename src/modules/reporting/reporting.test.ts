import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartBody } from '#test/actor-app.ts';
import { actOk, APPLICANT, approved, buildWorld, procedure, setNow, signedInCallers, submit, type World } from '#test/factories.ts';
import { opensslVerifiesCms } from '#test/cms.ts';
import { demoCommittees, readWorkbook, sheetRowOf, uploadReport, XLSX } from '#test/reporting.ts';
import { startSmtpCapture } from '#test/smtp-capture.ts';
import { createTestSystem, type TestSystem } from '#test/system.ts';
import { drainIndicators } from '#modules/indicators/index.ts';
import { drainOutbox } from '#platform/outbox.ts';
import { notificationHandlers } from '#modules/notifications/index.ts';
import { runReportingReminders } from './reminders.ts';

/**
 * The national reporting system through its HTTP API on the real database: Phường Hoàn Kiếm's
 * monthly TTHC report of January 2026, pre-filled from its dossiers, corrected with a reason,
 * handed in by the officer, signed by the leader (checked by our verifier and by openssl);
 * Phường Ba Đình's late; the city returns one and accepts the other; the aggregate.
 */
/** A real SMTP server (port 0) for the e-mailed reminders. */
let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
let sys: TestSystem;
let w: World;
const { as, call, at } = signedInCallers(() => sys);
let hk = '';
let bd = '';
let city = '';
const q = (unit: string, period = '2026-01', regime = 'tthc') => `regime=${regime}&period=${period}&unit=${encodeURIComponent(unit)}`;

const opensslVerifies = (signedText: string, signatureB64: string) => opensslVerifiesCms(sys.ctx.db, signedText, signatureB64);

beforeAll(async () => {
  smtp = await startSmtpCapture();
  sys = await createTestSystem({ env: { SMTP_URL: smtp.url, MOTCUA_PUBLIC_URL: 'https://motcua.example.vn' } });
  w = await buildWorld(sys);
  ({ hk, bd, city } = await demoCommittees(sys));
  // dossiers of Hoàn Kiếm inside the January 2026 period (15/12/2025–14/01/2026): one online, one at the desk
  const proc = await procedure(w, '1.004873');
  setNow(w, '2026-01-05T09:00:00+07:00');
  await approved(w, { procedure: proc }); // online
  const direct = await submit(w, { user: 'motcua.hoankiem', procedure: proc, body: { applicant: { ...APPLICANT, fullName: 'Trần Văn Bình', idNumber: '001090054321' } } });
  await actOk(w, 'motcua.hoankiem', direct.id, { action: 'receive' });
  await drainIndicators(sys.ctx.db); // the reports pre-fill from the indicators, projected after commit
}, 300_000);
afterAll(async () => {
  await sys?.close();
  await smtp?.close();
});

describe('regimes and periods', () => {
  it('lists the two real regimes and the ad hoc request, as versioned data', async () => {
    at('2026-01-15T10:00:00+07:00');
    const res = await call('baocao.hoankiem', 'GET', '/api/v1/reporting/regimes');
    expect(res.statusCode).toBe(200);
    const byCode = Object.fromEntries(res.json().items.map((r: { code: string }) => [r.code, r]));
    expect(byCode.tthc).toMatchObject({ type: 'periodic', validFrom: '2025-07-01', definition: { cutoffDay: 15, periodTypes: ['month', 'quarter'], due: { workingDaysAfterCutoff: 2 } } });
    expect(byCode.ktxh.definition.sections[0].indicators[0]).toMatchObject({ code: 'population', responsible: ['police'] });
    expect(byCode['dx-hotich-2026']).toMatchObject({ type: 'ad_hoc', definition: { adHoc: { period: 'DX-2026-1', dueDate: '2026-12-10' } } });
    expect((await call(null, 'GET', '/api/v1/reporting/regimes')).statusCode).toBe(401);
  });

  it('gives each period its cut-off range and due date on the working calendar (across Tết 2026)', async () => {
    const periods = (await call('baocao.hoankiem', 'GET', '/api/v1/reporting/regimes/tthc/periods?year=2026')).json();
    expect(periods).toHaveLength(16);
    expect(periods[0]).toEqual({ period: '2026-01', type: 'month', label: 'Tháng 01/2026', from: '2025-12-15', to: '2026-01-14', dueDate: '2026-01-16' });
    expect(periods.find((p: { period: string }) => p.period === '2026-02')).toMatchObject({ from: '2026-01-15', to: '2026-02-14', dueDate: '2026-02-24' });
    expect(periods.find((p: { period: string }) => p.period === '2026-Q1')).toMatchObject({ from: '2025-12-15', to: '2026-03-14', dueDate: '2026-03-17' });
    expect((await call('baocao.hoankiem', 'GET', '/api/v1/reporting/regimes/nope/periods?year=2026')).json().error.code).toBe('REGIME_NOT_FOUND');
    expect((await call('baocao.hoankiem', 'GET', '/api/v1/reporting/regimes/tthc/periods?year=abc')).statusCode).toBe(400);
  });
});

/** The row of an indicator in the sheet "Báo cáo" (its code is in the hidden column G). */
const rowOf = (ws: ExcelJS.Worksheet, code: string) => sheetRowOf(ws, code, 7);
const upload = async (username: string, query: string, wb: ExcelJS.Workbook) => uploadReport(sys, await as(username), query, wb);

describe('the contract’s paths, exactly as issue 17 writes them ("…" = /api/v1/reporting/reports, the report named by the query)', () => {
  it('answers each route with its own answer, never ROUTE_NOT_FOUND', async () => {
    const key = q(hk, '2026-05');
    const answers: [string, string, unknown, number, string?][] = [
      ['GET', '/api/v1/reporting/regimes', undefined, 200],
      ['GET', '/api/v1/reporting/regimes/tthc/periods?year=2026', undefined, 200],
      ['GET', `/api/v1/reporting/reports?${key}`, undefined, 200],
      ['PUT', `/api/v1/reporting/reports/values?${key}`, { values: { issues: 'Không có' } }, 200],
      ['POST', `/api/v1/reporting/reports/actions?${key}`, { action: 'accept' }, 403, 'RECEIVER_ONLY'],
      ['GET', `/api/v1/reporting/aggregate?${q(city, '2026-05')}`, undefined, 404, 'REPORT_NOT_FOUND'],
      ['GET', `/api/v1/reporting/reports/template.xlsx?${key}`, undefined, 200],
      ['POST', `/api/v1/reporting/reports/upload?${key}`, {}, 400, 'EXCEL_MISSING'],
    ];
    for (const [method, url, body, status, code] of answers) {
      const res = await call('baocao.hoankiem', method as 'GET', url, body);
      expect(res.statusCode, `${method} ${url}: ${res.body.slice(0, 200)}`).toBe(status);
      if (code) expect(res.json().error.code).toBe(code);
    }
    expect((await call('baocao.hanoi', 'GET', `/api/v1/reporting/aggregate?${q(city, '2026-05')}`)).statusCode).toBe(200);
  });
});

describe('Excel both ways (Hoàn Kiếm, February 2026)', () => {
  it('downloads the template with the pre-filled figures; an upload with bad cells names each sheet and cell and stores nothing', async () => {
    const res = await call('baocao.hoankiem', 'GET', `/api/v1/reporting/reports/template.xlsx?${q(hk, '2026-02')}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    const wb = await readWorkbook(res.rawPayload);
    const ws = wb.getWorksheet('Báo cáo')!;
    expect(String(ws.getCell('A1').value)).toBe('BÁO CÁO ĐỊNH KỲ TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH');
    expect(String(ws.getCell('A3').value)).toContain('từ ngày 15/01/2026 đến ngày 14/02/2026; hạn gửi 24/02/2026');
    const postal = rowOf(ws, 'receivedPostal');
    const carried = rowOf(ws, 'carriedOver');
    const issues = rowOf(ws, 'issues');
    expect(postal).toBeGreaterThan(5);
    expect(ws.getCell(`D${carried}`).value).toBe(ws.getCell(`E${carried}`).value); // pre-filled
    ws.getCell(`D${postal}`).value = 'mười';
    ws.getCell(`D${carried}`).value = 7; // changed without a reason
    ws.getCell(`D${issues}`).value = 'Đề nghị bổ sung biên chế cho Bộ phận Một cửa';
    const bad = await upload('baocao.hoankiem', q(hk, '2026-02'), wb);
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.json().error.code).toBe('EXCEL_INVALID');
    expect(bad.json().error.details).toEqual([
      { field: `Báo cáo!D${postal}`, message: `Trang "Báo cáo", ô D${postal} (1.3 Trong đó: tiếp nhận qua dịch vụ bưu chính công ích): "mười" không phải là số` },
      { field: `Báo cáo!F${carried}`, message: expect.stringContaining(`Trang "Báo cáo", ô F${carried} (2 Số hồ sơ từ kỳ trước chuyển sang)`) },
    ]);
    expect((await call('baocao.hoankiem', 'GET', `/api/v1/reporting/reports?${q(hk, '2026-02')}`)).json().id).toBeNull(); // nothing stored
    // the same file fixed: a number, and the reason of the correction in column F
    ws.getCell(`D${postal}`).value = null;
    ws.getCell(`F${carried}`).value = 'Tính cả 7 hồ sơ nhận giấy trước khi triển khai hệ thống';
    const ok = await upload('baocao.hoankiem', q(hk, '2026-02'), wb);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().values).toMatchObject({ carriedOver: 7, issues: 'Đề nghị bổ sung biên chế cho Bộ phận Một cửa' });
    expect(ok.json().corrections).toEqual([expect.objectContaining({ indicator: 'carriedOver', value: 7, reason: 'Tính cả 7 hồ sơ nhận giấy trước khi triển khai hệ thống' })]);
  });

  it('refuses another period’s template, a file that is not Excel and an upload without a file; outsiders get 404', async () => {
    const other = await readWorkbook((await call('baocao.hoankiem', 'GET', `/api/v1/reporting/reports/template.xlsx?${q(hk, '2026-03')}`)).rawPayload);
    const wrong = await upload('baocao.hoankiem', q(hk, '2026-02'), other);
    expect(wrong.json().error.details[0].message).toContain('Tệp mẫu thuộc báo cáo khác');
    const body = multipartBody(Buffer.from('không phải Excel'), { filename: 'x.xlsx', contentType: XLSX });
    const notExcel = await sys.app.inject({ method: 'POST', url: `/api/v1/reporting/reports/upload?${q(hk, '2026-02')}`, headers: { ...body.headers, ...(await as('baocao.hoankiem')) }, payload: body.payload });
    expect(notExcel.json().error.code).toBe('EXCEL_INVALID');
    expect((await call('baocao.hoankiem', 'POST', `/api/v1/reporting/reports/upload?${q(hk, '2026-02')}`, {})).json().error.code).toBe('EXCEL_MISSING');
    expect((await call('baocao.hanoi', 'GET', `/api/v1/reporting/reports/template.xlsx?${q(hk, '2026-02')}`)).statusCode).toBe(404);
    expect((await upload('lanhdao.badinh', q(hk, '2026-02'), other)).statusCode).toBe(404);
  });
});

describe('Phường Hoàn Kiếm’s monthly TTHC report of January 2026', () => {
  it('opens as a draft pre-filled from the commune’s dossiers, the same figures as the TTHC statistics', async () => {
    const res = await call('baocao.hoankiem', 'GET', `/api/v1/reporting/reports?${q(hk)}`);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ id: null, status: 'draft', unitName: 'Ủy ban nhân dân Phường Hoàn Kiếm', dueDate: '2026-01-16', allowedActions: ['save', 'submit'] });
    expect(report.prefilled).toMatchObject({ received: 2, receivedOnline: 1, receivedDirect: 1, receivedPostal: 0, resolved: 1, pending: 1 });
    const stats = (await call('lanhdao.hanoi', 'GET', '/api/v1/statistics/tthc?unit=00070&period=2026-01')).json().total;
    expect(report.prefilled).toMatchObject({ received: stats.received, resolvedEarly: stats.resolvedEarly, resolvedOnTime: stats.resolvedOnTime, pendingInTime: stats.pendingInTime, carriedOver: stats.carriedOver });
    expect(report.values.received).toBe(2);
    expect(report.values.issues).toBeNull();
  });

  it('leaves the on-time rate empty for a month without a resolved dossier, instead of pre-filling 100 %', async () => {
    const stats = (await call('lanhdao.hanoi', 'GET', '/api/v1/statistics/tthc?unit=00070&period=2025-09')).json().total;
    expect(stats.resolvedEarly + stats.resolvedOnTime + stats.resolvedLate).toBe(0);
    const report = (await call('baocao.hoankiem', 'GET', `/api/v1/reporting/reports?${q(hk, '2025-09')}`)).json();
    expect(report.prefilled).toMatchObject({ resolved: 0 });
    expect(report.prefilled).not.toHaveProperty('onTimeRate');
    expect(report.values.onTimeRate).toBeNull();
  });

  it('is invisible to anyone but its unit: the city before submission, another ward, an officer without a reporting role, a citizen (404)', async () => {
    for (const outsider of ['baocao.hanoi', 'lanhdao.badinh', 'chuyenvien.hoankiem', 'congdan']) {
      expect((await call(outsider, 'GET', `/api/v1/reporting/reports?${q(hk)}`)).statusCode, outsider).toBe(404);
      expect((await call(outsider, 'PUT', `/api/v1/reporting/reports/values?${q(hk)}`, { values: { issues: 'x' } })).statusCode, outsider).toBe(404);
    }
    expect((await call('baocao.hoankiem', 'GET', `/api/v1/reporting/reports?${q(bd)}`)).statusCode).toBe(404);
    expect((await call('baocao.hoankiem', 'GET', `/api/v1/reporting/reports?${q(hk, '2026-13')}`)).json().error.code).toBe('REPORTING_PERIOD_INVALID');
  });

  it('refuses bad figures naming each, and a corrected pre-filled figure without a written reason', async () => {
    const bad = await call('baocao.hoankiem', 'PUT', `/api/v1/reporting/reports/values?${q(hk)}`, { values: { receivedPostal: 'abc', carriedOver: -1, onTimeRate: 120, nope: 1 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('REPORT_VALUES_INVALID');
    expect(bad.json().error.details.map((d: { field: string }) => d.field).sort()).toEqual(['values.carriedOver', 'values.nope', 'values.onTimeRate', 'values.receivedPostal']);
    expect(bad.json().error.details.find((d: { field: string }) => d.field === 'values.receivedPostal').message).toContain('"abc" không phải là số');
    const noReason = await call('baocao.hoankiem', 'PUT', `/api/v1/reporting/reports/values?${q(hk)}`, { values: { receivedPostal: 1 } });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0]).toMatchObject({ field: 'values.receivedPostal' });
    expect(noReason.json().error.details[0].message).toContain('cần ghi rõ lý do');
  });

  it('keeps both values of a correction with its reason; saving twice stores the same', async () => {
    const body = {
      values: { receivedPostal: 1, received: 3, issues: 'Một hồ sơ nhận qua bưu chính chưa được nhập vào hệ thống.' },
      reasons: { receivedPostal: 'Hồ sơ nhận qua bưu chính ngày 12/01 chưa cập nhật', received: 'Cộng thêm hồ sơ bưu chính' },
    };
    const first = await call('baocao.hoankiem', 'PUT', `/api/v1/reporting/reports/values?${q(hk)}`, body);
    expect(first.statusCode, first.body).toBe(200);
    const again = await call('baocao.hoankiem', 'PUT', `/api/v1/reporting/reports/values?${q(hk)}`, body);
    expect(again.json().values).toEqual(first.json().values);
    const r = again.json();
    expect(r.values).toMatchObject({ receivedPostal: 1, received: 3, receivedOnline: 1 });
    expect(r.prefilled).toMatchObject({ receivedPostal: 0, received: 2 });
    expect(r.corrections).toEqual(
      expect.arrayContaining([expect.objectContaining({ indicator: 'receivedPostal', prefilled: 0, value: 1, reason: 'Hồ sơ nhận qua bưu chính ngày 12/01 chưa cập nhật', by: 'baocao.hoankiem' })]),
    );
    expect(r.id).toEqual(expect.any(String));
    const audits = await sys.ctx.db.query(`SELECT 1 FROM audit_log WHERE chain = $1 AND action = 'reporting.values.save'`, [`reporting:tthc:2026-01:${hk}`]);
    expect(audits).toHaveLength(2);
  });

  it('is handed in by the officer (awaiting signature, figures locked), then signed and submitted by the leader', async () => {
    const handed = await call('baocao.hoankiem', 'POST', `/api/v1/reporting/reports/actions?${q(hk)}`, { action: 'submit' });
    expect(handed.statusCode, handed.body).toBe(200);
    expect(handed.json()).toMatchObject({ status: 'pending_signature', signature: null });
    expect((await call('baocao.hoankiem', 'PUT', `/api/v1/reporting/reports/values?${q(hk)}`, { values: { issues: 'x' } })).json().error.code).toBe('REPORT_LOCKED');
    const notices = await sys.ctx.db.query(`SELECT 1 FROM outbox WHERE topic = 'notice.users' AND payload->>'title' = 'Báo cáo chờ ký số'`);
    expect(notices.length).toBeGreaterThan(0);
    const signed = await call('lanhdao.hoankiem', 'POST', `/api/v1/reporting/reports/actions?${q(hk)}`, { action: 'submit' });
    expect(signed.statusCode, signed.body).toBe(200);
    const r = signed.json();
    expect(r).toMatchObject({ status: 'submitted', late: false, allowedActions: [] });
    expect(r.signature).toMatchObject({ valid: true, signerUsername: 'lanhdao.hoankiem', signer: 'Phạm Quốc Hùng' });
    expect(JSON.parse(r.signature.signedText)).toMatchObject({ regime: 'tthc', period: '2026-01', unit: hk, values: { received: 3, receivedPostal: 1 }, signedBy: 'lanhdao.hoankiem' });
    expect(await opensslVerifies(r.signature.signedText, r.signature.signature)).toBe(true);
    expect(await opensslVerifies(r.signature.signedText.replace('"received":3', '"received":4'), r.signature.signature)).toBe(false);
    // a retry changes nothing
    const retry = await call('lanhdao.hoankiem', 'POST', `/api/v1/reporting/reports/actions?${q(hk)}`, { action: 'submit' });
    expect(retry.json().submissions).toHaveLength(1);
  });
});

describe('the city receives', () => {
  it('Ba Đình submits late (after the due date 16/01)', async () => {
    at('2026-01-19T09:00:00+07:00');
    const saved = await call('chuyenvien.badinh', 'PUT', `/api/v1/reporting/reports/values?${q(bd)}`, { values: { issues: 'Không có' } });
    expect(saved.statusCode, saved.body).toBe(200);
    const r = (await call('lanhdao.badinh', 'POST', `/api/v1/reporting/reports/actions?${q(bd)}`, { action: 'submit' })).json();
    expect(r).toMatchObject({ status: 'submitted', late: true });
  });

  it('sees the board: two submitted (one late), the rest missing and overdue; a ward cannot see it', async () => {
    const res = await call('baocao.hanoi', 'GET', `/api/v1/reporting/aggregate?${q(city)}`);
    expect(res.statusCode, res.body).toBe(200);
    const agg = res.json();
    expect(agg.counts.expected).toBeGreaterThan(100); // every ward and commune of Hà Nội, and two departments
    expect(agg.counts).toMatchObject({ submitted: 2, accepted: 0, returned: 0, late: 1, missing: agg.counts.expected - 2, overdue: agg.counts.expected - 2 });
    expect(agg.units.find((u: { unit: string }) => u.unit === bd)).toMatchObject({ status: 'submitted', late: true });
    expect((await call('baocao.hoankiem', 'GET', `/api/v1/reporting/aggregate?${q(city)}`)).statusCode).toBe(404);
    // the receiver reads a submitted report (drill-down), not a ward's draft
    expect((await call('baocao.hanoi', 'GET', `/api/v1/reporting/reports?${q(hk)}`)).json().allowedActions).toEqual(['return', 'accept']);
  });

  it('returns Ba Đình with a reason and accepts Hoàn Kiếm; the aggregate counts only the accepted report', async () => {
    expect((await call('baocao.hanoi', 'POST', `/api/v1/reporting/reports/actions?${q(bd)}`, { action: 'return' })).json().error.code).toBe('RETURN_REASON_REQUIRED');
    expect((await call('lanhdao.badinh', 'POST', `/api/v1/reporting/reports/actions?${q(bd)}`, { action: 'accept' })).json().error.code).toBe('RECEIVER_ONLY');
    const returned = await call('baocao.hanoi', 'POST', `/api/v1/reporting/reports/actions?${q(bd)}`, { action: 'return', reason: 'Đề nghị bổ sung đánh giá khó khăn, vướng mắc' });
    expect(returned.json()).toMatchObject({ status: 'returned', returnedReason: 'Đề nghị bổ sung đánh giá khó khăn, vướng mắc' });
    expect((await call('baocao.hanoi', 'POST', `/api/v1/reporting/reports/actions?${q(hk)}`, { action: 'accept' })).json().status).toBe('accepted');
    expect((await call('baocao.hanoi', 'POST', `/api/v1/reporting/reports/actions?${q(hk)}`, { action: 'accept' })).json().status).toBe('accepted'); // a retry
    const agg = (await call('baocao.hanoi', 'GET', `/api/v1/reporting/aggregate?${q(city)}`)).json();
    expect(agg.counts).toMatchObject({ accepted: 1, returned: 1, submitted: 0 });
    const ind = Object.fromEntries(agg.indicators.map((i: { indicator: string }) => [i.indicator, i]));
    expect(ind.received).toMatchObject({ value: 3, units: 1, aggregation: 'sum' });
    expect(ind.issues.texts).toEqual([{ unit: hk, unitName: 'Ủy ban nhân dân Phường Hoàn Kiếm', text: 'Một hồ sơ nhận qua bưu chính chưa được nhập vào hệ thống.' }]);
  });

  it('Ba Đình corrects and submits again (a second signature); once accepted both add up by each indicator’s rule', async () => {
    const saved = await call('chuyenvien.badinh', 'PUT', `/api/v1/reporting/reports/values?${q(bd)}`, { values: { issues: 'Thiếu cán bộ tiếp nhận hồ sơ trực tuyến.' } });
    expect(saved.json().status).toBe('returned');
    const again = (await call('lanhdao.badinh', 'POST', `/api/v1/reporting/reports/actions?${q(bd)}`, { action: 'submit' })).json();
    expect(again).toMatchObject({ status: 'submitted', late: true });
    expect(again.submissions).toHaveLength(2);
    expect(again.signature.valid).toBe(true);
    await call('baocao.hanoi', 'POST', `/api/v1/reporting/reports/actions?${q(bd)}`, { action: 'accept' });
    const agg = (await call('baocao.hanoi', 'GET', `/api/v1/reporting/aggregate?${q(city)}`)).json();
    const ind = Object.fromEntries(agg.indicators.map((i: { indicator: string }) => [i.indicator, i]));
    expect(ind.received.value).toBe(3); // Ba Đình had none
    expect(ind.issues.texts.map((t: { unit: string }) => t.unit).sort()).toEqual([bd, hk].sort());
    // on-time rate weighed by the number resolved: Ba Đình resolved none, so Hoàn Kiếm’s rate stands
    const hkReport = (await call('baocao.hanoi', 'GET', `/api/v1/reporting/reports?${q(hk)}`)).json();
    expect(ind.onTimeRate.value).toBe(hkReport.values.onTimeRate);
  });

  it('exports the aggregate in the template layout, with the board', async () => {
    const res = await call('baocao.hanoi', 'GET', `/api/v1/reporting/aggregate/export.xlsx?${q(city)}`);
    expect(res.statusCode).toBe(200);
    const wb = await readWorkbook(res.rawPayload);
    const ws = wb.getWorksheet('Tổng hợp')!;
    let received = 0;
    ws.eachRow((row, n) => {
      if (row.getCell(2).value === 'Số hồ sơ mới tiếp nhận trong kỳ') received = n;
    });
    expect(ws.getCell(`D${received}`).value).toBe(3);
    expect(ws.getCell(`E${received}`).value).toBe(2);
    const board = wb.getWorksheet('Tình hình gửi báo cáo')!;
    const statuses = board.getColumn(3).values.filter((v) => v === 'Đã tiếp nhận');
    expect(statuses).toHaveLength(2);
    const exported = await call('baocao.hanoi', 'GET', `/api/v1/reporting/reports/export.xlsx?${q(hk)}`);
    expect(String((await readWorkbook(exported.rawPayload)).getWorksheet('Báo cáo')!.getCell('A4').value)).toContain('Đã tiếp nhận — ký số bởi Phạm Quốc Hùng (chữ ký hợp lệ)');
  });

  it('shows a tampered signature as invalid', async () => {
    await sys.ctx.db.query(`UPDATE reporting_reports SET signed_text = replace(signed_text, '"received":3', '"received":30') WHERE unit_code = $1 AND period = '2026-01'`, [hk]);
    const r = (await call('baocao.hanoi', 'GET', `/api/v1/reporting/reports?${q(hk)}`)).json();
    expect(r.signature.valid).toBe(false);
  });
});

describe('reminders', () => {
  it('remind each unit that has not submitted, on the working day before the due date and on the day, once each', async () => {
    const outbox = (title: string) => sys.ctx.db.query<{ payload: { body: string } }>(`SELECT payload FROM outbox WHERE topic = 'notice.users' AND payload->>'title' = $1`, [title]);
    // February 2026 is due Tue 24/02 (after Tết): Mon 23/02 is the working day before
    expect((await runReportingReminders(sys.ctx, new Date('2026-02-20T09:00:00+07:00'))).sent).toBe(0); // a Tết holiday, not the day before
    const before = await runReportingReminders(sys.ctx, new Date('2026-02-23T08:00:00+07:00'));
    expect(before.sent).toBe(2); // Hoàn Kiếm and Ba Đình
    expect((await runReportingReminders(sys.ctx, new Date('2026-02-23T15:00:00+07:00'))).sent).toBe(0);
    // and by e-mail, through the notifications module over real SMTP, once
    await sys.ctx.db.query(`UPDATE users SET email = 'baocao@hoankiem.hanoi.gov.vn' WHERE username = 'baocao.hoankiem'`);
    await drainOutbox(sys.ctx, notificationHandlers(sys.ctx));
    await expect.poll(() => smtp.inbox.filter((m) => m.to.includes('baocao@hoankiem.hanoi.gov.vn')).length).toBe(1);
    // what the officer reads: the subject and the body decoded from the message (RFC 2047, quoted-printable), Vietnamese intact
    const mail = smtp.inbox.find((m) => m.to.includes('baocao@hoankiem.hanoi.gov.vn'))!;
    expect(mail.subject).toBe('[Một Cửa] Ngày làm việc tiếp theo là hạn gửi báo cáo');
    expect(mail.text).toContain('Kính gửi Ông/Bà Hoàng Thị Thu Trang,');
    expect(mail.text).toContain('Báo cáo định kỳ tình hình, kết quả giải quyết thủ tục hành chính — Tháng 02/2026 của Ủy ban nhân dân Phường Hoàn Kiếm: hạn gửi 24/02/2026.');
    expect(mail.text).toContain(`Xem chi tiết: https://motcua.example.vn/bao-cao?regime=tthc&period=2026-02&unit=${encodeURIComponent(hk)}`);
    const sentBefore = await outbox('Ngày làm việc tiếp theo là hạn gửi báo cáo');
    expect(sentBefore.map((r) => r.payload.body)).toContain('Báo cáo định kỳ tình hình, kết quả giải quyết thủ tục hành chính — Tháng 02/2026 của Ủy ban nhân dân Phường Hoàn Kiếm: hạn gửi 24/02/2026.');
    // Hoàn Kiếm submits on the day: only Ba Đình is reminded on the day
    at('2026-02-24T08:00:00+07:00');
    const signed = await call('lanhdao.hoankiem', 'POST', `/api/v1/reporting/reports/actions?${q(hk, '2026-02')}`, { action: 'submit' });
    expect(signed.json()).toMatchObject({ status: 'submitted', late: false });
    expect((await runReportingReminders(sys.ctx, new Date('2026-02-24T09:00:00+07:00'))).sent).toBe(1);
    expect((await outbox('Hôm nay là hạn gửi báo cáo')).map((r) => r.payload.body)).toEqual([
      'Báo cáo định kỳ tình hình, kết quả giải quyết thủ tục hành chính — Tháng 02/2026 của Ủy ban nhân dân Phường Ba Đình: hạn gửi 24/02/2026.',
    ]);
  });
});

describe('ad hoc requests (đột xuất) by the city’s leader', () => {
  const request = () => ({
    receivingUnit: city,
    name: 'Báo cáo đột xuất tình hình trường học bị ảnh hưởng do mưa lũ',
    content: 'Số trường học bị ảnh hưởng, số học sinh phải nghỉ học và kiến nghị hỗ trợ.',
    from: '2026-02-15',
    to: '2026-02-28',
    units: [hk, bd],
    deadline: { workingDays: 5 },
    sections: [
      {
        title: 'I. Số liệu',
        indicators: [
          { code: 'schools', number: '1', name: 'Số trường học bị ảnh hưởng', type: 'number', unit: 'trường', integer: true, min: 0, aggregation: 'sum' },
          { code: 'pupils', number: '2', name: 'Số học sinh phải nghỉ học', type: 'number', unit: 'học sinh', integer: true, min: 0, aggregation: 'sum' },
          { code: 'needs', number: '3', name: 'Kiến nghị hỗ trợ', type: 'text', aggregation: 'concat', required: false },
        ],
      },
    ],
    checks: [],
  });
  let code = '';
  let period = '';

  it('may be made only by a leader of the receiving unit, and is checked field by field', async () => {
    at('2026-03-02T09:00:00+07:00');
    expect((await call('baocao.hanoi', 'POST', '/api/v1/reporting/requests', request())).json().error.code).toBe('REQUEST_LEADER_ONLY');
    expect((await call('lanhdao.hoankiem', 'POST', '/api/v1/reporting/requests', request())).statusCode).toBe(403);
    expect((await call('lanhdao.hanoi', 'POST', '/api/v1/reporting/requests', { ...request(), name: '' })).json().error.code).toBe('VALIDATION_FAILED');
    const bad = await call('lanhdao.hanoi', 'POST', '/api/v1/reporting/requests', { ...request(), from: '2026-03-01', units: [hk, hk, city, 'XX.999'], deadline: { date: '2026-02-27' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('REQUEST_INVALID');
    const fields = bad.json().error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(['to', 'deadline.date', 'deadline.date', 'units.1', 'units.2', 'units.3']);
    expect(bad.json().error.details[0].message).toBe('Ngày kết thúc số liệu (28/02/2026) phải sau ngày bắt đầu (01/03/2026)');
    expect(bad.json().error.details[5].message).toContain('Không có đơn vị XX.999 trong tỉnh');
  });

  it('is stored once with its due date in working days, audited, and announced to each unit in-app and by e-mail', async () => {
    const first = await call('lanhdao.hanoi', 'POST', '/api/v1/reporting/requests', request());
    expect(first.statusCode, first.body).toBe(201);
    const r = first.json();
    expect(r).toMatchObject({ created: true, dueDate: '2026-03-09', receivingUnit: city, requestedBy: 'lanhdao.hanoi', units: [{ unit: hk }, { unit: bd }] });
    [code, period] = [r.code, r.period];
    expect(period).toMatch(/^DX-2026-[0-9A-F]{6}$/);
    const again = await call('lanhdao.hanoi', 'POST', '/api/v1/reporting/requests', request());
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ code, created: false });
    expect(await sys.ctx.db.query(`SELECT 1 FROM audit_log WHERE chain = $1 AND action = 'reporting.request.create'`, [`reporting:request:${code}`])).toHaveLength(1);
    const notices = await sys.ctx.db.query<{ payload: { body: string; email: boolean; link: string } }>(`SELECT payload FROM outbox WHERE topic = 'notice.users' AND key LIKE $1`, [`reporting:request:${code}:%`]);
    expect(notices).toHaveLength(2);
    expect(notices.every((n) => n.payload.email)).toBe(true);
    expect(notices.map((n) => n.payload.link)).toContain(`/bao-cao?regime=${code}&period=${period}&unit=${encodeURIComponent(hk)}`);
    expect(notices[0].payload.body).toContain('hạn gửi 09/03/2026');
  });

  it('is seen by the units asked and the city only (404 for others)', async () => {
    expect((await call('baocao.hoankiem', 'GET', `/api/v1/reporting/requests/${code}`)).statusCode).toBe(200);
    expect((await call('baocao.hoankiem', 'GET', '/api/v1/reporting/requests')).json().items.map((i: { code: string }) => i.code)).toContain(code);
    expect((await call('baocao.hoankiem', 'GET', '/api/v1/reporting/regimes')).json().items.map((i: { code: string }) => i.code)).toContain(code);
    for (const outsider of ['chuyenvien.hoankiem', 'congdan']) {
      expect((await call(outsider, 'GET', `/api/v1/reporting/requests/${code}`)).statusCode, outsider).toBe(404);
      expect((await call(outsider, 'GET', '/api/v1/reporting/regimes')).json().items.map((i: { code: string }) => i.code)).not.toContain(code);
    }
    const periods = (await call('baocao.hoankiem', 'GET', `/api/v1/reporting/regimes/${code}/periods?year=2026`)).json();
    expect(periods).toEqual([{ period, type: 'ad_hoc', label: `Đợt ${period}`, from: '2026-02-15', to: '2026-02-28', dueDate: '2026-03-09' }]);
  });

  it('is answered like a regime’s report: filled, signed, accepted and aggregated', async () => {
    const key = `regime=${code}&period=${period}&unit=${encodeURIComponent(hk)}`;
    const saved = await call('baocao.hoankiem', 'PUT', `/api/v1/reporting/reports/values?${key}`, { values: { schools: 3, pupils: 'nhiều' } });
    expect(saved.json().error.details[0]).toMatchObject({ field: 'values.pupils' });
    expect((await call('baocao.hoankiem', 'PUT', `/api/v1/reporting/reports/values?${key}`, { values: { schools: 3, pupils: 420, needs: 'Hỗ trợ sách vở cho 2 trường' } })).statusCode).toBe(200);
    const signed = (await call('lanhdao.hoankiem', 'POST', `/api/v1/reporting/reports/actions?${key}`, { action: 'submit' })).json();
    expect(signed).toMatchObject({ status: 'submitted', late: false, dueDate: '2026-03-09', receivingUnit: city, signature: { valid: true } });
    expect((await call('baocao.hanoi', 'POST', `/api/v1/reporting/reports/actions?${key}`, { action: 'accept' })).json().status).toBe('accepted');
    const agg = (await call('baocao.hanoi', 'GET', `/api/v1/reporting/aggregate?regime=${code}&period=${period}&unit=${encodeURIComponent(city)}`)).json();
    expect(agg.counts).toMatchObject({ expected: 2, accepted: 1, missing: 1 });
    expect(agg.indicators.find((i: { indicator: string }) => i.indicator === 'pupils')).toMatchObject({ value: 420, units: 1 });
  });
});
