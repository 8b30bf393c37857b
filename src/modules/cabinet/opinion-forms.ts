import { randomUUID } from 'node:crypto';
import type { AppContext } from '#platform/context.ts';
import type { Actor } from '#platform/actor.ts';
import { appendAudit } from '#platform/audit.ts';
import { localDate, localInstant, toLocalIso } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { addWorkingDays } from '#modules/calendar/index.ts';
import { getFile } from '#modules/files/index.ts';
import { signAsPerson, verifyPersonSignature } from '#modules/signatures/index.ts';
import { noticeEvents } from '#modules/notifications/index.ts';
import { bodyForSecretariat, freezeVoters, isChair, isSecretariat, type LoadedBody, loadBody, ruleOf, signingPerson, votersFrom, votingMembers } from './bodies.ts';
import { CabinetErrors } from './cabinet.errors.ts';
import * as repo from './cabinet.repository.ts';
import { decide, type Stance } from './decision-rule.ts';

type Ctx = Pick<AppContext, 'config' | 'clock'>;
const chain = (id: string) => `cabinet-form:${id}`;
export const READABLE_TYPES = ['application/pdf', 'image/png', 'image/jpeg'];

/** The deadline: the end (23:59:59, Vietnam time) of the N-th working day after the day of creation. */
export async function formDeadline(tx: Sql, createdAt: Date, workingDays: number): Promise<{ date: string; at: Date }> {
  const date = await addWorkingDays(tx, localDate(createdAt), workingDays);
  return { date, at: new Date(localInstant(date, '23:59').getTime() + 59_999) };
}

/** Documents of a form or agenda item: files the secretariat uploaded, readable inline (PDF or image). */
export async function checkDocuments(tx: Sql, actor: Actor, fileIds: string[]): Promise<void> {
  for (const fileId of fileIds) {
    const file = await getFile(tx, fileId);
    if (!file || file.uploadedBy !== actor.id) throw CabinetErrors.DOCUMENT_UNKNOWN({}, { fileId });
    if (!READABLE_TYPES.includes(file.mediaType)) throw CabinetErrors.DOCUMENT_TYPE_NOT_READABLE({}, { fileId });
  }
}

export interface CreateFormInput {
  body?: string;
  subject: string;
  question: string;
  options?: repo.Choice[];
  documents: string[];
  deadlineWorkingDays: number;
  recipients?: string[];
}

/** The secretariat drafts a form (status draft); recipients default to every voting member. */
export async function createOpinionForm(ctx: Ctx, tx: Sql, actor: Actor, input: CreateFormInput): Promise<repo.FormRow> {
  const body = await bodyForSecretariat(tx, actor, input.body);
  await checkDocuments(tx, actor, input.documents);
  const recipients = resolveRecipients(body, input.recipients);
  const now = ctx.clock.now();
  const deadline = await formDeadline(tx, now, input.deadlineWorkingDays);
  const id = randomUUID();
  const options = input.options?.length ? [...new Set(input.options)] : (['agree', 'disagree', 'other'] as repo.Choice[]);
  await repo.insertForm(tx, {
    id,
    bodyCode: body.code,
    subject: input.subject.normalize('NFC'),
    question: input.question.normalize('NFC'),
    options,
    documents: [...new Set(input.documents)],
    deadlineWorkingDays: input.deadlineWorkingDays,
    deadlineAt: deadline.at,
    rule: await ruleOf(tx, body.code, localDate(now)),
    createdBy: actor.id,
    createdAt: now,
    recipientsDefault: !input.recipients?.length,
  });
  await repo.insertRecipients(tx, id, [...new Set(recipients)]);
  await appendAudit(tx, { chain: chain(id), actorId: actor.id, action: 'cabinet.form.create', subjectType: 'opinion_form', subjectId: id, data: { body: body.code, subject: input.subject, recipients: recipients.length, deadline: toLocalIso(deadline.at) }, at: now });
  return (await repo.findForm(tx, id))!;
}

