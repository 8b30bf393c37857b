import { errors } from '#platform/contract.ts';
import { CommonErrors } from '#platform/errors.ts';
import { toLocalIso } from '#platform/clock.ts';
import { requireRole } from './auth.ts';
import type { RoutesPlugin } from '#platform/context.ts';
import { ClockBody, ClockNow } from './portal-info.contract.ts';

/** api.md §6: the settable clock, only with MOTCUA_DEV_CLOCK=1 (and never in production). */
export const devClockRoutes: RoutesPlugin = (app, ctx) => {
  const enabled = ctx.config.MOTCUA_DEV_CLOCK && typeof ctx.clock.set === 'function';
  const schema = { tags: ['dev'], description: 'Đồng hồ thử nghiệm / settable clock (MOTCUA_DEV_CLOCK=1)', response: { 200: ClockNow, ...errors(401, 403, 404) } };

  app.get('/api/v1/dev/clock', { schema }, async () => {
    if (!enabled) throw CommonErrors.ROUTE_NOT_FOUND();
    return { now: toLocalIso(ctx.clock.now()) };
  });

  app.put(
    '/api/v1/dev/clock',
    { schema: { ...schema, body: ClockBody } },
    async (req) => {
      if (!enabled) throw CommonErrors.ROUTE_NOT_FOUND();
      requireRole(req, 'admin');
      ctx.clock.set!(new Date(req.body.now));
      return { now: toLocalIso(ctx.clock.now()) };
    },
  );
};
