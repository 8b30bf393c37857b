import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '#platform/context.ts';
import { audit } from '#platform/audit.ts';
import type { Sql } from '#platform/db.ts';
import { type ModuleEnvelope, type ModuleEnvelopeOutcome, onModuleEnvelope, sendModuleEnvelope } from '#modules/exchange/index.ts';
import { findAgency } from '#modules/places/index.ts';
import { verifyPersonSignature } from '#modules/signatures/index.ts';
import { noticeEvents } from '#modules/notifications/index.ts';
import { checkedRegime, periodOrThrow, receivingOf } from './regimes.ts';
import * as repo from './reporting.repository.ts';
import { REQUEST_TYPE, receiveRequest } from './federated-requests.ts';

/**
 * Reports across installations (issue 17 item 6). When the receiving unit of a report is hosted by
 * another installation (the exchange's registry), the leader's signed submission travels there as
 * an envelope "Báo cáo" from the unit to the receiving unit over the interconnection axis (exchange
 * `sendModuleEnvelope`: signed with the unit's agency certificate, HTTP or JetStream, stored once
 * by DocumentId), carrying the signed text, the leader's CMS signature and the pre-filled figures.
 * There it becomes the same report, status `submitted`, its signature verified again; the
 * receiving unit returns or accepts it as any report, and its decision travels back as an
 * envelope "Kết quả tiếp nhận báo cáo", which moves the report at the unit's installation.
 * Every step is audited on both sides; a replayed envelope changes nothing.
 */
/** Names no clerk's document type takes ('Báo cáo' is one: type 4 of the axis), so the registers can leave these out by name. */
export const SUBMISSION_TYPE = 'Gói báo cáo (hệ thống báo cáo)';
export const DECISION_TYPE = 'Gói kết quả tiếp nhận báo cáo (hệ thống báo cáo)';

type Ctx = Pick<AppContext, 'config' | 'clock'>;
type Key = { regime: string; period: string; unit: string };

const chainOf = (k: Key) => `reporting:${k.regime}:${k.period}:${k.unit}`;
/** The envelopes' numbers, unique per sending agency and year (exchange_documents_number): `BC-<regime>-<period>-<n>` from the unit, `<regime>-<period>-<unit>-<n>` from the receiving unit. */
const submissionNumber = (k: Key, seq: number) => `BC-${k.regime}-${k.period}-${seq}`;
const decisionNumber = (k: Key, seq: number) => `${k.regime}-${k.period}-${k.unit}-${seq}`;

const Submission = z.object({
  regime: z.string().min(1),
  regimeVersion: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  period: z.string().min(1),
  unit: z.string().min(1),
  receivingUnit: z.string().min(1),
  seq: z.number().int().min(1),
  submittedAt: z.string().min(1),
  late: z.boolean(),
  prefilled: z.record(z.string(), z.number()),
  signedText: z.string().min(1),
  signature: z.string().min(1),
  signerName: z.string(),
});
const SignedText = z.object({
  regime: z.string(),
  regimeVersion: z.string(),
  period: z.string(),
  unit: z.string(),
  receivingUnit: z.string(),
  values: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
  corrections: z.record(z.string(), z.object({ prefilled: z.number(), value: z.number(), reason: z.string(), by: z.string(), at: z.string() })),
  signedBy: z.string().min(1),
});
const Decision = z.object({
  regime: z.string().min(1),
  period: z.string().min(1),
  unit: z.string().min(1),
  seq: z.number().int().min(1),
  action: z.enum(['return', 'accept']),
  reason: z.string().nullable(),
  by: z.string(),
  at: z.string(),
});

async function notify(tx: Sql, userIds: string[], key: string, at: Date, title: string, body: string, k: Key) {
  if (userIds.length === 0) return;
  const link = `/bao-cao?regime=${encodeURIComponent(k.regime)}&period=${encodeURIComponent(k.period)}&unit=${encodeURIComponent(k.unit)}`;
  await noticeEvents.emit(tx, 'notice.users', { key, at, payload: { userIds: [...new Set(userIds)], title, body, link } });
}

/**
 * At the unit's installation, in the submission's transaction: sends the signed submission `seq`
 * to the installation hosting the receiving unit. False when the receiving unit is hosted here.
 */
