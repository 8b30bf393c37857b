import type { AppContext } from '#platform/context.ts';
import type { Sql } from '#platform/db.ts';
import { trustAnchors } from '#modules/signatures/index.ts';
import { EdxmlFormatError, type EdxmlMessage, type Envelope, parseEdxml, type StatusPacket } from './edxml.ts';
import * as repo from './exchange.repository.ts';
import { applyDossierEnvelope } from './federated-step.ts';
import { applyModuleEnvelope } from './module-envelopes.ts';
import { documentRow, emitStatus, fromEdxmlTimestamp, sha256 } from './packets.ts';
import { resolveAgency } from './registry.ts';
import { agencyCodeOf, SignatureCheckError, type SignatureAlgorithm, verifyEdxml } from './xml-signature.ts';

type Ctx = Pick<AppContext, 'config' | 'clock' | 'db' | 'logger'>;

export type ReceiveOutcome =
  | { outcome: 'stored' | 'duplicate'; kind: 'edoc' | 'status'; documentId: string }
  | { outcome: 'refused'; problem: string; detail: string; documentId: string | null };

/** Ranks of the receiver-side statuses: break ties between packets of the same second. */
const RANK: Record<string, number> = { '01': 1, '02': 2, '03': 2, '04': 3, '05': 4, '06': 5 };

class Refusal extends Error {
  constructor(
    readonly problem: string,
    readonly detail: string,
  ) {
    super(`${problem}: ${detail}`);
  }
}

export const allowedAlgorithms = (ctx: Pick<AppContext, 'config'>): SignatureAlgorithm[] =>
  ctx.config.MOTCUA_EDXML_SIGNATURE === 'rsa-sha1' ? ['rsa-sha256', 'rsa-sha1'] : ['rsa-sha256'];

/**
 * Receives one signed edXML package from any transport (HTTP inbound, JetStream, tests):
 * verify the signature against the trusted roots, check that the signer is the sending agency,
 * then store it exactly once (keyed by DocumentId, and by document + agency + code for statuses)
 * and answer 01 for each recipient hosted here. Anything wrong is refused: recorded in
 * `exchange_refusals`, a 02 status sent back to the claimed sender, and nothing reaches an inbox.
 * Safe to call again with the same package (at-least-once delivery → exactly-once effect).
 */
export async function receiveMessage(
  ctx: Ctx,
  xml: string,
  via: 'http' | 'nats' | 'local',
  options: {
    /** Reads the registry again (HTTP peers, the bus): called once before refusing a sender this node does not know yet. */
    refreshRegistry?: () => Promise<void>;
  } = {},
): Promise<ReceiveOutcome> {
  let message: EdxmlMessage;
  try {
    const anchors = await trustAnchors(ctx, ctx.db);
    const checked = verifyEdxml(xml, { anchors, at: ctx.clock.now(), allowed: allowedAlgorithms(ctx) });
    message = parseEdxml(checked.signedXml);
    const sender = message.kind === 'edoc' ? message.envelope.from.organId : message.status.from.organId;
    const signerCode = agencyCodeOf(checked.certificate);
    if (signerCode !== sender) throw new Refusal('SIGNER_NOT_SENDER', `certificate of ${signerCode ?? '?'} signed for ${sender}`);
    if (!(await resolveAgency(ctx, ctx.db, sender))) {
      // A node that has just joined (or this node, just restarted) may not be in the registry yet.
      await options.refreshRegistry?.().catch((error) => ctx.logger.warn({ err: error }, 'registry not refreshed'));
      if (!(await resolveAgency(ctx, ctx.db, sender))) throw new Refusal('UNKNOWN_SENDER', `${sender} is not a known agency`);
    }
  } catch (error) {
    if (error instanceof Refusal) return refuse(ctx, xml, error.problem, error.detail, via);
    if (error instanceof SignatureCheckError) return refuse(ctx, xml, error.problem, error.message, via);
    if (error instanceof EdxmlFormatError) return refuse(ctx, xml, 'MALFORMED', error.problem, via);
    throw error;
  }
  try {
    return await ctx.db.transaction((tx) => (message.kind === 'edoc' ? storeEnvelope(ctx, tx, message.envelope, xml) : storeStatus(ctx, tx, message.status, xml)));
  } catch (error) {
    if (error instanceof Refusal) return refuse(ctx, xml, error.problem, error.detail, via);
    throw error;
  }
}

