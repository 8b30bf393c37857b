import type { AppContext } from '#platform/context.ts';
import type { Sql } from '#platform/db.ts';
import {
  completeFederatedStep,
  type DossierRows,
  type DossierStepMovedPayload,
  type FederatedFile,
  federatedStepPackage,
  federatedStepResult,
  importFederatedStep,
  updateFederatedCopy,
} from '#modules/dossiers/index.ts';
import { RESULT_TYPE, STEP_TYPE, UPDATE_TYPE } from './axis-types.ts';
import { buildEnvelope, documentIdOf, type Envelope } from './edxml.ts';
import * as repo from './exchange.repository.ts';
import { documentRow, edxmlDate, edxmlTimestamp, signAs } from './packets.ts';
import { resolveAgency } from './registry.ts';

/**
 * Federated liên thông steps (issue 15 item 7). When a dossier's step opens at an agency another
 * installation hosts, the lead agency sends that node a signed edXML envelope ("Hồ sơ liên
 * thông") carrying the dossier (its rows as JSON, `ho-so.json`) and its files; the node keeps a
 * copy its agency works in its own queue. When that agency completes the step, its node sends
 * back a signed envelope ("Kết quả bước liên thông", `ket-qua.json` and the result file) that
 * completes the step at the lead dossier. Both travel through the exchange outbox (HTTP or
 * JetStream), are verified like every envelope (signature, chain, signer = From agency) and
 * stored once by DocumentId, so a redelivery changes nothing.
 */
export { RESULT_TYPE, STEP_TYPE, UPDATE_TYPE } from './axis-types.ts';
const DOSSIER_PART = 'ho-so.json';
const RESULT_PART = 'ket-qua.json';
const UPDATE_PART = 'ho-so-cap-nhat.json';

/** The step envelope's DocumentId: the lead agency, the day the step opened, `<dossier code>/LT-B<step>`. */
export const stepDocumentId = (lead: string, sentAt: Date, code: string, step: number) => documentIdOf(lead, edxmlDate(sentAt), code, `LT-B${step}`);
const resultDocumentId = (agency: string, finishedAt: Date, code: string, step: number) => documentIdOf(agency, edxmlDate(finishedAt), code, `KQ-B${step}`);

const json = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8');

/** `dossier.step_moved` (after commit, may run twice): carries steps of agencies hosted elsewhere. */
export async function onStepMoved(ctx: AppContext, p: DossierStepMovedPayload): Promise<void> {
  await ctx.db.transaction((tx) => (p.change === 'opened' ? sendStep(ctx, tx, p) : sendResult(ctx, tx, p)));
}

async function sendStep(ctx: AppContext, tx: Sql, p: DossierStepMovedPayload): Promise<void> {
  const target = await resolveAgency(ctx, tx, p.agency);
  if (!target || target.node === ctx.config.MOTCUA_NODE_ID) return;
  const pkg = await federatedStepPackage(ctx, tx, p.dossierId);
  const code = pkg?.dossier.code;
  if (!pkg || !code) return;
  const { dossier } = pkg;
  const row = pkg.rows.steps.find((s) => s.step_seq === p.step);
  if (!row) return;
  const lead = await resolveAgency(ctx, tx, dossier.competentAgency);
  if (!lead) return;
  const sentAt = new Date(String(row.sent_at));
  const documentId = stepDocumentId(lead.code, sentAt, code, p.step);
  if (await repo.findDocument(tx, documentId)) return;
  const note = String(row.note ?? `Bước ${p.step}`);
  const envelope = baseEnvelope(ctx, {
    from: lead,
    to: target,
    documentId,
    code,
    notation: `LT-B${p.step}`,
    at: sentAt,
    type: STEP_TYPE,
    subject: `Hồ sơ ${dossier.code}: ${note}`,
    content: `Chuyển liên thông bước ${p.step} của hồ sơ ${dossier.code} (thủ tục ${dossier.procedureCode}) đến ${target.name}.`,
    dueDate: row.sub_due_at ? edxmlDate(new Date(String(row.sub_due_at))) : undefined,
    attachments: [
      { contentId: 'hoso', attachmentName: DOSSIER_PART, contentType: 'application/json', content: json({ step: p.step, agency: p.agency, leadNode: ctx.config.MOTCUA_NODE_ID, rows: pkg.rows, files: pkg.files.map((f, i) => ({ fileId: f.fileId, contentId: `tep${i + 1}` })) }) },
      ...pkg.files.map((f, i) => ({ contentId: `tep${i + 1}`, attachmentName: f.name, contentType: f.mediaType, content: f.bytes })),
    ],
  });
  await storeAndQueue(ctx, tx, envelope, lead, target);
}

