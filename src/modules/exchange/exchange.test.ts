import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { multipartBody } from '#test/actor-app.ts';
import { fileFederation } from '#test/nodes.ts';
import { findAgencyFor } from '#modules/places/index.ts';
import { createAgencyCertificate, createRootCertificate } from '#modules/signatures/index.ts';
import { ensureDemoAccount } from '#modules/identity/index.ts';
import * as pdfSample from '../files/test-samples.ts';
import { buildEnvelope, parseEdxml } from './edxml.ts';
import { signEdxml } from './xml-signature.ts';

/**
 * Three installations on one machine — Hà Nội (province 01), Hồ Chí Minh (79) and the national
 * node (Văn phòng Chính phủ) — each on its own database, linked over real HTTP (MOTCUA_PEERS),
 * no broker. The same flows run over NATS JetStream in exchange.nats.test.ts (.ci/run).
 */
const { nodes, callers, settle } = fileFederation({ hanoi: { MOTCUA_PROVINCES: '01' }, hcm: { MOTCUA_PROVINCES: '79' }, quocgia: { MOTCUA_NODE_ROLE: 'national' } });
const HK = '004.00.50.H01';
let BD: string;
const HN = '000.00.00.H01';
const HCM = '000.00.00.H79';
const VPCP = '000.00.00.G22';
const enc = encodeURIComponent;

beforeAll(async () => {
  BD = (await findAgencyFor(nodes.hanoi.ctx.db, '00004', 'people_committee'))!.code;
  await nodes.hcm.ctx.db.transaction((tx) => ensureDemoAccount(tx, { username: 'vanthu.hcm', fullName: 'Võ Thị Sáu', role: 'clerk', agencyCode: HCM, provinceCode: '79' }));
});

async function uploadPdf(tag: string) {
  const body = multipartBody(pdfSample.pdf(tag), { filename: 'cong-van.pdf', contentType: 'application/pdf' });
  const res = await nodes.hanoi.app.inject({ method: 'POST', url: '/api/v1/files', headers: { ...body.headers, ...(await callers.hanoi.as('vanthu.hoankiem')) }, payload: body.payload });
  expect(res.statusCode).toBe(201);
  return res.json().fileId as string;
}

const letter = (over: Record<string, unknown> = {}) => ({
  from: HK,
  to: [BD, VPCP, HCM],
  codeNotation: 'UBND-VP',
  subject: 'V/v báo cáo kết quả giải quyết thủ tục hành chính quý IV năm 2026',
  content: 'Ủy ban nhân dân Phường Hoàn Kiếm báo cáo như sau…',
  documentType: 'Công văn',
  signer: { fullName: 'Phạm Quốc Hùng', position: 'Chủ tịch' },
  priority: 1,
  attachments: [] as string[],
  ...over,
});

let first: string;

