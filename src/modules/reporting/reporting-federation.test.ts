import { beforeAll, describe, expect, it } from 'vitest';
import { fileFederation } from '#test/nodes.ts';
import type { TestSystem } from '#test/system.ts';
import { buildEnvelope, parseEdxml } from '#modules/exchange/edxml.ts';
import { signAs } from '#modules/exchange/packets.ts';
import { sendModuleEnvelope } from '#modules/exchange/index.ts';
import { DECISION_TYPE, SUBMISSION_TYPE } from './federated-reports.ts';

/**
 * Reports across installations (issue 17 item 6), two installations on one machine over real
 * HTTP: `hanoi` hosts Phường Hoàn Kiếm (province 01); `tinh` hosts UBND Thành phố Hà Nội, the
 * receiving unit of the TTHC regime. Hoàn Kiếm's monthly report of January 2026, signed by its
 * leader at `hanoi`, travels to `tinh` as a signed envelope and is the same report there
 * (submitted, the leader's signature verified there); `tinh` returns it with a reason, `hanoi`
 * follows, the leader signs again, `tinh` accepts and its aggregate counts it. Replayed
 * envelopes change nothing; tampered, forged and foreign ones are refused with their problem.
 */
const CITY = '000.00.00.H01';
const fed = fileFederation({ hanoi: { MOTCUA_PROVINCES: '01' }, tinh: { MOTCUA_HOSTED_AGENCIES: CITY } }, { tries: 200 });
const { hanoi: atA, tinh: atB } = fed.callers;
let hk = '';
const q = (unit: string, period = '2026-01') => `regime=tthc&period=${period}&unit=${encodeURIComponent(unit)}`;

const envelopes = (sys: TestSystem, type: string) =>
  sys.ctx.db.query<{ documentId: string; envelope: string }>(
    `SELECT document_id AS "documentId", envelope FROM exchange_documents WHERE document_type = $1 AND outgoing ORDER BY created_at, document_id`,
    [type],
  );
const inbound = (sys: TestSystem, xml: string) => sys.app.inject({ method: 'POST', url: '/api/v1/exchange/inbound', headers: { 'content-type': 'application/xml' }, payload: xml });
const audits = (sys: TestSystem, action: string) => sys.ctx.db.query(`SELECT data FROM audit_log WHERE chain = $1 AND action = $2 ORDER BY seq`, [`reporting:tthc:2026-01:${hk}`, action]);

beforeAll(async () => {
  [hk] = (await fed.nodes.hanoi.ctx.db.query<{ code: string }>(`SELECT code FROM agencies WHERE kind = 'people_committee' AND admin_unit_code = '00070'`)).map((r) => r.code);
  const [city] = await fed.nodes.hanoi.ctx.db.query<{ code: string }>(`SELECT code FROM agencies WHERE kind = 'people_committee' AND admin_unit_code = '01'`);
  expect(city.code).toBe(CITY);
  fed.at('2026-01-15T10:00:00+07:00');
});

