import { XMLParser } from 'fast-xml-parser';
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { z } from 'zod';

/**
 * edXML packages (QCVN 102:2016/BTTTT, domain.md §9.2–9.3): the official-document envelope and
 * the status (acknowledgement) packet. Built with xmlbuilder2 and read with fast-xml-parser —
 * never by string concatenation. Pure: no database, no clock (times come in as arguments).
 *
 * Layout of an envelope (prefix `edXML`, namespace below):
 *   edXMLEnvelope
 *     edXMLHeader: MessageHeader, TraceHeaderList (TraceHeader…, Bussiness), Signature (XML-DSig)
 *     edXMLBody: edXMLManifest (Reference per attachment)
 *     AttachmentEncoded: Attachment… (base64)
 * The attachments sit inside the envelope so that the enveloped signature (URI="") covers them.
 */
export const EDXML_NS = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';
const P = 'edXML';

/** `000.00.00.G22`: QCVN 102 agency identifier (domain.md §4.1). */
export const ORGAN_ID = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;
/** `<OrganId>,<yyyy/MM/dd>,<CodeNumber>/<CodeNotation>` */
export const DOCUMENT_ID = /^(\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}),(\d{4}\/\d{2}\/\d{2}),([^/,]+)\/(.+)$/u;
export const STATUS_CODES = ['01', '02', '03', '04', '05', '06', '13', '15', '16'] as const;
export type StatusCode = (typeof STATUS_CODES)[number];
/** BussinessDocType: 0 new, 1 revocation (thu hồi), 2 update (cập nhật), 3 replacement (thay thế). */
export const BUSINESS_TYPES = [0, 1, 2, 3] as const;

const text = z.string().trim();
const organSchema = z.object({
  organId: z.string().regex(ORGAN_ID),
  organizationInCharge: text.optional(),
  organName: text.min(1),
  organAdd: text.optional(),
  email: text.optional(),
  telephone: text.optional(),
  fax: text.optional(),
  website: text.optional(),
});
export type Organ = z.infer<typeof organSchema>;

const edxmlDate = z.string().regex(/^\d{4}\/\d{2}\/\d{2}$/);
const edxmlTimestamp = z.string().regex(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}$/);

export const envelopeSchema = z.object({
  from: organSchema,
  to: z.array(organSchema).min(1),
  documentId: z.string().regex(DOCUMENT_ID),
  code: z.object({ codeNumber: text.min(1), codeNotation: text.min(1) }),
  promulgationInfo: z.object({ place: text.min(1), promulgationDate: edxmlDate }),
  documentType: z.object({ type: text.min(1), typeDetail: text.optional(), typeName: text.min(1) }),
  subject: text.min(1),
  content: text.optional(),
  signerInfo: z.object({ competence: text.optional(), position: text.min(1), fullName: text.min(1) }),
  dueDate: edxmlDate.optional(),
  toPlaces: z.array(text.min(1)),
  otherInfo: z.object({
    priority: z.coerce.number().int().min(0).max(4),
    sphereOfPromulgation: text.optional(),
    typerNotation: text.optional(),
    promulgationAmount: z.coerce.number().int().min(0).optional(),
    pageAmount: z.coerce.number().int().min(0).optional(),
    direction: text.optional(),
  }),
  responseFor: z.array(z.object({ organId: z.string().regex(ORGAN_ID), code: text, promulgationDate: edxmlDate, documentId: z.string().regex(DOCUMENT_ID) })),
  steeringType: z.coerce.number().int().min(0).max(9).optional(),
  traces: z.array(z.object({ organId: z.string().regex(ORGAN_ID), timestamp: edxmlTimestamp })).min(1),
  business: z.object({
    documentId: z.string().regex(DOCUMENT_ID),
    bussinessDocType: z.coerce.number().pipe(z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)])),
    bussinessDocReason: text.optional(),
    paper: z.coerce.number().pipe(z.union([z.literal(0), z.literal(1)])),
    staffInfo: z.object({ department: text.optional(), staff: text.optional(), email: text.optional(), mobile: text.optional() }).optional(),
    replacementInfoList: z.array(z.object({ documentId: z.string().regex(DOCUMENT_ID), organIdList: z.array(z.string().regex(ORGAN_ID)) })),
  }),
  attachments: z.array(
    z.object({
      contentId: text.min(1),
      attachmentName: text.min(1),
      description: text.optional(),
      contentType: text.min(1),
      content: z.instanceof(Buffer),
    }),
  ),
});
export type Envelope = z.infer<typeof envelopeSchema>;

