import { createHash } from 'node:crypto';
import { localInstant, toLocalIso } from '#platform/clock.ts';
import type { AppContext } from '#platform/context.ts';
import type { Sql } from '#platform/db.ts';
import { getAgencySigner } from '#modules/signatures/index.ts';
import { buildStatusPacket, type Envelope, type Organ, type StatusCode } from './edxml.ts';
import * as repo from './exchange.repository.ts';
import { resolveAgency } from './registry.ts';
import { signEdxml } from './xml-signature.ts';

type Ctx = Pick<AppContext, 'config' | 'clock'>;

/** `yyyy/MM/dd HH:mm:ss` in Vietnam time, as edXML writes times. */
export function edxmlTimestamp(at: Date): string {
  const iso = toLocalIso(at);
  return `${iso.slice(0, 10).replace(/-/g, '/')} ${iso.slice(11, 19)}`;
}
/** The instant of an edXML `yyyy/MM/dd HH:mm:ss` (Vietnam time). */
export const fromEdxmlTimestamp = (timestamp: string) => localInstant(fromEdxmlDate(timestamp.slice(0, 10)), timestamp.slice(11));
export const edxmlDate = (at: Date) => edxmlTimestamp(at).slice(0, 10);
export const fromEdxmlDate = (d: string) => d.replace(/\//g, '-');
export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Signs an edXML document with the agency's certificate (signatures module). */
export async function signAs(ctx: Ctx, tx: Sql, agency: { code: string; name: string }, xml: string): Promise<string> {
  const signer = await getAgencySigner(ctx, tx, agency);
  return signEdxml(xml, { privateKey: signer.privateKey, chainPem: signer.chainPem }, ctx.config.MOTCUA_EDXML_SIGNATURE);
}

export const messageIdOf = (documentId: string, agency: string, code: string) => `${documentId}|${agency}|${code}`;

/**
 * A signed status packet from one agency to another about a document, recorded in the trail
 * (once per document, recipient agency and code) and queued to the node hosting `to`.
 * `about` is the recipient agency the status concerns (`from` except for 13, where it is `to`).
 */
export async function emitStatus(
  ctx: Ctx,
  tx: Sql,
  input: {
    document: { documentId: string; fromAgency: string; codeNumber: string; codeNotation: string; promulgationDate: string };
    from: Organ;
    to: Organ;
    about: string;
    statusCode: StatusCode;
    description?: string;
    staff?: string;
    record?: boolean;
    /** De-duplication key on the way (default: document, agency and code). */
    messageId?: string;
  },
): Promise<boolean> {
  const now = ctx.clock.now();
  const d = input.document;
  const packet = await signAs(
    ctx,
    tx,
    { code: input.from.organId, name: input.from.organName },
    buildStatusPacket({
      from: input.from,
      to: [input.to],
      responseFor: {
        organId: d.fromAgency,
        code: `${d.codeNumber}/${d.codeNotation}`,
        promulgationDate: d.promulgationDate.replace(/-/g, '/'),
        documentId: d.documentId,
      },
      staffInfo: input.staff ? { staff: input.staff } : undefined,
      statusCode: input.statusCode,
      description: input.description,
      timestamp: edxmlTimestamp(now),
    }),
  );
  if (input.record !== false) {
    const fresh = await repo.insertStatus(tx, {
      documentId: d.documentId,
      agencyCode: input.about,
      statusCode: input.statusCode,
      fromAgency: input.from.organId,
      description: input.description ?? null,
      staff: input.staff ?? null,
      at: now,
      packet,
    });
    if (!fresh) return false;
  }
  const target = await resolveAgency(ctx, tx, input.to.organId);
  if (target && target.node !== ctx.config.MOTCUA_NODE_ID) {
    await repo.enqueue(tx, { messageId: input.messageId ?? messageIdOf(d.documentId, input.about, input.statusCode), targetNode: target.node, kind: 'status', body: packet, at: now });
  }
  return true;
}

/** The register row of an edXML document, as sent (outgoing) or as received. */
export function documentRow(e: Envelope, xml: string, by: { outgoing: boolean; createdBy: string | null; createdAt: Date }): repo.NewDocument {
  return {
    documentId: e.documentId,
    fromAgency: e.from.organId,
    fromName: e.from.organName,
    codeNumber: e.code.codeNumber,
    codeNotation: e.code.codeNotation,
    year: Number(e.promulgationInfo.promulgationDate.slice(0, 4)),
    promulgationDate: fromEdxmlDate(e.promulgationInfo.promulgationDate),
    documentType: e.documentType.typeName,
    subject: e.subject,
    content: e.content ?? null,
    signerName: e.signerInfo.fullName,
    signerPosition: e.signerInfo.position,
    priority: e.otherInfo.priority,
    dueDate: e.dueDate ? fromEdxmlDate(e.dueDate) : null,
    businessType: e.business.bussinessDocType,
    businessReason: e.business.bussinessDocReason ?? null,
    targetIds: e.business.replacementInfoList.map((r) => r.documentId),
    recipients: e.to.map((t) => ({ organId: t.organId, organName: t.organName })),
    attachments: e.attachments.map((a) => ({
      contentId: a.contentId,
      name: a.attachmentName,
      contentType: a.contentType,
      size: a.content.length,
      sha256: createHash('sha256').update(a.content).digest('hex'),
    })),
    envelope: xml,
    sha256: sha256(xml),
    ...by,
  };
}
