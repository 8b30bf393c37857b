import { z } from 'zod';
import { IsoDateTime } from '#platform/contract.ts';

/** Every request and answer of the payments routes: fees, payment orders, the gateway's callback, refunds, the e-receipt. */

export const DossierParams = z.object({ id: z.string().min(1).max(100) });
export const PaymentParams = z.object({ id: z.string().min(1).max(100) });
export const OrderParams = z.object({ orderRef: z.string().regex(/^MC[0-9A-F]{12}$/, 'mã đơn thanh toán không hợp lệ') });

export const FeeQuery = z.object({
  channel: z.enum(['direct', 'online', 'postal']).default('online'),
  pages: z.coerce.number().int().min(1).max(10_000).optional(),
  copies: z.coerce.number().int().min(1).max(1000).optional(),
});
export const ProcedureParams = z.object({ code: z.string().min(1).max(60) });

/** What the gateway posts (signature in the X-Gateway-Signature header). */
export const CallbackBody = z.object({
  orderRef: z.string().regex(/^MC[0-9A-F]{12}$/),
  amountVnd: z.number().int().positive().max(1_000_000_000_000),
  gatewayTxn: z.string().regex(/^[A-Za-z0-9_-]{6,64}$/),
  paidAt: z.iso.datetime({ offset: true }),
});

/** The desk records a refund: the reference of the voucher or transfer that paid it back. */
export const RefundBody = z.object({
  reference: z.string().trim().min(3, 'số chứng từ hoàn trả quá ngắn').max(100),
  note: z.string().trim().max(1000).optional(),
});

// ─── Answers ──────────────────────────────────────────────────────────────────────────────

/** A line of a fee (phí, lệ phí); `amountVnd` null when the law leaves it to the province or the officer. */
export const FeeLine = z.object({ label: z.string(), amountVnd: z.number().nullable(), note: z.string().nullable(), verified: z.boolean() });
export type FeeLine = z.infer<typeof FeeLine>;
/** A fee quote: its lines, their sum, and whether every line has an amount. */
export const FeeQuote = z.object({ lines: z.array(FeeLine), totalVnd: z.number(), complete: z.boolean() });
export type FeeQuote = z.infer<typeof FeeQuote>;

/**
 * A payment as the applicant and the officers see it: how to pay while pending, the receipt once
 * paid (still valid after a refund); `refund_due` for a paid order the dossier's end makes owed back.
 */
export const Payment = z.object({
  id: z.string(),
  /** 'fee': the procedure's fee paid online at submission; 'request': a payment the agency asked for. */
  kind: z.enum(['fee', 'request']),
  orderRef: z.string(),
  amountVnd: z.number(),
  reason: z.string(),
  status: z.enum(['pending', 'paid', 'refund_due', 'refunded']),
  createdAt: IsoDateTime,
  paidAt: IsoDateTime.nullable(),
  receiptNo: z.string().nullable(),
  refundDue: z.object({ reason: z.string(), legalBasis: z.string(), verified: z.boolean() }).nullable(),
  refund: z.object({ at: IsoDateTime, reference: z.string().nullable(), note: z.string().nullable() }).nullable(),
  bankTransfer: z
    .object({ bankBin: z.string(), bankName: z.string(), account: z.string(), accountName: z.string(), message: z.string(), vietQr: z.string() })
    .nullable(),
  gatewayUrl: z.string().nullable(),
  receiptUrl: z.string().nullable(),
});
export type Payment = z.infer<typeof Payment>;

/** Every payment of a dossier, the payment request it waits for, and the fixed fee still payable online. */
export const DossierPayments = z.object({
  items: z.array(Payment),
  pending: z.object({ seq: z.number().int(), amountVnd: z.number(), reason: z.string() }).nullable(),
  fee: z.object({ amountVnd: z.number(), lines: z.array(FeeLine) }).nullable(),
});
export type DossierPayments = z.infer<typeof DossierPayments>;

/** The gateway's callback answered: paid now, or already paid (a replay). */
export const CallbackAnswer = z.object({ status: z.enum(['paid', 'already_paid']), payment: Payment });
