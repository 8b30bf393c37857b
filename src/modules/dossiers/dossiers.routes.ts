import type { RoutesPlugin } from '../../http/context.ts';
import { requireActor } from '../../http/auth.ts';
import { actOnDossier } from './act-on-dossier.ts';
import { ActionBody, DossierIdParams, SubmitDossierBody, TrackingParams, TrackingQuery } from './dossiers.schemas.ts';
import { actionHandlers } from './handlers.ts';
import { accessLogForApplicant, listMyDossiers, trackDossier, viewDossier } from './read-dossier.ts';
import { submitDossier } from './submit-dossier.ts';

/** api.md §5: submission, reading, actions, the applicant's list and public tracking. */
export const dossierRoutes: RoutesPlugin = (app, ctx) => {
  const tags = ['dossiers'];
  const security = [{ bearer: [] }];

  app.post(
    '/api/v1/dossiers',
    { schema: { tags, security, description: 'Nộp hồ sơ / submit a dossier', body: SubmitDossierBody } },
    async (req, reply) => {
      const actor = requireActor(req);
      const now = ctx.clock.now();
      const view = await ctx.db.transaction(async (tx) => {
        const id = await submitDossier(tx, { actor, body: req.body, now });
        return viewDossier(tx, { actor, id, now, logRead: false });
      });
      return reply.status(201).send(view);
    },
  );

  app.get(
    '/api/v1/dossiers/:id',
    { schema: { tags, security, description: 'Xem hồ sơ / read a dossier', params: DossierIdParams } },
    async (req) => {
      const actor = requireActor(req);
      const now = ctx.clock.now();
      return ctx.db.transaction((tx) => viewDossier(tx, { actor, id: req.params.id, now, logRead: true }));
    },
  );

  app.post(
    '/api/v1/dossiers/:id/actions',
    { schema: { tags, security, description: 'Xử lý hồ sơ / act on a dossier', params: DossierIdParams, body: ActionBody } },
    async (req) => {
      const actor = requireActor(req);
      await ctx.db.transaction((tx) => actOnDossier(tx, ctx, actionHandlers, { actor, dossierId: req.params.id, body: req.body }));
      // Read after commit: locks taken by the action (the daily code counter) are already released.
      return ctx.db.transaction((tx) => viewDossier(tx, { actor, id: req.params.id, now: ctx.clock.now(), logRead: false }));
    },
  );

  app.get('/api/v1/me/dossiers', { schema: { tags, security, description: 'Hồ sơ của tôi / my dossiers' } }, async (req) => {
    const actor = requireActor(req);
    return ctx.db.transaction((tx) => listMyDossiers(tx, { actor, now: ctx.clock.now() }));
  });

  app.get(
    '/api/v1/me/dossiers/:id/access-log',
    { schema: { tags, security, description: 'Ai đã xem hồ sơ của tôi / who read my dossier', params: DossierIdParams } },
    async (req) => {
      const actor = requireActor(req);
      return ctx.db.transaction((tx) => accessLogForApplicant(tx, { actor, id: req.params.id }));
    },
  );

  app.get(
    '/api/v1/public/tracking/:code',
    {
      schema: {
        tags: ['public'],
        description:
          'Tra cứu hồ sơ theo mã; tên người nộp (đã che) chỉ hiện khi có 4 số cuối điện thoại (?phone=) / track a dossier by code; the masked applicant name only with the last 4 phone digits',
        params: TrackingParams,
        querystring: TrackingQuery,
      },
      config: { rateLimit: { timeWindow: '1 minute' } },
    },
    async (req) => trackDossier(ctx.db, { code: req.params.code, phoneTail: req.query.phone ?? null, now: ctx.clock.now() }),
  );
};