describe('trục liên thông văn bản across three installations (HTTP links)', () => {
  it('registry: each node knows who hosts which agency; senders address agencies', async () => {
    const reg = (await callers.hanoi.call('vanthu.hoankiem', 'GET', '/api/v1/exchange/registry')).json();
    expect(reg.self).toMatchObject({ nodeId: 'hanoi', provinces: ['01'], role: 'local' });
    expect(reg.transport).toBe('http');
    expect(reg.nodes.map((n: { nodeId: string }) => n.nodeId).sort()).toEqual(['hcm', 'quocgia']);
    const agencies = (await callers.hanoi.call('vanthu.hoankiem', 'GET', `/api/v1/exchange/agencies?q=${enc('Văn phòng Chính phủ')}`)).json();
    expect(agencies.items[0]).toEqual({ code: VPCP, name: 'Văn phòng Chính phủ', node: 'quocgia' });
  });

  it('a commune clerk sends a signed document with a PDF: numbered 1/UBND-VP, stored once everywhere, 01 from each recipient', async () => {
    const fileId = await uploadPdf('cv1');
    const res = await callers.hanoi.call('vanthu.hoankiem', 'POST', '/api/v1/exchange/documents', letter({ attachments: [fileId] }));
    expect(res.statusCode).toBe(201);
    const doc = res.json();
    first = doc.documentId;
    expect(doc.number).toBe('1/UBND-VP');
    expect(doc.documentId).toMatch(/^004\.00\.50\.H01,\d{4}\/\d{2}\/\d{2},1\/UBND-VP$/);
    // Ba Đình is hosted by the same installation: arrived in the same transaction.
    expect(doc.statuses).toEqual([expect.objectContaining({ agency: BD, statusCode: '01' })]);
    await settle();
    const seen = (await callers.hanoi.call('vanthu.hoankiem', 'GET', `/api/v1/exchange/documents/${enc(first)}`)).json();
    expect(seen.recipients.map((r: { agency: string; statusCode: string }) => [r.agency, r.statusCode]).sort()).toEqual(
      [[BD, '01'], [VPCP, '01'], [HCM, '01']].sort(),
    );
    // The national node holds the same signed bytes, once.
    const inbox = (await callers.quocgia.call('vanthu.vpcp', 'GET', `/api/v1/exchange/inbox?agency=${VPCP}`)).json();
    expect(inbox.items).toHaveLength(1);
    expect(inbox.items[0]).toMatchObject({ documentId: first, subject: letter().subject, from: { agency: HK }, recipient: { statusCode: '01', arrivalNumber: null } });
    const sent = await callers.hanoi.call('vanthu.hoankiem', 'GET', `/api/v1/exchange/documents/${enc(first)}/edxml`);
    const received = await callers.quocgia.call('vanthu.vpcp', 'GET', `/api/v1/exchange/documents/${enc(first)}/edxml`);
    expect(received.headers['content-type']).toMatch(/application\/xml/);
    expect(received.body).toBe(sent.body);
    const pdf = await callers.quocgia.call('vanthu.vpcp', 'GET', `/api/v1/exchange/documents/${enc(first)}/attachments/att1`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.equals(pdfSample.pdf('cv1'))).toBe(true);
    // The next number of the register follows.
    expect((await callers.hanoi.call('vanthu.hoankiem', 'GET', `/api/v1/exchange/next-number?agency=${HK}`)).json().next).toBe(2);
    // The registry gives each node's delivery state: everything to HCM and the national node delivered, nothing waiting.
    const reg = (await callers.hanoi.call('vanthu.hoankiem', 'GET', '/api/v1/exchange/registry')).json();
    const delivery = (id: string) => reg.nodes.find((n: { nodeId: string }) => n.nodeId === id).delivery;
    for (const id of ['hcm', 'quocgia']) expect(delivery(id)).toEqual({ pending: 0, failing: 0, lastError: null, lastDeliveredAt: expect.stringMatching(/\+07:00$/) });
  });

  it('delivering the same envelope again changes nothing (exactly-once effect)', async () => {
    const xml = (await callers.hanoi.call('vanthu.hoankiem', 'GET', `/api/v1/exchange/documents/${enc(first)}/edxml`)).body;
    const again = await nodes.quocgia.app.inject({ method: 'POST', url: '/api/v1/exchange/inbound', headers: { 'content-type': 'application/xml' }, payload: xml });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ outcome: 'duplicate', kind: 'edoc', documentId: first });
    const [{ n }] = await nodes.quocgia.ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM exchange_statuses WHERE document_id = $1 AND status_code = '01'", [first]);
    expect(n).toBe(1);
  });

  it('others’ documents answer 404; a desk officer is not a clerk', async () => {
    expect((await callers.hanoi.call('vanthu.hanoi', 'GET', `/api/v1/exchange/documents/${enc(first)}`)).statusCode).toBe(404);
    expect((await callers.hcm.call('vanthu.hcm', 'GET', `/api/v1/exchange/documents/${enc('004.00.50.H01,2026/01/01,9/UBND-VP')}`)).statusCode).toBe(404);
    const res = await callers.hanoi.call('motcua.hoankiem', 'POST', '/api/v1/exchange/documents', letter());
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('EXCHANGE_NOT_CLERK');
    // A recipient clerk sees its own row only, not the other recipients' progress.
    const bd = (await callers.hanoi.call('vanthu.badinh', 'GET', `/api/v1/exchange/documents/${enc(first)}`)).json();
    expect(bd.recipients.map((r: { agency: string }) => r.agency)).toEqual([BD]);
  });

  it('bad input → 4xx with a stable code: unknown recipient, taken number, bad agency id', async () => {
    const unknown = await callers.hanoi.call('vanthu.hoankiem', 'POST', '/api/v1/exchange/documents', letter({ to: ['000.00.00.G99'] }));
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.code).toBe('EXCHANGE_UNKNOWN_RECIPIENT');
    const taken = await callers.hanoi.call('vanthu.hoankiem', 'POST', '/api/v1/exchange/documents', letter({ codeNumber: '1', to: [VPCP] }));
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('EXCHANGE_NUMBER_TAKEN');
    const bad = await callers.hanoi.call('vanthu.hoankiem', 'POST', '/api/v1/exchange/documents', letter({ to: ['VPCP'] }));
    expect(bad.statusCode).toBe(400);
    // The axis's own envelope types would hide the document from both registers.
    for (const documentType of ['Hồ sơ liên thông', ' cập nhật hồ sơ liên thông ', 'Gói báo cáo (hệ thống báo cáo)']) {
      const reserved = await callers.hanoi.call('vanthu.hoankiem', 'POST', '/api/v1/exchange/documents', letter({ to: [VPCP], documentType }));
      expect(reserved.statusCode, documentType).toBe(400);
      expect(reserved.json().error.code).toBe('EXCHANGE_DOCUMENT_TYPE_RESERVED');
      expect(reserved.json().error.message).toContain('được dành cho gói tin của trục liên thông');
    }
    const [{ n }] = await nodes.hanoi.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM exchange_documents');
    expect(n).toBe(1);
  });

  it('VPCP accepts (03, arrival number 1) and assigns (04): the sender sees 01 → 03 → 04', async () => {
    const url = `/api/v1/exchange/inbox/${enc(first)}/status`;
    const accepted = await callers.quocgia.call('vanthu.vpcp', 'POST', url, { agency: VPCP, statusCode: '03' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().recipients[0]).toMatchObject({ statusCode: '03', arrivalNumber: 1 });
    expect((await callers.quocgia.call('vanthu.vpcp', 'POST', url, { agency: VPCP, statusCode: '03' })).json().recipients[0].arrivalNumber).toBe(1);
    const early = await callers.quocgia.call('vanthu.vpcp', 'POST', url, { agency: VPCP, statusCode: '06' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('EXCHANGE_STATUS_NOT_ALLOWED');
    nodes.quocgia.clock.set(new Date(nodes.quocgia.clock.now().getTime() + 60_000));
    const assigned = await callers.quocgia.call('vanthu.vpcp', 'POST', url, { agency: VPCP, statusCode: '04', assignee: 'Vụ Tổng hợp' });
    expect(assigned.json().recipients[0]).toMatchObject({ statusCode: '04', assignee: 'Vụ Tổng hợp' });
    await settle();
    const seen = (await callers.hanoi.call('vanthu.hoankiem', 'GET', `/api/v1/exchange/documents/${enc(first)}`)).json();
    expect(seen.statuses.filter((s: { agency: string }) => s.agency === VPCP).map((s: { statusCode: string }) => s.statusCode)).toEqual(['01', '03', '04']);
    expect(seen.recipients.find((r: { agency: string }) => r.agency === VPCP).statusCode).toBe('04');
    // Each status is a signed packet: the one stored at the sender verifies with xmlsec-compatible XML-DSig.
    const [{ packet }] = await nodes.hanoi.ctx.db.query<{ packet: string }>("SELECT packet FROM exchange_statuses WHERE document_id = $1 AND status_code = '04'", [first]);
    expect(packet).toContain('<edXML:StatusCode>04</edXML:StatusCode>');
    expect(packet).toContain('SignatureValue');
  });

  it('refusal (02) needs a reason and reaches the sender', async () => {
    const url = `/api/v1/exchange/inbox/${enc(first)}/status`;
    expect((await callers.hcm.call('vanthu.hcm', 'POST', url, { agency: HCM, statusCode: '02' })).json().error.code).toBe('EXCHANGE_REASON_REQUIRED');
    nodes.hcm.clock.set(new Date(nodes.hcm.clock.now().getTime() + 60_000));
    expect((await callers.hcm.call('vanthu.hcm', 'POST', url, { agency: HCM, statusCode: '02', description: 'Không đúng thẩm quyền' })).statusCode).toBe(200);
    await settle();
    const seen = (await callers.hanoi.call('vanthu.hoankiem', 'GET', `/api/v1/exchange/documents/${enc(first)}`)).json();
    expect(seen.statuses).toContainEqual(expect.objectContaining({ agency: HCM, statusCode: '02', description: 'Không đúng thẩm quyền' }));
    expect(seen.recipients.find((r: { agency: string }) => r.agency === HCM).statusCode).toBe('02');
  });

  it('recall: 13 with the reason to every recipient; VPCP agrees (15), Ba Đình refuses (16)', async () => {
    const res = await callers.hanoi.call('vanthu.hoankiem', 'POST', `/api/v1/exchange/documents/${enc(first)}/recall`, { reason: 'Sai số liệu phụ lục' });
    expect(res.statusCode).toBe(200);
    expect(res.json().recipients.every((r: { recallState: string }) => r.recallState === 'requested')).toBe(true);
    await settle();
    const vp = (await callers.quocgia.call('vanthu.vpcp', 'GET', `/api/v1/exchange/documents/${enc(first)}`)).json();
    expect(vp.recipients[0].recallState).toBe('requested');
    expect(vp.statuses).toContainEqual(expect.objectContaining({ statusCode: '13', description: 'Sai số liệu phụ lục' }));
    const url = `/api/v1/exchange/inbox/${enc(first)}/status`;
    expect((await callers.quocgia.call('vanthu.vpcp', 'POST', url, { agency: VPCP, statusCode: '15' })).statusCode).toBe(200);
    expect((await callers.hanoi.call('vanthu.badinh', 'POST', url, { agency: BD, statusCode: '16', description: 'Đã xử lý xong' })).statusCode).toBe(200);
    await settle();
    const seen = (await callers.hanoi.call('vanthu.hoankiem', 'GET', `/api/v1/exchange/documents/${enc(first)}`)).json();
    expect(seen.recipients.find((r: { agency: string }) => r.agency === VPCP).recallState).toBe('agreed');
    expect(seen.recipients.find((r: { agency: string }) => r.agency === BD).recallState).toBe('refused');
    // Recalled: the national clerk can no longer move it on.
    expect((await callers.quocgia.call('vanthu.vpcp', 'POST', url, { agency: VPCP, statusCode: '05' })).statusCode).toBe(409);
  });

  it('tampered subject or attachment, a foreign CA, malformed XML: refused, recorded, never in an inbox; a forgery gets 02 back', async () => {
    const res = await callers.hanoi.call('vanthu.hoankiem', 'POST', '/api/v1/exchange/documents', letter({ to: [VPCP], subject: 'Giấy mời họp giao ban tháng 12', attachments: [await uploadPdf('gm')] }));
    const id = res.json().documentId as string;
    await settle();
    const xml = (await callers.hanoi.call('vanthu.hoankiem', 'GET', `/api/v1/exchange/documents/${enc(id)}/edxml`)).body;
    const inbound = (body: string) => nodes.quocgia.app.inject({ method: 'POST', url: '/api/v1/exchange/inbound', headers: { 'content-type': 'application/xml' }, payload: body });
    // A copy changed on the way (subject, then attachment): refused; the genuine copy stays as it was.
    const tampered = await inbound(xml.replace('họp giao ban', 'họp khẩn'));
    expect(tampered.statusCode).toBe(422);
    expect(tampered.json().error).toMatchObject({ code: 'EXCHANGE_ENVELOPE_REFUSED', problem: 'SIGNATURE_INVALID' });
    const b64 = pdfSample.pdf('gm').toString('base64');
    expect(xml).toContain(b64);
    expect((await inbound(xml.replace(b64, pdfSample.pdf('gx').toString('base64')))).json().error.problem).toBe('SIGNATURE_INVALID');
    // A new document in Hoàn Kiếm's name signed under another CA: refused, and 02 goes back to Hoàn Kiếm.
    const root = await createRootCertificate({ now: new Date() });
    const fake = await createAgencyCertificate({ now: new Date(), agency: { code: HK, name: 'Ủy ban nhân dân Phường Hoàn Kiếm' }, issuer: root });
    const parsed = parseEdxml(xml);
    if (parsed.kind !== 'edoc') throw new Error('edoc expected');
    const forgedId = id.replace(/,\d+\/UBND-VP$/, ',999/UBND-VP');
    const forged = signEdxml(
      buildEnvelope({ ...parsed.envelope, documentId: forgedId, code: { ...parsed.envelope.code, codeNumber: '999' }, business: { ...parsed.envelope.business, documentId: forgedId }, subject: 'Văn bản giả mạo' }),
      { privateKey: fake.privateKey, chainPem: [fake.certificatePem] },
    );
    expect((await inbound(forged)).json().error.problem).toBe('UNTRUSTED_CERTIFICATE');
    expect((await inbound('<edXML:edXMLEnvelope xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">')).json().error.problem).toBe('MALFORMED');
    expect((await nodes.quocgia.app.inject({ method: 'POST', url: '/api/v1/exchange/inbound', headers: { 'content-type': 'application/json' }, payload: '{}' })).statusCode).toBe(415);
    const inbox = (await callers.quocgia.call('vanthu.vpcp', 'GET', `/api/v1/exchange/inbox?agency=${VPCP}`)).json();
    expect(inbox.items.map((i: { documentId: string }) => i.documentId)).not.toContain(forgedId);
    expect(inbox.items.find((i: { documentId: string }) => i.documentId === id).subject).toBe('Giấy mời họp giao ban tháng 12');
    const reg = (await callers.quocgia.call('vanthu.vpcp', 'GET', '/api/v1/exchange/registry')).json();
    expect(reg.refusals.map((r: { problem: string }) => r.problem)).toEqual(expect.arrayContaining(['SIGNATURE_INVALID', 'UNTRUSTED_CERTIFICATE', 'MALFORMED']));
    // The signed 02 reached Hoàn Kiếm, which never sent that document: it records the forgery attempt.
    await settle();
    const atSender = (await callers.hanoi.call('vanthu.hoankiem', 'GET', '/api/v1/exchange/registry')).json();
    expect(atSender.refusals).toContainEqual(expect.objectContaining({ documentId: forgedId, problem: 'UNKNOWN_DOCUMENT', fromAgency: VPCP }));
    const [{ n }] = await nodes.quocgia.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM exchange_documents WHERE document_id = $1', [forgedId]);
    expect(n).toBe(0);
  });

  it('revoke (1) and replace (3) apply once by DocumentId at the recipient', async () => {
    const a = (await callers.hanoi.call('vanthu.hoankiem', 'POST', '/api/v1/exchange/documents', letter({ to: [VPCP], subject: 'Thông báo lịch tiếp công dân' }))).json();
    const revoke = `/api/v1/exchange/documents/${enc(a.documentId)}/revise`;
    expect((await callers.hanoi.call('vanthu.hoankiem', 'POST', revoke, { type: 'revoke', reason: 'Ban hành nhầm' })).json().state).toBe('revoked');
    expect((await callers.hanoi.call('vanthu.hoankiem', 'POST', revoke, { type: 'revoke', reason: 'Ban hành nhầm' })).json().state).toBe('revoked');
    const b = (await callers.hanoi.call('vanthu.hoankiem', 'POST', '/api/v1/exchange/documents', letter({ to: [VPCP], subject: 'Báo cáo số liệu tháng 11' }))).json();
    const c = await callers.hanoi.call('vanthu.hoankiem', 'POST', '/api/v1/exchange/documents', letter({ to: [VPCP], subject: 'Báo cáo số liệu tháng 11 (thay thế)', replaces: [b.documentId], reason: 'Bổ sung số liệu' }));
    expect(c.statusCode).toBe(201);
    expect(c.json().businessType).toBe(3);
    await settle();
    const get = async (id: string) => (await callers.quocgia.call('vanthu.vpcp', 'GET', `/api/v1/exchange/documents/${enc(id)}`)).json();
    expect((await get(a.documentId)).state).toBe('revoked');
    expect(await get(b.documentId)).toMatchObject({ state: 'replaced', supersededBy: c.json().documentId });
    expect((await get(c.json().documentId)).replaces).toEqual([b.documentId]);
    const [{ n }] = await nodes.quocgia.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM exchange_documents WHERE document_id = $1', [a.documentId]);
    expect(n).toBe(1);
  });

  it('update (2): each version reaches the recipient under the same DocumentId; a late older version changes nothing; a revoked one is not updated', async () => {
    const a = (await callers.hanoi.call('vanthu.hoankiem', 'POST', '/api/v1/exchange/documents', letter({ to: [VPCP], subject: 'Kế hoạch kiểm tra công tác văn thư' }))).json();
    const revise = `/api/v1/exchange/documents/${enc(a.documentId)}/revise`;
    const v2 = await callers.hanoi.call('vanthu.hoankiem', 'POST', revise, { type: 'update', reason: 'Sửa trích yếu', subject: 'Kế hoạch kiểm tra công tác văn thư, lưu trữ' });
    expect(v2.statusCode).toBe(200);
    expect(v2.json()).toMatchObject({ state: 'updated', businessType: 2, subject: 'Kế hoạch kiểm tra công tác văn thư, lưu trữ' });
    await settle();
    const get = async () => (await callers.quocgia.call('vanthu.vpcp', 'GET', `/api/v1/exchange/documents/${enc(a.documentId)}`)).json();
    expect(await get()).toMatchObject({ state: 'updated', subject: 'Kế hoạch kiểm tra công tác văn thư, lưu trữ', businessReason: 'Sửa trích yếu' });
    const [{ envelope: v2xml }] = await nodes.hanoi.ctx.db.query<{ envelope: string }>('SELECT envelope FROM exchange_documents WHERE document_id = $1', [a.documentId]);
    // a second update travels too (it is another version, not a retry)
    nodes.hanoi.clock.set(new Date(nodes.hanoi.clock.now().getTime() + 2_000));
    const v3 = await callers.hanoi.call('vanthu.hoankiem', 'POST', revise, { type: 'update', reason: 'Bổ sung nội dung', content: 'Thời gian kiểm tra: tháng 01/2027.' });
    nodes.hanoi.clock.reset();
    expect(v3.statusCode).toBe(200);
    await settle();
    expect(await get()).toMatchObject({ subject: 'Kế hoạch kiểm tra công tác văn thư, lưu trữ', content: 'Thời gian kiểm tra: tháng 01/2027.', businessReason: 'Bổ sung nội dung' });
    // the older version delivered late (a redelivery) does not undo the newer one
    const late = await nodes.quocgia.app.inject({ method: 'POST', url: '/api/v1/exchange/inbound', headers: { 'content-type': 'application/xml' }, payload: v2xml });
    expect(late.statusCode).toBe(200);
    expect((await get()).content).toBe('Thời gian kiểm tra: tháng 01/2027.');
    // an update of a revoked document is refused at the sender (409) or ignored
    await callers.hanoi.call('vanthu.hoankiem', 'POST', revise, { type: 'revoke', reason: 'Ban hành nhầm' });
    const after = await callers.hanoi.call('vanthu.hoankiem', 'POST', revise, { type: 'update', reason: 'x', subject: 'Không được áp dụng' });
    expect(after.json().state).toBe('revoked');
    await settle();
    expect(await get()).toMatchObject({ state: 'revoked', content: 'Thời gian kiểm tra: tháng 01/2027.' });
  });

  it('update and replace: bad input → 4xx with a stable code; others may not revise', async () => {
    const a = (await callers.hanoi.call('vanthu.hoankiem', 'POST', '/api/v1/exchange/documents', letter({ to: [BD], subject: 'Giấy mời họp giao ban' }))).json();
    const revise = `/api/v1/exchange/documents/${enc(a.documentId)}/revise`;
    const noReason = await callers.hanoi.call('vanthu.hoankiem', 'POST', revise, { type: 'update', subject: 'Giấy mời họp' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.code).toBe('VALIDATION_FAILED');
    const badType = await callers.hanoi.call('vanthu.hoankiem', 'POST', revise, { type: 'replace', reason: 'x' });
    expect(badType.statusCode).toBe(400);
    // the recipient's clerk (Ba Đình) may read it but not revise it: 404 as for a stranger
    const byRecipient = await callers.hanoi.call('vanthu.badinh', 'POST', revise, { type: 'update', reason: 'x', subject: 'y' });
    expect([403, 404]).toContain(byRecipient.statusCode);
    const byStranger = await callers.quocgia.call('vanthu.vpcp', 'POST', revise, { type: 'revoke', reason: 'x' });
    expect(byStranger.statusCode).toBe(404);
    // replacing a document one did not send, or an unknown id: 4xx
    const foreign = await callers.hcm.call('vanthu.hcm', 'POST', '/api/v1/exchange/documents', { ...letter({ from: HCM, to: [VPCP], subject: 'Thay thế văn bản của người khác' }), replaces: [a.documentId], reason: 'x' });
    expect(foreign.statusCode).toBeGreaterThanOrEqual(400);
    expect(foreign.statusCode).toBeLessThan(500);
  });

  it('both registers export to Excel with Vietnamese headings', async () => {
    const res = await callers.quocgia.call('vanthu.vpcp', 'GET', `/api/v1/exchange/registers/incoming.xlsx?agency=${VPCP}`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Sổ văn bản đến')!;
    expect(ws.getRow(2).values).toContain('Trích yếu');
    const subjects = ws.getColumn(7).values.slice(3);
    expect(subjects).toContain(letter().subject);
    const out = await callers.hanoi.call('vanthu.hoankiem', 'GET', `/api/v1/exchange/registers/outgoing.xlsx?agency=${HK}&q=${enc('báo cáo')}`);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(out.rawPayload as unknown as ArrayBuffer);
    const numbers = wb2.getWorksheet('Sổ văn bản đi')!.getColumn(2).values.slice(3);
    expect(numbers).toContain('1/UBND-VP');
    expect(numbers).not.toContain('3/UBND-VP');
  });

  it('a receiver that does not know the sender yet reads the registry again instead of refusing (a node just restarted)', async () => {
    // The national node forgets Hà Nội, as a node does whose registry was not read yet.
    await nodes.quocgia.ctx.db.query("DELETE FROM exchange_nodes WHERE node_id = 'hanoi'");
    const refusedBefore = (await nodes.quocgia.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM exchange_refusals'))[0].n;
    const res = await callers.hanoi.call('vanthu.hoankiem', 'POST', '/api/v1/exchange/documents', letter({ to: [VPCP], subject: 'V/v gửi khi nút nhận vừa khởi động lại' }));
    expect(res.statusCode).toBe(201);
    await settle();
    const inbox = (await callers.quocgia.call('vanthu.vpcp', 'GET', `/api/v1/exchange/inbox?agency=${VPCP}`)).json();
    expect(inbox.items.map((d: { documentId: string }) => d.documentId)).toContain(res.json().documentId);
    expect((await nodes.quocgia.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM exchange_refusals'))[0].n).toBe(refusedBefore);
    const sent = (await callers.hanoi.call('vanthu.hoankiem', 'GET', `/api/v1/exchange/documents/${enc(res.json().documentId)}`)).json();
    expect(sent.recipients.map((r: { statusCode: string }) => r.statusCode)).toEqual(['01']);
  });
});
