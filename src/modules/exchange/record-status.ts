import type { AppContext } from '#platform/context.ts';
import type { Actor } from '#platform/actor.ts';
import { audit } from '#platform/audit.ts';
import type { Sql } from '#platform/db.ts';
import { edxmlDate } from './packets.ts';
import type { StatusCode } from './edxml.ts';
import { ExchangeErrors } from './exchange.errors.ts';
import * as repo from './exchange.repository.ts';
import { emitStatus } from './packets.ts';
import { requireClerkOf } from './send-document.ts';
import { may } from './policy.ts';

type Ctx = Pick<AppContext, 'config' | 'clock'>;

export type ClerkStatus = Extract<StatusCode, '02' | '03' | '04' | '05' | '06' | '15' | '16'>;

/** Which statuses may follow which (receiver side, domain.md §9.3). */
const NEXT: Record<string, readonly ClerkStatus[]> = {
  '01': ['02', '03'],
  '03': ['04', '05'],
  '04': ['05', '06'],
  '05': ['06'],
};

/**
 * The receiving clerk moves a document on: 02 refuse (reason) / 03 accept (arrival number in the
 * incoming register, per agency per year) / 04 assigned / 05 in progress / 06 done, or answers a
 * recall request: 15 agree / 16 refuse. Each is a signed status packet to the sender. Asking for
 * the status the document already has is a no-op (retries are safe).
 */
export async function recordStatus(
  ctx: Ctx,
  tx: Sql,
  actor: Actor,
  documentId: string,
  input: { agency: string; statusCode: ClerkStatus; description?: string; assignee?: string },
): Promise<repo.RecipientRow> {
  const recipient = await repo.findRecipient(tx, documentId, input.agency, true);
  if (!recipient?.hostedHere || !recipient.receivedAt || !may.clerkFor(actor, input.agency)) {
    throw ExchangeErrors.EXCHANGE_DOCUMENT_NOT_FOUND();
  }
  requireClerkOf(actor, input.agency);
  const doc = (await repo.findDocument(tx, documentId))!;
  const code = input.statusCode;
  const recall = code === '15' || code === '16';
  if (recall) {
    if (recipient.recallState === (code === '15' ? 'agreed' : 'refused')) return recipient;
    if (recipient.recallState !== 'requested') throw ExchangeErrors.EXCHANGE_STATUS_NOT_ALLOWED({}, { from: recipient.statusCode ?? '—', to: code });
  } else {
    if (recipient.statusCode === code) return recipient;
    if (!NEXT[recipient.statusCode ?? '']?.includes(code) || recipient.recallState === 'agreed' || doc.supersededType === 1) {
      throw ExchangeErrors.EXCHANGE_STATUS_NOT_ALLOWED({}, { from: recipient.statusCode ?? '—', to: code });
    }
  }
  if ((code === '02' || code === '16') && !input.description?.trim()) throw ExchangeErrors.EXCHANGE_REASON_REQUIRED();
  const now = ctx.clock.now();
  const set: Parameters<typeof repo.updateRecipient>[3] = {};
  if (recall) set.recallState = code === '15' ? 'agreed' : 'refused';
  else set.statusCode = code;
  if (code === '03') {
    const year = Number(edxmlDate(now).slice(0, 4));
    set.arrivalYear = year;
    set.arrivalNumber = await repo.nextArrivalNumber(tx, input.agency, year);
  }
  if (code === '04' && input.assignee) set.assignee = input.assignee.trim();
  await repo.updateRecipient(tx, documentId, input.agency, set);
  const description = code === '04' && input.assignee ? [input.assignee.trim(), input.description?.trim()].filter(Boolean).join(' — ') : input.description?.trim();
  await emitStatus(ctx, tx, {
    document: doc,
    from: { organId: recipient.agencyCode, organName: recipient.agencyName },
    to: { organId: doc.fromAgency, organName: doc.fromName },
    about: recipient.agencyCode,
    statusCode: code,
    description: description || undefined,
    staff: actor.fullName,
  });
  await audit(tx, { actor, now }, `exchange.status.${code}`, {
    chain: `exchange:${input.agency}`,
    subject: ['exchange_document', documentId],
    data: { description: description ?? null, arrivalNumber: set.arrivalNumber ?? null },
  });
  return (await repo.findRecipient(tx, documentId, input.agency))!;
}

/**
 * The sender's clerk asks every recipient to give a document back (13, with the reason); each
 * answers 15 (agree) or 16 (refuse). Asking twice changes nothing.
 */
export async function recallDocument(ctx: Ctx, tx: Sql, actor: Actor, documentId: string, reason: string): Promise<repo.RecipientRow[]> {
  const doc = await repo.findDocument(tx, documentId);
  if (!doc?.outgoing || !may.clerkFor(actor, doc.fromAgency)) {
    throw ExchangeErrors.EXCHANGE_DOCUMENT_NOT_FOUND();
  }
  if (!reason.trim()) throw ExchangeErrors.EXCHANGE_REASON_REQUIRED();
  let asked = 0;
  for (const r of await repo.listRecipients(tx, documentId)) {
    if (r.recallState) continue;
    asked++;
    await emitStatus(ctx, tx, {
      document: doc,
      from: { organId: doc.fromAgency, organName: doc.fromName },
      to: { organId: r.agencyCode, organName: r.agencyName },
      about: r.agencyCode,
      statusCode: '13',
      description: reason.trim(),
      staff: actor.fullName,
    });
    await repo.updateRecipient(tx, documentId, r.agencyCode, { recallState: 'requested' });
  }
  if (asked > 0) {
    await audit(tx, { actor, now: ctx.clock.now() }, 'exchange.recall', {
      chain: `exchange:${doc.fromAgency}`,
      subject: ['exchange_document', documentId],
      data: { reason: reason.trim() },
    });
  }
  return repo.listRecipients(tx, documentId);
}
