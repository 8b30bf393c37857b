import type { AppContext } from '#platform/context.ts';
import type { Actor } from '#platform/actor.ts';
import { audit } from '#platform/audit.ts';
import type { Sql } from '#platform/db.ts';
import { getFile, readFileBytes } from '#modules/files/index.ts';
import { isAxisDocumentType } from './axis-types.ts';
import { buildEnvelope, documentIdOf, type Envelope, parseEdxml } from './edxml.ts';
import { ExchangeErrors } from './exchange.errors.ts';
import * as repo from './exchange.repository.ts';
import { documentRow, edxmlDate, edxmlTimestamp, emitStatus, signAs } from './packets.ts';
import { type ResolvedAgency, resolveAgency } from './registry.ts';
import { may } from './policy.ts';

type Ctx = Pick<AppContext, 'config' | 'clock' | 'filesDir'>;

export interface SendInput {
  from: string;
  to: string[];
  codeNumber?: string;
  codeNotation: string;
  subject: string;
  content?: string;
  documentType: string;
  signer: { fullName: string; position: string };
  priority?: number;
  dueDate?: string;
  attachments: string[];
  /** Replacement (BussinessDocType 3): the documents this one replaces, with the reason. */
  replaces?: string[];
  reason?: string;
}

export function requireClerkOf(actor: Actor, agency: string): void {
  if (!may.clerkFor(actor, agency)) throw ExchangeErrors.EXCHANGE_NOT_CLERK({}, { agency });
}

const DOCUMENT_TYPE_CODES: Record<string, string> = { 'Công văn': '1', 'Quyết định': '2', 'Tờ trình': '3', 'Báo cáo': '4', 'Thông báo': '5', 'Kế hoạch': '6', 'Giấy mời': '7' };

/**
 * Sends a document (văn bản đi): numbers it in the agency's register for the year (the given
 * number, or the next free one), builds and signs the edXML envelope with the agency's
 * certificate, stores it, records the recipients hosted here as arrived (01, same transaction)
 * and queues one copy per other node in the exchange outbox. One transaction: all or nothing.
 */
export async function sendDocument(ctx: Ctx, tx: Sql, actor: Actor, input: SendInput): Promise<repo.DocumentRow> {
  requireClerkOf(actor, input.from);
  if (isAxisDocumentType(input.documentType)) throw ExchangeErrors.EXCHANGE_DOCUMENT_TYPE_RESERVED({}, { type: input.documentType });
  const sender = await resolveAgency(ctx, tx, input.from);
  if (sender?.node !== ctx.config.MOTCUA_NODE_ID) throw ExchangeErrors.EXCHANGE_AGENCY_NOT_HOSTED({}, { agency: input.from });
  const recipients: ResolvedAgency[] = [];
  for (const code of [...new Set(input.to)]) {
    const r = await resolveAgency(ctx, tx, code);
    if (!r) throw ExchangeErrors.EXCHANGE_UNKNOWN_RECIPIENT({}, { agency: code });
    recipients.push(r);
  }
  const replaces = [...new Set(input.replaces ?? [])];
  if (replaces.length > 0 && !input.reason) throw ExchangeErrors.EXCHANGE_REASON_REQUIRED();
  const replaced: repo.DocumentRow[] = [];
  for (const id of replaces) {
    const d = await repo.findDocument(tx, id);
    if (!d?.outgoing || d.fromAgency !== input.from) throw ExchangeErrors.EXCHANGE_TARGET_INVALID({}, { documentId: id });
    replaced.push(d);
  }
  const now = ctx.clock.now();
  const date = edxmlDate(now);
  const year = Number(date.slice(0, 4));
  await repo.lockNumbering(tx, `${input.from}:${year}`);
  const codeNumber = input.codeNumber ?? String(await repo.nextNumber(tx, input.from, year));
  if (await repo.numberTaken(tx, input.from, year, codeNumber)) throw ExchangeErrors.EXCHANGE_NUMBER_TAKEN({}, { number: codeNumber, year });
  const documentId = documentIdOf(input.from, date, codeNumber, input.codeNotation);
  if (await repo.findDocument(tx, documentId)) throw ExchangeErrors.EXCHANGE_DOCUMENT_EXISTS({}, { documentId });

  const attachments: Envelope['attachments'] = [];
  for (const [i, fileId] of input.attachments.entries()) {
    const file = await getFile(tx, fileId);
    // Only the clerk's own uploads may travel (no reading of others' files through the axis).
    if (!file || file.uploadedBy !== actor.id) throw ExchangeErrors.EXCHANGE_ATTACHMENT_NOT_FOUND({}, { fileId });
    attachments.push({ contentId: `att${i + 1}`, attachmentName: file.originalName, contentType: file.mediaType, content: await readFileBytes(ctx, file.sha256) });
  }
  const envelope: Envelope = {
    from: { organId: sender.code, organName: sender.name },
    to: recipients.map((r) => ({ organId: r.code, organName: r.name })),
    documentId,
    code: { codeNumber, codeNotation: input.codeNotation },
    promulgationInfo: { place: sender.name, promulgationDate: date },
    documentType: { type: DOCUMENT_TYPE_CODES[input.documentType] ?? '0', typeName: input.documentType },
    subject: input.subject,
    content: input.content,
    signerInfo: { position: input.signer.position, fullName: input.signer.fullName },
    dueDate: input.dueDate?.replace(/-/g, '/'),
    toPlaces: recipients.map((r) => r.name),
    otherInfo: { priority: input.priority ?? 0 },
    responseFor: [],
    traces: [{ organId: sender.code, timestamp: edxmlTimestamp(now) }],
    business: {
      documentId,
      bussinessDocType: replaced.length > 0 ? 3 : 0,
      bussinessDocReason: input.reason,
      paper: 0,
      staffInfo: { staff: actor.fullName },
      replacementInfoList: replaced.map((d) => ({ documentId: d.documentId, organIdList: d.recipients.map((r) => r.organId) })),
    },
    attachments,
  };
  const signed = await signAs(ctx, tx, { code: sender.code, name: sender.name }, buildEnvelope(envelope));
  const row = await storeOutgoing(ctx, tx, actor, envelope, signed, recipients, 'send');
  if (replaced.length > 0) await repo.markSuperseded(tx, replaces, documentId, 3);
  return row;
}

