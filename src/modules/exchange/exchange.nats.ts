import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Federation, startFederation } from '#test/nodes.ts';
import type { TestSystem } from '#test/system.ts';
import { ensureDemoAccount } from '#modules/identity/index.ts';

/**
 * The interconnection axis over the machine's real NATS JetStream (NATS_URL, run by .ci/run via
 * `npm run test:nats`): three installations, no HTTP links at all — the registry and every
 * envelope and status travel on the bus, in a federation of their own on the shared broker.
 */
const NATS_URL = process.env.NATS_URL;
if (!NATS_URL) throw new Error('exchange.nats.ts needs NATS_URL (e.g. nats://127.0.0.1:4222); run it with npm run test:nats');
const FED = `t${Date.now().toString(36)}`;

let hanoi: TestSystem;
let hcm: TestSystem;
let quocgia: TestSystem;
const tokens: Record<string, string> = {};
const HK = '004.00.50.H01';
const HCM = '000.00.00.H79';
const VPCP = '000.00.00.G22';
const enc = encodeURIComponent;

const call = (sys: TestSystem, user: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  sys.app.inject({ method, url, headers: { authorization: `Bearer ${tokens[user]}` }, payload: payload as object });

let fed: Federation<'hanoi' | 'hcm' | 'quocgia'>;
const until = <T>(what: string, check: () => Promise<T | false | undefined>) => fed.until(check, what);

beforeAll(async () => {
  fed = await startFederation(
    { hanoi: { MOTCUA_PROVINCES: '01' }, hcm: { MOTCUA_PROVINCES: '79' }, quocgia: { MOTCUA_NODE_ROLE: 'national' } },
    { nats: { url: NATS_URL!, federation: FED } },
  );
  ({ hanoi, hcm, quocgia } = fed.nodes);
  await hcm.ctx.db.transaction((tx) => ensureDemoAccount(tx, { username: 'vanthu.hcm', fullName: 'Võ Thị Sáu', role: 'clerk', agencyCode: HCM, provinceCode: '79' }));
  tokens['vanthu.hoankiem'] = await hanoi.login('vanthu.hoankiem');
  tokens['vanthu.hcm'] = await hcm.login('vanthu.hcm');
  tokens['vanthu.vpcp'] = await quocgia.login('vanthu.vpcp');
});
afterAll(() => fed?.close()); // this run's federation is its own stream on the shared broker: removed

describe('trục liên thông over NATS JetStream', () => {
  it('registry announced on the bus: every node knows the others without HTTP links', async () => {
    const reg = (await call(hanoi, 'vanthu.hoankiem', 'GET', '/api/v1/exchange/registry')).json();
    expect(reg.transport).toBe('nats');
    expect(reg.nodes.map((n: { nodeId: string }) => n.nodeId).sort()).toEqual(['hcm', 'quocgia']);
  });

  it('a commune sends to the national node and another province: 01, then 03 → 04 back, recall answered', async () => {
    const res = await call(hanoi, 'vanthu.hoankiem', 'POST', '/api/v1/exchange/documents', {
      from: HK,
      to: [VPCP, HCM],
      codeNotation: 'UBND-VP',
      subject: 'V/v đề nghị hướng dẫn liên thông khai sinh',
      documentType: 'Công văn',
      signer: { fullName: 'Phạm Quốc Hùng', position: 'Chủ tịch' },
      attachments: [],
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().documentId as string;
    const doc = () => call(hanoi, 'vanthu.hoankiem', 'GET', `/api/v1/exchange/documents/${enc(id)}`).then((r) => r.json());
    await until('01 from both', async () => (await doc()).recipients.every((r: { statusCode: string }) => r.statusCode === '01'));
    const url = `/api/v1/exchange/inbox/${enc(id)}/status`;
    expect((await call(quocgia, 'vanthu.vpcp', 'POST', url, { agency: VPCP, statusCode: '03' })).statusCode).toBe(200);
    quocgia.clock.set(new Date(quocgia.clock.now().getTime() + 60_000));
    expect((await call(quocgia, 'vanthu.vpcp', 'POST', url, { agency: VPCP, statusCode: '04', assignee: 'Vụ Pháp luật' })).statusCode).toBe(200);
    await until('03, 04 at the sender', async () => (await doc()).recipients.find((r: { agency: string }) => r.agency === VPCP).statusCode === '04');
    const trail = (await doc()).statuses.filter((s: { agency: string }) => s.agency === VPCP).map((s: { statusCode: string }) => s.statusCode);
    expect(trail).toEqual(['01', '03', '04']);
    expect((await call(hanoi, 'vanthu.hoankiem', 'POST', `/api/v1/exchange/documents/${enc(id)}/recall`, { reason: 'Gửi nhầm nơi nhận' })).statusCode).toBe(200);
    await until('13 at HCM', async () => (await call(hcm, 'vanthu.hcm', 'GET', `/api/v1/exchange/documents/${enc(id)}`)).json().recipients[0].recallState === 'requested');
    expect((await call(hcm, 'vanthu.hcm', 'POST', url, { agency: HCM, statusCode: '15' })).statusCode).toBe(200);
    await until('15 at the sender', async () => (await doc()).recipients.find((r: { agency: string }) => r.agency === HCM).recallState === 'agreed');
    // Exactly once: one row per document and recipient at each receiver, whatever the redeliveries.
    const [{ n }] = await quocgia.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM exchange_statuses WHERE document_id = $1', [id]);
    expect(n).toBe(4); // 01, 03, 04 by VPCP and the 13 addressed to it
  });
});
