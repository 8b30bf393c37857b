import { errors } from '#platform/contract.ts';
import type { RoutesPlugin } from '#platform/context.ts';
import { PortalInfo } from './portal-info.contract.ts';

/**
 * Who runs this portal and how citizens reach them (help, privacy and accessibility pages):
 * set by the installation (MOTCUA_OPERATOR_NAME, MOTCUA_HOTLINE, MOTCUA_SUPPORT_EMAIL,
 * MOTCUA_PRIVACY_EMAIL), null when not set — the pages then say to ask the receiving desk,
 * never a made-up number.
 */
export const portalInfoRoutes: RoutesPlugin = (app, ctx) => {
  app.get(
    '/api/v1/portal-info',
    { schema: { tags: ['portal'], description: 'Cơ quan vận hành cổng, tổng đài, thư điện tử hỗ trợ / operator, helpline, support e-mail', response: { 200: PortalInfo, ...errors() } } },
    async () => ({
      operator: ctx.config.MOTCUA_OPERATOR_NAME ?? null,
      hotline: ctx.config.MOTCUA_HOTLINE ?? null,
      email: ctx.config.MOTCUA_SUPPORT_EMAIL ?? null,
      privacyEmail: ctx.config.MOTCUA_PRIVACY_EMAIL ?? ctx.config.MOTCUA_SUPPORT_EMAIL ?? null,
    }),
  );
};