describe('a commune’s report received by its province at another installation', () => {
  it('is filled at the unit’s installation and, once signed, travels to the receiving unit’s installation', async () => {
    const saved = await atA.call('baocao.hoankiem', 'PUT', `/api/v1/reporting/reports/values?${q(hk)}`, {
      values: { receivedPostal: 1, received: 1, issues: 'Một hồ sơ bưu chính chưa nhập hệ thống.' },
      reasons: { receivedPostal: 'Hồ sơ nhận qua bưu chính ngày 12/01', received: 'Cộng hồ sơ bưu chính' },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await atA.call('baocao.hoankiem', 'POST', `/api/v1/reporting/reports/actions?${q(hk)}`, { action: 'submit' })).json().status).toBe('pending_signature');
    const signed = await atA.call('lanhdao.hoankiem', 'POST', `/api/v1/reporting/reports/actions?${q(hk)}`, { action: 'submit' });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({ status: 'submitted', receivingUnit: CITY, signature: { valid: true } });
    // the city's receiver at the unit's installation may not decide it: the city is hosted by `tinh`
    const local = await atA.call('baocao.hanoi', 'POST', `/api/v1/reporting/reports/actions?${q(hk)}`, { action: 'accept' });
    expect(local.statusCode).toBe(409);
    expect(local.json().error).toMatchObject({ code: 'REPORT_RECEIVED_ELSEWHERE', message: expect.stringContaining('"tinh"') });
    expect((await atA.call('baocao.hanoi', 'GET', `/api/v1/reporting/reports?${q(hk)}`)).json().allowedActions).toEqual([]);
    expect(await audits(fed.nodes.hanoi, 'reporting.report.send')).toEqual([{ data: expect.objectContaining({ seq: 1, node: 'tinh' }) }]);

    const there = await fed.until(async () => {
      const r = await atB.call('baocao.hanoi', 'GET', `/api/v1/reporting/reports?${q(hk)}`);
      return r.statusCode === 200 ? (r.json() as Record<string, unknown>) : null;
    }, 'the report at tinh');
    const mine = signed.json();
    expect(there).toMatchObject({
      status: 'submitted',
      unit: hk,
      receivingUnit: CITY,
      values: { received: 1, receivedPostal: 1, issues: 'Một hồ sơ bưu chính chưa nhập hệ thống.' },
      prefilled: { received: 0, receivedPostal: 0 },
      allowedActions: ['return', 'accept'],
      signature: { valid: true, signedText: mine.signature.signedText, signature: mine.signature.signature, signerUsername: 'lanhdao.hoankiem', signer: expect.stringContaining('Phạm Quốc Hùng') },
      submissions: [expect.objectContaining({ seq: 1 })],
    });
    expect(there.corrections).toEqual(mine.corrections);
    expect(await audits(fed.nodes.tinh, 'reporting.report.receive')).toEqual([{ data: expect.objectContaining({ seq: 1, node: 'hanoi', signer: 'lanhdao.hoankiem' }) }]);
    // the copy is filled and signed only at the unit's installation
    const edit = await atB.call('baocao.hoankiem', 'PUT', `/api/v1/reporting/reports/values?${q(hk)}`, { values: { issues: 'x' } });
    expect(edit.json().error.code).toBe('REPORT_KEPT_ELSEWHERE');
    // not an official document: out of the city's incoming register
    const [{ n }] = await fed.nodes.tinh.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM exchange_documents WHERE document_type = $1 AND NOT outgoing`, [SUBMISSION_TYPE]);
    expect(n).toBe(1);
  });

  it('is returned with a reason at the receiving installation, and the unit’s report follows', async () => {
    const ret = await atB.call('baocao.hanoi', 'POST', `/api/v1/reporting/reports/actions?${q(hk)}`, { action: 'return', reason: 'Bổ sung số liệu hồ sơ bưu chính tháng 01' });
    expect(ret.statusCode, ret.body).toBe(200);
    expect(ret.json()).toMatchObject({ status: 'returned', returnedReason: 'Bổ sung số liệu hồ sơ bưu chính tháng 01' });
    const back = await fed.until(async () => {
      const r = (await atA.call('baocao.hoankiem', 'GET', `/api/v1/reporting/reports?${q(hk)}`)).json();
      return r.status === 'returned' && r;
    }, 'the return at hanoi');
    expect(back).toMatchObject({ returnedReason: 'Bổ sung số liệu hồ sơ bưu chính tháng 01', allowedActions: ['save', 'submit'] });
    expect(await audits(fed.nodes.tinh, 'reporting.report.send_decision')).toEqual([{ data: expect.objectContaining({ action: 'return', seq: 1, node: 'hanoi' }) }]);
    expect(await audits(fed.nodes.hanoi, 'reporting.report.return')).toEqual([{ data: expect.objectContaining({ seq: 1, node: 'tinh', reason: 'Bổ sung số liệu hồ sơ bưu chính tháng 01' }) }]);
    const notice = await fed.nodes.hanoi.ctx.db.query(`SELECT 1 FROM outbox WHERE topic = 'notice.users' AND payload->>'title' = 'Báo cáo bị trả lại'`);
    expect(notice.length).toBeGreaterThan(0);
  });

  it('is corrected and signed again at the unit, accepted at the receiving installation, and counted in its aggregate', async () => {
    const fixed = await atA.call('lanhdao.hoankiem', 'PUT', `/api/v1/reporting/reports/values?${q(hk)}`, {
      values: { receivedPostal: 2, received: 2 },
      reasons: { receivedPostal: 'Hai hồ sơ bưu chính ngày 12 và 13/01', received: 'Cộng hồ sơ bưu chính' },
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    const again = await atA.call('lanhdao.hoankiem', 'POST', `/api/v1/reporting/reports/actions?${q(hk)}`, { action: 'submit' });
    expect(again.json()).toMatchObject({ status: 'submitted', submissions: [{ seq: 1 }, { seq: 2 }] });
    await fed.until(async () => (await atB.call('baocao.hanoi', 'GET', `/api/v1/reporting/reports?${q(hk)}`)).json().submissions.length === 2, 'the second submission at tinh');
    const accepted = await atB.call('baocao.hanoi', 'POST', `/api/v1/reporting/reports/actions?${q(hk)}`, { action: 'accept' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', values: { received: 2, receivedPostal: 2 }, signature: { valid: true } });
    const agg = (await atB.call('baocao.hanoi', 'GET', `/api/v1/reporting/aggregate?${q(CITY)}`)).json();
    expect(agg.units.find((u: { unit: string }) => u.unit === hk)).toMatchObject({ status: 'accepted' });
    expect(agg.counts.accepted).toBe(1);
    const byCode = Object.fromEntries(agg.indicators.map((i: { indicator: string }) => [i.indicator, i]));
    expect(byCode.received).toMatchObject({ value: 2, units: 1 });
    expect(byCode.receivedPostal).toMatchObject({ value: 2 });
    expect(byCode.issues.texts).toEqual([expect.objectContaining({ unit: hk, text: 'Một hồ sơ bưu chính chưa nhập hệ thống.' })]);
    const home = await fed.until(async () => {
      const r = (await atA.call('baocao.hoankiem', 'GET', `/api/v1/reporting/reports?${q(hk)}`)).json();
      return r.status === 'accepted' && r;
    }, 'the acceptance at hanoi');
    expect(home.allowedActions).toEqual([]);
    expect(await audits(fed.nodes.hanoi, 'reporting.report.accept')).toEqual([{ data: expect.objectContaining({ seq: 2, node: 'tinh' }) }]);
    expect((await audits(fed.nodes.hanoi, 'reporting.report.send')).map((r) => (r.data as { seq: number }).seq)).toEqual([1, 2]);
  });
});

describe('exactly once, and refusals', () => {
  it('a replayed submission or decision changes nothing', async () => {
    const sent = await envelopes(fed.nodes.hanoi, SUBMISSION_TYPE);
    expect(sent).toHaveLength(2);
    const decisions = await envelopes(fed.nodes.tinh, DECISION_TYPE);
    expect(decisions).toHaveLength(2);
    const before = (await atB.call('baocao.hanoi', 'GET', `/api/v1/reporting/reports?${q(hk)}`)).json();
    for (const s of sent) {
      const res = await inbound(fed.nodes.tinh, s.envelope);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().outcome).toBe('duplicate');
    }
    for (const d of decisions) expect((await inbound(fed.nodes.hanoi, d.envelope)).json().outcome).toBe('duplicate');
    const after = (await atB.call('baocao.hanoi', 'GET', `/api/v1/reporting/reports?${q(hk)}`)).json();
    expect(after).toEqual(before);
    expect((await atA.call('baocao.hoankiem', 'GET', `/api/v1/reporting/reports?${q(hk)}`)).json().status).toBe('accepted');
    expect(await audits(fed.nodes.tinh, 'reporting.report.receive')).toHaveLength(2);
    expect(await audits(fed.nodes.hanoi, 'reporting.report.accept')).toHaveLength(1);
  });

  it('leaves a clerk’s ordinary document of type “Báo cáo” a document: delivered, in both registers', async () => {
    const sent = await atA.call('vanthu.hoankiem', 'POST', '/api/v1/exchange/documents', {
      from: hk,
      to: [CITY],
      codeNumber: '77',
      codeNotation: 'BC-UBND',
      subject: 'Báo cáo tình hình giải quyết thủ tục hành chính quý I',
      documentType: 'Báo cáo',
      signer: { fullName: 'Phạm Quốc Hùng', position: 'Chủ tịch' },
      attachments: [],
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const documentId = sent.json().documentId as string;
    const arrived = await fed.until(
      async () => (await fed.nodes.tinh.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM exchange_documents WHERE document_id = $1 AND NOT outgoing`, [documentId]))[0].n === 1,
      'the ordinary report at the city',
    );
    expect(arrived).toBe(true);
    const register = await atA.call('vanthu.hoankiem', 'GET', `/api/v1/exchange/documents?agency=${encodeURIComponent(hk)}&limit=1000`);
    expect((register.json().items as { documentId: string }[]).map((d) => d.documentId)).toContain(documentId);
    const [{ n }] = await fed.nodes.tinh.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM exchange_refusals WHERE document_id = $1`, [documentId]);
    expect(n).toBe(0);
  });

  it('refuses a tampered envelope, an unknown sender and a forged signature, each with its problem', async () => {
    const [first] = await envelopes(fed.nodes.hanoi, SUBMISSION_TYPE);
    const tampered = first.envelope.replace('Tháng 01/2026', 'Tháng 02/2026');
    expect(tampered).not.toBe(first.envelope);
    const bad = await inbound(fed.nodes.tinh, tampered);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error).toMatchObject({ code: 'EXCHANGE_ENVELOPE_REFUSED', problem: expect.any(String) });

    // signed for real by an agency of a province no installation of this federation serves
    const message = parseEdxml(first.envelope);
    if (message.kind !== 'edoc') throw new Error('not an envelope');
    const foreign = { code: '000.00.00.H79', name: 'UBND Thành phố Hồ Chí Minh' };
    const { code, promulgationInfo } = message.envelope;
    const documentId = `${foreign.code},${promulgationInfo.promulgationDate},${code.codeNumber}/${code.codeNotation}`;
    const xml = await fed.nodes.hanoi.ctx.db.transaction((tx) =>
      signAs(fed.nodes.hanoi.ctx, tx, foreign, buildEnvelope({ ...message.envelope, from: { organId: foreign.code, organName: foreign.name }, documentId, business: { ...message.envelope.business, documentId } })),
    );
    const unknown = await inbound(fed.nodes.tinh, xml);
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error).toMatchObject({ problem: 'UNKNOWN_SENDER', message: expect.stringContaining('000.00.00.H79') });

    // a well-signed envelope from Hoàn Kiếm whose report text was changed after the leader signed it
    const value = JSON.parse(message.envelope.attachments[0].content.toString('utf8'));
    atA.at('2026-02-16T10:00:00+07:00');
    const forged = await fed.nodes.hanoi.ctx.db.transaction((tx) =>
      sendModuleEnvelope(fed.nodes.hanoi.ctx, tx, {
        type: SUBMISSION_TYPE,
        from: hk,
        to: CITY,
        codeNumber: 'BC-tthc-2026-02-1',
        notation: 'BC',
        at: fed.nodes.hanoi.ctx.clock.now(),
        subject: 'Báo cáo giả mạo',
        value: { ...value, period: '2026-02', signedText: value.signedText.replace('"period":"2026-01"', '"period":"2026-02"') },
      }),
    );
    expect(forged).toMatchObject({ node: 'tinh', sent: true });
    const refusal = await fed.until(
      async () => (await fed.nodes.tinh.ctx.db.query<{ problem: string; detail: string }>(`SELECT problem, detail FROM exchange_refusals WHERE document_id = $1`, [forged!.documentId]))[0],
      'the refusal at tinh',
    );
    expect(refusal).toMatchObject({ problem: 'REPORT_SIGNATURE_INVALID', detail: expect.stringContaining('signature') });
    expect(await fed.nodes.tinh.ctx.db.query(`SELECT 1 FROM reporting_reports WHERE period = '2026-02'`)).toHaveLength(0);
    // the sender learns it: a 02 (refused) status for its envelope
    await fed.until(async () => (await fed.nodes.hanoi.ctx.db.query(`SELECT 1 FROM exchange_statuses WHERE document_id = $1 AND status_code = '02'`, [forged!.documentId])).length > 0, '02 at hanoi');
  });
});
