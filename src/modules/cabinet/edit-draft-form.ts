import type { AppContext } from '#platform/context.ts';
import type { Actor } from '#platform/actor.ts';
import { audit } from '#platform/audit.ts';
import { toLocalIso } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { isSecretariat } from './bodies.ts';
import { CabinetErrors } from './cabinet.errors.ts';
import * as repo from './cabinet.repository.ts';
import { checkDocuments, formDeadline, formForReader, resolveRecipients } from './opinion-forms.ts';

export interface EditDraftInput {
  subject?: string;
  question?: string;
  options?: repo.Choice[];
  documents?: string[];
  deadlineWorkingDays?: number;
  /** User names; an empty list means every voting member (as when left out on drafting). */
  recipients?: string[];
}

/**
 * The secretariat edits a draft until the chair approves it: subject, question, options,
 * documents, deadline (working days counted, as always, from the day the form was created) and
 * recipients. Only what changes is written; the same values again are a retry. Every edit is
 * audited with the fields it changed, so what the chair approved is known.
 */
export async function editDraftForm(ctx: Pick<AppContext, 'clock'>, tx: Sql, actor: Actor, id: string, input: EditDraftInput): Promise<{ changed: string[] }> {
  const { form, body, recipients } = await formForReader(tx, actor, id, { lock: true });
  if (!isSecretariat(body, actor.id)) throw CabinetErrors.SECRETARIAT_ONLY();
  if (form.status !== 'draft') throw CabinetErrors.FORM_NOT_DRAFT({ status: form.status }, { status: form.status });
  const next = {
    subject: input.subject?.normalize('NFC') ?? form.subject,
    question: input.question?.normalize('NFC') ?? form.question,
    options: input.options ? [...new Set(input.options)] : form.options,
    documents: input.documents ? [...new Set(input.documents)] : form.documents,
    deadlineWorkingDays: input.deadlineWorkingDays ?? form.deadlineWorkingDays,
    deadlineAt: form.deadlineAt,
    recipientsDefault: input.recipients ? input.recipients.length === 0 : form.recipientsDefault,
  };
  // a document already on the form may have been uploaded by a colleague; new ones must be the actor's
  await checkDocuments(
    tx,
    actor,
    next.documents.filter((d) => !form.documents.includes(d)),
  );
  if (next.deadlineWorkingDays !== form.deadlineWorkingDays) next.deadlineAt = (await formDeadline(tx, form.createdAt, next.deadlineWorkingDays)).at;
  const nextRecipients = input.recipients ? resolveRecipients(body, input.recipients) : recipients;
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  const changed = [
    next.subject !== form.subject && 'subject',
    next.question !== form.question && 'question',
    !same(next.options, form.options) && 'options',
    !same(next.documents, form.documents) && 'documents',
    next.deadlineWorkingDays !== form.deadlineWorkingDays && 'deadlineWorkingDays',
    (!same([...nextRecipients].sort(), [...recipients].sort()) || next.recipientsDefault !== form.recipientsDefault) && 'recipients',
  ].filter((x): x is string => typeof x === 'string');
  if (changed.length === 0) return { changed };
  await repo.updateDraftForm(tx, id, next);
  if (changed.includes('recipients')) await repo.replaceRecipients(tx, id, nextRecipients);
  await audit(tx, { actor, now: ctx.clock.now() }, 'cabinet.form.edit', {
    chain: `cabinet-form:${id}`,
    subject: ['opinion_form', id],
    data: { changed, deadline: toLocalIso(next.deadlineAt), recipients: nextRecipients.length },
  });
  return { changed };
}
