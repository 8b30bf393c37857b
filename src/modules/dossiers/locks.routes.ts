import { errors, mutationErrors, noContent, signedInErrors } from '#platform/contract.ts';
import type { RoutesPlugin } from '#platform/context.ts';
import { bearer, routeKit } from '../../http/route-kit.ts';
import { readAgencySettings, updateAgencySettings } from './agency-settings.ts';
import { claimLock, releaseLock } from './processing-lock.ts';
import { AgencyParams, AgencySettings, AgencySettingsBody, ClaimLockBody, DossierIdParams, ProcessingLock } from './dossiers.contract.ts';

/** The processing lock of a dossier (khóa xử lý) and the agency settings of the lifecycle. */
export const lockRoutes: RoutesPlugin = (app, ctx) => {
  const route = routeKit(app, ctx, { tags: ['dossiers'], security: bearer });

  route.post(
    '/api/v1/dossiers/:id/lock',
    {
      description: 'Nhận xử lý hồ sơ (khóa xử lý; gọi lại để gia hạn) / claim or renew the processing lock',
      params: DossierIdParams,
      body: ClaimLockBody,
      response: { 200: ProcessingLock, ...mutationErrors },
    },
    route.inTransaction(({ req, actor, now, tx }) =>
      claimLock(tx, { actor, id: req.params.id, takeover: req.body?.takeover ?? false, now, minutes: ctx.config.MOTCUA_LOCK_MINUTES }),
    ),
  );

  route.delete(
    '/api/v1/dossiers/:id/lock',
    { description: 'Trả khóa xử lý / release the processing lock', params: DossierIdParams, response: { 204: noContent, ...errors(401, 403, 404, 409) } },
    route.signedIn(async ({ req, reply, actor }) => {
      await ctx.db.transaction((tx) => releaseLock(tx, { actor, id: req.params.id }));
      return reply.status(204).send(null);
    }),
  );

  route.get(
    '/api/v1/admin/agencies/:code/settings',
    { tags: ['admin'], description: 'Cấu hình quy trình của cơ quan / an agency’s lifecycle settings', params: AgencyParams, response: { 200: AgencySettings, ...signedInErrors } },
    route.inTransaction(({ req, tx }) => readAgencySettings(tx, { code: req.params.code }), 'admin'),
  );

  route.put(
    '/api/v1/admin/agencies/:code/settings',
    {
      tags: ['admin'],
      description: 'Sửa cấu hình quy trình của cơ quan (ai phát hành kết quả) / edit an agency’s lifecycle settings',
      params: AgencyParams,
      body: AgencySettingsBody,
      response: { 200: AgencySettings, ...mutationErrors },
    },
    route.inTransaction(({ req, actor, now, tx }) => updateAgencySettings(tx, { actor, code: req.params.code, resultIssuance: req.body.resultIssuance, now }), 'admin'),
  );
};
