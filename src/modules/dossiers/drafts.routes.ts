import { errors, noContent, signedInErrors } from '#platform/contract.ts';
import type { RoutesPlugin } from '#platform/context.ts';
import { requireActor } from '../../http/auth.ts';
import { deleteMyDraft, listMyDrafts, readMyDraft, saveMyDraft } from './citizen-drafts.ts';
import { Draft, DraftBody as Body, DraftList, DraftParams as Params } from './dossiers.contract.ts';

/** Bản nháp trên máy chủ: a signed-in citizen's unfinished submissions, continued on any device. */
export const draftRoutes: RoutesPlugin = (app, ctx) => {
  const tags = ['dossiers'];
  const security = [{ bearer: [] }];

  app.get('/api/v1/me/drafts', { schema: { tags, security, description: 'Bản nháp của tôi / my drafts', response: { 200: DraftList, ...errors(401, 403) } } }, async (req) => {
    const actor = requireActor(req);
    return listMyDrafts(ctx.db, actor);
  });

  app.get('/api/v1/me/drafts/:procedureCode', { schema: { tags, security, params: Params, description: 'Một bản nháp / one draft', response: { 200: Draft, ...signedInErrors } } }, async (req) => {
    const actor = requireActor(req);
    return readMyDraft(ctx.db, actor, req.params.procedureCode);
  });

  app.put(
    '/api/v1/me/drafts/:procedureCode',
    { schema: { tags, security, params: Params, body: Body, description: 'Lưu bản nháp / save a draft', response: { 200: Draft, ...errors(401, 403, 413) } }, bodyLimit: 256 * 1024 },
    async (req) => {
      const actor = requireActor(req);
      return ctx.db.transaction((tx) => saveMyDraft(tx, actor, req.params.procedureCode, req.body.content, ctx.clock.now()));
    },
  );

  app.delete('/api/v1/me/drafts/:procedureCode', { schema: { tags, security, params: Params, description: 'Xóa bản nháp / delete a draft', response: { 204: noContent, ...errors(401, 403) } } }, async (req, reply) => {
    const actor = requireActor(req);
    await deleteMyDraft(ctx.db, actor, req.params.procedureCode);
    return reply.status(204).send(null);
  });
};