/** Recipients named by user name (each a voting member), or — none named — every voting member. */
export function resolveRecipients(body: LoadedBody, usernames: string[] | undefined): string[] {
  const voting = votingMembers(body);
  const ids = usernames?.length
    ? usernames.map((username) => {
        const m = voting.find((v) => v.username === username);
        if (!m) throw CabinetErrors.RECIPIENT_NOT_MEMBER({}, { username });
        return m.userId;
      })
    : voting.map((m) => m.userId);
  return [...new Set(ids)];
}

/** Loads a form for a reader: the body's secretariat and chair, or a recipient once sent. Anyone else: 404. */
export async function formForReader(tx: Sql, actor: Actor, id: string, options: { lock?: boolean } = {}) {
  const form = await repo.findForm(tx, id, options);
  if (!form) throw CabinetErrors.OPINION_FORM_NOT_FOUND();
  const body = await loadBody(tx, form.bodyCode);
  const recipients = await repo.listRecipients(tx, id);
  const staff = isSecretariat(body, actor.id) || isChair(body, actor.id);
  const recipient = recipients.includes(actor.id) && (form.status === 'sent' || form.status === 'closed');
  if (!staff && !recipient) throw CabinetErrors.OPINION_FORM_NOT_FOUND();
  return { form, body, recipients, staff };
}

export type FormAction = 'approve' | 'send' | 'close';

/** approve (chair: draft → approved), send (secretariat: approved → sent), close (secretariat or chair: sent → closed). */
export async function actOnOpinionForm(ctx: Ctx, tx: Sql, actor: Actor, id: string, action: FormAction): Promise<void> {
  const { form, body, recipients } = await formForReader(tx, actor, id, { lock: true });
  const now = ctx.clock.now();
  const refuse = () => CabinetErrors.FORM_ACTION_NOT_ALLOWED({ status: form.status }, { action, status: form.status });
  if (action === 'approve') {
    if (!isChair(body, actor.id)) throw CabinetErrors.CHAIR_ONLY();
    if (form.status === 'approved') return; // a retry
    if (form.status !== 'draft') throw refuse();
    await repo.approveForm(tx, id, actor.id, now);
  } else if (action === 'send') {
    if (!isSecretariat(body, actor.id)) throw CabinetErrors.SECRETARIAT_ONLY();
    if (form.status === 'sent') return;
    if (form.status !== 'approved') throw refuse();
    if (now > form.deadlineAt) throw CabinetErrors.ANSWER_DEADLINE_PASSED({}, { deadline: toLocalIso(form.deadlineAt) });
    // The membership is frozen now: recipients left out on drafting are today's voting members;
    // a named recipient who has since left the body is no longer asked.
    const voters = freezeVoters(body);
    const sendTo = form.recipientsDefault ? voters.map((v) => v.userId) : recipients.filter((u) => voters.some((v) => v.userId === u));
    if (sendTo.length === 0) throw CabinetErrors.NO_RECIPIENTS();
    const dropped = recipients.filter((u) => !sendTo.includes(u));
    if (dropped.length > 0 || sendTo.length !== recipients.length) await repo.replaceRecipients(tx, id, sendTo);
    await repo.sendForm(tx, id, now, voters);
    await appendAudit(tx, { chain: chain(id), actorId: actor.id, action: 'cabinet.form.send', subjectType: 'opinion_form', subjectId: id, data: { voters: voters.length, recipients: sendTo.length, dropped: dropped.length }, at: now });
    await noticeEvents.emit(tx, 'notice.users', {
      key: id,
      at: now,
      payload: {
        userIds: sendTo,
        title: 'Phiếu lấy ý kiến mới',
        body: `${body.name} xin ý kiến về: ${form.subject}. Hạn trả lời: ${formatLocal(form.deadlineAt)}.`,
        link: `/hop/phieu/${id}`,
      },
    });
    return;
  } else {
    if (!isSecretariat(body, actor.id) && !isChair(body, actor.id)) throw CabinetErrors.SECRETARIAT_ONLY();
    if (form.status === 'closed') return;
    if (form.status !== 'sent') throw refuse();
    const answers = await repo.listAnswers(tx, id);
    if (now <= form.deadlineAt && answers.length < recipients.length) {
      throw CabinetErrors.DEADLINE_NOT_REACHED({}, { deadline: toLocalIso(form.deadlineAt) });
    }
    await closeWithRule(tx, form, body, recipients, answers, { by: actor.id, at: now });
    return;
  }
  await appendAudit(tx, { chain: chain(id), actorId: actor.id, action: `cabinet.form.${action}`, subjectType: 'opinion_form', subjectId: id, at: now });
}

