import { randomUUID } from 'node:crypto';
import type { AppContext } from '#platform/context.ts';
import type { Actor } from '#platform/actor.ts';
import { appendAudit } from '#platform/audit.ts';
import { localDate, toLocalIso } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { deliveryOf, hostedElsewhere } from '#modules/exchange/index.ts';
import { type Agency, findAgency } from '#modules/places/index.ts';
import { signAsPerson, verifyPersonSignature } from '#modules/signatures/index.ts';
import { noticeEvents } from '#modules/notifications/index.ts';
import { may, type Staff, staffOf } from './policy.ts';
import { sendDecision, sendSubmission } from './federated-reports.ts';
import { prefilledWithOrigin } from './prefill.ts';
import { checkedRegime, type DatedPeriod, periodOrThrow, receivingOf, regimeOrThrow } from './regimes.ts';
import { ReportingErrors } from './reporting.errors.ts';
import * as repo from './reporting.repository.ts';
import { completenessProblems, indicatorsFor, readValues, type ValueProblem } from './values.ts';

type Ctx = Pick<AppContext, 'config' | 'clock'>;
export interface ReportKey {
  regime: string;
  period: string;
  unit: string;
}
export type ReportAction = 'submit' | 'return' | 'accept';

export interface LoadedReport {
  regime: repo.RegimeRow;
  period: DatedPeriod;
  unit: Agency;
  receiving: Agency;
  row: repo.ReportRow | null;
  staff: Staff;
}

const chain = (r: LoadedReport) => `reporting:${r.regime.code}:${r.period.period}:${r.unit.code}`;
/** Figures still follow the dossier data while the unit works on them (not once handed in for signature). */
const live = (row: repo.ReportRow | null) => !row || row.status === 'draft' || row.status === 'returned';

/** A report for its reader (the unit's staff; the receiving unit once submitted); anyone else: 404. */
export async function loadReport(ctx: Pick<AppContext, 'config'>, tx: Sql, actor: Actor, key: ReportKey, now: Date, options: { lock?: boolean } = {}): Promise<LoadedReport> {
  const staff = await staffOf(tx, actor);
  if (!may.any(staff)) throw ReportingErrors.REPORT_NOT_FOUND();
  const unit = await findAgency(tx, key.unit);
  if (!unit) throw ReportingErrors.REPORT_NOT_FOUND();
  const row = await repo.findReport(tx, key, options);
  const regime = row ? checkedRegime(await repo.regimeVersion(tx, row.regimeCode, row.regimeVersion)) : await regimeOrThrow(tx, key.regime, localDate(now));
  if (!regime) throw ReportingErrors.REGIME_NOT_FOUND();
  const receiving = await receivingOf(ctx, tx, regime, unit);
  if (!receiving) throw ReportingErrors.REPORT_NOT_FOUND();
  if (!may.read(staff, unit.code, receiving.code, row?.status ?? null)) throw ReportingErrors.REPORT_NOT_FOUND();
  const period = await periodOrThrow(tx, regime, key.period);
  return { regime, period, unit, receiving, row, staff };
}

/** The report's figures as they stand: stored values, and for a report still being worked on the current pre-filled figures where no correction was made. */
export async function currentFigures(tx: Sql, r: LoadedReport, now: Date) {
  const stored = r.row;
  const fresh = live(stored) ? await prefilledWithOrigin(tx, r.regime.definition, r.unit, r.period, now) : null;
  const prefilled = fresh ? fresh.figures : (stored?.prefilled ?? {});
  const corrections = { ...(stored?.corrections ?? {}) };
  const values: Record<string, repo.Value> = {};
  for (const ind of indicatorsFor(r.regime.definition, r.unit.kind)) values[ind.code] = stored?.values[ind.code] ?? null;
  for (const [code, figure] of Object.entries(prefilled)) {
    if (corrections[code]) corrections[code] = { ...corrections[code], prefilled: figure };
    else values[code] = figure;
  }
  return { values, prefilled, corrections, origin: fresh?.origin ?? null };
}

/** A report of a unit hosted by another installation, kept here for its receiving unit: filled and signed only there. */
const copyFromElsewhere = (r: LoadedReport) => Boolean(r.row?.fromNode);
/** A report sent to its receiving unit at another installation: returned or accepted only there. */
const sentElsewhere = (r: LoadedReport) => Boolean(r.row?.sentToNode);