async function storeEnvelope(ctx: Ctx, tx: Sql, e: Envelope, xml: string): Promise<ReceiveOutcome> {
  const self = ctx.config.MOTCUA_NODE_ID;
  const hosted: { code: string; name: string }[] = [];
  for (const to of e.to) {
    const r = await resolveAgency(ctx, tx, to.organId);
    if (r?.node === self) hosted.push({ code: r.code, name: r.name });
  }
  if (hosted.length === 0) throw new Refusal('NOT_HOSTED_HERE', `no recipient of ${e.documentId} is hosted by node ${self}`);
  const now = ctx.clock.now();
  const type = e.business.bussinessDocType;
  const row = documentRow(e, xml, { outgoing: false, createdBy: null, createdAt: now });
  let fresh = await repo.insertDocument(tx, row);
  if (fresh && type === 0) {
    // A federated dossier step or its result (federated-step.ts): applied once, with the envelope.
    const senderNode = (await resolveAgency(ctx, tx, e.from.organId))?.node ?? null;
    const applied = await applyDossierEnvelope(ctx as AppContext, tx, e, senderNode);
    if (applied) ctx.logger.info({ documentId: e.documentId, applied }, 'federated dossier envelope applied');
    // Another module's envelope (a report, its return or acceptance: module-envelopes.ts), applied once with it; its refusal stores nothing.
    const outcome = applied ? null : await applyModuleEnvelope(ctx as AppContext, tx, e, senderNode);
    if (outcome && typeof outcome === 'object') throw new Refusal(outcome.refused, outcome.detail);
    if (outcome) ctx.logger.info({ documentId: e.documentId, type: e.documentType.typeName, outcome }, 'module envelope applied');
  }
  if (!fresh && (type === 1 || type === 2)) fresh = await applyRevision(tx, row, e);
  if (type === 3) await repo.markSuperseded(tx, row.targetIds, e.documentId, 3);
  for (const agency of hosted) {
    await repo.upsertRecipient(tx, { documentId: e.documentId, agencyCode: agency.code, agencyName: agency.name, hostedHere: true });
    if (await repo.markArrived(tx, e.documentId, agency.code, now)) {
      fresh = true;
      await emitStatus(ctx, tx, {
        document: row,
        from: { organId: agency.code, organName: agency.name },
        to: e.from,
        about: agency.code,
        statusCode: '01',
        description: 'Đã đến',
      });
    }
  }
  return { outcome: fresh ? 'stored' : 'duplicate', kind: 'edoc', documentId: e.documentId };
}

/**
 * Revocation (1) or update (2) of a document already stored: applied once. An update older than
 * the stored version (its last trace is earlier: a late redelivery) changes nothing; a revoked
 * or replaced document is not updated any more.
 */
async function applyRevision(tx: Sql, row: repo.NewDocument, e: Envelope): Promise<boolean> {
  const current = await repo.findDocument(tx, row.documentId, true);
  if (!current || current.envelope === row.envelope) return false;
  if (row.businessType === 1) return (await repo.markSuperseded(tx, [row.documentId], row.documentId, 1)) > 0;
  if (current.supersededType === 1 || current.supersededType === 3) return false;
  const stored = parseEdxml(current.envelope);
  const lastOf = (traces: { timestamp: string }[]) => traces.map((t) => t.timestamp).sort().at(-1) ?? '';
  if (stored.kind === 'edoc' && lastOf(e.traces) < lastOf(stored.envelope.traces)) return false;
  await repo.reviseDocument(tx, row);
  return true;
}

