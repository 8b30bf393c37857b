import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actOk, APPLICANT, approved, buildWorld, procedure, setNow, signedInCallers, submit, type World } from '#test/factories.ts';
import { opensslVerifiesCms } from '#test/cms.ts';
import { createTestSystem, type TestSystem } from '#test/system.ts';
import { ensureDemoUsers } from '#modules/identity/index.ts';
import { drainIndicators } from '#modules/indicators/index.ts';
import { MINISTRIES } from '#modules/places/index.ts';
import { grantStaff } from './reporting.repository.ts';
import { MINISTRY_STAFF, seedReporting } from './seed-reporting.ts';

/**
 * The national step (regime `tthc-tw`) on a national node, which hosts Văn phòng Chính phủ
 * (000.00.00.G22): UBND Thành phố Hà Nội's January 2026 TTHC report, pre-filled from the dossiers
 * of the whole city, and UBND Thành phố Hồ Chí Minh's, each signed by its leader, accepted by the
 * national receiver, whose aggregate is the sum of the two and drills down to each.
 */
const VPCP = '000.00.00.G22';
let sys: TestSystem;
let w: World;
const { call, at } = signedInCallers(() => sys);
let hanoi = '';
let hcm = '';
let hk = '';
const q = (unit: string, period = '2026-01') => `regime=tthc-tw&period=${period}&unit=${encodeURIComponent(unit)}`;

beforeAll(async () => {
  sys = await createTestSystem({ env: { MOTCUA_NODE_ROLE: 'national' } });
  w = await buildWorld(sys);
  const agencies = await sys.ctx.db.query<{ code: string; admin_unit_code: string }>(
    `SELECT code, admin_unit_code FROM agencies WHERE kind = 'people_committee' AND admin_unit_code IN ('00070', '01', '79')`,
  );
  const codeOf = (unit: string) => agencies.find((a) => a.admin_unit_code === unit)!.code;
  [hk, hanoi, hcm] = [codeOf('00070'), codeOf('01'), codeOf('79')];
  await sys.ctx.db.transaction(async (tx) => {
    const ids = await ensureDemoUsers(tx, [
      { username: 'baocao.vpcp', fullName: 'Lê Thị Hạnh' },
      { username: 'lanhdao.hcm', fullName: 'Trương Văn Phúc' },
    ]);
    await grantStaff(tx, ids.get('baocao.vpcp')!, VPCP, 'receiver');
    await grantStaff(tx, ids.get('lanhdao.hcm')!, hcm, 'leader');
  });
  // two dossiers of Hoàn Kiếm (Hà Nội) inside January 2026 (15/12/2025–14/01/2026): one resolved, one pending
  const proc = await procedure(w, '1.004873');
  setNow(w, '2026-01-05T09:00:00+07:00');
  await approved(w, { procedure: proc }); // online
  const direct = await submit(w, { user: 'motcua.hoankiem', procedure: proc, body: { applicant: { ...APPLICANT, fullName: 'Trần Văn Bình', idNumber: '001090054321' } } });
  await actOk(w, 'motcua.hoankiem', direct.id, { action: 'receive' });
  await drainIndicators(sys.ctx.db); // the reports pre-fill from the indicators, projected after commit
  at('2026-01-19T10:00:00+07:00');
}, 300_000);
afterAll(async () => {
  await sys?.close();
});