/** Applies deemed agreement and the rule, and records the outcome (the job calls it at the deadline). */
export async function closeWithRule(
  tx: Sql,
  form: repo.FormRow,
  body: LoadedBody,
  recipients: string[],
  answers: repo.AnswerRow[],
  by: { by: string | null; at: Date },
): Promise<void> {
  const decision = formDecision(form, body, recipients, answers, true);
  await repo.closeForm(tx, form.id, { ...by, tally: decision.tally, outcome: decision.outcome! });
  await appendAudit(tx, {
    chain: chain(form.id),
    actorId: by.by,
    action: 'cabinet.form.close',
    subjectType: 'opinion_form',
    subjectId: form.id,
    data: { tally: decision.tally, outcome: decision.outcome, basis: decision.basis, byJob: by.by === null },
    at: by.at,
  });
  await noticeEvents.emit(tx, 'notice.users', {
    key: `${form.id}:closed`,
    at: by.at,
    payload: {
      userIds: body.members.filter((m) => m.role === 'secretariat' || m.role === 'chair').map((m) => m.userId),
      title: 'Phiếu lấy ý kiến đã kết thúc',
      body: `${form.subject}: ${decision.outcome === 'adopted' ? 'được thông qua' : 'không được thông qua'} (${decision.basis}).`,
      link: `/hop/phieu/${form.id}`,
    },
  });
}

/**
 * The tally under the form's frozen rule. Voters are all voting members of the body (the rule
 * counts ALL members) as frozen when the form was sent, so a later change of membership does not
 * move it; deemed agreement applies only to recipients who did not answer.
 */
export function formDecision(form: repo.FormRow, body: LoadedBody, recipients: string[], answers: repo.AnswerRow[], final: boolean) {
  const stances = new Map<string, Stance>(answers.map((a) => [a.userId, a.choice]));
  return decide({ voters: votersFrom(form.voters, body), stances, rule: form.rule, final, allowDeemed: true, deemable: new Set(recipients) });
}

/** Who a user is on this form: the frozen voter (kept after leaving the body), or today's member. */
export function formMember(form: repo.FormRow, body: LoadedBody, userId: string): repo.FrozenVoter | undefined {
  return form.voters?.find((v) => v.userId === userId) ?? body.members.find((m) => m.userId === userId);
}