export function allowedActions(r: LoadedReport): ('save' | ReportAction)[] {
  const status = r.row?.status ?? 'draft';
  const out: ('save' | ReportAction)[] = [];
  const editable = status === 'draft' || status === 'returned';
  const unitSide = !copyFromElsewhere(r);
  const receiverSide = !sentElsewhere(r) && may.review(r.staff, r.receiving.code) && status === 'submitted';
  if (unitSide && may.edit(r.staff, r.unit.code) && editable) out.push('save', 'submit');
  else if (unitSide && may.sign(r.staff, r.unit.code) && status === 'pending_signature') out.push('submit');
  if ((unitSide && may.sign(r.staff, r.unit.code) && status === 'pending_signature') || receiverSide) out.push('return');
  if (receiverSide) out.push('accept');
  return out;
}

const invalid = (problems: ValueProblem[]) =>
  ReportingErrors.REPORT_VALUES_INVALID({ details: problems.map((p) => ({ field: `values.${p.indicator}`, message: p.message })) });

async function ensureRow(tx: Sql, r: LoadedReport, now: Date): Promise<repo.ReportRow> {
  if (r.row) return r.row;
  await repo.insertReport(tx, {
    id: randomUUID(),
    regimeCode: r.regime.code,
    regimeVersion: r.regime.validFrom,
    period: r.period.period,
    unitCode: r.unit.code,
    receivingCode: r.receiving.code,
    periodFrom: r.period.from,
    periodTo: r.period.to,
    dueDate: r.period.dueDate,
    at: now,
  });
  r.row = (await repo.findReport(tx, { regime: r.regime.code, period: r.period.period, unit: r.unit.code }, { lock: true }))!;
  return r.row;
}

/**
 * PUT values: the unit's officer or leader saves figures of a draft (or returned) report. A
 * pre-filled figure changed needs a written reason; both the figure from the data and the
 * corrected one are kept. Checked by type and range (400 naming each figure); completeness
 * and the sum checks are asked only at submission. Idempotent: the same body twice stores the same.
 */
export async function saveValues(
  ctx: Ctx,
  tx: Sql,
  actor: Actor,
  key: ReportKey,
  input: { values: Record<string, unknown>; reasons?: Record<string, string> },
): Promise<LoadedReport> {
  const now = ctx.clock.now();
  const r = await loadReport(ctx, tx, actor, key, now, { lock: true });
  if (!may.edit(r.staff, r.unit.code)) throw ReportingErrors.REPORTING_NOT_ALLOWED();
  if (copyFromElsewhere(r)) throw ReportingErrors.REPORT_KEPT_ELSEWHERE({ node: r.row!.fromNode }, { node: r.row!.fromNode! });
  const status = r.row?.status ?? 'draft';
  if (status !== 'draft' && status !== 'returned') throw ReportingErrors.REPORT_LOCKED({ status }, { status });
  const { values: given, problems } = readValues(r.regime.definition, r.unit.kind, input.values);
  if (problems.length) throw invalid(problems);
  const current = await currentFigures(tx, r, now);
  const values = { ...current.values, ...given };
  const corrections = { ...current.corrections };
  const reasonProblems: ValueProblem[] = [];
  for (const [code, figure] of Object.entries(current.prefilled)) {
    if (!(code in given)) continue;
    const value = given[code];
    if (value === null || value === figure) {
      delete corrections[code];
      values[code] = figure;
      continue;
    }
    const reason = input.reasons?.[code]?.normalize('NFC').trim() || (corrections[code]?.value === value ? corrections[code].reason : '');
    if (!reason) {
      reasonProblems.push({ indicator: code, message: `Số liệu tự động là ${figure.toLocaleString('vi-VN')}; điều chỉnh thành ${Number(value).toLocaleString('vi-VN')} cần ghi rõ lý do` });
      continue;
    }
    corrections[code] = { prefilled: figure, value: Number(value), reason, by: actor.username, at: toLocalIso(now) };
  }
  if (reasonProblems.length) throw invalid(reasonProblems);
  const row = await ensureRow(tx, r, now);
  await repo.saveValues(tx, row.id, { values, prefilled: current.prefilled, corrections, at: now });
  await appendAudit(tx, {
    chain: chain(r),
    actorId: actor.id,
    action: 'reporting.values.save',
    subjectType: 'report',
    subjectId: row.id,
    data: { values: given, corrections: Object.fromEntries(Object.keys(given).filter((c) => corrections[c]).map((c) => [c, corrections[c]])) },
    at: now,
  });
  return loadReport(ctx, tx, actor, key, now);
}

