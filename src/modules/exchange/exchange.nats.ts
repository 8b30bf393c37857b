import { beforeAll, describe, expect, it } from 'vitest';
import { fileFederation } from '#test/nodes.ts';
import { ensureDemoAccount } from '#modules/identity/index.ts';

/**
 * The interconnection axis over the machine's real NATS JetStream (NATS_URL, run by .ci/run via
 * `npm run test:nats`): three installations, no HTTP links at all — the registry and every
 * envelope and status travel on the bus, in a federation of their own on the shared broker.
 */
const NATS_URL = process.env.NATS_URL;
if (!NATS_URL) throw new Error('exchange.nats.ts needs NATS_URL (e.g. nats://127.0.0.1:4222); run it with npm run test:nats');
const FED = `t${Date.now().toString(36)}`;

const { nodes, callers, until } = fileFederation(
  { hanoi: { MOTCUA_PROVINCES: '01' }, hcm: { MOTCUA_PROVINCES: '79' }, quocgia: { MOTCUA_NODE_ROLE: 'national' } },
  { nats: { url: NATS_URL, federation: FED } }, // this run's federation is its own stream on the shared broker: removed after the tests
);
const HK = '004.00.50.H01';
const HCM = '000.00.00.H79';
const VPCP = '000.00.00.G22';
const enc = encodeURIComponent;

beforeAll(async () => {
  await nodes.hcm.ctx.db.transaction((tx) => ensureDemoAccount(tx, { username: 'vanthu.hcm', fullName: 'Võ Thị Sáu', role: 'clerk', agencyCode: HCM, provinceCode: '79' }));
});

describe('trục liên thông over NATS JetStream', () => {
  it('registry announced on the bus: every node knows the others without HTTP links', async () => {
    const reg = (await callers.hanoi.call('vanthu.hoankiem', 'GET', '/api/v1/exchange/registry')).json();
    expect(reg.transport).toBe('nats');
    expect(reg.nodes.map((n: { nodeId: string }) => n.nodeId).sort()).toEqual(['hcm', 'quocgia']);
  });

  it('a commune sends to the national node and another province: 01, then 03 → 04 back, recall answered', async () => {
    const res = await callers.hanoi.call('vanthu.hoankiem', 'POST', '/api/v1/exchange/documents', {
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
    const doc = () => callers.hanoi.call('vanthu.hoankiem', 'GET', `/api/v1/exchange/documents/${enc(id)}`).then((r) => r.json());
    await until(async () => (await doc()).recipients.every((r: { statusCode: string }) => r.statusCode === '01'), '01 from both');
    const url = `/api/v1/exchange/inbox/${enc(id)}/status`;
    expect((await callers.quocgia.call('vanthu.vpcp', 'POST', url, { agency: VPCP, statusCode: '03' })).statusCode).toBe(200);
    nodes.quocgia.clock.set(new Date(nodes.quocgia.clock.now().getTime() + 60_000));
    expect((await callers.quocgia.call('vanthu.vpcp', 'POST', url, { agency: VPCP, statusCode: '04', assignee: 'Vụ Pháp luật' })).statusCode).toBe(200);
    await until(async () => (await doc()).recipients.find((r: { agency: string }) => r.agency === VPCP).statusCode === '04', '03, 04 at the sender');
    const trail = (await doc()).statuses.filter((s: { agency: string }) => s.agency === VPCP).map((s: { statusCode: string }) => s.statusCode);
    expect(trail).toEqual(['01', '03', '04']);
    expect((await callers.hanoi.call('vanthu.hoankiem', 'POST', `/api/v1/exchange/documents/${enc(id)}/recall`, { reason: 'Gửi nhầm nơi nhận' })).statusCode).toBe(200);
    await until(async () => (await callers.hcm.call('vanthu.hcm', 'GET', `/api/v1/exchange/documents/${enc(id)}`)).json().recipients[0].recallState === 'requested', '13 at HCM');
    expect((await callers.hcm.call('vanthu.hcm', 'POST', url, { agency: HCM, statusCode: '15' })).statusCode).toBe(200);
    await until(async () => (await doc()).recipients.find((r: { agency: string }) => r.agency === HCM).recallState === 'agreed', '15 at the sender');
    // Exactly once: one row per document and recipient at each receiver, whatever the redeliveries.
    const [{ n }] = await nodes.quocgia.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM exchange_statuses WHERE document_id = $1', [id]);
    expect(n).toBe(4); // 01, 03, 04 by VPCP and the 13 addressed to it
  });
});
