import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Federation, startFederation } from '#test/nodes.ts';
import type { TestSystem } from '#test/system.ts';

/**
 * A conclusion travels over the interconnection axis: two installations on one machine — Hà Nội
 * (province 01, where the demo body UBND Thành phố Hà Nội sits) and the national node (Văn phòng
 * Chính phủ) — each on its own database, linked over real HTTP (MOTCUA_PEERS). The conclusion
 * goes as a signed edXML document with its signed PDF to the task's agency here and to VPCP there.
 */
let hanoi: TestSystem;
let quocgia: TestSystem;
const tokens: Record<string, string> = {};
const VPCP = '000.00.00.G22';
const UNKNOWN = '000.00.00.G99';
let HK = '';

const call = (sys: TestSystem, user: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  sys.app.inject({ method, url, headers: { authorization: `Bearer ${tokens[user]}` }, payload: payload as object });
const enc = encodeURIComponent;
let fed: Federation<'hanoi' | 'quocgia'>;
const settle = () => fed.settle();

beforeAll(async () => {
  fed = await startFederation({ hanoi: { MOTCUA_PROVINCES: '01' }, quocgia: { MOTCUA_NODE_ROLE: 'national' } });
  ({ hanoi, quocgia } = fed.nodes);
  [{ code: HK }] = await hanoi.ctx.db.query<{ code: string }>(`SELECT code FROM agencies WHERE admin_unit_code = '00070' AND kind = 'people_committee'`);
  for (const u of ['vanphong.hanoi', 'chutich.hanoi', 'uyvien1.hanoi', 'vanthu.hoankiem']) tokens[u] = await hanoi.login(u);
  tokens['vanthu.vpcp'] = await quocgia.login('vanthu.vpcp');
}, 600_000);

afterAll(() => fed?.close());

describe('a conclusion sent over the interconnection axis', () => {
  let conclusionId = '';
  let documentId = '';

  it('issuing sends one signed edXML with the PDF: 01 at once here, unreachable agencies named', async () => {
    const starts = new Date(hanoi.clock.now().getTime() + 3_600_000).toISOString();
    const meeting = await call(hanoi, 'vanphong.hanoi', 'POST', '/api/v1/cabinet/meetings', { title: 'Phiên họp thường kỳ tháng 12', startsAt: starts, location: 'Phòng họp số 1, 12 Lê Lai', agenda: [{ title: 'Kế hoạch chuyển đổi số năm 2027', documents: [] }] });
    expect(meeting.statusCode).toBe(201);
    const meetingId = meeting.json().id;
    for (const action of ['start', 'end']) expect((await call(hanoi, 'chutich.hanoi', 'POST', `/api/v1/cabinet/meetings/${meetingId}/actions`, { action })).statusCode).toBe(200);
    const payload = {
      source: { type: 'meeting', id: meetingId },
      title: 'Kết luận của Chủ tịch UBND Thành phố tại phiên họp thường kỳ tháng 12',
      text: 'Thống nhất kế hoạch chuyển đổi số năm 2027; giao các cơ quan triển khai.',
      tasks: [{ title: 'Triển khai kế hoạch chuyển đổi số tại phường', assigneeAgencyCode: HK, dueDate: '2027-03-31' }],
      recipients: [VPCP, UNKNOWN],
    };
    const res = await call(hanoi, 'vanphong.hanoi', 'POST', '/api/v1/cabinet/conclusions', payload);
    expect(res.statusCode).toBe(201);
    const c = res.json();
    conclusionId = c.id;
    documentId = c.dispatch.documentId;
    expect(documentId).toMatch(/^000\.00\.00\.H01,\d{4}\/\d{2}\/\d{2},001\/TB-000\.00\.00\.H01$/);
    expect(c.dispatch.unreached).toEqual([{ agency: UNKNOWN, reason: 'no_installation' }]);
    const byAgency = Object.fromEntries(c.dispatch.recipients.map((r: { agency: string; statusCode: string | null; hostedHere: boolean }) => [r.agency, [r.statusCode, r.hostedHere]]));
    expect(byAgency).toEqual({ [HK]: ['01', true], [VPCP]: [null, false] });
    // The receiving clerk here finds it in the incoming register, with the signed PDF attached.
    const inbox = (await call(hanoi, 'vanthu.hoankiem', 'GET', `/api/v1/exchange/inbox?agency=${HK}`)).json();
    const line = inbox.items.find((i: { documentId: string }) => i.documentId === documentId);
    expect(line).toMatchObject({ subject: payload.title, from: { agency: '000.00.00.H01' }, recipient: { statusCode: '01' } });
    const attached = await call(hanoi, 'vanthu.hoankiem', 'GET', `/api/v1/exchange/documents/${enc(documentId)}/attachments/att1`);
    const original = await call(hanoi, 'vanphong.hanoi', 'GET', `/api/v1/cabinet/conclusions/${conclusionId}/document`);
    expect(attached.headers['content-type']).toBe('application/pdf');
    expect(attached.rawPayload.equals(original.rawPayload)).toBe(true);
    // Issuing again is refused and sends nothing more.
    expect((await call(hanoi, 'vanphong.hanoi', 'POST', '/api/v1/cabinet/conclusions', payload)).json().error.code).toBe('CONCLUSION_EXISTS');
    const [{ n }] = await hanoi.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM exchange_documents WHERE outgoing');
    expect(n).toBe(1);
  });

  it('reaches the other installation; its clerk registers it (03) and the secretariat sees each status', async () => {
    await settle();
    const inbox = (await call(quocgia, 'vanthu.vpcp', 'GET', `/api/v1/exchange/inbox?agency=${VPCP}`)).json();
    expect(inbox.items.map((i: { documentId: string }) => i.documentId)).toContain(documentId);
    const accepted = await call(quocgia, 'vanthu.vpcp', 'POST', `/api/v1/exchange/inbox/${enc(documentId)}/status`, { agency: VPCP, statusCode: '03' });
    expect(accepted.statusCode).toBe(200);
    await settle();
    const seen = (await call(hanoi, 'vanphong.hanoi', 'GET', `/api/v1/cabinet/conclusions/${conclusionId}`)).json();
    expect(seen.dispatch.recipients.find((r: { agency: string }) => r.agency === VPCP).statusCode).toBe('03');
    // The room shows the same to the chair; a member reads the conclusion without the dispatch.
    const room = (await call(hanoi, 'chutich.hanoi', 'GET', `/api/v1/cabinet/meetings/${seen.source.id}`)).json();
    expect(room.conclusions[0].dispatch.recipients).toHaveLength(2);
    const member = (await call(hanoi, 'uyvien1.hanoi', 'GET', `/api/v1/cabinet/conclusions/${conclusionId}`)).json();
    expect(member.dispatch).toBeNull();
  });
});