async function sendResult(ctx: AppContext, tx: Sql, p: DossierStepMovedPayload): Promise<void> {
  const result = await federatedStepResult(ctx, tx, { dossierId: p.dossierId, step: p.step });
  const code = result?.dossier.code;
  if (!result || !code) return;
  const { dossier } = result;
  const from = await resolveAgency(ctx, tx, result.agency);
  const lead = await resolveAgency(ctx, tx, dossier.competentAgency);
  if (!from || from.node !== ctx.config.MOTCUA_NODE_ID || !lead || lead.node === ctx.config.MOTCUA_NODE_ID) return;
  const documentId = resultDocumentId(from.code, result.finishedAt, code, p.step);
  if (await repo.findDocument(tx, documentId)) return;
  const answered = stepDocumentId(lead.code, result.sentAt, code, p.step);
  const envelope = baseEnvelope(ctx, {
    from,
    to: lead,
    documentId,
    code: code,
    notation: `KQ-B${p.step}`,
    at: result.finishedAt,
    type: RESULT_TYPE,
    subject: `Hồ sơ ${code}: hoàn thành bước ${p.step}`,
    content: result.note,
    responseFor: [{ organId: lead.code, code: `${code}/LT-B${p.step}`, promulgationDate: edxmlDate(result.sentAt), documentId: answered }],
    attachments: [
      {
        contentId: 'ketqua',
        attachmentName: RESULT_PART,
        contentType: 'application/json',
        content: json({ dossierId: dossier.id, code: code, step: p.step, agency: from.code, note: result.note, officer: result.officer, finishedAt: result.finishedAt.toISOString(), file: result.file ? 'tep1' : null }),
      },
      ...(result.file ? [{ contentId: 'tep1', attachmentName: result.file.name, contentType: result.file.mediaType, content: result.file.bytes }] : []),
    ],
  });
  await storeAndQueue(ctx, tx, envelope, from, lead);
}

/**
 * Projection of `dossier.status_changed`, in the action's transaction: a lead dossier whose steps
 * went to other installations is marked, and the delivery loop sends its copies the update.
 */
export async function markCopyUpdate(tx: Sql, event: { payload: unknown; at: Date }): Promise<void> {
  const p = event.payload as { dossierId: string; code: string | null };
  if (p.code) await repo.requestCopyUpdate(tx, p.dossierId, p.code, event.at);
}

/**
 * Delivery loop: sends every marked lead dossier, as it now stands, to the nodes holding its
 * copies ("Cập nhật hồ sơ liên thông", DocumentId `<lead>,<day of the action>,<code>/CN-<action
 * seq>`, `ho-so-cap-nhat.json` with the dossier's rows and its files), one transaction each:
 * taken, signed and queued together. Answers how many dossiers it sent.
 */
export async function sendCopyUpdates(ctx: AppContext): Promise<number> {
  let sent = 0;
  for (;;) {
    const more = await ctx.db.transaction(async (tx) => {
      const dossierId = await repo.takeCopyUpdate(tx);
      if (!dossierId) return false;
      await sendCopyUpdate(ctx, tx, dossierId);
      return true;
    });
    if (!more) return sent;
    sent++;
  }
}

