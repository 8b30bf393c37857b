import { z } from 'zod';

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
