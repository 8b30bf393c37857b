import { beforeAll, describe, expect, it } from 'vitest';
import { fileFederation } from '#test/nodes.ts';
import type { TestSystem } from '#test/system.ts';

/**
 * The national step across installations (issue 17): `hanoi` is the province's installation
 * (serves province 01, hosts UBND Thành phố Hà Nội and its communes); `quocgia` is the national
 * node, which hosts Văn phòng Chính phủ (000.00.00.G22) and its seeded receiver `baocao.vpcp`.
 * The city's leader fills and signs the `tthc-tw` report at `hanoi` (which has no row for
 * Văn phòng Chính phủ: the registry names it); it travels to `quocgia`, is returned there with a
 * reason, corrected and signed again at `hanoi`, accepted at `quocgia` and counted in the national
 * aggregate, and each decision travels back. The report's screen data says which installation
 * decides and how the envelope stands.
 */
const VPCP = '000.00.00.G22';
const fed = fileFederation({ hanoi: { MOTCUA_PROVINCES: '01' }, quocgia: { MOTCUA_NODE_ROLE: 'national' } }, { tries: 200 });
const { hanoi: atA, quocgia: atB } = fed.callers;
let city = '';
let hk = '';
const q = (unit: string, period = '2026-01') => `regime=tthc-tw&period=${period}&unit=${encodeURIComponent(unit)}`;

const audits = (sys: TestSystem, action: string) => sys.ctx.db.query(`SELECT data FROM audit_log WHERE chain = $1 AND action = $2 ORDER BY seq`, [`reporting:tthc-tw:2026-01:${city}`, action]);

beforeAll(async () => {
  [{ code: city }] = await fed.nodes.hanoi.ctx.db.query<{ code: string }>(`SELECT code FROM agencies WHERE kind = 'people_committee' AND admin_unit_code = '01'`);
  fed.at('2026-01-19T10:00:00+07:00');
});

