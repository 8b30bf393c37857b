import { sandboxGatewayEnabled, type Config } from '../../config.ts';
import { toLocalIso } from '#platform/clock.ts';
import type { Payment } from './payments.repository.ts';
import { vietQrPayload } from './vietqr.ts';

/** A payment as the applicant and the officers see it: how to pay while pending, the receipt once paid. */
export function presentPayment(config: Config, p: Payment) {
  const pending = p.status === 'pending';
  return {
    id: p.id,
    orderRef: p.orderRef,
    amountVnd: p.amountVnd,
    reason: p.reason,
    status: p.status,
    createdAt: toLocalIso(p.createdAt),
    paidAt: p.paidAt ? toLocalIso(p.paidAt) : null,
    receiptNo: p.receiptNo,
    bankTransfer: pending
      ? {
          bankBin: config.MOTCUA_PAYMENT_BANK_BIN,
          account: config.MOTCUA_PAYMENT_ACCOUNT,
          accountName: config.MOTCUA_PAYMENT_ACCOUNT_NAME,
          message: p.orderRef,
          vietQr: vietQrPayload(config, p),
        }
      : null,
    gatewayUrl: pending && sandboxGatewayEnabled(config) ? `/sandbox-gateway/pay/${p.orderRef}` : null,
    receiptUrl: pending ? null : `/api/v1/payments/${p.id}/receipt.pdf`,
  };
}
