import type { AppContext } from '#platform/context.ts';
import { audit } from '#platform/audit.ts';
import type { Sql } from '#platform/db.ts';
import { confirmPaymentFromGateway } from '#modules/dossiers/index.ts';
import { type GatewayCallback, gatewayKey, verifyCallback } from './gateway-signature.ts';
import { PaymentErrors } from './payments.errors.ts';
import { paymentsRepository as repo } from './payments.repository.ts';

/**
 * Checks the gateway's signature before anything else. A forged or altered callback is written to
 * the audit log (in its own transaction, so the refusal does not undo it) and refused.
 */
export async function checkCallbackSignature(ctx: AppContext, callback: GatewayCallback, signature: string, from: string) {
  if (verifyCallback(gatewayKey(ctx.config), callback, signature)) return;
  ctx.logger.warn({ orderRef: callback.orderRef, from }, 'payment callback with an invalid signature refused');
  await ctx.db.transaction((tx) =>
    audit(tx, { actor: null, now: ctx.clock.now() }, 'payment.callback_refused', { chain: 'payments', subject: ['payment', callback.orderRef], data: { ...callback, from } }),
  );
  throw PaymentErrors.PAYMENT_SIGNATURE_INVALID();
}

/** Who acts in the audit rows of a verified callback. */
const GATEWAY = { id: 'system:payment-gateway' };

const DUPLICATE_REASON = 'Khoản yêu cầu đã được xác nhận nộp theo cách khác (tại quầy); khoản thanh toán trực tuyến này là trùng';

/**
 * A verified callback pays its order exactly once: the order is locked, a replay of the same
 * gateway transaction answers the first result again, and the dossier goes back to processing
 * (confirm_payment by the gateway) when this order is what it waits for. A fee order (paid at
 * submission) changes no status: its trace is the audit row, which the dossier's history shows.
 */
export async function recordPayment(tx: Sql, ctx: AppContext, callback: GatewayCallback) {
  const order = await repo.lockByOrderRef(tx, callback.orderRef);
  if (!order) throw PaymentErrors.PAYMENT_NOT_FOUND();
  if (order.status !== 'pending') {
    if (order.gatewayTxn === callback.gatewayTxn) return { payment: order, replay: true };
    // A refunded order takes no new money; another transaction on a paid order is a reuse.
    throw order.status === 'refunded' ? PaymentErrors.PAYMENT_ORDER_CLOSED() : PaymentErrors.PAYMENT_TXN_REUSED();
  }
  if (await repo.findByGatewayTxn(tx, callback.gatewayTxn)) throw PaymentErrors.PAYMENT_TXN_REUSED();
  if (callback.amountVnd !== order.amountVnd) {
    throw PaymentErrors.PAYMENT_AMOUNT_MISMATCH({}, { paid: callback.amountVnd, due: order.amountVnd });
  }
  const now = ctx.clock.now();
  let payment = await repo.markPaid(tx, order.id, { paidAt: new Date(callback.paidAt), gatewayTxn: callback.gatewayTxn, callback });
  const byGateway = { actor: GATEWAY, now };
  await audit(tx, byGateway, 'payment.paid', {
    chain: `dossier:${order.dossierId}`,
    subject: ['payment', order.id],
    data: { kind: order.kind, orderRef: order.orderRef, amountVnd: order.amountVnd, gatewayTxn: callback.gatewayTxn, receiptNo: payment.receiptNo },
  });
  // A fee paid at submission moves nothing: the dossier goes on where it is.
  if (order.kind === 'request' && order.requestSeq !== null) {
    const confirmed = await confirmPaymentFromGateway(tx, ctx, {
      dossierId: order.dossierId,
      requestSeq: order.requestSeq,
      reference: `${payment.receiptNo} / ${callback.gatewayTxn}`,
    });
    // The money arrived, but the request was already settled (paid at the desk and confirmed by
    // hand): the citizen paid twice, so this payment is owed back (issue 13, D5).
    if (!confirmed) {
      payment = await repo.markOwedBack(tx, order.id, DUPLICATE_REASON);
      await audit(tx, byGateway, 'payment.owed_back', {
        chain: `dossier:${order.dossierId}`,
        subject: ['payment', order.id],
        data: { orderRef: order.orderRef, amountVnd: order.amountVnd, reason: DUPLICATE_REASON },
      });
    }
  }
  return { payment, replay: false };
}