describe('a province’s report to Văn phòng Chính phủ, hosted by the national node', () => {
  it('is pre-filled from the aggregate of the province’s accepted commune reports rather than from the dossiers', async () => {
    [{ code: hk }] = await fed.nodes.hanoi.ctx.db.query<{ code: string }>(`SELECT code FROM agencies WHERE kind = 'people_committee' AND admin_unit_code = '00070'`);
    // no dossiers at `hanoi` in January: from the dossiers, every figure would be 0
    const before = (await atA.call('lanhdao.hanoi', 'GET', `/api/v1/reporting/reports?${q(city)}`)).json();
    expect(before).toMatchObject({ prefilled: { received: 0, receivedPostal: 0 }, prefilledFrom: { source: 'dossiers' } });
    // Hoàn Kiếm's commune report (regime tthc), one postal dossier added with its reason, signed and accepted by the city here
    const commune = `regime=tthc&period=2026-01&unit=${encodeURIComponent(hk)}`;
    const saved = await atA.call('lanhdao.hoankiem', 'PUT', `/api/v1/reporting/reports/values?${commune}`, {
      values: { receivedPostal: 1, received: 1, pending: 1, pendingInTime: 1 },
      reasons: { receivedPostal: 'Hồ sơ nhận qua bưu chính ngày 12/01', received: 'Cộng hồ sơ bưu chính', pending: 'Hồ sơ bưu chính đang giải quyết', pendingInTime: 'Còn trong hạn' },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await atA.call('lanhdao.hoankiem', 'POST', `/api/v1/reporting/reports/actions?${commune}`, { action: 'submit' })).json().status).toBe('submitted');
    expect((await atA.call('baocao.hanoi', 'POST', `/api/v1/reporting/reports/actions?${commune}`, { action: 'accept' })).json().status).toBe('accepted');
    const report = (await atA.call('lanhdao.hanoi', 'GET', `/api/v1/reporting/reports?${q(city)}`)).json();
    expect(report.prefilled).toMatchObject({ received: 1, receivedPostal: 1, pending: 1, pendingInTime: 1, resolved: 0 });
    expect(report.values).toMatchObject({ received: 1, receivedPostal: 1 });
    expect(report.prefilledFrom).toMatchObject({ source: 'aggregate', regime: 'tthc', accepted: 1 });
    expect(report.prefilledFrom.expected).toBeGreaterThan(1);
    // equal to the city's own aggregate of its units
    const agg = (await atA.call('baocao.hanoi', 'GET', `/api/v1/reporting/aggregate?regime=tthc&period=2026-01&unit=${encodeURIComponent(city)}`)).json();
    for (const code of ['received', 'receivedPostal', 'pending', 'pendingInTime']) expect(report.prefilled[code], code).toBe(agg.indicators.find((i: { indicator: string }) => i.indicator === code).value);
  });

  it('opens at the province’s installation, which has no row for the central body, and says where it is decided', async () => {
    expect(await fed.nodes.hanoi.ctx.db.query(`SELECT 1 FROM agencies WHERE code = $1`, [VPCP])).toHaveLength(0);
    const report = await atA.call('lanhdao.hanoi', 'GET', `/api/v1/reporting/reports?${q(city)}`);
    expect(report.statusCode, report.body).toBe(200);
    expect(report.json()).toMatchObject({
      status: 'draft',
      unit: city,
      receivingUnit: VPCP,
      receivingUnitName: 'Văn phòng Chính phủ',
      allowedActions: ['save', 'submit'],
      elsewhere: { receivingNode: 'quocgia', unitNode: null, delivery: null },
    });
    // the province's own receivers have nothing to decide here
    expect((await atA.call('baocao.hanoi', 'GET', `/api/v1/reporting/reports?${q(city)}`)).statusCode).toBe(404);
  });

  it('is signed at the province’s installation and travels to the national node, where the seeded receiver sees it', async () => {
    const saved = await atA.call('lanhdao.hanoi', 'PUT', `/api/v1/reporting/reports/values?${q(city)}`, {
      values: { carriedOver: 3, issues: 'Một số xã chưa kết nối dịch vụ bưu chính công ích.' },
      reasons: { carriedOver: 'Hồ sơ giấy nhận trước khi triển khai hệ thống' },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const signed = await atA.call('lanhdao.hanoi', 'POST', `/api/v1/reporting/reports/actions?${q(city)}`, { action: 'submit' });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({ status: 'submitted', signature: { valid: true, signerUsername: 'lanhdao.hanoi' }, elsewhere: { receivingNode: 'quocgia', delivery: 'queued' } });
    expect(await audits(fed.nodes.hanoi, 'reporting.report.send')).toEqual([{ data: expect.objectContaining({ seq: 1, node: 'quocgia' }) }]);

    const there = await fed.until(async () => {
      const r = await atB.call('baocao.vpcp', 'GET', `/api/v1/reporting/reports?${q(city)}`);
      return r.statusCode === 200 ? (r.json() as Record<string, unknown>) : null;
    }, 'the report at quocgia');
    expect(there).toMatchObject({
      status: 'submitted',
      unit: city,
      receivingUnit: VPCP,
      values: { carriedOver: 3, issues: 'Một số xã chưa kết nối dịch vụ bưu chính công ích.' },
      allowedActions: ['return', 'accept'],
      signature: { valid: true, signedText: signed.json().signature.signedText, signerUsername: 'lanhdao.hanoi' },
      elsewhere: { receivingNode: null, unitNode: 'hanoi', delivery: null },
    });
    expect(await audits(fed.nodes.quocgia, 'reporting.report.receive')).toEqual([{ data: expect.objectContaining({ seq: 1, node: 'hanoi', signer: 'lanhdao.hanoi' }) }]);
    // the sender sees its envelope arrive
    await fed.until(async () => (await atA.call('lanhdao.hanoi', 'GET', `/api/v1/reporting/reports?${q(city)}`)).json().elsewhere.delivery === 'arrived', 'the arrival (01) at hanoi');
  });

  it('is returned at the national node; the return travels back; signed again and accepted there, counted in the national aggregate', async () => {
    const ret = await atB.call('baocao.vpcp', 'POST', `/api/v1/reporting/reports/actions?${q(city)}`, { action: 'return', reason: 'Đề nghị giải trình số hồ sơ kỳ trước chuyển sang' });
    expect(ret.statusCode, ret.body).toBe(200);
    const back = await fed.until(async () => {
      const r = (await atA.call('lanhdao.hanoi', 'GET', `/api/v1/reporting/reports?${q(city)}`)).json();
      return r.status === 'returned' && r;
    }, 'the return at hanoi');
    expect(back).toMatchObject({ returnedReason: 'Đề nghị giải trình số hồ sơ kỳ trước chuyển sang', allowedActions: ['save', 'submit'] });
    expect(await audits(fed.nodes.hanoi, 'reporting.report.return')).toEqual([{ data: expect.objectContaining({ seq: 1, node: 'quocgia' }) }]);

    const fixed = await atA.call('lanhdao.hanoi', 'PUT', `/api/v1/reporting/reports/values?${q(city)}`, {
      values: { carriedOver: 2 },
      reasons: { carriedOver: 'Hai hồ sơ giấy nhận trước khi triển khai hệ thống (đã rà soát)' },
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect((await atA.call('lanhdao.hanoi', 'POST', `/api/v1/reporting/reports/actions?${q(city)}`, { action: 'submit' })).json()).toMatchObject({ status: 'submitted', submissions: [{ seq: 1 }, { seq: 2 }] });
    await fed.until(async () => (await atB.call('baocao.vpcp', 'GET', `/api/v1/reporting/reports?${q(city)}`)).json().submissions.length === 2, 'the second submission at quocgia');
    const accepted = await atB.call('baocao.vpcp', 'POST', `/api/v1/reporting/reports/actions?${q(city)}`, { action: 'accept' });
    expect(accepted.json()).toMatchObject({ status: 'accepted', values: { carriedOver: 2 } });
    const agg = (await atB.call('baocao.vpcp', 'GET', `/api/v1/reporting/aggregate?${q(VPCP)}`)).json();
    expect(agg).toMatchObject({ unitName: 'Văn phòng Chính phủ', counts: { accepted: 1 } });
    expect(agg.units.find((u: { unit: string }) => u.unit === city)).toMatchObject({ status: 'accepted' });
    expect(agg.indicators.find((i: { indicator: string }) => i.indicator === 'carriedOver')).toMatchObject({ value: 2, units: 1 });
    const home = await fed.until(async () => {
      const r = (await atA.call('lanhdao.hanoi', 'GET', `/api/v1/reporting/reports?${q(city)}`)).json();
      return r.status === 'accepted' && r;
    }, 'the acceptance at hanoi');
    expect(home).toMatchObject({ allowedActions: [], elsewhere: { receivingNode: 'quocgia', delivery: 'arrived' } });
    expect(await audits(fed.nodes.hanoi, 'reporting.report.accept')).toEqual([{ data: expect.objectContaining({ seq: 2, node: 'quocgia' }) }]);
  });
});
