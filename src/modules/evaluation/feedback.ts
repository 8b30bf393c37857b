import { randomUUID } from 'node:crypto';
import type { Config } from '../../config.ts';
import type { Actor } from '#platform/actor.ts';
import { appendAudit, audit } from '#platform/audit.ts';
import { localDate, toLocalIso } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { validationFailed } from '#platform/errors.ts';
import { addWorkingDays } from '#modules/calendar/index.ts';
import { listUsersWithRole } from '#modules/identity/index.ts';
import { noticeEvents } from '#modules/notifications/index.ts';
import { findAgency } from '#modules/places/index.ts';
import { EvaluationErrors } from './evaluation.errors.ts';
import { type Feedback, evaluationRepository as repo } from './evaluation.repository.ts';
import type { Feedback as FeedbackView, FeedbackBody, PublicFeedback } from './evaluation.contract.ts';
import { feedbackAgencies, may } from './policy.ts';


/** Feedback as its author and the agency see it; `overdue` while unanswered after the due date. */
export function presentFeedback(f: Feedback, now: Date): FeedbackView {
  return {
    reference: f.reference,
    agencyCode: f.agencyCode,
    dossierCode: f.dossierCode,
    subject: f.subject,
    content: f.content,
    authorName: f.authorName,
    publish: f.publish,
    receivedAt: toLocalIso(f.receivedAt),
    answerDueDate: f.answerDueDate,
    overdue: !f.answer && localDate(now) > f.answerDueDate,
    answer: f.answer,
    answeredAt: f.answeredAt ? toLocalIso(f.answeredAt) : null,
  };
}

/** What the public list shows: no author, no dossier code. */
const presentPublicFeedback = (f: Feedback, agencyName: string): PublicFeedback => ({
  reference: f.reference,
  agency: { code: f.agencyCode, name: agencyName },
  subject: f.subject,
  content: f.content,
  receivedAt: toLocalIso(f.receivedAt),
  answer: f.answer,
  answeredAt: f.answeredAt ? toLocalIso(f.answeredAt) : null,
});

/**
 * Phản ánh, kiến nghị: a signed-in person writes to an agency and gets a reference number
 * (PAKN-YYYY-NNNNNN) and the date by which the agency must answer (working days, a setting).
 */
export async function sendFeedback(tx: Sql, config: Pick<Config, 'MOTCUA_FEEDBACK_ANSWER_DAYS'>, input: { actor: Actor; body: FeedbackBody; now: Date }) {
  const { actor, body, now } = input;
  const agency = await findAgency(tx, body.agencyCode);
  if (!agency) throw validationFailed([{ field: 'agencyCode', message: 'cơ quan không tồn tại' }]);
  const year = Number(localDate(now).slice(0, 4));
  const reference = `PAKN-${year}-${String(await repo.nextFeedbackNumber(tx, year)).padStart(6, '0')}`;
  const feedback: Feedback = {
    id: randomUUID(),
    reference,
    agencyCode: agency.code,
    dossierCode: body.dossierCode || null,
    subject: body.subject.normalize('NFC'),
    content: body.content.normalize('NFC'),
    authorId: actor.id,
    authorName: actor.fullName,
    publish: body.publish,
    receivedAt: now,
    answerDueDate: await addWorkingDays(tx, localDate(now), config.MOTCUA_FEEDBACK_ANSWER_DAYS),
    answer: null,
    answeredBy: null,
    answeredAt: null,
  };
  await repo.insertFeedback(tx, feedback);
  await appendAudit(tx, { chain: 'feedback', actorId: actor.id, action: 'feedback.received', subjectType: 'feedback', subjectId: reference, data: { agencyCode: agency.code }, at: now });
  // those who answer it (the agency's leaders and desk officers) find it in Thông báo
  const answerers = await listUsersWithRole(tx, agency.code, ['leader', 'desk_officer']);
  if (answerers.length > 0) {
    await noticeEvents.emit(tx, 'notice.users', {
      key: `feedback:${reference}:received`,
      at: now,
      payload: {
        userIds: answerers.map((u) => u.id),
        title: 'Phản ánh, kiến nghị mới',
        body: `${reference}: “${feedback.subject}”. Hạn trả lời: ${feedback.answerDueDate.split('-').reverse().join('/')}.`,
        link: '/can-bo/phan-anh',
      },
    });
  }
  return presentFeedback(feedback, now);
}

/** A leader or desk officer of the agency concerned answers, once; the sender is told (`notice.users`, in-app and e-mail). */
export async function answerFeedback(tx: Sql, input: { actor: Actor; reference: string; answer: string; now: Date }) {
  const feedback = await repo.lockFeedback(tx, input.reference);
  if (!feedback) throw EvaluationErrors.FEEDBACK_NOT_FOUND();
  if (!may.answerFeedback(input.actor, feedback.agencyCode)) throw EvaluationErrors.FEEDBACK_ANSWER_NOT_ALLOWED();
  if (feedback.answer) throw EvaluationErrors.FEEDBACK_ALREADY_ANSWERED();
  const answered = await repo.answerFeedback(tx, feedback.id, { answer: input.answer.normalize('NFC'), answeredBy: input.actor.id, answeredAt: input.now });
  await audit(tx, input, 'feedback.answered', {
    chain: 'feedback',
    subject: ['feedback', feedback.reference],
    data: { late: localDate(input.now) > feedback.answerDueDate },
  });
  // the sender learns of it in Thông báo and, with an address, by e-mail
  await noticeEvents.emit(tx, 'notice.users', {
    key: `feedback:${feedback.reference}:answered`,
    at: input.now,
    payload: {
      userIds: [feedback.authorId],
      title: 'Phản ánh, kiến nghị đã được trả lời',
      body: `Phản ánh “${feedback.subject}” (số tham chiếu ${feedback.reference}) đã được trả lời.`,
      link: '/phan-anh-kien-nghi',
      email: true,
    },
  });
  return presentFeedback(answered, input.now);
}

/** The feedback to the agencies where the officer works, unanswered first by due date. */
export async function agencyFeedback(tx: Sql, input: { actor: Actor; page: number; pageSize: number; now: Date }) {
  const agencies = feedbackAgencies(input.actor);
  if (agencies.length === 0) throw EvaluationErrors.FEEDBACK_ANSWER_NOT_ALLOWED();
  const { items, total } = await repo.listForAgencies(tx, agencies, { limit: input.pageSize, offset: (input.page - 1) * input.pageSize });
  return { items: items.map((f) => presentFeedback(f, input.now)), total, page: input.page, pageSize: input.pageSize };
}

/** Answered feedback whose author agreed to publish it: the public list. */
export async function publishedFeedback(tx: Sql, input: { page: number; pageSize: number }) {
  const { items, total } = await repo.listPublished(tx, { limit: input.pageSize, offset: (input.page - 1) * input.pageSize });
  const out = [];
  for (const f of items) out.push(presentPublicFeedback(f, (await findAgency(tx, f.agencyCode))?.name ?? f.agencyCode));
  return { items: out, total, page: input.page, pageSize: input.pageSize };
}
