import { randomBytes, randomUUID } from 'node:crypto';
import type { AppContext } from '#platform/context.ts';
import type { Actor } from '#platform/actor.ts';
import { localDate } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { getProcedureVersion } from '#modules/catalog/index.ts';
import { type Dossier, isApplicant, pendingPaymentRequest, readDossier } from '#modules/dossiers/index.ts';
import { fixedFee } from './fees.ts';
import { PaymentErrors } from './payments.errors.ts';
import { type Payment, paymentsRepository as repo } from './payments.repository.ts';
import { presentPayment } from './present-payment.ts';
import { refundRuleFor } from './refund-rules.ts';
import type { DossierPayments } from './payments.contract.ts';

/** Statuses in which the applicant may pay the procedure's fee online (before the result). */
const FEE_PAYABLE = new Set<Dossier['status']>(['SUBMITTED', 'RECEIVED', 'IN_PROCESSING']);

const orderRef = () => `MC${randomBytes(6).toString('hex').toUpperCase()}`;

/**
 * The order for what the dossier owes, made on first ask; asking again returns the same order.
 * - status 6 (AWAITING_PAYMENT): the amount the officer requested (kind 'request');
 * - submitted, received or in processing, with no paid fee yet: the fee of the frozen procedure
 *   version for the dossier's channel, when it is a fixed positive amount (kind 'fee').
 */
export async function openPayment(tx: Sql, ctx: AppContext, input: { actor: Actor; dossierId: string; now: Date }) {
  const dossier = await readDossier(tx, { actor: input.actor, id: input.dossierId, what: 'payment', now: input.now });
  const request = await pendingPaymentRequest(tx, dossier);
  if (request) {
    const payment = await repo.insertOnce(tx, {
      id: randomUUID(),
      dossierId: dossier.id,
      requestSeq: request.seq,
      orderRef: orderRef(),
      amountVnd: request.amountVnd,
      reason: request.reason,
      createdAt: input.now,
    });
    return presentPayment(ctx.config, payment);
  }
  if (!FEE_PAYABLE.has(dossier.status)) throw PaymentErrors.PAYMENT_NOT_REQUESTED();
  const existing = await repo.findFeeOrder(tx, dossier.id);
  if (existing && existing.status !== 'pending') throw PaymentErrors.PAYMENT_FEE_ALREADY_PAID();
  const quote = await feeQuoteOf(tx, dossier);
  if (!quote) throw PaymentErrors.PAYMENT_NOT_REQUESTED();
  if (!isApplicant(input.actor, dossier)) throw PaymentErrors.PAYMENT_FEE_APPLICANT_ONLY();
  const payment = await repo.insertFeeOnce(tx, {
    id: randomUUID(),
    dossierId: dossier.id,
    orderRef: orderRef(),
    amountVnd: quote.totalVnd,
    reason: quote.lines.map((l) => l.label).join(', '),
    createdAt: input.now,
  });
  return presentPayment(ctx.config, payment);
}

/** The fixed fee of the dossier's frozen procedure version for its channel, or null. */
async function feeQuoteOf(tx: Sql, dossier: Dossier) {
  const version = await getProcedureVersion(tx, dossier.procedureVersionId);
  return fixedFee(version.fees, dossier.channel);
}

/**
 * Every payment of a dossier, for whoever may read the dossier; `pending` is the payment request
 * it waits for (status 6), `fee` the fixed fee the applicant may still pay online (null when none,
 * or once its order is paid).
 */
export async function listPayments(tx: Sql, ctx: AppContext, input: { actor: Actor; dossierId: string; now: Date }): Promise<DossierPayments> {
  const dossier = await readDossier(tx, { actor: input.actor, id: input.dossierId, what: 'payments', now: input.now });
  const payments = await repo.listForDossier(tx, dossier.id);
  const items = payments.map((p) => presentPayment(ctx.config, p, refundDue(dossier, p, input.now)));
  const feeOrder = payments.find((p) => p.kind === 'fee');
  const fee =
    FEE_PAYABLE.has(dossier.status) && (!feeOrder || feeOrder.status === 'pending') && !(await pendingPaymentRequest(tx, dossier))
      ? await feeQuoteOf(tx, dossier)
      : null;
  return {
    items,
    pending: await pendingPaymentRequest(tx, dossier),
    fee: fee ? { amountVnd: fee.totalVnd, lines: fee.lines } : null,
  };
}

/** Whether a paid order is owed back: its dossier ended in a state the refund rules name. */
export function refundDue(dossier: Dossier, p: Payment, now: Date) {
  if (p.status !== 'paid') return null;
  if (p.owedBackReason) return { reason: p.owedBackReason, legalBasis: 'Thu trùng: khoản phải nộp đã được nộp và xác nhận', verified: true };
  const rule = refundRuleFor(dossier, localDate(dossier.finishedAt ?? now));
  return rule ? { reason: rule.reason.vi, legalBasis: rule.legalBasis, verified: rule.verified } : null;
}