export function formatLocal(at: Date): string {
  const iso = toLocalIso(at);
  return `${iso.slice(11, 16)} ngày ${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** The exact text a member signs: stable key order, UTF-8, NFC. */
export function answerText(input: { formId: string; subject: string; question: string; documents: string[]; member: string; choice: repo.Choice; comment: string | null; at: Date; version: number }): string {
  return JSON.stringify({
    type: 'motcua.cabinet.opinion-answer',
    form: input.formId,
    subject: input.subject,
    question: input.question,
    documentsSha256: input.documents,
    member: input.member,
    choice: input.choice,
    comment: input.comment,
    at: toLocalIso(input.at),
    version: input.version,
  }).normalize('NFC');
}

/** A recipient answers (or changes the answer) until the deadline; the answer is signed with the member's key. */
export async function answerOpinionForm(ctx: Ctx, tx: Sql, actor: Actor, id: string, input: { choice: repo.Choice; comment?: string }) {
  const { form, body, recipients } = await formForReader(tx, actor, id, { lock: true });
  if (!recipients.includes(actor.id)) throw CabinetErrors.OPINION_FORM_NOT_FOUND(); // the secretariat or a chair not asked
  const now = ctx.clock.now();
  if (form.status === 'closed') throw CabinetErrors.FORM_NOT_OPEN();
  if (now > form.deadlineAt) throw CabinetErrors.ANSWER_DEADLINE_PASSED({}, { deadline: toLocalIso(form.deadlineAt) });
  if (form.status !== 'sent') throw CabinetErrors.FORM_NOT_OPEN();
  if (!form.options.includes(input.choice)) throw CabinetErrors.CHOICE_NOT_OFFERED({}, { choice: input.choice });
  const comment = input.comment?.trim().normalize('NFC') || null;
  if (input.choice === 'other' && !comment) throw CabinetErrors.COMMENT_REQUIRED();
  const previous = await repo.findAnswer(tx, id, actor.id);
  if (previous && previous.choice === input.choice && previous.comment === comment) return { answer: previous, changed: false, body };
  const member = formMember(form, body, actor.id);
  if (!member) throw CabinetErrors.OPINION_FORM_NOT_FOUND();
  const documents: string[] = [];
  for (const fileId of form.documents) documents.push((await getFile(tx, fileId))?.sha256 ?? fileId);
  const version = (previous?.version ?? 0) + 1;
  const signedText = answerText({ formId: id, subject: form.subject, question: form.question, documents, member: member.username, choice: input.choice, comment, at: now, version });
  const { signature } = await signAsPerson(ctx, tx, signingPerson(body, member), Buffer.from(signedText, 'utf8'), now);
  const answer: repo.AnswerRow = { formId: id, userId: actor.id, choice: input.choice, comment, at: now, version, signedText, signature };
  await repo.saveAnswer(tx, answer);
  await appendAudit(tx, { chain: chain(id), actorId: actor.id, action: 'cabinet.form.answer', subjectType: 'opinion_form', subjectId: id, data: { choice: input.choice, version, changed: !!previous }, at: now });
  return { answer, changed: true, body };
}

/** Verifies a stored answer for real: the CMS signature and that the signed text says what the row says. */
/** A member's signed answer as shown (with whether its signature still verifies). */
export async function presentAnswer(ctx: Pick<AppContext, 'config'>, tx: Sql, a: repo.AnswerRow, member: string) {
  return {
    member,
    choice: a.choice,
    comment: a.comment ?? undefined,
    at: toLocalIso(a.at),
    version: a.version,
    signedText: a.signedText,
    signature: a.signature,
    signatureValid: await verifyAnswer(ctx, tx, a, member),
  };
}

async function verifyAnswer(ctx: Pick<AppContext, 'config'>, tx: Sql, answer: repo.AnswerRow, username: string): Promise<boolean> {
  const check = await verifyPersonSignature(ctx, tx, { content: Buffer.from(answer.signedText, 'utf8'), signature: answer.signature, username });
  if (!check.valid) return false;
  try {
    const signed = JSON.parse(answer.signedText) as { form: string; member: string; choice: string; comment: string | null; version: number };
    return signed.form === answer.formId && signed.member === username && signed.choice === answer.choice && signed.comment === answer.comment && signed.version === answer.version;
  } catch {
    return false;
  }
}

/** The form as its reader sees it: tally and outcome for all; answers with signatures for the secretariat and the chair. */
export async function readOpinionForm(ctx: Ctx, tx: Sql, actor: Actor, id: string) {
  const { form, body, recipients, staff } = await formForReader(tx, actor, id);
  const answers = await repo.listAnswers(tx, id);
  const closed = form.status === 'closed';
  const decision = closed && form.tally ? { tally: form.tally, outcome: form.outcome } : formDecision(form, body, recipients, answers, false);
  const now = ctx.clock.now();
  const documents = [];
  for (const fileId of form.documents) {
    const f = await getFile(tx, fileId);
    documents.push({ id: fileId, name: f?.originalName ?? fileId, mediaType: f?.mediaType ?? 'application/octet-stream', size: f?.size ?? 0 });
  }
  const byUser = new Map<string, repo.FrozenVoter>([...body.members, ...(form.voters ?? [])].map((m) => [m.userId, m]));
  const brief = (userId: string) => {
    const m = byUser.get(userId);
    return { username: m?.username ?? userId, fullName: m?.fullName ?? userId, title: m?.title ?? '', role: m?.role ?? ('member' as const) };
  };
  const mine = answers.find((a) => a.userId === actor.id);
  const view = {
    id: form.id,
    body: { code: body.code, name: body.name },
    subject: form.subject,
    question: form.question,
    options: form.options,
    documents,
    deadlineWorkingDays: form.deadlineWorkingDays,
    createdAt: toLocalIso(form.createdAt),
    deadlineAt: toLocalIso(form.deadlineAt),
    status: form.status,
    approvedAt: form.approvedAt ? toLocalIso(form.approvedAt) : null,
    sentAt: form.sentAt ? toLocalIso(form.sentAt) : null,
    closedAt: form.closedAt ? toLocalIso(form.closedAt) : null,
    rule: form.rule,
    tally: decision.tally,
    outcome: decision.outcome ?? null,
    myRole: body.members.find((m) => m.userId === actor.id)?.role ?? null,
    myAnswer: mine ? { choice: mine.choice, comment: mine.comment, at: toLocalIso(mine.at), version: mine.version } : null,
    canAnswer: recipients.includes(actor.id) && form.status === 'sent' && now <= form.deadlineAt,
    allowedActions: allowedActions(form, body, actor.id, recipients.length, answers.length, now),
    canEdit: form.status === 'draft' && isSecretariat(body, actor.id),
    recipientsDefault: form.recipientsDefault,
    recipients: staff ? recipients.map((u) => ({ ...brief(u), answered: answers.some((a) => a.userId === u) })) : undefined,
    answers: staff
      ? await Promise.all(
          answers.map(async (a) => {
            const m = byUser.get(a.userId);
            const username = m?.username ?? a.userId;
            return { ...(await presentAnswer(ctx, tx, a, username)), fullName: m?.fullName ?? username, title: m?.title ?? '' };
          }),
        )
      : undefined,
  };
  await appendAudit(tx, { chain: chain(id), actorId: actor.id, action: 'cabinet.form.read', subjectType: 'opinion_form', subjectId: id, at: now });
  return view;
}

function allowedActions(form: repo.FormRow, body: LoadedBody, userId: string, recipients: number, answers: number, now: Date): FormAction[] {
  const out: FormAction[] = [];
  if (form.status === 'draft' && isChair(body, userId)) out.push('approve');
  if (form.status === 'approved' && isSecretariat(body, userId) && now <= form.deadlineAt) out.push('send');
  if (form.status === 'sent' && (isSecretariat(body, userId) || isChair(body, userId)) && (now > form.deadlineAt || answers >= recipients)) out.push('close');
  return out;
}

/** My forms: to answer (open, with deadlines), and for the secretariat and chair every form of their bodies. */
export async function listMyForms(ctx: Ctx, tx: Sql, actor: Actor) {
  const rows = await repo.listFormsFor(tx, actor.id);
  const now = ctx.clock.now();
  return rows.map((f) => ({
    id: f.id,
    bodyCode: f.bodyCode,
    subject: f.subject,
    status: f.status,
    deadlineAt: toLocalIso(f.deadlineAt),
    overdue: f.status === 'sent' && now > f.deadlineAt,
    answered: f.answered,
    outcome: f.outcome,
  }));
}
