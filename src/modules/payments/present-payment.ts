import { bankName } from './banks.ts';
import { sandboxGatewayEnabled, type Config } from '../../config.ts';
import { toLocalIso } from '#platform/clock.ts';
import type { Payment } from './payments.repository.ts';
import { vietQrPayload } from './vietqr.ts';
import type { Payment as PaymentView } from './payments.contract.ts';

export interface RefundDue {
  reason: string;
  legalBasis: string;
  verified: boolean;
}

/**
 * A payment as the applicant and the officers see it: how to pay while pending, the receipt once
 * paid (it stays valid after a refund). `status` is `refund_due` for a paid order its dossier's
 * end state makes owed back (refund-rules.ts), until the desk records the refund.
 */
export function presentPayment(config: Config, p: Payment, refundDue: RefundDue | null = null): PaymentView {
  const pending = p.status === 'pending';
  return {
    id: p.id,
    kind: p.kind,
    orderRef: p.orderRef,
    amountVnd: p.amountVnd,
    reason: p.reason,
    status: p.status === 'paid' && refundDue ? ('refund_due' as const) : p.status,
    createdAt: toLocalIso(p.createdAt),
    paidAt: p.paidAt ? toLocalIso(p.paidAt) : null,
    receiptNo: p.receiptNo,
    refundDue,
    refund: p.refundedAt ? { at: toLocalIso(p.refundedAt), reference: p.refundReference, note: p.refundNote } : null,
    bankTransfer: pending
      ? {
          bankBin: config.MOTCUA_PAYMENT_BANK_BIN,
          bankName: bankName(config.MOTCUA_PAYMENT_BANK_BIN),
          account: config.MOTCUA_PAYMENT_ACCOUNT,
          accountName: config.MOTCUA_PAYMENT_ACCOUNT_NAME,
          message: p.orderRef,
          vietQr: vietQrPayload(config, p),
        }
      : null,
    gatewayUrl: pending && sandboxGatewayEnabled(config) ? `/sandbox-gateway/pay/${p.orderRef}` : null,
    receiptUrl: pending ? null : `/api/v1/payments/${p.id}/receipt.pdf`, // still valid after a refund
  };
}
