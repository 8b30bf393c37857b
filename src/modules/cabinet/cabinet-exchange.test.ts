import { beforeAll, describe, expect, it } from 'vitest';
import { fileFederation } from '#test/nodes.ts';

/**
 * A conclusion travels over the interconnection axis: two installations on one machine — Hà Nội
 * (province 01, where the demo body UBND Thành phố Hà Nội sits) and the national node (Văn phòng
 * Chính phủ) — each on its own database, linked over real HTTP (MOTCUA_PEERS). The conclusion
 * goes as a signed edXML document with its signed PDF to the task's agency here and to VPCP there.
 */
const { nodes, callers, settle } = fileFederation({ hanoi: { MOTCUA_PROVINCES: '01' }, quocgia: { MOTCUA_NODE_ROLE: 'national' } });
const VPCP = '000.00.00.G22';
const UNKNOWN = '000.00.00.G99';
let HK = '';
const enc = encodeURIComponent;

beforeAll(async () => {
  [{ code: HK }] = await nodes.hanoi.ctx.db.query<{ code: string }>(`SELECT code FROM agencies WHERE admin_unit_code = '00070' AND kind = 'people_committee'`);
});

describe('a conclusion sent over the interconnection axis', () => {
  let conclusionId = '';
  let documentId = '';

  it('issuing sends one signed edXML with the PDF: 01 at once here, unreachable agencies named', async () => {
    const starts = new Date(nodes.hanoi.clock.now().getTime() + 3_600_000).toISOString();
    const meeting = await callers.hanoi.call('vanphong.hanoi', 'POST', '/api/v1/cabinet/meetings', { title: 'Phiên họp thường kỳ tháng 12', startsAt: starts, location: 'Phòng họp số 1, 12 Lê Lai', agenda: [{ title: 'Kế hoạch chuyển đổi số năm 2027', documents: [] }] });
    expect(meeting.statusCode).toBe(201);
    const meetingId = meeting.json().id;
    for (const action of ['start', 'end']) expect((await callers.hanoi.call('chutich.hanoi', 'POST', `/api/v1/cabinet/meetings/${meetingId}/actions`, { action })).statusCode).toBe(200);
    const payload = {
      source: { type: 'meeting', id: meetingId },
      title: 'Kết luận của Chủ tịch UBND Thành phố tại phiên họp thường kỳ tháng 12',
      text: 'Thống nhất kế hoạch chuyển đổi số năm 2027; giao các cơ quan triển khai.',
      tasks: [{ title: 'Triển khai kế hoạch chuyển đổi số tại phường', assigneeAgencyCode: HK, dueDate: '2027-03-31' }],
      recipients: [VPCP, UNKNOWN],
    };
    const res = await callers.hanoi.call('vanphong.hanoi', 'POST', '/api/v1/cabinet/conclusions', payload);
    expect(res.statusCode).toBe(201);
    const c = res.json();
    conclusionId = c.id;
    documentId = c.dispatch.documentId;
    expect(documentId).toMatch(/^000\.00\.00\.H01,\d{4}\/\d{2}\/\d{2},001\/TB-000\.00\.00\.H01$/);
    expect(c.dispatch.unreached).toEqual([{ agency: UNKNOWN, reason: 'no_installation' }]);
    const byAgency = Object.fromEntries(c.dispatch.recipients.map((r: { agency: string; statusCode: string | null; hostedHere: boolean }) => [r.agency, [r.statusCode, r.hostedHere]]));
    expect(byAgency).toEqual({ [HK]: ['01', true], [VPCP]: [null, false] });
    // The receiving clerk here finds it in the incoming register, with the signed PDF attached.
    const inbox = (await callers.hanoi.call('vanthu.hoankiem', 'GET', `/api/v1/exchange/inbox?agency=${HK}`)).json();
    const line = inbox.items.find((i: { documentId: string }) => i.documentId === documentId);
    expect(line).toMatchObject({ subject: payload.title, from: { agency: '000.00.00.H01' }, recipient: { statusCode: '01' } });
    const attached = await callers.hanoi.call('vanthu.hoankiem', 'GET', `/api/v1/exchange/documents/${enc(documentId)}/attachments/att1`);
    const original = await callers.hanoi.call('vanphong.hanoi', 'GET', `/api/v1/cabinet/conclusions/${conclusionId}/document`);
    expect(attached.headers['content-type']).toBe('application/pdf');
    expect(attached.rawPayload.equals(original.rawPayload)).toBe(true);
    // Issuing again is refused and sends nothing more.
    expect((await callers.hanoi.call('vanphong.hanoi', 'POST', '/api/v1/cabinet/conclusions', payload)).json().error.code).toBe('CONCLUSION_EXISTS');
    const [{ n }] = await nodes.hanoi.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM exchange_documents WHERE outgoing');
    expect(n).toBe(1);
  });

  it('reaches the other installation; its clerk registers it (03) and the secretariat sees each status', async () => {
    await settle();
    const inbox = (await callers.quocgia.call('vanthu.vpcp', 'GET', `/api/v1/exchange/inbox?agency=${VPCP}`)).json();
    expect(inbox.items.map((i: { documentId: string }) => i.documentId)).toContain(documentId);
    const accepted = await callers.quocgia.call('vanthu.vpcp', 'POST', `/api/v1/exchange/inbox/${enc(documentId)}/status`, { agency: VPCP, statusCode: '03' });
    expect(accepted.statusCode).toBe(200);
    await settle();
    const seen = (await callers.hanoi.call('vanphong.hanoi', 'GET', `/api/v1/cabinet/conclusions/${conclusionId}`)).json();
    expect(seen.dispatch.recipients.find((r: { agency: string }) => r.agency === VPCP).statusCode).toBe('03');
    // The room shows the same to the chair; a member reads the conclusion without the dispatch.
    const room = (await callers.hanoi.call('chutich.hanoi', 'GET', `/api/v1/cabinet/meetings/${seen.source.id}`)).json();
    expect(room.conclusions[0].dispatch.recipients).toHaveLength(2);
    const member = (await callers.hanoi.call('uyvien1.hanoi', 'GET', `/api/v1/cabinet/conclusions/${conclusionId}`)).json();
    expect(member.dispatch).toBeNull();
  });
});
