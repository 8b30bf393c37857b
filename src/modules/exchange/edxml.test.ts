import { execFileSync, spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAgencyCertificate, createRootCertificate } from '#modules/signatures/index.ts';
import { buildEnvelope, buildStatusPacket, documentIdOf, EdxmlFormatError, type Envelope, parseEdxml, STATUS_CODES, type StatusPacket } from './edxml.ts';
import { agencyCodeOf, SignatureCheckError, signEdxml, type Signer, verifyEdxml } from './xml-signature.ts';
import { edxmlTimestamp, fromEdxmlTimestamp } from './packets.ts';

const now = new Date('2026-12-05T03:00:00Z');
const HK = { organId: '004.00.50.H01', organName: 'Ủy ban nhân dân Phường Hoàn Kiếm' };
const VPCP = { organId: '000.00.00.G22', organName: 'Văn phòng Chính phủ' };
const pdf = Buffer.from('%PDF-1.4\n% Công văn số 125\n%%EOF\n');

function envelope(over: Partial<Envelope> = {}): Envelope {
  const documentId = documentIdOf(HK.organId, '2026/12/05', '125', 'UBND-VP');
  return {
    from: HK,
    to: [VPCP],
    documentId,
    code: { codeNumber: '125', codeNotation: 'UBND-VP' },
    promulgationInfo: { place: 'Hà Nội', promulgationDate: '2026/12/05' },
    documentType: { type: '1', typeName: 'Công văn' },
    subject: 'V/v báo cáo tình hình giải quyết thủ tục hành chính quý IV năm 2026',
    content: 'Ủy ban nhân dân Phường Hoàn Kiếm báo cáo…',
    signerInfo: { competence: 'TM. Ủy ban nhân dân', position: 'Chủ tịch', fullName: 'Phạm Quốc Hùng' },
    dueDate: '2026/12/20',
    toPlaces: ['Văn phòng Chính phủ', 'Lưu: VT'],
    otherInfo: { priority: 1, pageAmount: 2 },
    responseFor: [],
    traces: [{ organId: HK.organId, timestamp: '2026/12/05 10:00:00' }],
    business: { documentId, bussinessDocType: 0, paper: 0, replacementInfoList: [] },
    attachments: [{ contentId: 'a1', attachmentName: 'cong-van-125.pdf', contentType: 'application/pdf', content: pdf }],
    ...over,
  };
}

let signer: Signer;
let other: Signer;
let anchors: X509Certificate[];
let caFile: string;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edxml-'));

beforeAll(async () => {
  const root = await createRootCertificate({ now });
  const agency = await createAgencyCertificate({ now, agency: { code: HK.organId, name: HK.organName }, issuer: root });
  signer = { privateKey: agency.privateKey, chainPem: [agency.certificatePem] };
  const strangerRoot = await createRootCertificate({ now, name: 'Một Cửa Dev CA' });
  const stranger = await createAgencyCertificate({ now, agency: { code: HK.organId, name: HK.organName }, issuer: strangerRoot });
  other = { privateKey: stranger.privateKey, chainPem: [stranger.certificatePem] };
  anchors = [new X509Certificate(root.certificatePem)];
  caFile = path.join(dir, 'ca.pem');
  fs.writeFileSync(caFile, root.certificatePem);
});

const verify = (xml: string, allowed: ('rsa-sha256' | 'rsa-sha1')[] = ['rsa-sha256']) => verifyEdxml(xml, { anchors, at: now, allowed });
const problemOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof SignatureCheckError) return error.problem;
    if (error instanceof EdxmlFormatError) return 'FORMAT';
    throw error;
  }
  return 'ACCEPTED';
};

function xmlsec(xml: string): { ok: boolean; out: string } {
  const file = path.join(dir, `m-${Math.random().toString(36).slice(2)}.xml`);
  fs.writeFileSync(file, xml);
  const r = spawnSync('xmlsec1', ['--verify', '--trusted-pem', caFile, file], { encoding: 'utf8' });
  return { ok: r.status === 0, out: `${r.stdout}${r.stderr}` };
}

