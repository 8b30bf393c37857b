import { z } from 'zod';
import type { RoutesPlugin } from '../../http/context.ts';
import { requireActor } from '../../http/auth.ts';
import { deleteMyDraft, listMyDrafts, readMyDraft, saveMyDraft } from './citizen-drafts.ts';

const Params = z.object({ procedureCode: z.string().trim().min(1).max(60) });
const Body = z.object({ content: z.record(z.string(), z.unknown()) });

/** Bản nháp trên máy chủ: a signed-in citizen's unfinished submissions, continued on any device. */
export const draftRoutes: RoutesPlugin = (app, ctx) => {
  const tags = ['dossiers'];
  const security = [{ bearer: [] }];

  app.get('/api/v1/me/drafts', { schema: { tags, security, description: 'Bản nháp của tôi / my drafts' } }, async (req) => {
    const actor = requireActor(req);
    return listMyDrafts(ctx.db, actor);
  });

  app.get('/api/v1/me/drafts/:procedureCode', { schema: { tags, security, params: Params, description: 'Một bản nháp / one draft' } }, async (req) => {
    const actor = requireActor(req);
    return readMyDraft(ctx.db, actor, req.params.procedureCode);
  });

  app.put(
    '/api/v1/me/drafts/:procedureCode',
    { schema: { tags, security, params: Params, body: Body, description: 'Lưu bản nháp / save a draft' }, bodyLimit: 256 * 1024 },
    async (req) => {
      const actor = requireActor(req);
      return ctx.db.transaction((tx) => saveMyDraft(tx, actor, req.params.procedureCode, req.body.content, ctx.clock.now()));
    },
  );

  app.delete('/api/v1/me/drafts/:procedureCode', { schema: { tags, security, params: Params, description: 'Xóa bản nháp / delete a draft' } }, async (req, reply) => {
    const actor = requireActor(req);
    await deleteMyDraft(ctx.db, actor, req.params.procedureCode);
    return reply.status(204).send();
  });
};