export const statusPacketSchema = z.object({
  from: organSchema,
  /** Whom the status is addressed to (the sender for 01–06/15/16, each recipient for 13). */
  to: z.array(organSchema).min(1),
  responseFor: z.object({ organId: z.string().regex(ORGAN_ID), code: text.min(1), promulgationDate: edxmlDate, documentId: z.string().regex(DOCUMENT_ID) }),
  staffInfo: z.object({ department: text.optional(), staff: text.optional(), email: text.optional(), mobile: text.optional() }).optional(),
  statusCode: z.enum(STATUS_CODES),
  description: text.optional(),
  timestamp: edxmlTimestamp,
});
export type StatusPacket = z.infer<typeof statusPacketSchema>;

export type EdxmlMessage = { kind: 'edoc'; envelope: Envelope } | { kind: 'status'; status: StatusPacket };

export function documentIdOf(organId: string, promulgationDate: string, codeNumber: string, codeNotation: string): string {
  return `${organId},${promulgationDate},${codeNumber}/${codeNotation}`;
}

// ---------------------------------------------------------------- build

type Node = XMLBuilder;
const el = (parent: Node, name: string, value?: string | number | null) => {
  const child = parent.ele(EDXML_NS, `${P}:${name}`);
  if (value !== undefined && value !== null) child.txt(String(value));
  return child;
};
const opt = (parent: Node, name: string, value?: string | number | null) => {
  if (value !== undefined && value !== null && value !== '') el(parent, name, value);
};

/** `<name>` under `parent` with one child element per entry, in order; those named in `optional` are left out when empty. */
function group(parent: Node, name: string, children: Record<string, string | number | null | undefined>, optional: string[] = []) {
  const n = el(parent, name);
  for (const [child, value] of Object.entries(children)) (optional.includes(child) ? opt : el)(n, child, value);
  return n;
}

/** The document an envelope or a status packet answers. */
const responseFor = (parent: Node, r: Envelope['responseFor'][number]) =>
  group(parent, 'ResponseFor', { OrganId: r.organId, Code: r.code, PromulgationDate: r.promulgationDate, DocumentId: r.documentId });

function organ(parent: Node, name: string, o: Organ) {
  const n = el(parent, name);
  el(n, 'OrganId', o.organId);
  opt(n, 'OrganizationInCharge', o.organizationInCharge);
  el(n, 'OrganName', o.organName);
  opt(n, 'OrganAdd', o.organAdd);
  opt(n, 'Email', o.email);
  opt(n, 'Telephone', o.telephone);
  opt(n, 'Fax', o.fax);
  opt(n, 'Website', o.website);
}

function staff(parent: Node, s?: StatusPacket['staffInfo']) {
  if (!s) return;
  const n = el(parent, 'StaffInfo');
  opt(n, 'Department', s.department);
  opt(n, 'Staff', s.staff);
  opt(n, 'Email', s.email);
  opt(n, 'Mobile', s.mobile);
}

function root() {
  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  return doc.ele(EDXML_NS, `${P}:edXMLEnvelope`);
}

/** The unsigned envelope as XML text (NFC); sign it with `signEdxml`. */
export function buildEnvelope(input: Envelope): string {
  const e = envelopeSchema.parse(input);
  const env = root();
  const header = el(env, 'edXMLHeader');
  const mh = el(header, 'MessageHeader');
  organ(mh, 'From', e.from);
  for (const to of e.to) organ(mh, 'To', to);
  el(mh, 'DocumentId', e.documentId);
  group(mh, 'Code', { CodeNumber: e.code.codeNumber, CodeNotation: e.code.codeNotation });
  group(mh, 'PromulgationInfo', { Place: e.promulgationInfo.place, PromulgationDate: e.promulgationInfo.promulgationDate });
  group(mh, 'DocumentType', { Type: e.documentType.type, TypeDetail: e.documentType.typeDetail, TypeName: e.documentType.typeName }, ['TypeDetail']);
  el(mh, 'Subject', e.subject);
  opt(mh, 'Content', e.content);
  const si = el(mh, 'SignerInfo');
  opt(si, 'Competence', e.signerInfo.competence);
  el(si, 'Position', e.signerInfo.position);
  el(si, 'FullName', e.signerInfo.fullName);
  opt(mh, 'DueDate', e.dueDate);
  const places = el(mh, 'ToPlaces');
  for (const p of e.toPlaces) el(places, 'Place', p);
  const oi = el(mh, 'OtherInfo');
  el(oi, 'Priority', e.otherInfo.priority);
  opt(oi, 'SphereOfPromulgation', e.otherInfo.sphereOfPromulgation);
  opt(oi, 'TyperNotation', e.otherInfo.typerNotation);
  opt(oi, 'PromulgationAmount', e.otherInfo.promulgationAmount);
  opt(oi, 'PageAmount', e.otherInfo.pageAmount);
  opt(oi, 'Direction', e.otherInfo.direction);
  for (const r of e.responseFor) responseFor(mh, r);
  opt(mh, 'SteeringType', e.steeringType);
  const thl = el(header, 'TraceHeaderList');
  for (const t of e.traces) group(thl, 'TraceHeader', { OrganId: t.organId, Timestamp: t.timestamp });
  const b = el(thl, 'Bussiness');
  el(b, 'DocumentId', e.business.documentId);
  el(b, 'BussinessDocType', e.business.bussinessDocType);
  opt(b, 'BussinessDocReason', e.business.bussinessDocReason);
  el(b, 'Paper', e.business.paper);
  staff(b, e.business.staffInfo);
  if (e.business.replacementInfoList.length > 0) {
    const list = el(b, 'ReplacementInfoList');
    for (const r of e.business.replacementInfoList) {
      const n = el(list, 'ReplacementInfo');
      el(n, 'DocumentId', r.documentId);
      const ids = el(n, 'OrganIdList');
      for (const id of r.organIdList) el(ids, 'OrganId', id);
    }
  }
  const body = el(env, 'edXMLBody');
  const manifest = el(body, 'edXMLManifest').att('version', '1.0');
  for (const a of e.attachments) {
    group(manifest, 'Reference', { ContentId: `cid:${a.contentId}`, ContentType: a.contentType, Description: a.description, AttachmentName: a.attachmentName }, ['Description']);
  }
  const encoded = el(env, 'AttachmentEncoded');
  for (const a of e.attachments) {
    const fields = { ContentId: a.contentId, AttachmentName: a.attachmentName, Description: a.description, ContentType: a.contentType, ContentTransferEncoded: a.content.toString('base64') };
    group(encoded, 'Attachment', fields, ['Description']);
  }
  return env.end({ prettyPrint: false }).normalize('NFC');
}

