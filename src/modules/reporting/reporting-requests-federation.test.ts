import { beforeAll, describe, expect, it } from 'vitest';
import { fileFederation } from '#test/nodes.ts';
import type { TestSystem } from '#test/system.ts';
import { sendModuleEnvelope } from '#modules/exchange/index.ts';
import { REQUEST_TYPE } from './federated-requests.ts';

/**
 * Ad hoc requests across installations (issue 17): `tinh` hosts UBND Thành phố Hà Nội, whose
 * leader asks Phường Hoàn Kiếm (hosted by `hanoi`) for an ad hoc report. The request travels to
 * `hanoi` and appears there (the request, its regime and period, the unit's notice); the unit
 * fills and signs it at `hanoi`, the report travels back to `tinh`, which accepts it, and the
 * acceptance comes back. A replayed request changes nothing; one addressed to a unit it does not
 * name is refused.
 */
const CITY = '000.00.00.H01';
const fed = fileFederation({ hanoi: { MOTCUA_PROVINCES: '01' }, tinh: { MOTCUA_HOSTED_AGENCIES: CITY } }, { tries: 200 });
const { hanoi: atA, tinh: atB } = fed.callers;
let hk = '';
let code = '';
let period = '';
const q = () => `regime=${code}&period=${period}&unit=${encodeURIComponent(hk)}`;
const inbound = (sys: TestSystem, xml: string) => sys.app.inject({ method: 'POST', url: '/api/v1/exchange/inbound', headers: { 'content-type': 'application/xml' }, payload: xml });

beforeAll(async () => {
  [{ code: hk }] = await fed.nodes.hanoi.ctx.db.query<{ code: string }>(`SELECT code FROM agencies WHERE kind = 'people_committee' AND admin_unit_code = '00070'`);
  fed.at('2026-03-02T09:00:00+07:00');
});

const request = () => ({
  receivingUnit: CITY,
  name: 'Báo cáo đột xuất tình hình trường học bị ảnh hưởng do mưa lũ',
  content: 'Số trường học bị ảnh hưởng, số học sinh phải nghỉ học và kiến nghị hỗ trợ.',
  from: '2026-02-15',
  to: '2026-02-28',
  units: [hk],
  deadline: { workingDays: 5 },
  sections: [
    {
      title: 'I. Số liệu',
      indicators: [
        { code: 'schools', number: '1', name: 'Số trường học bị ảnh hưởng', type: 'number', unit: 'trường', integer: true, min: 0, aggregation: 'sum' },
        { code: 'needs', number: '2', name: 'Kiến nghị hỗ trợ', type: 'text', aggregation: 'concat', required: false },
      ],
    },
  ],
  checks: [],
});