/** The exact text a leader signs: the report's identity and figures (keys in a fixed order). */
export function signedTextOf(r: LoadedReport, figures: { values: Record<string, repo.Value>; corrections: Record<string, repo.Correction> }, signer: string, at: Date): string {
  const sorted = <T>(o: Record<string, T>) => Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
  return JSON.stringify({
    kind: 'bao-cao',
    regime: r.regime.code,
    regimeVersion: r.regime.validFrom,
    period: r.period.period,
    from: r.period.from,
    to: r.period.to,
    unit: r.unit.code,
    unitName: r.unit.name,
    receivingUnit: r.receiving.code,
    values: sorted(figures.values),
    corrections: sorted(figures.corrections),
    signedBy: signer,
    signedAt: toLocalIso(at),
  });
}

async function notify(tx: Sql, userIds: string[], key: string, at: Date, title: string, body: string, link: string) {
  if (userIds.length === 0) return;
  await noticeEvents.emit(tx, 'notice.users', { key, at, payload: { userIds: [...new Set(userIds)], title, body, link } });
}

export const reportLink = (r: { regime: { code: string }; period: { period: string }; unit: { code: string } }) =>
  `/bao-cao?regime=${encodeURIComponent(r.regime.code)}&period=${encodeURIComponent(r.period.period)}&unit=${encodeURIComponent(r.unit.code)}`;

/**
 * POST actions. submit: the officer hands the report in for signature (pending_signature); the
 * leader signs it with their personal X.509 certificate and submits it (submitted; late when
 * after the due date). return (reason): the leader sends a report awaiting signature back to
 * the officer, the receiving unit returns a submitted report. accept: the receiving unit.
 * Retries of a done action change nothing.
 */