async function storeStatus(_ctx: Ctx, tx: Sql, s: StatusPacket, xml: string): Promise<ReceiveOutcome> {
  const documentId = s.responseFor.documentId;
  const doc = await repo.findDocument(tx, documentId);
  if (!doc) throw new Refusal('UNKNOWN_DOCUMENT', `status ${s.statusCode} for ${documentId}, which this node does not hold`);
  const about = s.statusCode === '13' ? s.to[0].organId : s.from.organId;
  const legit = s.statusCode === '13' ? s.from.organId === doc.fromAgency : doc.recipients.some((r) => r.organId === s.from.organId);
  if (!legit) throw new Refusal('NOT_A_PARTY', `${s.from.organId} may not send status ${s.statusCode} for ${documentId}`);
  // The packet's own time orders the trail: a late or reordered packet never moves a recipient backwards.
  const at = fromEdxmlTimestamp(s.timestamp);
  const fresh = await repo.insertStatus(tx, {
    documentId,
    agencyCode: about,
    statusCode: s.statusCode,
    fromAgency: s.from.organId,
    description: s.description ?? null,
    staff: s.staffInfo?.staff ?? null,
    at,
    packet: xml,
  });
  if (fresh) {
    await repo.upsertRecipient(tx, { documentId, agencyCode: about, agencyName: s.statusCode === '13' ? s.to[0].organName : s.from.organName, hostedHere: false });
    const recall = { '13': 'requested', '15': 'agreed', '16': 'refused' }[s.statusCode as string];
    if (recall) await repo.updateRecipient(tx, documentId, about, { recallState: recall });
    else {
      const latest = (await repo.listStatuses(tx, documentId))
        .filter((x) => x.agencyCode === about && RANK[x.statusCode])
        .sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime() || RANK[b.statusCode] - RANK[a.statusCode])[0];
      if (latest) await repo.updateRecipient(tx, documentId, about, { statusCode: latest.statusCode });
    }
  }
  return { outcome: fresh ? 'stored' : 'duplicate', kind: 'status', documentId };
}

async function refuse(ctx: Ctx, xml: string, problem: string, detail: string, via: string): Promise<ReceiveOutcome> {
  let claimed: EdxmlMessage | null = null;
  try {
    claimed = parseEdxml(xml);
  } catch {
    claimed = null;
  }
  const documentId = claimed?.kind === 'edoc' ? claimed.envelope.documentId : claimed?.kind === 'status' ? claimed.status.responseFor.documentId : null;
  const from = claimed?.kind === 'edoc' ? claimed.envelope.from : claimed?.kind === 'status' ? claimed.status.from : null;
  ctx.logger.warn({ problem, detail, documentId, from: from?.organId, via }, 'edXML package refused');
  await ctx.db.transaction(async (tx) => {
    const first = await repo.insertRefusal(tx, { sha256: sha256(xml), documentId, fromAgency: from?.organId ?? null, problem, detail, via, at: ctx.clock.now() });
    // 02 back to the claimed sender of a refused document (never in answer to a status: no loops).
    if (!first || claimed?.kind !== 'edoc' || !from) return;
    const e = claimed.envelope;
    if (!(await resolveAgency(ctx, tx, from.organId))) return;
    // A bad copy of a document already received genuinely: recorded, but no 02 (it did arrive).
    if (await repo.findDocument(tx, e.documentId)) return;
    for (const to of e.to) {
      const r = await resolveAgency(ctx, tx, to.organId);
      if (r?.node !== ctx.config.MOTCUA_NODE_ID) continue;
      await emitStatus(ctx, tx, {
        document: { documentId: e.documentId, fromAgency: from.organId, codeNumber: e.code.codeNumber, codeNotation: e.code.codeNotation, promulgationDate: e.promulgationInfo.promulgationDate },
        from: { organId: r.code, organName: r.name },
        to: from,
        about: r.code,
        statusCode: '02',
        description: `Từ chối tiếp nhận: gói tin không hợp lệ (${problem}) / refused: invalid package`,
        record: false,
        messageId: `${e.documentId}|${r.code}|02|refused:${sha256(xml).slice(0, 16)}`,
      });
    }
  });
  return { outcome: 'refused', problem, detail, documentId };
}