/** The unsigned status packet (domain.md §9.3). */
export function buildStatusPacket(input: StatusPacket): string {
  const s = statusPacketSchema.parse(input);
  const env = root();
  const header = el(env, 'edXMLHeader');
  const mh = el(header, 'MessageHeader');
  responseFor(mh, s.responseFor);
  organ(mh, 'From', s.from);
  for (const to of s.to) organ(mh, 'To', to);
  staff(mh, s.staffInfo);
  el(mh, 'StatusCode', s.statusCode);
  opt(mh, 'Description', s.description);
  el(mh, 'Timestamp', s.timestamp);
  return env.end({ prettyPrint: false }).normalize('NFC');
}

// ---------------------------------------------------------------- parse

const ARRAYS = new Set(['To', 'TraceHeader', 'Reference', 'Attachment', 'ReplacementInfo', 'ResponseFor']);
const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
  // Only lists are arrays; OrganId is a list only inside OrganIdList.
  isArray: (name, jpath) =>
    name === 'OrganId' ? String(jpath).endsWith('OrganIdList.OrganId') : name === 'Place' ? String(jpath).endsWith('ToPlaces.Place') : ARRAYS.has(name),
});

export class EdxmlFormatError extends Error {
  constructor(readonly problem: string) {
    super(problem);
    this.name = 'EdxmlFormatError';
  }
}

type Raw = Record<string, unknown>;
const obj = (v: unknown): Raw => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v.normalize('NFC') : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v]);

function readOrgan(v: unknown): Raw {
  const o = obj(v);
  return {
    organId: str(o.OrganId),
    organizationInCharge: str(o.OrganizationInCharge),
    organName: str(o.OrganName),
    organAdd: str(o.OrganAdd),
    email: str(o.Email),
    telephone: str(o.Telephone),
    fax: str(o.Fax),
    website: str(o.Website),
  };
}

function readStaff(v: unknown) {
  if (v === undefined) return undefined;
  const s = obj(v);
  return { department: str(s.Department), staff: str(s.Staff), email: str(s.Email), mobile: str(s.Mobile) };
}

function fail(error: z.ZodError): never {
  const first = error.issues[0];
  throw new EdxmlFormatError(`${first.path.join('.') || 'edXML'}: ${first.message}`);
}

/**
 * Reads an envelope or a status packet. Throws `EdxmlFormatError` naming the first problem
 * (not XML, wrong root or namespace, a missing or malformed field). Does not check signatures.
 */
