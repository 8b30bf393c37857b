import { randomBytes, randomUUID } from 'node:crypto';
import type { AppContext } from '../../http/context.ts';
import type { Actor } from '#platform/actor.ts';
import type { Sql } from '#platform/db.ts';
import { pendingPaymentRequest, readDossier } from '#modules/dossiers/index.ts';
import { PaymentErrors } from './payments.errors.ts';
import { paymentsRepository as repo } from './payments.repository.ts';
import { presentPayment } from './present-payment.ts';

/**
 * The order for the payment a dossier waits for (status 6), made on first ask: its amount is
 * the one the officer requested, its reference goes into the bank transfer message. Asking again
 * returns the same order.
 */
export async function openPayment(tx: Sql, ctx: AppContext, input: { actor: Actor; dossierId: string; now: Date }) {
  const dossier = await readDossier(tx, { actor: input.actor, id: input.dossierId, what: 'payment', now: input.now });
  const request = await pendingPaymentRequest(tx, dossier);
  if (!request) throw PaymentErrors.PAYMENT_NOT_REQUESTED();
  const payment = await repo.insertOnce(tx, {
    id: randomUUID(),
    dossierId: dossier.id,
    requestSeq: request.seq,
    orderRef: `MC${randomBytes(6).toString('hex').toUpperCase()}`,
    amountVnd: request.amountVnd,
    reason: request.reason,
    createdAt: input.now,
  });
  return presentPayment(ctx.config, payment);
}

/** Every payment of a dossier, for whoever may read the dossier. */
export async function listPayments(tx: Sql, ctx: AppContext, input: { actor: Actor; dossierId: string; now: Date }) {
  const dossier = await readDossier(tx, { actor: input.actor, id: input.dossierId, what: 'payments', now: input.now });
  const items = (await repo.listForDossier(tx, dossier.id)).map((p) => presentPayment(ctx.config, p));
  return { items, pending: await pendingPaymentRequest(tx, dossier) };
}