describe('edXML envelope', () => {
  it('build → sign → serialise → parse → verify gives back every field, Vietnamese intact', () => {
    const e = envelope({ business: { ...envelope().business, staffInfo: { department: 'Văn phòng', staff: 'Đỗ Thị Lan' } } });
    const signed = signEdxml(buildEnvelope(e), signer);
    expect(signed).toContain('xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016"');
    expect(signed).toContain('<edXML:DocumentId>004.00.50.H01,2026/12/05,125/UBND-VP</edXML:DocumentId>');
    expect(signed).toContain('SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"');
    expect(signed).toContain('CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"');
    expect(signed).toMatch(/<X509SubjectName>[^<]*Mã định danh 004\.00\.50\.H01/);
    const checked = verify(signed);
    expect(agencyCodeOf(checked.certificate)).toBe(HK.organId);
    const parsed = parseEdxml(checked.signedXml);
    expect(parsed.kind).toBe('edoc');
    if (parsed.kind !== 'edoc') return;
    expect({ ...parsed.envelope, attachments: [] }).toEqual({ ...e, attachments: [] });
    expect(parsed.envelope.attachments[0].content.equals(pdf)).toBe(true);
    expect(parsed.envelope.attachments[0]).toMatchObject({ contentId: 'a1', attachmentName: 'cong-van-125.pdf', contentType: 'application/pdf' });
  });

  it('every business type round-trips, with the replacement list for 3', () => {
    for (const type of [0, 1, 2, 3] as const) {
      const base = envelope();
      const e = envelope({
        business: {
          ...base.business,
          bussinessDocType: type,
          bussinessDocReason: type === 0 ? undefined : 'Sai sót số liệu',
          replacementInfoList: type === 3 ? [{ documentId: documentIdOf(HK.organId, '2026/12/01', '120', 'UBND-VP'), organIdList: [VPCP.organId, '000.00.00.H41'] }] : [],
        },
      });
      const parsed = parseEdxml(verify(signEdxml(buildEnvelope(e), signer)).signedXml);
      expect(parsed.kind === 'edoc' && parsed.envelope.business).toEqual(e.business);
    }
  });

  it('every status code round-trips as a signed status packet', () => {
    for (const statusCode of STATUS_CODES) {
      const s: StatusPacket = {
        from: VPCP,
        to: [HK],
        responseFor: { organId: HK.organId, code: '125/UBND-VP', promulgationDate: '2026/12/05', documentId: envelope().documentId },
        staffInfo: { department: 'Phòng Hành chính', staff: 'Nguyễn Văn An' },
        statusCode,
        description: statusCode === '02' ? 'Văn bản thiếu chữ ký' : undefined,
        timestamp: '2026/12/05 10:05:00',
      };
      const parsed = parseEdxml(verify(signEdxml(buildStatusPacket(s), signer)).signedXml);
      expect(parsed).toEqual({ kind: 'status', status: s });
    }
  });

  it('RSA-SHA1 (VPCP samples) only when allowed', () => {
    const signed = signEdxml(buildEnvelope(envelope()), signer, 'rsa-sha1');
    expect(signed).toContain('xmldsig#rsa-sha1');
    expect(problemOf(() => verify(signed))).toBe('WEAK_ALGORITHM');
    expect(problemOf(() => verify(signed, ['rsa-sha256', 'rsa-sha1']))).toBe('ACCEPTED');
    expect(xmlsec(signed).ok).toBe(true);
  });

  it('tampered subject, attachment or signature, another CA, no signature, wrapping: refused', () => {
    const signed = signEdxml(buildEnvelope(envelope()), signer);
    expect(problemOf(() => verify(signed.replace('quý IV', 'quý III')))).toBe('SIGNATURE_INVALID');
    const b64 = pdf.toString('base64');
    expect(problemOf(() => verify(signed.replace(b64, Buffer.from('%PDF-1.4\n% Công văn số 126\n%%EOF\n').toString('base64'))))).toBe('SIGNATURE_INVALID');
    const value = /<SignatureValue>([^<]+)</.exec(signed)![1];
    const flipped = (value[10] === 'A' ? 'B' : 'A');
    expect(problemOf(() => verify(signed.replace(value, value.slice(0, 10) + flipped + value.slice(11))))).toBe('SIGNATURE_INVALID');
    expect(problemOf(() => verify(signEdxml(buildEnvelope(envelope()), other)))).toBe('UNTRUSTED_CERTIFICATE');
    expect(problemOf(() => verify(buildEnvelope(envelope())))).toBe('SIGNATURE_MISSING');
    expect(problemOf(() => verifyEdxml(signed, { anchors, at: new Date('2040-01-01'), allowed: ['rsa-sha256'] }))).toBe('CERTIFICATE_NOT_VALID');
    // A second, unsigned MessageHeader smuggled in: what is read is the signed content only.
    const wrapped = signed.replace('<edXML:edXMLBody>', '<edXML:edXMLBody><edXML:Subject>giả mạo</edXML:Subject>');
    expect(problemOf(() => verify(wrapped))).toBe('SIGNATURE_INVALID');
  });

  it('malformed input is refused with the problem named', () => {
    expect(() => parseEdxml('<not xml')).toThrow(EdxmlFormatError);
    expect(() => parseEdxml('<a xmlns="urn:x"/>')).toThrow(/namespace/);
    const xml = buildEnvelope(envelope());
    expect(() => parseEdxml(xml.replace('<edXML:Subject>', '<edXML:Sub>').replace('</edXML:Subject>', '</edXML:Sub>'))).toThrow(/subject/);
    expect(() => parseEdxml(xml.replace(',125/UBND-VP<', ',126/UBND-VP<'))).toThrow(/DocumentId/);
    expect(() => parseEdxml(xml.replace('<edXML:ContentTransferEncoded>', '<edXML:ContentTransferEncoded>@@'))).toThrow(/base64/);
    expect(problemOf(() => verify('<x'))).toBe('MALFORMED');
  });

  it('xmlsec1 --verify accepts an envelope we signed and refuses a tampered one', () => {
    const signed = signEdxml(buildEnvelope(envelope()), signer);
    const good = xmlsec(signed);
    expect(good.out).toContain('OK');
    expect(good.ok).toBe(true);
    const bad = xmlsec(signed.replace('quý IV', 'quý III'));
    expect(bad.ok).toBe(false);
    expect(bad.out).toMatch(/FAIL|failed/);
    const status = signEdxml(
      buildStatusPacket({
        from: VPCP,
        to: [HK],
        responseFor: { organId: HK.organId, code: '125/UBND-VP', promulgationDate: '2026/12/05', documentId: envelope().documentId },
        statusCode: '03',
        timestamp: '2026/12/05 10:05:00',
      }),
      signer,
    );
    expect(xmlsec(status).ok).toBe(true);
    expect(execFileSync('xmlsec1', ['--version'], { encoding: 'utf8' })).toMatch(/xmlsec1/);
  });
});

describe('edXML times', () => {
  it('are written in Vietnam time to the second and read back to the same instant', () => {
    const at = new Date('2026-12-04T18:05:07Z');
    expect(edxmlTimestamp(at)).toBe('2026/12/05 01:05:07');
    expect(fromEdxmlTimestamp(edxmlTimestamp(at)).toISOString()).toBe(at.toISOString());
  });
});