/**
 * Revocation (thu hồi, type 1) or update (cập nhật, type 2) of a sent document: the same
 * DocumentId travels again with the new BussinessDocType, signed anew. Idempotent: a second
 * revocation changes nothing.
 */
export async function reviseDocument(
  ctx: Ctx,
  tx: Sql,
  actor: Actor,
  documentId: string,
  input: { type: 1 | 2; reason: string; subject?: string; content?: string },
): Promise<repo.DocumentRow> {
  const current = await repo.findDocument(tx, documentId, true);
  if (!current?.outgoing) throw ExchangeErrors.EXCHANGE_DOCUMENT_NOT_FOUND();
  requireClerkOf(actor, current.fromAgency);
  if (current.supersededType === 1 || current.supersededType === 3) return current;
  const parsed = parseEdxml(current.envelope);
  if (parsed.kind !== 'edoc') throw ExchangeErrors.EXCHANGE_DOCUMENT_NOT_FOUND();
  const now = ctx.clock.now();
  const e: Envelope = {
    ...parsed.envelope,
    subject: input.subject ?? parsed.envelope.subject,
    content: input.content ?? parsed.envelope.content,
    traces: [...parsed.envelope.traces, { organId: current.fromAgency, timestamp: edxmlTimestamp(now) }],
    business: { ...parsed.envelope.business, bussinessDocType: input.type, bussinessDocReason: input.reason, staffInfo: { staff: actor.fullName } },
  };
  const signed = await signAs(ctx, tx, { code: current.fromAgency, name: current.fromName }, buildEnvelope(e));
  const recipients: ResolvedAgency[] = [];
  for (const r of current.recipients) {
    const resolved = await resolveAgency(ctx, tx, r.organId);
    if (resolved) recipients.push(resolved);
  }
  return storeOutgoing(ctx, tx, actor, e, signed, recipients, input.type === 1 ? 'revoke' : 'update');
}

async function storeOutgoing(
  ctx: Ctx,
  tx: Sql,
  actor: Actor,
  e: Envelope,
  signed: string,
  recipients: ResolvedAgency[],
  action: 'send' | 'revoke' | 'update',
): Promise<repo.DocumentRow> {
  const now = ctx.clock.now();
  const type = e.business.bussinessDocType;
  const row = documentRow(e, signed, { outgoing: true, createdBy: actor.id, createdAt: now });
  if (action === 'send') await repo.insertDocument(tx, row);
  else if (type === 1) await repo.markSuperseded(tx, [row.documentId], row.documentId, 1);
  else await repo.reviseDocument(tx, row);
  const self = ctx.config.MOTCUA_NODE_ID;
  const nodes = new Set<string>();
  for (const r of recipients) {
    await repo.upsertRecipient(tx, { documentId: row.documentId, agencyCode: r.code, agencyName: r.name, hostedHere: r.node === self });
    if (r.node !== self) nodes.add(r.node);
    // Within this installation the envelope is stored once: the arrival (01) is durable with it.
    else if (action === 'send' && (await repo.markArrived(tx, row.documentId, r.code, now))) {
      await emitStatus(ctx, tx, { document: row, from: { organId: r.code, organName: r.name }, to: e.from, about: r.code, statusCode: '01', description: 'Đã đến' });
    }
  }
  for (const node of nodes) {
    // Each update is a new version under the same DocumentId: its hash tells the versions apart (transport de-duplication).
    const messageId = type === 2 ? `${row.documentId}|edoc|2|${row.sha256.slice(0, 16)}` : `${row.documentId}|edoc|${type}`;
    await repo.enqueue(tx, { messageId, targetNode: node, kind: 'edoc', body: signed, at: now });
  }
  await audit(tx, { actor, now }, `exchange.${action}`, {
    chain: `exchange:${row.fromAgency}`,
    subject: ['exchange_document', row.documentId],
    data: { recipients: recipients.map((r) => r.code), sha256: row.sha256, businessType: type },
  });
  return (await repo.findDocument(tx, row.documentId))!;
}