describe('the TTHC report of a province to Văn phòng Chính phủ (commune → province → national)', () => {
  it('is a regime of its own: the provinces’ People’s Committees report to the central body', async () => {
    const regimes = (await call('baocao.vpcp', 'GET', '/api/v1/reporting/regimes')).json().items;
    expect(regimes.find((r: { code: string }) => r.code === 'tthc-tw')).toMatchObject({
      definition: { reportingUnits: [{ level: 'tinh', kinds: ['people_committee'] }], receiving: { level: 'tw', code: VPCP }, periodTypes: ['month', 'quarter'] },
    });
  });

  it('opens for the city pre-filled from the dossiers of the whole province, the same figures as the province’s statistics', async () => {
    const report = (await call('lanhdao.hanoi', 'GET', `/api/v1/reporting/reports?${q(hanoi)}`)).json();
    expect(report).toMatchObject({ status: 'draft', unitName: 'Ủy ban nhân dân Thành phố Hà Nội', receivingUnit: VPCP });
    expect(report.prefilled).toMatchObject({ received: 2, receivedOnline: 1, receivedDirect: 1, resolved: 1, pending: 1 });
    const stats = (await call('lanhdao.hanoi', 'GET', '/api/v1/statistics/tthc?unit=01&period=2026-01')).json().total;
    expect(report.prefilled).toMatchObject({ received: stats.received, resolvedEarly: stats.resolvedEarly, resolvedOnTime: stats.resolvedOnTime, pendingInTime: stats.pendingInTime, carriedOver: stats.carriedOver });
    // a commune is not a reporting unit of the national step; the national receiver sees nothing before submission
    expect((await call('baocao.hoankiem', 'GET', `/api/v1/reporting/reports?${q(hk)}`)).statusCode).toBe(404);
    expect((await call('baocao.vpcp', 'GET', `/api/v1/reporting/reports?${q(hanoi)}`)).statusCode).toBe(404);
  });

  it('is signed by each province’s leader, accepted at national level, and the national aggregate is the sum of the provinces’ reports', async () => {
    const signed = (await call('lanhdao.hanoi', 'POST', `/api/v1/reporting/reports/actions?${q(hanoi)}`, { action: 'submit' })).json();
    expect(signed).toMatchObject({ status: 'submitted', signature: { valid: true, signerUsername: 'lanhdao.hanoi' } });
    expect(JSON.parse(signed.signature.signedText)).toMatchObject({ regime: 'tthc-tw', unit: hanoi, receivingUnit: VPCP, values: { received: 2 } });
    expect(await opensslVerifiesCms(sys.ctx.db, signed.signature.signedText, signed.signature.signature)).toBe(true);
    // Hồ Chí Minh City: no dossiers here, one figure corrected with its reason
    const saved = await call('lanhdao.hcm', 'PUT', `/api/v1/reporting/reports/values?${q(hcm)}`, { values: { carriedOver: 4 }, reasons: { carriedOver: 'Hồ sơ giấy nhận trước khi triển khai hệ thống' } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await call('lanhdao.hcm', 'POST', `/api/v1/reporting/reports/actions?${q(hcm)}`, { action: 'submit' })).json().status).toBe('submitted');

    const before = (await call('baocao.vpcp', 'GET', `/api/v1/reporting/aggregate?${q(VPCP)}`)).json();
    expect(before.counts).toMatchObject({ submitted: 2, accepted: 0 });
    const provinces = (await sys.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM agencies WHERE kind = 'people_committee' AND level = 'tinh'`))[0].n;
    expect(before.counts.expected).toBe(provinces);
    for (const unit of [hanoi, hcm]) {
      expect((await call('baocao.vpcp', 'POST', `/api/v1/reporting/reports/actions?${q(unit)}`, { action: 'accept' })).json().status).toBe('accepted');
    }
    const agg = (await call('baocao.vpcp', 'GET', `/api/v1/reporting/aggregate?${q(VPCP)}`)).json();
    expect(agg).toMatchObject({ unitName: 'Văn phòng Chính phủ', counts: { accepted: 2, missing: provinces - 2 } });
    // drill-down to each province's report; the aggregate is their sum indicator by indicator
    const reports = await Promise.all([hanoi, hcm].map(async (unit) => (await call('baocao.vpcp', 'GET', `/api/v1/reporting/reports?${q(unit)}`)).json()));
    expect(reports.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    const ind = Object.fromEntries(agg.indicators.map((i: { indicator: string; value: number }) => [i.indicator, i.value]));
    for (const code of ['received', 'receivedOnline', 'receivedDirect', 'receivedPostal', 'carriedOver', 'resolved', 'resolvedEarly', 'resolvedOnTime', 'resolvedLate', 'pending', 'pendingInTime', 'pendingOverdue']) {
      expect(ind[code], code).toBe(reports[0].values[code] + reports[1].values[code]);
    }
    expect(ind.received).toBe(2);
    expect(ind.carriedOver).toBe(reports[0].values.carriedOver + 4);
    // the city's receivers and the communes do not see the national aggregate
    expect((await call('baocao.hanoi', 'GET', `/api/v1/reporting/aggregate?${q(VPCP)}`)).statusCode).toBe(404);
  });
});

describe('the TTHC report of a ministry’s units to the ministry (ministries’ units → ministry)', () => {
  const [bo, cuc, vu] = [MINISTRIES[0].code, ...MINISTRIES[0].units.map((u) => u.code)];
  const qb = (unit: string) => `regime=tthc-bo&period=2026-01&unit=${encodeURIComponent(unit)}`;

  it('aggregates the accepted report of Bộ Tư pháp’s Cục, not its returned Vụ, and drills down to each', async () => {
    await sys.ctx.db.transaction(async (tx) => {
      const ids = await ensureDemoUsers(tx, MINISTRY_STAFF);
      for (const m of MINISTRY_STAFF) await grantStaff(tx, ids.get(m.username)!, m.agency, m.role);
    });
    // the organisation tree of the national node: the ministry and its two units
    const tree = await sys.ctx.db.query<{ code: string; kind: string; level: string; parent_code: string | null }>(
      `SELECT code, kind, level, parent_code FROM agencies WHERE code = ANY($1) ORDER BY code`,
      [[bo, cuc, vu]],
    );
    expect(tree).toEqual([
      { code: bo, kind: 'ministry', level: 'tw', parent_code: null },
      { code: cuc, kind: 'ministry_unit', level: 'tw', parent_code: bo },
      { code: vu, kind: 'ministry_unit', level: 'tw', parent_code: bo },
    ]);
    const shown = await call(null, 'GET', `/api/v1/agencies/${cuc}`);
    expect(shown.statusCode, shown.body).toBe(200);
    expect(shown.json()).toMatchObject({ name: 'Cục Bổ trợ tư pháp – Bộ Tư pháp', kind: 'ministry_unit', level: 'tw' });
    const regime = (await call('baocao.botuphap', 'GET', '/api/v1/reporting/regimes')).json().items.find((r: { code: string }) => r.code === 'tthc-bo');
    expect(regime).toMatchObject({ definition: { reportingUnits: [{ level: 'tw', kinds: ['ministry_unit'] }], receiving: { level: 'parent', kind: 'ministry' } } });

    for (const [leader, unit, carriedOver] of [['lanhdao.cucbotro', cuc, 3], ['lanhdao.vuphapluat', vu, 5]] as const) {
      const draft = (await call(leader, 'GET', `/api/v1/reporting/reports?${qb(unit)}`)).json();
      expect(draft).toMatchObject({ status: 'draft', receivingUnit: bo });
      const saved = await call(leader, 'PUT', `/api/v1/reporting/reports/values?${qb(unit)}`, { values: { carriedOver }, reasons: { carriedOver: 'Hồ sơ giấy tiếp nhận trước khi triển khai hệ thống' } });
      expect(saved.statusCode, saved.body).toBe(200);
      expect((await call('baocao.botuphap', 'GET', `/api/v1/reporting/reports?${qb(unit)}`)).statusCode).toBe(404); // not before submission
      const signed = (await call(leader, 'POST', `/api/v1/reporting/reports/actions?${qb(unit)}`, { action: 'submit' })).json();
      expect(signed).toMatchObject({ status: 'submitted', signature: { valid: true, signerUsername: leader } });
    }
    const before = (await call('baocao.botuphap', 'GET', `/api/v1/reporting/aggregate?${qb(bo)}`)).json();
    expect(before).toMatchObject({ unitName: 'Bộ Tư pháp', counts: { expected: 2, submitted: 2, accepted: 0 } });

    const returned = await call('baocao.botuphap', 'POST', `/api/v1/reporting/reports/actions?${qb(vu)}`, { action: 'return', reason: 'Số hồ sơ kỳ trước chuyển sang chưa khớp sổ theo dõi' });
    expect(returned.json().status, returned.body).toBe('returned');
    expect((await call('baocao.botuphap', 'POST', `/api/v1/reporting/reports/actions?${qb(cuc)}`, { action: 'accept' })).json().status).toBe('accepted');

    const agg = (await call('baocao.botuphap', 'GET', `/api/v1/reporting/aggregate?${qb(bo)}`)).json();
    expect(agg.counts).toMatchObject({ expected: 2, accepted: 1, returned: 1 });
    const ind = Object.fromEntries(agg.indicators.map((i: { indicator: string; value: number }) => [i.indicator, i.value]));
    expect(ind.carriedOver).toBe(3); // the Cục's figure only: the returned Vụ adds nothing
    // drill-down to each unit's report
    expect((await call('baocao.botuphap', 'GET', `/api/v1/reporting/reports?${qb(cuc)}`)).json()).toMatchObject({ status: 'accepted', values: { carriedOver: 3 } });
    expect((await call('baocao.botuphap', 'GET', `/api/v1/reporting/reports?${qb(vu)}`)).json()).toMatchObject({ status: 'returned', values: { carriedOver: 5 } });
    // a unit is no reporting unit of another regime's receiver; the ministry's aggregate is not Văn phòng Chính phủ's
    expect((await call('baocao.vpcp', 'GET', `/api/v1/reporting/aggregate?${qb(bo)}`)).statusCode).toBe(404);
    expect((await call('baocao.botuphap', 'GET', `/api/v1/reporting/aggregate?${qb(VPCP)}`)).statusCode).toBe(404);
  });
});

describe('a changed seeded definition on an installation seeded before the change (law as data with effective dates)', () => {
  it('gets the seeded definition as a new version from the next start, the old version kept for the reports made under it', async () => {
    const versions = () =>
      sys.ctx.db.query<{ validFrom: string; definition: Record<string, unknown> }>(
        `SELECT to_char(valid_from, 'YYYY-MM-DD') AS "validFrom", definition FROM reporting_regime_versions WHERE regime_code = 'tthc-tw' ORDER BY valid_from`,
      );
    // the first version as an installation seeded before `prefillFromAggregate` holds it
    await sys.ctx.db.query(`UPDATE reporting_regime_versions SET definition = definition - 'prefillFromAggregate' WHERE regime_code = 'tthc-tw' AND valid_from = '2025-07-01'`);
    expect((await versions()).map((v) => v.validFrom)).toEqual(['2025-07-01']);
    at('2026-02-20T09:00:00+07:00');
    const opened = (await call('lanhdao.hcm', 'GET', `/api/v1/reporting/reports?${q(hcm, '2026-02')}`)).json();
    expect(opened).toMatchObject({ status: 'draft', regimeVersion: '2025-07-01' });
    const kept = await call('lanhdao.hcm', 'PUT', `/api/v1/reporting/reports/values?${q(hcm, '2026-02')}`, { values: { issues: 'Không có' } });
    expect(kept.statusCode, kept.body).toBe(200);

    // the next start seeds again
    at('2026-03-02T08:00:00+07:00');
    await seedReporting(sys.ctx, { demo: false });
    await seedReporting(sys.ctx, { demo: false }); // idempotent: no third version
    const after = await versions();
    expect(after.map((v) => v.validFrom)).toEqual(['2025-07-01', '2026-03-02']);
    expect(after[0].definition.prefillFromAggregate).toBeUndefined(); // never rewritten
    expect(after[1].definition.prefillFromAggregate).toEqual({ regime: 'tthc' });
    const served = (await call('baocao.vpcp', 'GET', '/api/v1/reporting/regimes')).json().items.find((r: { code: string }) => r.code === 'tthc-tw');
    expect(served).toMatchObject({ validFrom: '2026-03-02', definition: { prefillFromAggregate: { regime: 'tthc' } } });

    // reports already made keep their version; a report opened now takes the new one
    expect((await call('lanhdao.hcm', 'GET', `/api/v1/reporting/reports?${q(hcm, '2026-02')}`)).json()).toMatchObject({ regimeVersion: '2025-07-01' });
    expect((await call('baocao.vpcp', 'GET', `/api/v1/reporting/reports?${q(hanoi)}`)).json()).toMatchObject({ status: 'accepted', regimeVersion: '2025-07-01' });
    const fresh = (await call('lanhdao.hanoi', 'GET', `/api/v1/reporting/reports?${q(hanoi, '2026-02')}`)).json();
    expect(fresh).toMatchObject({ status: 'draft', regimeVersion: '2026-03-02' });
  });
});