export async function actOnReport(ctx: Ctx, tx: Sql, actor: Actor, key: ReportKey, input: { action: ReportAction; reason?: string }): Promise<LoadedReport> {
  const now = ctx.clock.now();
  const r = await loadReport(ctx, tx, actor, key, now, { lock: true });
  const status = r.row?.status ?? 'draft';
  const refuse = () => ReportingErrors.REPORT_ACTION_NOT_ALLOWED({ status }, { action: input.action, status });
  const audit = (action: string, data: Record<string, unknown>) =>
    appendAudit(tx, { chain: chain(r), actorId: actor.id, action, subjectType: 'report', subjectId: r.row!.id, data, at: now });
  const label = `${r.regime.name} — ${r.period.label}`;

  if (input.action === 'submit') {
    if (!may.edit(r.staff, r.unit.code)) throw ReportingErrors.REPORTING_NOT_ALLOWED();
    if (status === 'submitted' || status === 'accepted') return r; // a retry
    if (copyFromElsewhere(r)) throw ReportingErrors.REPORT_KEPT_ELSEWHERE({ node: r.row!.fromNode }, { node: r.row!.fromNode! });
    if (status === 'pending_signature' && !may.sign(r.staff, r.unit.code)) return r; // handed in already
    const figures = await currentFigures(tx, r, now);
    const problems = completenessProblems(r.regime.definition, r.unit.kind, figures.values);
    if (problems.length) throw ReportingErrors.REPORT_INCOMPLETE({ details: problems.map((p) => ({ field: `values.${p.indicator}`, message: p.message })) });
    const row = await ensureRow(tx, r, now);
    if (live(row)) await repo.saveValues(tx, row.id, { ...figures, at: now });
    if (!may.sign(r.staff, r.unit.code)) {
      await repo.setStatus(tx, row.id, 'pending_signature', now, { returnedReason: null });
      await audit('reporting.report.hand_in', {});
      const leaders = await repo.staffIds(tx, [r.unit.code], ['leader']);
      await notify(tx, leaders.map((l) => l.userId), `${row.id}:hand_in:${row.version}`, now, 'Báo cáo chờ ký số', `${label} của ${r.unit.name} chờ lãnh đạo ký số và gửi.`, reportLink(r));
      return loadReport(ctx, tx, actor, key, now);
    }
    const signedAt = now;
    const signedText = signedTextOf(r, figures, actor.username, signedAt);
    const person = { userId: actor.id, username: actor.username, fullName: actor.fullName, title: 'Lãnh đạo đơn vị', organisation: r.unit.name };
    const { signature } = await signAsPerson(ctx, tx, person, Buffer.from(signedText, 'utf8'), signedAt);
    const late = localDate(now) > r.period.dueDate;
    const seq = await repo.recordSubmission(tx, row.id, { by: actor.id, at: now, signedText, signature, late });
    await audit('reporting.report.submit', { seq, late, dueDate: r.period.dueDate });
    // A receiving unit hosted by another installation gets it there, over the interconnection axis.
    const submittedRow = (await repo.findReport(tx, key, { lock: true }))!;
    await sendSubmission(ctx, tx, { row: submittedRow, unitName: r.unit.name, label }, { seq, at: now, late, signedText, signature, signerName: actor.fullName, actorId: actor.id });
    const receivers = await repo.staffIds(tx, [r.receiving.code], ['receiver']);
    await notify(
      tx,
      receivers.map((x) => x.userId),
      `${row.id}:submit:${seq}`,
      now,
      seq > 1 ? 'Báo cáo được gửi lại' : 'Báo cáo mới',
      `${r.unit.name} đã gửi ${label}${late ? ' (quá hạn)' : ''}.`,
      reportLink(r),
    );
    return loadReport(ctx, tx, actor, key, now);
  }

  if (input.action === 'return') {
    const reason = input.reason?.normalize('NFC').trim();
    if (!reason) throw ReportingErrors.RETURN_REASON_REQUIRED();
    const byReceiver = may.review(r.staff, r.receiving.code);
    const byLeader = may.sign(r.staff, r.unit.code);
    if (status === 'returned' && byReceiver && r.row?.returnedReason === reason) return r; // a retry
    if (status === 'submitted' && byReceiver) {
      if (sentElsewhere(r)) throw ReportingErrors.REPORT_RECEIVED_ELSEWHERE({ node: r.row!.sentToNode }, { node: r.row!.sentToNode! });
      await repo.setStatus(tx, r.row!.id, 'returned', now, { returnedReason: reason });
      await audit('reporting.report.return', { reason });
      if (copyFromElsewhere(r)) await sendDecision(ctx, tx, r.row!, { action: 'return', reason, actorId: actor.id, by: actor.fullName, at: now });
      const unitStaff = await repo.staffIds(tx, [r.unit.code], ['officer', 'leader']);
      await notify(tx, unitStaff.map((x) => x.userId), `${r.row!.id}:return:${r.row!.version}`, now, 'Báo cáo bị trả lại', `${r.receiving.name} trả lại ${label}: ${reason}`, reportLink(r));
      return loadReport(ctx, tx, actor, key, now);
    }
    if (status === 'pending_signature' && byLeader) {
      await repo.setStatus(tx, r.row!.id, 'draft', now, { returnedReason: reason });
      await audit('reporting.report.send_back', { reason });
      const officers = await repo.staffIds(tx, [r.unit.code], ['officer']);
      await notify(tx, officers.map((x) => x.userId), `${r.row!.id}:send_back:${r.row!.version}`, now, 'Lãnh đạo đề nghị chỉnh sửa báo cáo', `${label}: ${reason}`, reportLink(r));
      return loadReport(ctx, tx, actor, key, now);
    }
    if (!byReceiver && !byLeader) throw ReportingErrors.RECEIVER_ONLY();
    throw refuse();
  }

  if (!may.review(r.staff, r.receiving.code)) throw ReportingErrors.RECEIVER_ONLY();
  if (status === 'accepted') return r; // a retry
  if (status !== 'submitted') throw refuse();
  if (sentElsewhere(r)) throw ReportingErrors.REPORT_RECEIVED_ELSEWHERE({ node: r.row!.sentToNode }, { node: r.row!.sentToNode! });
  await repo.setStatus(tx, r.row!.id, 'accepted', now, { acceptedBy: actor.id });
  await audit('reporting.report.accept', {});
  if (copyFromElsewhere(r)) await sendDecision(ctx, tx, r.row!, { action: 'accept', reason: null, actorId: actor.id, by: actor.fullName, at: now });
  const unitStaff = await repo.staffIds(tx, [r.unit.code], ['officer', 'leader']);
  await notify(tx, unitStaff.map((x) => x.userId), `${r.row!.id}:accept`, now, 'Báo cáo đã được tiếp nhận', `${r.receiving.name} đã tiếp nhận ${label}.`, reportLink(r));
  return loadReport(ctx, tx, actor, key, now);
}

