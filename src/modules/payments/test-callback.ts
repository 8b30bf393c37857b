import type { TestSystem } from '#test/system.ts';
import { gatewayKey, signCallback } from './gateway-signature.ts';

/** For tests: the payment gateway's callback for an order, signed with the installation's gateway key unless `signature` is given. */
export function gatewayCallback(sys: TestSystem, order: { orderRef: string; amountVnd: number }, gatewayTxn: string, signature?: string) {
  const body = { orderRef: order.orderRef, amountVnd: order.amountVnd, gatewayTxn, paidAt: '2026-03-09T10:00:00+07:00' };
  return sys.app.inject({
    method: 'POST',
    url: '/api/v1/payments/callback',
    headers: { 'x-gateway-signature': signature ?? signCallback(gatewayKey(sys.ctx.config), body) },
    payload: body,
  });
}