async function sendCopyUpdate(ctx: AppContext, tx: Sql, dossierId: string): Promise<void> {
  const pkg = await federatedStepPackage(ctx, tx, dossierId);
  const code = pkg?.dossier.code;
  if (!pkg || !code) return;
  const lead = await resolveAgency(ctx, tx, pkg.dossier.competentAgency);
  if (!lead || lead.node !== ctx.config.MOTCUA_NODE_ID) return;
  const targets: { code: string; name: string; node: string }[] = [];
  for (const agency of await repo.copyAgencies(tx, code)) {
    const r = await resolveAgency(ctx, tx, agency);
    if (r && r.node !== ctx.config.MOTCUA_NODE_ID && !targets.some((t) => t.node === r.node)) targets.push(r);
  }
  const last = pkg.rows.actions.at(-1);
  if (targets.length === 0 || !last) return;
  const seq = Number(last.seq);
  const at = new Date(String(last.at));
  const documentId = documentIdOf(lead.code, edxmlDate(at), code, `CN-${seq}`);
  if (await repo.findDocument(tx, documentId)) return;
  const envelope: Envelope = {
    ...baseEnvelope(ctx, {
      from: lead,
      to: targets[0],
      documentId,
      code,
      notation: `CN-${seq}`,
      at,
      type: UPDATE_TYPE,
      subject: `Hồ sơ ${code}: cập nhật sau bước xử lý ${seq}`,
      content: `Hồ sơ ${code} như tại ${lead.name} sau bước xử lý ${seq} (${String(last.action)}).`,
      attachments: [
        { contentId: 'hoso', attachmentName: UPDATE_PART, contentType: 'application/json', content: json({ seq, leadNode: ctx.config.MOTCUA_NODE_ID, rows: pkg.rows, files: pkg.files.map((f, i) => ({ fileId: f.fileId, contentId: `tep${i + 1}` })) }) },
        ...pkg.files.map((f, i) => ({ contentId: `tep${i + 1}`, attachmentName: f.name, contentType: f.mediaType, content: f.bytes })),
      ],
    }),
    to: targets.map((t) => ({ organId: t.code, organName: t.name })),
    toPlaces: targets.map((t) => t.name),
  };
  const signed = await signAs(ctx, tx, { code: lead.code, name: lead.name }, buildEnvelope(envelope));
  const now = ctx.clock.now();
  if (!(await repo.insertDocument(tx, documentRow(envelope, signed, { outgoing: true, createdBy: null, createdAt: now })))) return;
  for (const t of targets) {
    await repo.upsertRecipient(tx, { documentId, agencyCode: t.code, agencyName: t.name, hostedHere: false });
    await repo.enqueue(tx, { messageId: `${documentId}|edoc|0`, targetNode: t.node, kind: 'edoc', body: signed, at: now });
  }
}

function baseEnvelope(
  ctx: Pick<AppContext, 'config'>,
  e: {
    from: { code: string; name: string };
    to: { code: string; name: string };
    documentId: string;
    code: string;
    notation: string;
    at: Date;
    type: string;
    subject: string;
    content?: string;
    dueDate?: string;
    responseFor?: Envelope['responseFor'];
    attachments: Envelope['attachments'];
  },
): Envelope {
  return {
    from: { organId: e.from.code, organName: e.from.name },
    to: [{ organId: e.to.code, organName: e.to.name }],
    documentId: e.documentId,
    code: { codeNumber: e.code, codeNotation: e.notation },
    promulgationInfo: { place: e.from.name, promulgationDate: edxmlDate(e.at) },
    documentType: { type: '0', typeDetail: e.type === STEP_TYPE ? 'dossier-step' : e.type === UPDATE_TYPE ? 'dossier-copy-update' : 'dossier-step-result', typeName: e.type },
    subject: e.subject,
    content: e.content || undefined,
    signerInfo: { position: 'Hệ thống một cửa điện tử', fullName: `Nút ${ctx.config.MOTCUA_NODE_ID}` },
    dueDate: e.dueDate,
    toPlaces: [e.to.name],
    otherInfo: { priority: 0 },
    responseFor: e.responseFor ?? [],
    traces: [{ organId: e.from.code, timestamp: edxmlTimestamp(e.at) }],
    business: { documentId: e.documentId, bussinessDocType: 0, paper: 0, replacementInfoList: [] },
    attachments: e.attachments,
  };
}