describe('an ad hoc request to a unit another installation hosts', () => {
  it('travels to the unit’s installation and appears there with its notice', async () => {
    const made = await atB.call('lanhdao.hanoi', 'POST', '/api/v1/reporting/requests', request());
    expect(made.statusCode, made.body).toBe(201);
    ({ code, period } = made.json());
    // the unit's staff are at `hanoi`: no notice for them at `tinh`
    expect(await fed.nodes.tinh.ctx.db.query(`SELECT 1 FROM outbox WHERE topic = 'notice.users' AND key = $1`, [`reporting:request:${code}:${hk}`])).toHaveLength(0);
    expect(await fed.nodes.tinh.ctx.db.query(`SELECT data FROM audit_log WHERE chain = $1 AND action = 'reporting.request.send'`, [`reporting:request:${code}`])).toEqual([
      { data: expect.objectContaining({ unit: hk, node: 'hanoi' }) },
    ]);

    const there = await fed.until(async () => {
      const r = await atA.call('baocao.hoankiem', 'GET', `/api/v1/reporting/requests/${code}`);
      return r.statusCode === 200 && r.json();
    }, 'the request at hanoi');
    expect(there).toMatchObject({ code, period, name: request().name, receivingUnit: CITY, dueDate: '2026-03-09', units: [{ unit: hk }], requestedBy: 'lanhdao.hanoi' });
    expect((await atA.call('baocao.hoankiem', 'GET', '/api/v1/reporting/requests')).json().items.map((i: { code: string }) => i.code)).toContain(code);
    expect((await atA.call('baocao.hoankiem', 'GET', '/api/v1/reporting/regimes')).json().items.map((i: { code: string }) => i.code)).toContain(code);
    const [notice] = await fed.nodes.hanoi.ctx.db.query<{ payload: { title: string; body: string; link: string; email: boolean } }>(`SELECT payload FROM outbox WHERE topic = 'notice.users' AND key = $1`, [
      `reporting:request:${code}:${hk}`,
    ]);
    expect(notice.payload).toMatchObject({ title: 'Yêu cầu báo cáo đột xuất', email: true, link: `/bao-cao?${q()}` });
    expect(notice.payload.body).toContain('hạn gửi 09/03/2026');
    expect(await fed.nodes.hanoi.ctx.db.query(`SELECT data FROM audit_log WHERE chain = $1 AND action = 'reporting.request.receive'`, [`reporting:request:${code}`])).toEqual([
      { data: expect.objectContaining({ unit: hk, receivingUnit: CITY, node: 'tinh' }) },
    ]);
  });

  it('is answered at the unit’s installation; the report travels back, is accepted there, and the acceptance comes home', async () => {
    const report = (await atA.call('baocao.hoankiem', 'GET', `/api/v1/reporting/reports?${q()}`)).json();
    expect(report).toMatchObject({ status: 'draft', receivingUnit: CITY, elsewhere: { receivingNode: 'tinh' } });
    expect((await atA.call('baocao.hoankiem', 'PUT', `/api/v1/reporting/reports/values?${q()}`, { values: { schools: 3, needs: 'Hỗ trợ sửa chữa mái trường' } })).statusCode).toBe(200);
    expect((await atA.call('lanhdao.hoankiem', 'POST', `/api/v1/reporting/reports/actions?${q()}`, { action: 'submit' })).json()).toMatchObject({ status: 'submitted' });
    const atCity = await fed.until(async () => {
      const r = await atB.call('baocao.hanoi', 'GET', `/api/v1/reporting/reports?${q()}`);
      return r.statusCode === 200 && r.json();
    }, 'the report at tinh');
    expect(atCity).toMatchObject({ status: 'submitted', values: { schools: 3 }, signature: { valid: true }, elsewhere: { unitNode: 'hanoi' } });
    expect((await atB.call('baocao.hanoi', 'POST', `/api/v1/reporting/reports/actions?${q()}`, { action: 'accept' })).json().status).toBe('accepted');
    const agg = (await atB.call('baocao.hanoi', 'GET', `/api/v1/reporting/aggregate?regime=${code}&period=${period}&unit=${encodeURIComponent(CITY)}`)).json();
    expect(agg).toMatchObject({ counts: { expected: 1, accepted: 1 } });
    expect(agg.indicators.find((i: { indicator: string }) => i.indicator === 'schools')).toMatchObject({ value: 3 });
    await fed.until(async () => (await atA.call('baocao.hoankiem', 'GET', `/api/v1/reporting/reports?${q()}`)).json().status === 'accepted', 'the acceptance at hanoi');
  });

  it('changes nothing when replayed, and refuses a request sent to a unit it does not name', async () => {
    const [sent] = await fed.nodes.tinh.ctx.db.query<{ envelope: string }>(`SELECT envelope FROM exchange_documents WHERE document_type = $1 AND outgoing`, [REQUEST_TYPE]);
    expect((await inbound(fed.nodes.hanoi, sent.envelope)).json().outcome).toBe('duplicate');
    expect(await fed.nodes.hanoi.ctx.db.query(`SELECT 1 FROM audit_log WHERE chain = $1 AND action = 'reporting.request.receive'`, [`reporting:request:${code}`])).toHaveLength(1);
    // the city asks Ba Đình with a request naming only Hoàn Kiếm
    const [{ code: bd }] = await fed.nodes.tinh.ctx.db.query<{ code: string }>(`SELECT code FROM agencies WHERE kind = 'people_committee' AND admin_unit_code = '00004'`);
    const value = await fed.nodes.tinh.ctx.db.query<{ definition: unknown; valid_from: string }>(`SELECT definition, to_char(valid_from, 'YYYY-MM-DD') AS valid_from FROM reporting_regime_versions WHERE regime_code = $1`, [code]);
    const forged = await fed.nodes.tinh.ctx.db.transaction((tx) =>
      sendModuleEnvelope(fed.nodes.tinh.ctx, tx, {
        type: REQUEST_TYPE,
        from: CITY,
        to: bd,
        codeNumber: `YC-${code}-99`,
        notation: 'YCBC',
        at: fed.nodes.tinh.ctx.clock.now(),
        subject: 'Yêu cầu báo cáo đột xuất',
        value: { code, name: request().name, validFrom: value[0].valid_from, legalBasis: 'Yêu cầu báo cáo đột xuất', definition: value[0].definition },
      }),
    );
    const refusal = await fed.until(
      async () => (await fed.nodes.hanoi.ctx.db.query<{ problem: string }>(`SELECT problem FROM exchange_refusals WHERE document_id = $1`, [forged!.documentId]))[0],
      'the refusal at hanoi',
    );
    expect(refusal.problem).toBe('REQUEST_NOT_FOR_UNIT');
  });
});