/**
 * Who signed a submission: a user of this installation, or `<node>/<username>` for a report
 * received from another installation (the name then comes from the certificate).
 */
async function signerOf(tx: Sql, submittedBy: string): Promise<{ username: string; fullName: string | null }> {
  const remote = /^[^/]+\/(.+)$/.exec(submittedBy);
  if (remote) return { username: remote[1], fullName: null };
  const user = await repo.userBrief(tx, submittedBy);
  return { username: user?.username ?? '', fullName: user?.fullName ?? null };
}

/**
 * Which installation decides, when another one is involved: `receivingNode` hosts the receiving
 * unit (the signed report goes, or went, there; its return or acceptance comes back), with the
 * state of the envelope that carried the latest submission (`queued` until the receiving
 * installation confirms its arrival, `arrived`, `refused`); `unitNode` is where a report received
 * here was filled and signed. Both null: everything happens at this installation.
 */
async function elsewhereOf(ctx: Ctx, tx: Sql, r: LoadedReport) {
  const row = r.row;
  const unitNode = row?.fromNode ?? null;
  const receivingNode = unitNode ? null : (row?.sentToNode ?? (await hostedElsewhere(ctx, tx, r.receiving.code)));
  let delivery: 'queued' | 'arrived' | 'refused' | null = null;
  if (receivingNode && row?.sentDocumentId) {
    const code = (await deliveryOf(tx, row.sentDocumentId))?.recipients.find((x) => x.agency === r.receiving.code)?.statusCode ?? null;
    delivery = code === '02' ? 'refused' : code ? 'arrived' : 'queued';
  }
  return { receivingNode, unitNode, delivery };
}

/** The report for the API: figures, status, late flag, signature checked for real, allowed actions. */
export async function presentReport(ctx: Ctx, tx: Sql, r: LoadedReport) {
  const now = ctx.clock.now();
  const row = r.row;
  const figures = await currentFigures(tx, r, now);
  const status = row?.status ?? 'draft';
  const submitted = status === 'submitted' || status === 'accepted' || status === 'returned';
  let signature = null;
  if (row?.signedText && row.signature && row.submittedBy) {
    const signer = await signerOf(tx, row.submittedBy);
    const check = await verifyPersonSignature(ctx, tx, { content: Buffer.from(row.signedText, 'utf8'), signature: row.signature, username: signer.username });
    const certificateName = check.signer?.subject.match(/(?:^|, )CN=([^,]+)/)?.[1] ?? null;
    signature = { signedText: row.signedText, signature: row.signature, valid: check.valid, signer: signer.fullName ?? certificateName, signerUsername: signer.username || null, certificate: check.signer?.subject ?? null };
  }
  const submissions = row ? await repo.submissionsOf(tx, row.id) : [];
  return {
    id: row?.id ?? null,
    regime: r.regime.code,
    regimeName: r.regime.name,
    regimeVersion: r.regime.validFrom,
    period: r.period.period,
    periodLabel: r.period.label,
    from: r.period.from,
    to: r.period.to,
    dueDate: r.period.dueDate,
    unit: r.unit.code,
    unitName: r.unit.name,
    receivingUnit: r.receiving.code,
    receivingUnitName: r.receiving.name,
    status,
    late: row?.late ?? false,
    overdue: !submitted && localDate(now) > r.period.dueDate,
    values: figures.values,
    prefilled: figures.prefilled,
    prefilledFrom: Object.keys(figures.prefilled).length ? figures.origin : null,
    corrections: Object.entries(figures.corrections).map(([indicator, c]) => ({ indicator, ...c })),
    indicators: indicatorsFor(r.regime.definition, r.unit.kind).map((i) => i.code),
    submittedAt: row?.submittedAt ? toLocalIso(row.submittedAt) : null,
    returnedReason: row?.returnedReason ?? null,
    acceptedAt: row?.acceptedAt ? toLocalIso(row.acceptedAt) : null,
    signature,
    submissions: await Promise.all(
      submissions.map(async (s) => {
        const signer = await signerOf(tx, s.submittedBy);
        return { seq: s.seq, submittedBy: signer.fullName ?? signer.username, submittedAt: toLocalIso(s.submittedAt), late: s.late };
      }),
    ),
    allowedActions: allowedActions(r),
    elsewhere: await elsewhereOf(ctx, tx, r),
  };
}