export async function sendSubmission(
  ctx: Ctx,
  tx: Sql,
  r: { row: repo.ReportRow; unitName: string; label: string },
  s: { seq: number; at: Date; late: boolean; signedText: string; signature: string; signerName: string; actorId: string },
): Promise<boolean> {
  const { row } = r;
  const key = { regime: row.regimeCode, period: row.period, unit: row.unitCode };
  const sent = await sendModuleEnvelope(ctx, tx, {
    type: SUBMISSION_TYPE,
    from: row.unitCode,
    to: row.receivingCode,
    codeNumber: submissionNumber(key, s.seq),
    notation: 'BC',
    at: s.at,
    subject: `${r.label} — ${r.unitName}${s.seq > 1 ? ` (gửi lại lần ${s.seq - 1})` : ''}`,
    value: {
      regime: row.regimeCode,
      regimeVersion: row.regimeVersion,
      period: row.period,
      unit: row.unitCode,
      receivingUnit: row.receivingCode,
      seq: s.seq,
      submittedAt: s.at.toISOString(),
      late: s.late,
      prefilled: row.prefilled,
      signedText: s.signedText,
      signature: s.signature,
      signerName: s.signerName,
    } satisfies z.infer<typeof Submission>,
  });
  if (!sent) return false;
  await repo.markSentTo(tx, row.id, sent.node, sent.documentId);
  await audit(tx, { actor: { id: s.actorId }, now: s.at }, 'reporting.report.send', {
    chain: chainOf(key),
    subject: ['report', row.id],
    data: { seq: s.seq, node: sent.node, documentId: sent.documentId },
  });
  return true;
}

/** At the receiving unit's installation, in the return's or acceptance's transaction: sends the decision back to the report's installation. */
export async function sendDecision(ctx: Ctx, tx: Sql, row: repo.ReportRow, d: { action: 'return' | 'accept'; reason: string | null; actorId: string; by: string; at: Date }): Promise<void> {
  const key = { regime: row.regimeCode, period: row.period, unit: row.unitCode };
  const seq = (await repo.submissionsOf(tx, row.id)).length;
  const sent = await sendModuleEnvelope(ctx, tx, {
    type: DECISION_TYPE,
    from: row.receivingCode,
    to: row.unitCode,
    codeNumber: decisionNumber(key, seq),
    notation: d.action === 'accept' ? 'TN' : 'TL',
    at: d.at,
    subject: d.action === 'accept' ? 'Tiếp nhận báo cáo' : 'Trả lại báo cáo',
    content: d.reason ?? undefined,
    value: { ...key, seq, action: d.action, reason: d.reason, by: d.by, at: d.at.toISOString() } satisfies z.infer<typeof Decision>,
  });
  if (!sent) return;
  await audit(tx, { actor: { id: d.actorId }, now: d.at }, 'reporting.report.send_decision', {
    chain: chainOf(key),
    subject: ['report', row.id],
    data: { action: d.action, seq, node: sent.node, documentId: sent.documentId },
  });
}

const refused = (problem: string, detail: string) => ({ refused: problem, detail });

/**
 * At the receiving unit's installation: a submission arrives. Refused (nothing stored, the sender
 * told) unless the envelope comes from the report's unit to its receiving unit under a regime
 * version known here, and the leader's signature over the signed text verifies against the
 * roots trusted here. The figures stored are those of the signed text. A submission already
 * held (same number) changes nothing.
 */
