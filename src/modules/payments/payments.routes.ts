import { errors, mutationErrors, pdf, publicErrors, signedInErrors } from '#platform/contract.ts';
import type { RoutesPlugin } from '#platform/context.ts';
import { bearer, routeKit } from '../../http/route-kit.ts';
import { getProcedureVersionInForce } from '#modules/catalog/index.ts';
import { quoteFee } from './fees.ts';
import { listPayments, openPayment } from './open-payment.ts';
import {
  CallbackAnswer,
  CallbackBody,
  DossierParams,
  DossierPayments,
  FeeQuery,
  FeeQuote,
  Payment,
  PaymentParams,
  ProcedureParams,
  RefundBody,
} from './payments.contract.ts';
import { presentPayment } from './present-payment.ts';
import { paymentReceiptPdf } from './receipt-pdf.ts';
import { checkCallbackSignature, recordPayment } from './record-callback.ts';
import { refundPayment } from './refund-payment.ts';

/** Fees, payment orders, the gateway's callback and the e-receipt. */
export const paymentRoutes: RoutesPlugin = (app, ctx) => {
  const route = routeKit(app, ctx, { tags: ['payments'] });

  route.get(
    '/api/v1/procedures/:code/fee',
    { description: 'Phí, lệ phí dự kiến / fee quote', params: ProcedureParams, querystring: FeeQuery, response: { 200: FeeQuote, ...publicErrors } },
    async (req) => {
      const procedure = await getProcedureVersionInForce(ctx.db, req.params.code, ctx.clock.now());
      return quoteFee(procedure.fees, req.query);
    },
  );

  route.get(
    '/api/v1/dossiers/:id/payments',
    { security: bearer, description: 'Các khoản thanh toán của hồ sơ / payments of a dossier', params: DossierParams, response: { 200: DossierPayments, ...signedInErrors } },
    route.inTransaction(({ req, actor, now, tx }) => listPayments(tx, ctx, { actor, dossierId: req.params.id, now })),
  );

  route.post(
    '/api/v1/dossiers/:id/payments',
    {
      security: bearer,
      description: 'Lập đơn thanh toán khoản đang chờ hoặc phí nộp trực tuyến / open the payment order (requested payment, or the fixed fee)',
      params: DossierParams,
      response: { 201: Payment, ...mutationErrors },
    },
    route.signedIn(async ({ req, reply, actor, now }) => {
      const payment = await ctx.db.transaction((tx) => openPayment(tx, ctx, { actor, dossierId: req.params.id, now }));
      return reply.status(201).send(payment);
    }),
  );

  route.post(
    '/api/v1/payments/callback',
    { description: 'Cổng thanh toán báo kết quả (ký HMAC) / signed gateway callback', body: CallbackBody, response: { 200: CallbackAnswer, ...errors(401, 404, 409, 422, 503) } },
    async (req) => {
      await checkCallbackSignature(ctx, req.body, String(req.headers['x-gateway-signature'] ?? ''), req.ip);
      const { payment, replay } = await ctx.db.transaction((tx) => recordPayment(tx, ctx, req.body));
      return { status: replay ? ('already_paid' as const) : ('paid' as const), payment: presentPayment(ctx.config, payment) };
    },
    { config: { rateLimit: { timeWindow: '1 minute' } } },
  );

  route.post(
    '/api/v1/payments/:id/refund',
    { security: bearer, description: 'Ghi nhận hoàn trả phí / record a refund', params: PaymentParams, body: RefundBody, response: { 200: Payment, ...mutationErrors } },
    route.inTransaction(({ req, actor, now, tx }) =>
      refundPayment(tx, ctx, { actor, paymentId: req.params.id, reference: req.body.reference, note: req.body.note ?? null, now }),
    ),
  );

  route.get(
    '/api/v1/payments/:id/receipt.pdf',
    { security: bearer, description: 'Biên lai điện tử / e-receipt', params: PaymentParams, response: { 200: pdf('biên lai điện tử / the e-receipt'), ...signedInErrors } },
    route.signedIn(async ({ req, reply, actor, now }) => {
      const pdfBytes = await ctx.db.transaction((tx) => paymentReceiptPdf(tx, { actor, paymentId: req.params.id, now }));
      return reply.type('application/pdf').header('content-disposition', 'inline; filename="bien-lai.pdf"').send(pdfBytes as never); // bytes, past the serialiser
    }),
  );
};
