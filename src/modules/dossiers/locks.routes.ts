import { errors, mutationErrors, noContent, signedInErrors } from '#platform/contract.ts';
import type { RoutesPlugin } from '#platform/context.ts';
import { requireActor, requireRole } from '../../http/auth.ts';
import { readAgencySettings, updateAgencySettings } from './agency-settings.ts';
import { claimLock, releaseLock } from './processing-lock.ts';
import { AgencyParams, AgencySettings, AgencySettingsBody, ClaimLockBody, DossierIdParams, ProcessingLock } from './dossiers.contract.ts';

/** The processing lock of a dossier (khóa xử lý) and the agency settings of the lifecycle. */
export const lockRoutes: RoutesPlugin = (app, ctx) => {
  const tags = ['dossiers'];
  const security = [{ bearer: [] }];

  app.post(
    '/api/v1/dossiers/:id/lock',
    {
      schema: {
        tags,
        security,
        description: 'Nhận xử lý hồ sơ (khóa xử lý; gọi lại để gia hạn) / claim or renew the processing lock',
        params: DossierIdParams,
        body: ClaimLockBody,
        response: { 200: ProcessingLock, ...mutationErrors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const now = ctx.clock.now();
      return ctx.db.transaction((tx) =>
        claimLock(tx, { actor, id: req.params.id, takeover: req.body?.takeover ?? false, now, minutes: ctx.config.MOTCUA_LOCK_MINUTES }),
      );
    },
  );

  app.delete(
    '/api/v1/dossiers/:id/lock',
    { schema: { tags, security, description: 'Trả khóa xử lý / release the processing lock', params: DossierIdParams, response: { 204: noContent, ...errors(401, 403, 404, 409) } } },
    async (req, reply) => {
      const actor = requireActor(req);
      await ctx.db.transaction((tx) => releaseLock(tx, { actor, id: req.params.id }));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/admin/agencies/:code/settings',
    { schema: { tags: ['admin'], security, description: 'Cấu hình quy trình của cơ quan / an agency’s lifecycle settings', params: AgencyParams, response: { 200: AgencySettings, ...signedInErrors } } },
    async (req) => {
      requireRole(req, 'admin');
      return ctx.db.transaction((tx) => readAgencySettings(tx, { code: req.params.code }));
    },
  );

  app.put(
    '/api/v1/admin/agencies/:code/settings',
    {
      schema: {
        tags: ['admin'],
        security,
        description: 'Sửa cấu hình quy trình của cơ quan (ai phát hành kết quả) / edit an agency’s lifecycle settings',
        params: AgencyParams,
        body: AgencySettingsBody,
        response: { 200: AgencySettings, ...mutationErrors },
      },
    },
    async (req) => {
      const actor = requireRole(req, 'admin');
      return ctx.db.transaction((tx) =>
        updateAgencySettings(tx, { actor, code: req.params.code, resultIssuance: req.body.resultIssuance, now: ctx.clock.now() }),
      );
    },
  );
};
