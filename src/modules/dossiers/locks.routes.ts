import type { RoutesPlugin } from '../../http/context.ts';
import { requireActor, requireRole } from '../../http/auth.ts';
import { readAgencySettings, updateAgencySettings } from './agency-settings.ts';
import { DossierIdParams } from './dossiers.schemas.ts';
import { claimLock, releaseLock } from './processing-lock.ts';
import { AgencyParams, AgencySettingsBody, ClaimLockBody } from './workspace.schemas.ts';

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
    { schema: { tags, security, description: 'Trả khóa xử lý / release the processing lock', params: DossierIdParams } },
    async (req, reply) => {
      const actor = requireActor(req);
      await ctx.db.transaction((tx) => releaseLock(tx, { actor, id: req.params.id }));
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/admin/agencies/:code/settings',
    { schema: { tags: ['admin'], security, description: 'Cấu hình quy trình của cơ quan / an agency’s lifecycle settings', params: AgencyParams } },
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