export function parseEdxml(xml: string): EdxmlMessage {
  let doc: Raw;
  try {
    if (/<!DOCTYPE/i.test(xml)) throw new EdxmlFormatError('DOCTYPE not allowed');
    if (!/xmlns:?\w*="http:\/\/www\.mic\.gov\.vn\/TBT\/QCVN_102_2016"/.test(xml)) throw new EdxmlFormatError('namespace QCVN 102:2016 missing');
    doc = parser.parse(xml, true) as Raw;
  } catch (error) {
    if (error instanceof EdxmlFormatError) throw error;
    throw new EdxmlFormatError(`not well-formed XML: ${(error as Error).message.split('\n')[0]}`);
  }
  const env = obj(doc.edXMLEnvelope);
  if (!doc.edXMLEnvelope) throw new EdxmlFormatError('root element edXMLEnvelope missing');
  const header = obj(env.edXMLHeader);
  const mh = obj(header.MessageHeader);
  if (mh.StatusCode !== undefined) {
    const rf = obj(list(mh.ResponseFor)[0]);
    const parsed = statusPacketSchema.safeParse({
      from: readOrgan(mh.From),
      to: list(mh.To).map(readOrgan),
      responseFor: { organId: str(rf.OrganId), code: str(rf.Code), promulgationDate: str(rf.PromulgationDate), documentId: str(rf.DocumentId) },
      staffInfo: readStaff(mh.StaffInfo),
      statusCode: str(mh.StatusCode),
      description: str(mh.Description),
      timestamp: str(mh.Timestamp),
    });
    if (!parsed.success) fail(parsed.error);
    return { kind: 'status', status: parsed.data };
  }
  const code = obj(mh.Code);
  const pi = obj(mh.PromulgationInfo);
  const dt = obj(mh.DocumentType);
  const si = obj(mh.SignerInfo);
  const oi = obj(mh.OtherInfo);
  const thl = obj(header.TraceHeaderList);
  const b = obj(thl.Bussiness);
  const encoded = list(obj(env.AttachmentEncoded).Attachment).map(obj);
  const manifest = list(obj(obj(env.edXMLBody).edXMLManifest).Reference).map(obj);
  const manifestIds = manifest.map((r) => str(r.ContentId)?.replace(/^cid:/, ''));
  const attachments = encoded.map((a) => {
    const base64 = (str(a.ContentTransferEncoded) ?? '').replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 !== 0) throw new EdxmlFormatError(`attachment ${str(a.ContentId)}: not base64`);
    return {
      contentId: str(a.ContentId),
      attachmentName: str(a.AttachmentName),
      description: str(a.Description),
      contentType: str(a.ContentType),
      content: Buffer.from(base64, 'base64'),
    };
  });
  if (manifestIds.length !== attachments.length || attachments.some((a) => !manifestIds.includes(a.contentId))) {
    throw new EdxmlFormatError('edXMLManifest does not list exactly the attachments');
  }
  const parsed = envelopeSchema.safeParse({
    from: readOrgan(mh.From),
    to: list(mh.To).map(readOrgan),
    documentId: str(mh.DocumentId),
    code: { codeNumber: str(code.CodeNumber), codeNotation: str(code.CodeNotation) },
    promulgationInfo: { place: str(pi.Place), promulgationDate: str(pi.PromulgationDate) },
    documentType: { type: str(dt.Type), typeDetail: str(dt.TypeDetail), typeName: str(dt.TypeName) },
    subject: str(mh.Subject),
    content: str(mh.Content),
    signerInfo: { competence: str(si.Competence), position: str(si.Position), fullName: str(si.FullName) },
    dueDate: str(mh.DueDate),
    toPlaces: list(obj(mh.ToPlaces).Place).map(str),
    otherInfo: {
      priority: str(oi.Priority) ?? '0',
      sphereOfPromulgation: str(oi.SphereOfPromulgation),
      typerNotation: str(oi.TyperNotation),
      promulgationAmount: str(oi.PromulgationAmount),
      pageAmount: str(oi.PageAmount),
      direction: str(oi.Direction),
    },
    responseFor: list(mh.ResponseFor).map((r) => {
      const o = obj(r);
      return { organId: str(o.OrganId), code: str(o.Code), promulgationDate: str(o.PromulgationDate), documentId: str(o.DocumentId) };
    }),
    steeringType: str(mh.SteeringType),
    traces: list(thl.TraceHeader).map((t) => ({ organId: str(obj(t).OrganId), timestamp: str(obj(t).Timestamp) })),
    business: {
      documentId: str(b.DocumentId),
      bussinessDocType: str(b.BussinessDocType),
      bussinessDocReason: str(b.BussinessDocReason),
      paper: str(b.Paper) ?? '0',
      staffInfo: readStaff(b.StaffInfo),
      replacementInfoList: list(obj(b.ReplacementInfoList).ReplacementInfo).map((r) => ({
        documentId: str(obj(r).DocumentId),
        organIdList: list(obj(obj(r).OrganIdList).OrganId).map(str),
      })),
    },
    attachments,
  });
  if (!parsed.success) fail(parsed.error);
  const e = parsed.data;
  const [, organId, date, number, notation] = DOCUMENT_ID.exec(e.documentId)!;
  if (organId !== e.from.organId || date !== e.promulgationInfo.promulgationDate || number !== e.code.codeNumber || notation !== e.code.codeNotation) {
    throw new EdxmlFormatError('DocumentId does not match From, PromulgationDate and Code');
  }
  return { kind: 'edoc', envelope: e };
}
