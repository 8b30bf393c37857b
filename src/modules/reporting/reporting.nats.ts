import { beforeAll, describe, expect, it } from 'vitest';
import { fileFederation } from '#test/nodes.ts';

/**
 * Reports across installations over the machine's real NATS JetStream (NATS_URL, run by .ci/run
 * via `npm run test:nats`): no HTTP links at all. `hanoi` hosts Phường Hoàn Kiếm, `tinh` hosts
 * UBND Thành phố Hà Nội; the signed report travels on the bus, is accepted at `tinh`, and the
 * acceptance comes back. The same flow over HTTP, with returns and refusals, is
 * reporting-federation.test.ts.
 */
const NATS_URL = process.env.NATS_URL;
if (!NATS_URL) throw new Error('reporting.nats.ts needs NATS_URL (e.g. nats://127.0.0.1:4222); run it with npm run test:nats');
const FED = `r${Date.now().toString(36)}`;
const CITY = '000.00.00.H01';

const fed = fileFederation({ hanoi: { MOTCUA_PROVINCES: '01' }, tinh: { MOTCUA_HOSTED_AGENCIES: CITY } }, { nats: { url: NATS_URL, federation: FED } });
const { hanoi: atA, tinh: atB } = fed.callers;
let hk = '';
const q = () => `regime=tthc&period=2026-01&unit=${encodeURIComponent(hk)}`;


beforeAll(async () => {
  [hk] = (await fed.nodes.hanoi.ctx.db.query<{ code: string }>(`SELECT code FROM agencies WHERE kind = 'people_committee' AND admin_unit_code = '00070'`)).map((r) => r.code);
  fed.at('2026-01-15T10:00:00+07:00');
});

describe('a report across installations over NATS JetStream', () => {
  it('travels signed to the receiving unit’s installation, is accepted there, and the acceptance comes back', async () => {
    const saved = await atA.call('lanhdao.hoankiem', 'PUT', `/api/v1/reporting/reports/values?${q()}`, { values: { issues: 'Không có' } });
    expect(saved.statusCode, saved.body).toBe(200);
    const signed = await atA.call('lanhdao.hoankiem', 'POST', `/api/v1/reporting/reports/actions?${q()}`, { action: 'submit' });
    expect(signed.json()).toMatchObject({ status: 'submitted', signature: { valid: true } });
    const there = await fed.until(async () => {
      const r = await atB.call('baocao.hanoi', 'GET', `/api/v1/reporting/reports?${q()}`);
      return r.statusCode === 200 ? (r.json() as { status: string; signature: { valid: boolean; signedText: string } }) : null;
    }, 'the report at tinh');
    expect(there).toMatchObject({ status: 'submitted', signature: { valid: true, signedText: signed.json().signature.signedText } });
    expect((await atB.call('baocao.hanoi', 'POST', `/api/v1/reporting/reports/actions?${q()}`, { action: 'accept' })).json().status).toBe('accepted');
    await fed.until(async () => (await atA.call('baocao.hoankiem', 'GET', `/api/v1/reporting/reports?${q()}`)).json().status === 'accepted', 'the acceptance at hanoi');
    const [{ n }] = await fed.nodes.tinh.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM reporting_submissions`);
    expect(n).toBe(1);
  });
});