export async function receiveSubmission(ctx: AppContext, tx: Sql, e: ModuleEnvelope): Promise<ModuleEnvelopeOutcome> {
  const parsed = Submission.safeParse(e.value);
  if (!parsed.success) return refused('REPORT_MALFORMED', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const s = parsed.data;
  if (s.unit !== e.from.code || s.receivingUnit !== e.to.code) return refused('REPORT_NOT_FROM_UNIT', `a report of ${s.unit} to ${s.receivingUnit} sent by ${e.from.code} to ${e.to.code}`);
  let text: z.infer<typeof SignedText>;
  try {
    text = SignedText.parse(JSON.parse(s.signedText));
  } catch {
    return refused('REPORT_MALFORMED', 'the signed text is not a report');
  }
  if (text.regime !== s.regime || text.regimeVersion !== s.regimeVersion || text.period !== s.period || text.unit !== s.unit || text.receivingUnit !== s.receivingUnit)
    return refused('REPORT_MALFORMED', 'the signed text names another report');
  const check = await verifyPersonSignature(ctx, tx, { content: Buffer.from(s.signedText, 'utf8'), signature: s.signature, username: text.signedBy });
  if (!check.valid) return refused('REPORT_SIGNATURE_INVALID', `the leader's signature does not verify (${check.reason ?? 'invalid'})`);
  const regime = checkedRegime(await repo.regimeVersion(tx, s.regime, s.regimeVersion));
  if (!regime) return refused('REGIME_UNKNOWN', `regime ${s.regime} version ${s.regimeVersion} is not known here`);
  const unit = await findAgency(tx, s.unit);
  const receiving = unit ? await receivingOf(ctx, tx, regime, unit) : null;
  if (!unit || receiving?.code !== s.receivingUnit) return refused('NOT_THE_RECEIVING_UNIT', `${s.receivingUnit} does not receive ${s.regime} from ${s.unit}`);
  const period = await periodOrThrow(tx, regime, s.period).catch(() => null);
  if (!period) return refused('REPORT_MALFORMED', `period ${s.period} is not a period of ${s.regime}`);
  const key = { regime: s.regime, period: s.period, unit: s.unit };
  const now = ctx.clock.now();
  let row = await repo.findReport(tx, key, { lock: true });
  if (row && row.fromNode !== e.senderNode) return refused('REPORT_HELD_HERE', `the report of ${s.unit} for ${s.period} is kept by ${row.fromNode ?? 'this installation'}`);
  if (!row) {
    await repo.insertReport(tx, {
      id: randomUUID(),
      regimeCode: regime.code,
      regimeVersion: regime.validFrom,
      period: period.period,
      unitCode: unit.code,
      receivingCode: receiving.code,
      periodFrom: period.from,
      periodTo: period.to,
      dueDate: period.dueDate,
      at: now,
      fromNode: e.senderNode,
    });
    row = (await repo.findReport(tx, key, { lock: true }))!;
  }
  const held = (await repo.submissionsOf(tx, row.id)).length;
  if (s.seq <= held) return 'duplicate';
  if (s.seq !== held + 1 || (row.status !== 'draft' && row.status !== 'returned')) return refused('REPORT_OUT_OF_ORDER', `submission ${s.seq} of a report holding ${held} (${row.status})`);
  await repo.saveValues(tx, row.id, { values: text.values, prefilled: s.prefilled, corrections: text.corrections, at: now });
  await repo.recordSubmission(tx, row.id, { by: `${e.senderNode}/${text.signedBy}`, at: new Date(s.submittedAt), signedText: s.signedText, signature: s.signature, late: s.late });
  await audit(tx, { actor: null, now }, 'reporting.report.receive', {
    chain: chainOf(key),
    subject: ['report', row.id],
    data: { seq: s.seq, node: e.senderNode, documentId: e.documentId, signer: text.signedBy, late: s.late },
  });
  const receivers = await repo.staffIds(tx, [receiving.code], ['receiver']);
  await notify(
    tx,
    receivers.map((x) => x.userId),
    `${row.id}:submit:${s.seq}`,
    now,
    s.seq > 1 ? 'Báo cáo được gửi lại' : 'Báo cáo mới',
    `${unit.name} đã gửi ${regime.name} — ${period.label}${s.late ? ' (quá hạn)' : ''}.`,
    key,
  );
  return 'submitted';
}

/**
 * At the unit's installation: the receiving unit's return or acceptance arrives. Refused unless it
 * comes from the report's receiving unit at the installation the report was sent to; applied to
 * the submission it answers (a decision about an older submission, or one already applied,
 * changes nothing).
 */
export async function receiveDecision(ctx: AppContext, tx: Sql, e: ModuleEnvelope): Promise<ModuleEnvelopeOutcome> {
  const parsed = Decision.safeParse(e.value);
  if (!parsed.success) return refused('REPORT_MALFORMED', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const d = parsed.data;
  const key = { regime: d.regime, period: d.period, unit: d.unit };
  const row = await repo.findReport(tx, key, { lock: true });
  if (!row || row.unitCode !== e.to.code) return refused('REPORT_UNKNOWN', `no report of ${d.unit} for ${d.regime} ${d.period} here`);
  if (row.receivingCode !== e.from.code || row.sentToNode !== e.senderNode) return refused('NOT_THE_RECEIVING_UNIT', `${e.from.code} at ${e.senderNode} does not receive this report`);
  const held = (await repo.submissionsOf(tx, row.id)).length;
  if (d.seq !== held || row.status !== 'submitted') return 'unchanged';
  const now = ctx.clock.now();
  const reason = d.reason?.normalize('NFC').trim() || null;
  if (d.action === 'return' && !reason) return refused('REPORT_MALFORMED', 'a return without its reason');
  await repo.setStatus(tx, row.id, d.action === 'return' ? 'returned' : 'accepted', now, d.action === 'return' ? { returnedReason: reason } : { acceptedBy: `${e.senderNode}/${d.by}` });
  await audit(tx, { actor: null, now }, d.action === 'return' ? 'reporting.report.return' : 'reporting.report.accept', {
    chain: chainOf(key),
    subject: ['report', row.id],
    data: { seq: d.seq, node: e.senderNode, documentId: e.documentId, by: d.by, ...(reason ? { reason } : {}) },
  });
  const unitStaff = await repo.staffIds(tx, [row.unitCode], ['officer', 'leader']);
  const label = `báo cáo ${row.regimeCode} kỳ ${row.period}`;
  await notify(
    tx,
    unitStaff.map((x) => x.userId),
    `${row.id}:${d.action}:${d.seq}`,
    now,
    d.action === 'return' ? 'Báo cáo bị trả lại' : 'Báo cáo đã được tiếp nhận',
    d.action === 'return' ? `${e.from.name} trả lại ${label}: ${reason}` : `${e.from.name} đã tiếp nhận ${label}.`,
    key,
  );
  return d.action === 'return' ? 'returned' : 'accepted';
}

/** The `register` hook: the exchange hands this module its envelopes. */
export function registerReportEnvelopes(): void {
  onModuleEnvelope(SUBMISSION_TYPE, receiveSubmission);
  onModuleEnvelope(DECISION_TYPE, receiveDecision);
  onModuleEnvelope(REQUEST_TYPE, receiveRequest);
}
