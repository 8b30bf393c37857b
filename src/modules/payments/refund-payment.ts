import type { AppContext } from '#platform/context.ts';
import type { Actor } from '#platform/actor.ts';
import { audit } from '#platform/audit.ts';
import type { Sql } from '#platform/db.ts';
import { readDossier } from '#modules/dossiers/index.ts';
import { refundDue } from './open-payment.ts';
import { PaymentErrors } from './payments.errors.ts';
import { paymentsRepository as repo } from './payments.repository.ts';
import { presentPayment } from './present-payment.ts';
import { may } from './policy.ts';

/**
 * A desk officer of the receiving agency records that a fee owed back (refund-rules.ts) has been
 * paid back, with the reference of the refund (voucher or bank transfer). Idempotent: the same
 * reference again gives the same answer; another reference after the refund is a conflict.
 * The e-receipt stays valid: it proves the payment, the refund is recorded beside it.
 */
export async function refundPayment(
  tx: Sql,
  ctx: AppContext,
  input: { actor: Actor; paymentId: string; reference: string; note: string | null; now: Date },
) {
  const found = await repo.find(tx, input.paymentId);
  if (!found) throw PaymentErrors.PAYMENT_NOT_FOUND();
  const dossier = await readDossier(tx, { actor: input.actor, id: found.dossierId, what: 'payment refund', now: input.now });
  if (!may.refund(input.actor, dossier)) throw PaymentErrors.PAYMENT_REFUND_FORBIDDEN();
  const payment = (await repo.lock(tx, found.id))!;
  if (payment.status === 'refunded') {
    if (payment.refundReference === input.reference) return presentPayment(ctx.config, payment);
    throw PaymentErrors.PAYMENT_ALREADY_REFUNDED({}, { reference: payment.refundReference ?? '' });
  }
  const due = refundDue(dossier, payment, input.now);
  if (!due) throw PaymentErrors.PAYMENT_REFUND_NOT_DUE();
  const refunded = await repo.markRefunded(tx, payment.id, { at: input.now, reference: input.reference, note: input.note, by: input.actor.id });
  await audit(tx, input, 'payment.refunded', {
    chain: `dossier:${dossier.id}`,
    subject: ['payment', payment.id],
    data: { orderRef: payment.orderRef, amountVnd: payment.amountVnd, receiptNo: payment.receiptNo, reference: input.reference, note: input.note, reason: due.reason },
  });
  return presentPayment(ctx.config, refunded);
}
