import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { TestSystem } from '#test/system.ts';
import { actOk, APPLICANT, approved, type DossierView, inProcessing, libreOfficeCsv, procedure, type ProcedureInfo, setNow, submit, workingDayAt, type World, worldPerFile } from '#test/factories.ts';
import { drainIndicators } from './project-dossier.ts';
import { rebuildIndicators } from './rebuild.ts';

let sys: TestSystem;
let w: World;
let proc: ProcedureInfo;
let oversight: string;
let early: DossierView; // resolved the day it was received
let open: DossierView; // received at the counter, left with the specialist
let forwarded: DossierView; // handed to Ba Đình by the desk
let withdrawn: DossierView;

/** Reads after the projection has taken every dossier change so far (it runs after commit). */
const get = async (token: string, url: string) => {
  await drainIndicators(sys.ctx.db);
  return sys.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
};
const stats = async (token: string, query: string) => {
  const res = await get(token, `/api/v1/statistics/tthc?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

worldPerFile(async (s, world) => {
  [sys, w] = [s, world];
  oversight = await sys.login('giamsat.quocgia');
  proc = await procedure(w, '1.004873');
  setNow(w, '2026-03-09T09:00:00+07:00');
  early = await approved(w, { procedure: proc });
  open = await inProcessing(w, { user: 'motcua.hoankiem', procedure: proc, body: { applicant: { ...APPLICANT, fullName: 'Trần Văn Bình', idNumber: '001090054321' } } });
  forwarded = await submit(w, { procedure: proc });
  await actOk(w, 'motcua.hoankiem', forwarded.id, { action: 'receive' });
  forwarded = await actOk(w, 'motcua.hoankiem', forwarded.id, { action: 'forward', toAgency: w.agency.badinh });
  withdrawn = await submit(w, { procedure: proc });
  await actOk(w, 'motcua.hoankiem', withdrawn.id, { action: 'receive' });
  withdrawn = await actOk(w, 'congdan', withdrawn.id, { action: 'withdraw', reason: 'Không còn nhu cầu' });
  await submit(w, { procedure: proc }); // submitted, never received: not counted
}, {}, 600_000);

describe('GET /api/v1/statistics/tthc', () => {
  it('counts each received dossier once, for its competent agency, rolled up to commune, province and nation', async () => {
    const q = 'from=2026-03-09&to=2026-03-09';
    const agency = await stats(w.token['lanhdao.hoankiem'], `unit=${w.agency.hoankiem}&${q}`);
    expect(agency.rows).toHaveLength(1);
    expect(agency.total).toMatchObject({
      received: 4,
      receivedOnline: 3,
      receivedDirect: 1,
      carriedOver: 0,
      resolvedEarly: 1,
      resolvedOnTime: 0,
      resolvedLate: 0,
      pendingInTime: 2,
      pendingOverdue: 0,
      withdrawn: 1,
      stopped: 0,
      averageWorkingDays: 0,
    });
    for (const unit of ['00070', '01', 'VN']) expect((await stats(oversight, `unit=${unit}&${q}`)).total.received).toBeGreaterThanOrEqual(4);
    // the forwarded dossier is Hoàn Kiếm's: Ba Đình, which holds it now, does not count it
    const badinh = await stats(oversight, `unit=${w.agency.badinh}&${q}`);
    expect(badinh.total.received).toBe(0);
    expect(badinh.total.pendingInTime).toBe(0);
  });

  it('carries pending dossiers over, counts them overdue after the due instant, and splits by procedure with the same totals', async () => {
    const dueDay = open.dueDate!;
    setNow(w, new Date(new Date(open.dueAt!).getTime() + 2 * 86_400_000).toISOString());
    const unit = `unit=${w.agency.hoankiem}`;
    const dayBefore = new Date(Date.parse(`${dueDay}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const before = await stats(w.token['lanhdao.hanoi'], `${unit}&from=2026-03-10&to=${dayBefore}`);
    expect(before.total).toMatchObject({ received: 0, carriedOver: 2, pendingInTime: 2, pendingOverdue: 0 });
    // at the end of the due day the due instant (17:00) has passed
    const onDue = await stats(w.token['lanhdao.hanoi'], `${unit}&from=2026-03-10&to=${dueDay}`);
    expect(onDue.total).toMatchObject({ carriedOver: 2, pendingInTime: 0, pendingOverdue: 2 });
    const now = await stats(w.token['lanhdao.hanoi'], `${unit}&from=2026-03-10`);
    expect(now.total).toMatchObject({ carriedOver: 2, pendingOverdue: 2, pendingInTime: 0 });
    const byProcedure = await stats(w.token['lanhdao.hanoi'], `${unit}&from=2026-03-09&groupBy=procedure`);
    expect(byProcedure.rows).toHaveLength(1);
    const { key, name, ...fromFacts } = byProcedure.rows[0];
    const { key: _k, name: _n, ...fromDays } = byProcedure.total;
    expect(key).toBe('1.004873');
    expect(name).toBeTruthy();
    expect(fromFacts).toEqual(fromDays);
  });

  it('lists the overdue dossiers now: the applicant read (and logged) by the agency’s leader, masked for national oversight', async () => {
    const url = `/api/v1/indicators/overdue?unit=${w.agency.hoankiem}`;
    const item = async (token: string) => (await get(token, url)).json().items.find((i: { id: string }) => i.id === open.id);
    expect(await item(oversight)).toMatchObject({ applicantName: 'Trần V*** B***', masked: true });
    expect(await item(w.token['lanhdao.hoankiem'])).toMatchObject({ applicantName: 'Trần Văn Bình', masked: false });
    const log = await sys.ctx.db.query('SELECT 1 FROM dossier_access_log WHERE dossier_id = $1 AND what = $2', [open.id, 'Danh sách hồ sơ quá hạn (chỉ đạo điều hành)']);
    expect(log).toHaveLength(1); // only the leader's unmasked read
  });

  it('drills down from a figure to its dossiers, masking the applicant for national oversight', async () => {
    const url = (figure: string) => `/api/v1/statistics/tthc/dossiers?unit=${w.agency.hoankiem}&from=2026-03-09&to=2026-03-09&figure=${figure}`;
    const masked = (await get(oversight, url('receivedDirect'))).json();
    expect(masked.total).toBe(1);
    expect(masked.items[0]).toMatchObject({ id: open.id, applicantName: 'Trần V*** B***', masked: true });
    const leader = (await get(w.token['lanhdao.hoankiem'], url('receivedDirect'))).json();
    expect(leader.items[0]).toMatchObject({ applicantName: 'Trần Văn Bình', masked: false });
    const log = await sys.ctx.db.query<{ what: string }>('SELECT what FROM dossier_access_log WHERE dossier_id = $1 AND what LIKE $2', [open.id, 'Danh sách chỉ tiêu%']);
    expect(log).toHaveLength(1); // the leader's unmasked read is in the applicant's access log; oversight's masked one is not
    const ids = (await get(oversight, url('withdrawn'))).json().items.map((i: { id: string }) => i.id);
    expect(ids).toEqual([withdrawn.id]);
  });

  it('drills down from a line of the statistics grouped by officer or procedure to that line\'s dossiers', async () => {
    const q = `unit=${w.agency.hoankiem}&from=2026-03-09&to=2026-03-09`;
    const byOfficer = await stats(oversight, `${q}&groupBy=officer`);
    const officer = byOfficer.rows.find((r: { key: string }) => r.key !== '');
    const nobody = byOfficer.rows.find((r: { key: string }) => r.key === '');
    expect(officer).toMatchObject({ received: 2, resolvedEarly: 1 }); // the early and the open dossier went to the specialist
    expect(nobody).toMatchObject({ received: 2, withdrawn: 1 }); // the forwarded and the withdrawn were never assigned
    const list = async (figure: string, groupBy: string, key: string) => {
      const res = await get(oversight, `/api/v1/statistics/tthc/dossiers?${q}&figure=${figure}&groupBy=${groupBy}&key=${encodeURIComponent(key)}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items.map((i: { id: string }) => i.id).sort();
    };
    expect(await list('received', 'officer', officer.key)).toEqual([early.id, open.id].sort());
    expect(await list('received', 'officer', '')).toEqual([forwarded.id, withdrawn.id].sort());
    expect(await list('resolvedEarly', 'officer', officer.key)).toEqual([early.id]);
    expect(await list('received', 'procedure', '1.004873')).toHaveLength(4);
    expect(await list('received', 'procedure', '1.000005')).toEqual([]);
    const half = await get(oversight, `/api/v1/statistics/tthc/dossiers?${q}&figure=received&groupBy=officer`);
    expect([half.statusCode, half.json().error.code]).toEqual([400, 'GROUP_INVALID']);
  });

  it('scores the resolved dossiers by Circular 01/2018, per agency and per officer, with the bands', async () => {
    const q = `/api/v1/indicators/circular-01?unit=${w.agency.hoankiem}&from=2026-03-09&to=2026-03-09`;
    const byAgency = (await get(w.token['lanhdao.hoankiem'], q)).json();
    expect(byAgency.ruleBook.version).toBe('TT01-2018');
    // the one resolved dossier: early, online, no supplement, no step, no complaint; indicator 5 is not measured
    expect(byAgency.total).toMatchObject({ dossiers: 1, scores: [2, 2, 2, 2, null, 2, 2, 2, 2], total: 16, measuredMax: 16, band: { code: 'xuat_sac' } });
    expect(byAgency.rows).toHaveLength(1);
    expect(byAgency.rows[0].key).toBe(w.agency.hoankiem);
    expect(byAgency.indicators.find((i: { id: number }) => i.id === 5)).toMatchObject({ measured: false });
    const byOfficer = (await get(w.token['lanhdao.hoankiem'], `${q}&groupBy=officer`)).json();
    expect(byOfficer.rows).toHaveLength(1);
    expect(byOfficer.rows[0]).toMatchObject({ officerTotal: 6, band: { code: 'hoan_thanh_100' } });
    expect(byOfficer.rows[0].name).toBeTruthy();
    expect((await get(w.token['lanhdao.hoankiem'], `/api/v1/indicators/circular-01?unit=${w.agency.badinh}`)).statusCode).toBe(403);
  });

  it('answers 403 out of scope, 400 for a bad range or period, and refuses officers without oversight', async () => {
    const hanoi = w.token['lanhdao.hanoi'];
    expect((await get(hanoi, '/api/v1/statistics/tthc?unit=79')).statusCode).toBe(403);
    expect((await get(hanoi, '/api/v1/statistics/tthc?unit=VN')).statusCode).toBe(403);
    expect((await get(w.token['lanhdao.hoankiem'], `/api/v1/statistics/tthc?unit=${w.agency.badinh}`)).statusCode).toBe(403);
    expect((await get(w.token['chuyenvien.hoankiem'], '/api/v1/statistics/tthc?unit=01')).json().error.code).toBe('INDICATORS_NOT_ALLOWED');
    expect((await get(oversight, '/api/v1/statistics/tthc?unit=99')).statusCode).toBe(404);
    const bad = await get(oversight, '/api/v1/statistics/tthc?unit=VN&from=2026-03-10&to=2026-03-01');
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'RANGE_INVALID']);
    expect((await get(oversight, '/api/v1/statistics/tthc?unit=VN&period=2026-13')).statusCode).toBe(400);
    expect((await sys.app.inject({ method: 'GET', url: '/api/v1/statistics/tthc' })).statusCode).toBe(401);
  });

  it('exports the official table to Excel, read back by exceljs and by LibreOffice', async () => {
    const res = await get(w.token['lanhdao.hanoi'], `/api/v1/statistics/tthc/export?unit=${w.agency.hoankiem}&from=2026-03-09&to=2026-03-09&groupBy=procedure`);
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(String(ws.getCell(1, 1).value)).toBe('TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH');
    expect(ws.getRow(9).getCell(3).value).toBe(4); // received 4 + carried over 0
    const csv = libreOfficeCsv(res.rawPayload, 'thong-ke');
    expect(csv).toContain('Số hồ sơ nhận giải quyết');
    expect(csv).toContain(",Tổng cộng,4,3,1,0,1,1,0,0,2,2,0,1,0,0,100");
  }, 180_000);
});

describe('GET /api/v1/indicators/766', () => {
  it('gives the five groups, 2.1 from the same figures, missing data as missing, and drills down to each side', async () => {
    setNow(w, '2026-03-09T18:00:00+07:00');
    const res = await get(w.token['lanhdao.hoankiem'], `/api/v1/indicators/766?unit=${w.agency.hoankiem}&period=2026-03`);
    expect(res.statusCode, res.body).toBe(200);
    const idx = res.json();
    expect(idx.groups.map((g: { id: string; max: number }) => [g.id, g.max])).toEqual([['1', 18], ['2', 20], ['3', 22], ['4', 22], ['5', 18]]);
    const all = idx.groups.flatMap((g: { indicators: unknown[] }) => g.indicators);
    const i21 = all.find((i: { id: string }) => i.id === '2.1');
    // 1 early + 2 pending within time, over 1 resolved + 2 pending
    expect(i21).toMatchObject({ numerator: 3, denominator: 3, ratio: 1, points: 20, max: 20, missing: false });
    const i11 = all.find((i: { id: string }) => i.id === '1.1');
    expect(i11).toMatchObject({ numerator: null, ratio: null, points: null, missing: true });
    expect(idx.total).toBeGreaterThanOrEqual(20);
    expect(idx.measuredMax).toBeLessThan(idx.max);
    const side = async (s: string) =>
      (await get(oversight, `/api/v1/indicators/766/2.1/dossiers?unit=${w.agency.hoankiem}&period=2026-03&side=${s}`)).json();
    expect((await side('denominator')).total).toBe(3);
    expect((await side('numerator')).items.map((i: { id: string }) => i.id).sort()).toEqual([early.id, open.id, forwarded.id].sort());
    expect((await get(oversight, '/api/v1/indicators/766/1.1/dossiers?unit=VN&period=2026-03&side=numerator')).statusCode).toBe(409);
    expect((await get(oversight, '/api/v1/indicators/766/9.9/dossiers?unit=VN&period=2026-03&side=numerator')).statusCode).toBe(404);
    expect((await get(w.token['lanhdao.hanoi'], '/api/v1/indicators/766?unit=79&period=2026-03')).statusCode).toBe(403);
  });

  it('the command center shows the tiles and the ranking of provinces for national oversight', async () => {
    const cc = (await get(oversight, '/api/v1/indicators/command-center?unit=VN&period=2026-03')).json();
    expect(cc.tiles).toMatchObject({ receivedToday: 4, inProgress: 2, overdue: 0, onTimeRate: 1 });
    expect(cc.tiles.onlineShare).toBe(0.75);
    expect(cc.trend.at(-1)).toMatchObject({ day: '2026-03-09', receivedOnline: 3, receivedOther: 1, resolvedOnTime: 1 });
    expect(cc.savings.tripsAvoided).toBe(3 * cc.savings.parameters.tripsPerDossier.value);
    const map = (await get(oversight, '/api/v1/indicators/map?unit=VN&period=2026-03&indicator=received')).json();
    expect(map.items).toHaveLength(34);
    expect(map.items.find((i: { code: string }) => i.code === '01')).toMatchObject({ value: 4, rank: 1 });
  });

  it('a rebuild from the dossiers gives the same figures', async () => {
    const before = await stats(oversight, 'unit=VN&from=2026-03-01&groupBy=unit');
    await rebuildIndicators(sys.ctx.db);
    expect(await stats(oversight, 'unit=VN&from=2026-03-01&groupBy=unit')).toEqual(before);
  });
});

describe('timeliness after an apology and new appointment (Mẫu 04)', () => {
  it('keeps the legal due date: a dossier resolved after it is late even before the new appointment', async () => {
    setNow(w, '2026-06-01T09:00:00+07:00');
    let d = await submit(w, { procedure: proc });
    await actOk(w, 'motcua.hoankiem', d.id, { action: 'receive' });
    d = await actOk(w, 'lanhdao.hoankiem', d.id, { action: 'assign', assignee: 'chuyenvien.hoankiem' });
    const legal = new Date(d.dueAt!);
    setNow(w, new Date(legal.getTime() + 3_600_000).toISOString()); // an hour past the legal due time
    const appointment = new Date(await workingDayAt(w, legal, 5));
    d = await actOk(w, 'lanhdao.hoankiem', d.id, { action: 'extend', reason: 'Cần xác minh thêm', newDueAt: appointment.toISOString() });
    expect(new Date(d.dueAt!).getTime()).toBe(appointment.getTime()); // the dossier shows the new appointment
    const finishedAt = new Date(legal.getTime() + 2 * 86_400_000); // before the new appointment
    setNow(w, finishedAt.toISOString());
    d = await actOk(w, 'lanhdao.hoankiem', d.id, { action: 'approve' });
    const q = `unit=${w.agency.hoankiem}&from=2026-06-01&to=${new Date(finishedAt.getTime() + 7 * 3_600_000).toISOString().slice(0, 10)}`;
    const s = await stats(w.token['lanhdao.hoankiem'], q);
    expect(s.total).toMatchObject({ received: 1, resolvedEarly: 0, resolvedOnTime: 0, resolvedLate: 1 });
    const late = (await get(w.token['lanhdao.hoankiem'], `/api/v1/statistics/tthc/dossiers?${q}&figure=resolvedLate`)).json();
    expect(late.items.map((i: { id: string }) => i.id)).toEqual([d.id]);
    expect(new Date(late.items[0].dueAt).getTime()).toBe(legal.getTime()); // listed against the legal due date
    await rebuildIndicators(sys.ctx.db); // the rebuild reads the same legal due date from the log
    expect((await stats(w.token['lanhdao.hoankiem'], q)).total.resolvedLate).toBe(1);
  });
});