async function storeAndQueue(ctx: AppContext, tx: Sql, e: Envelope, from: { code: string }, to: { code: string; name: string; node: string }): Promise<void> {
  const signed = await signAs(ctx, tx, { code: from.code, name: e.from.organName }, buildEnvelope(e));
  const now = ctx.clock.now();
  if (!(await repo.insertDocument(tx, documentRow(e, signed, { outgoing: true, createdBy: null, createdAt: now })))) return;
  await repo.upsertRecipient(tx, { documentId: e.documentId, agencyCode: to.code, agencyName: to.name, hostedHere: false });
  await repo.enqueue(tx, { messageId: `${e.documentId}|edoc|0`, targetNode: to.node, kind: 'edoc', body: signed, at: now });
}

const part = (e: Envelope, name: string) => e.attachments.find((a) => a.attachmentName === name);

/**
 * Receiving side, inside the envelope's own storing transaction (so at most once with it): a
 * step envelope becomes the dossier copy here; a result envelope completes the lead's step.
 * Anything else is an ordinary document. Answers what was done, for the log.
 */
export async function applyDossierEnvelope(ctx: AppContext, tx: Sql, e: Envelope, sender: string | null): Promise<string | null> {
  if (e.documentType.typeName === STEP_TYPE) {
    const body = part(e, DOSSIER_PART);
    if (!body || !sender) return 'malformed';
    const pkg = JSON.parse(body.content.toString('utf8')) as { leadNode: string; rows: DossierRows; files: { fileId: string; contentId: string }[] };
    // Only the dossier's lead agency (who signed) hands its steps out.
    if (pkg.rows?.dossier?.competent_agency !== e.from.organId) return 'not_lead';
    const files: FederatedFile[] = pkg.files.flatMap((f) => {
      const a = e.attachments.find((x) => x.contentId === f.contentId);
      return a ? [{ fileId: f.fileId, name: a.attachmentName, mediaType: a.contentType, bytes: a.content }] : [];
    });
    // The lead node is the node the registry says hosts the signing agency, not what the package claims.
    return importFederatedStep(ctx, tx, { rows: pkg.rows, files, leadNode: sender });
  }
  if (e.documentType.typeName === UPDATE_TYPE) {
    const body = part(e, UPDATE_PART);
    if (!body || !sender) return 'malformed';
    const pkg = JSON.parse(body.content.toString('utf8')) as { seq: number; rows: DossierRows; files: { fileId: string; contentId: string }[] };
    if (pkg.rows?.dossier?.competent_agency !== e.from.organId || !Number.isInteger(pkg.seq)) return 'not_lead';
    const files: FederatedFile[] = pkg.files.flatMap((f) => {
      const a = e.attachments.find((x) => x.contentId === f.contentId);
      return a ? [{ fileId: f.fileId, name: a.attachmentName, mediaType: a.contentType, bytes: a.content }] : [];
    });
    const appliedSeq = await repo.lastCopyUpdateSeq(tx, e.code.codeNumber, e.documentId);
    return updateFederatedCopy(ctx, tx, { rows: pkg.rows, files, leadNode: sender, seq: pkg.seq, appliedSeq });
  }
  if (e.documentType.typeName === RESULT_TYPE) {
    const body = part(e, RESULT_PART);
    if (!body || !sender) return 'malformed';
    const r = JSON.parse(body.content.toString('utf8')) as { dossierId: string; step: number; agency: string; note: string; officer: string; file: string | null };
    if (r.agency !== e.from.organId) return 'not_open';
    const a = r.file ? e.attachments.find((x) => x.contentId === r.file) : undefined;
    return completeFederatedStep(ctx, tx, {
      dossierId: r.dossierId,
      step: r.step,
      agency: r.agency,
      node: sender,
      officer: r.officer,
      note: r.note || `Hoàn thành bước ${r.step}`,
      file: a ? { name: a.attachmentName, mediaType: a.contentType, bytes: a.content } : null,
    });
  }
  return null;
}
