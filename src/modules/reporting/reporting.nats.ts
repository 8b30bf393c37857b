import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestSystem } from '#test/system.ts';
import { type Federation, startFederation } from '#test/nodes.ts';
import { signedInCallers } from '#test/factories.ts';

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

let a: TestSystem;
let b: TestSystem;
const atA = signedInCallers(() => a);
const atB = signedInCallers(() => b);
let hk = '';
const q = () => `regime=tthc&period=2026-01&unit=${encodeURIComponent(hk)}`;

let fed: Federation<'hanoi' | 'tinh'>;
const until = <T>(what: string, check: () => Promise<T | null | undefined | false>) => fed.until(check, what);

beforeAll(async () => {
  fed = await startFederation({ hanoi: { MOTCUA_PROVINCES: '01' }, tinh: { MOTCUA_HOSTED_AGENCIES: CITY } }, { nats: { url: NATS_URL!, federation: FED } });
  ({ hanoi: a, tinh: b } = fed.nodes);
  [hk] = (await a.ctx.db.query<{ code: string }>(`SELECT code FROM agencies WHERE kind = 'people_committee' AND admin_unit_code = '00070'`)).map((r) => r.code);
  atA.at('2026-01-15T10:00:00+07:00');
  atB.at('2026-01-15T10:00:00+07:00');
});
afterAll(() => fed?.close());

describe('a report across installations over NATS JetStream', () => {
  it('travels signed to the receiving unit’s installation, is accepted there, and the acceptance comes back', async () => {
    const saved = await atA.call('lanhdao.hoankiem', 'PUT', `/api/v1/reporting/reports/values?${q()}`, { values: { issues: 'Không có' } });
    expect(saved.statusCode, saved.body).toBe(200);
    const signed = await atA.call('lanhdao.hoankiem', 'POST', `/api/v1/reporting/reports/actions?${q()}`, { action: 'submit' });
    expect(signed.json()).toMatchObject({ status: 'submitted', signature: { valid: true } });
    const there = await until('the report at tinh', async () => {
      const r = await atB.call('baocao.hanoi', 'GET', `/api/v1/reporting/reports?${q()}`);
      return r.statusCode === 200 ? (r.json() as { status: string; signature: { valid: boolean; signedText: string } }) : null;
    });
    expect(there).toMatchObject({ status: 'submitted', signature: { valid: true, signedText: signed.json().signature.signedText } });
    expect((await atB.call('baocao.hanoi', 'POST', `/api/v1/reporting/reports/actions?${q()}`, { action: 'accept' })).json().status).toBe('accepted');
    await until('the acceptance at hanoi', async () => (await atA.call('baocao.hoankiem', 'GET', `/api/v1/reporting/reports?${q()}`)).json().status === 'accepted');
    const [{ n }] = await b.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM reporting_submissions`);
    expect(n).toBe(1);
  });
});
