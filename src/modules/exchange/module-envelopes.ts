import type { AppContext } from '#platform/context.ts';
import type { Sql } from '#platform/db.ts';
import { buildEnvelope, documentIdOf, type Envelope } from './edxml.ts';
import * as repo from './exchange.repository.ts';
import { documentRow, edxmlDate, edxmlTimestamp, signAs } from './packets.ts';
import { handlerOf, type ModuleEnvelopeOutcome } from './module-envelope-handlers.ts';
import { resolveAgency } from './registry.ts';

export { type ModuleEnvelope, type ModuleEnvelopeHandler, type ModuleEnvelopeOutcome, onModuleEnvelope } from './module-envelope-handlers.ts';
const PART = 'noi-dung.json';
/** TypeDetail of a module envelope: only these go to a module's handler (a clerk's document of the same TypeName, e.g. an ordinary 'Báo cáo', stays a document). */
const MODULE_TYPE_DETAIL = 'module-envelope';

/**
 * Envelopes of other modules over the axis (the reporting module's reports and their return or
 * acceptance, issue 17 item 6). A module sends a JSON value from an agency hosted here to an
 * agency another installation hosts (`sendModuleEnvelope`, in the caller's transaction): it
 * travels as a signed edXML envelope of the module's own document type, through the exchange
 * outbox (HTTP or JetStream), and is verified like every envelope (signature, chain to a trusted
 * root, signer = From agency, sender known to the registry). At the receiving installation the
 * module's handler (`onModuleEnvelope`, registered by the module's `register` hook) applies it
 * inside the envelope's own storing transaction, so once per DocumentId: a redelivered or replayed
 * envelope changes nothing. A handler may refuse (`{ refused, detail }`): nothing is stored, the
 * refusal is recorded in `exchange_refusals`, the sender gets a 02 status and an HTTP sender a 422.
 * Module envelopes are not official documents: they stay out of the registers and inboxes.
 */
type Ctx = Pick<AppContext, 'config' | 'clock'>;

/** The node hosting an agency when it is another installation; null when hosted here or by no known node. */
export async function hostedElsewhere(ctx: Pick<AppContext, 'config'>, tx: Sql, agencyCode: string): Promise<string | null> {
  return (await agencyElsewhere(ctx, tx, agencyCode))?.node ?? null;
}

/**
 * An agency another installation hosts, as the registry knows it (its name as announced, the
 * hosting node): e.g. Văn phòng Chính phủ seen from a province's installation, which has no
 * row for it. Null when hosted here or by no known node.
 */
export async function agencyElsewhere(ctx: Pick<AppContext, 'config'>, tx: Sql, agencyCode: string): Promise<{ code: string; name: string; node: string } | null> {
  const r = await resolveAgency(ctx, tx, agencyCode);
  return r && r.node !== ctx.config.MOTCUA_NODE_ID ? r : null;
}

/**
 * Signs (with the certificate of `from`, an agency hosted here) and queues a module envelope to
 * the node hosting `to`, in the caller's transaction. DocumentId `<from>,<date>,<codeNumber>/<notation>`:
 * the caller makes `codeNumber` unique per sending agency and year (the register's number). Null when `to` is hosted here (or by
 * no known node) or `from` is not hosted here; `sent: false` when that DocumentId was sent already.
 */
export async function sendModuleEnvelope(
  ctx: Ctx,
  tx: Sql,
  input: { type: string; from: string; to: string; codeNumber: string; notation: string; at: Date; subject: string; content?: string; value: unknown },
): Promise<{ documentId: string; node: string; sent: boolean } | null> {
  const from = await resolveAgency(ctx, tx, input.from);
  const to = await resolveAgency(ctx, tx, input.to);
  if (!from || !to || from.node !== ctx.config.MOTCUA_NODE_ID || to.node === ctx.config.MOTCUA_NODE_ID) return null;
  const documentId = documentIdOf(from.code, edxmlDate(input.at), input.codeNumber, input.notation);
  if (await repo.findDocument(tx, documentId)) return { documentId, node: to.node, sent: false };
  const e: Envelope = {
    from: { organId: from.code, organName: from.name },
    to: [{ organId: to.code, organName: to.name }],
    documentId,
    code: { codeNumber: input.codeNumber, codeNotation: input.notation },
    promulgationInfo: { place: from.name, promulgationDate: edxmlDate(input.at) },
    documentType: { type: '0', typeDetail: MODULE_TYPE_DETAIL, typeName: input.type },
    subject: input.subject,
    content: input.content || undefined,
    signerInfo: { position: 'Hệ thống một cửa điện tử', fullName: `Nút ${ctx.config.MOTCUA_NODE_ID}` },
    toPlaces: [to.name],
    otherInfo: { priority: 0 },
    responseFor: [],
    traces: [{ organId: from.code, timestamp: edxmlTimestamp(input.at) }],
    business: { documentId, bussinessDocType: 0, paper: 0, replacementInfoList: [] },
    attachments: [{ contentId: 'noidung', attachmentName: PART, contentType: 'application/json', content: Buffer.from(JSON.stringify(input.value), 'utf8') }],
  };
  const signed = await signAs(ctx, tx, { code: from.code, name: from.name }, buildEnvelope(e));
  const now = ctx.clock.now();
  // The number is taken by another document of the agency this year (exchange_documents_number): the caller's numbering is wrong.
  if (!(await repo.insertDocument(tx, documentRow(e, signed, { outgoing: true, createdBy: null, createdAt: now })))) throw new Error(`document number ${input.codeNumber} of ${from.code} is taken`);
  await repo.upsertRecipient(tx, { documentId, agencyCode: to.code, agencyName: to.name, hostedHere: false });
  await repo.enqueue(tx, { messageId: `${documentId}|edoc|0`, targetNode: to.node, kind: 'edoc', body: signed, at: now });
  return { documentId, node: to.node, sent: true };
}

/**
 * Receiving side, inside the envelope's storing transaction: a module envelope goes to its
 * module's handler. Null when the envelope is not a module envelope (an ordinary document).
 */
export async function applyModuleEnvelope(ctx: AppContext, tx: Sql, e: Envelope, senderNode: string | null): Promise<ModuleEnvelopeOutcome | null> {
  const handler = e.documentType.typeDetail === MODULE_TYPE_DETAIL ? handlerOf(e.documentType.typeName) : undefined;
  if (!handler) return null;
  const part = e.attachments.find((a) => a.attachmentName === PART);
  if (!part || !senderNode) return { refused: 'MALFORMED', detail: `${e.documentType.typeName} without its ${PART}` };
  let value: unknown;
  try {
    value = JSON.parse(part.content.toString('utf8'));
  } catch {
    return { refused: 'MALFORMED', detail: `${PART} is not JSON` };
  }
  const to = e.to[0];
  return handler(ctx, tx, {
    type: e.documentType.typeName,
    documentId: e.documentId,
    from: { code: e.from.organId, name: e.from.organName },
    to: { code: to.organId, name: to.organName },
    senderNode,
    value,
  });
}
