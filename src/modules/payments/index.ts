import type { RoutesPlugin } from '#platform/context.ts';
import { defineModule } from '#platform/module.ts';
import { paymentRoutes } from './payments.routes.ts';
import { sandboxGatewayRoutes } from './sandbox-gateway.routes.ts';
import { resolveGatewaySecret } from './gateway-signature.ts';

/** Payments (thanh toán trực tuyến): fee quotes, payment orders with VietQR, gateway callbacks, e-receipts. */
export { quoteFee, type FeeQuote } from './fees.ts';
export { gatewayKey, signCallback } from './gateway-signature.ts';

const routes: RoutesPlugin = async (app, ctx) => {
  await paymentRoutes(app, ctx);
  await sandboxGatewayRoutes(app, ctx);
};

export const module = defineModule({
  name: 'payments',
  routes,
  configure: async (db, config) => ({ MOTCUA_PAYMENT_SECRET: await resolveGatewaySecret(db, config) }),
});
