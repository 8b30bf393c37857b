import type { RoutesPlugin } from '#platform/context.ts';
import { requireActor } from '../../http/auth.ts';
import { binary, errors, signedInErrors } from '#platform/contract.ts';
import { sendUploadedFile } from '../../http/content-disposition.ts';
import { actOnCase } from './act-on-case.ts';
import { createCase } from './create-case.ts';
import { correctDeclaration } from './declarations.ts';
import { drawPlanSample, planFor } from './draw-sample.ts';
import { postControlFigures } from './figures.ts';
import * as c from './inspection.contract.ts';
import { InspectionErrors } from './inspection.errors.ts';
import { figuresScope } from './policy.ts';
import * as repo from './inspection.repository.ts';
import { readDeclaration } from './read-declaration.ts';
import { readDeclarationFile } from './read-declaration-file.ts';
import { readCaseFile } from './read-case-file.ts';
import { listCases, readCase } from './read-cases.ts';
import { listPlans, presentDraw } from './read-plans.ts';

const tags = ['inspection'];
/** Signed-in writes: 401/403/404, 409 state, 415 a body that is not JSON, 422 a reused Idempotency-Key. */
const writeErrors = errors(401, 403, 404, 409, 415, 422);
const uploadedFile = binary('application/octet-stream', 'tệp đã tải lên (tải về) / the upload, as a download');

/** Hậu kiểm — docs/modules/inspection.md. Thin: schema → actor → transaction → use case. */
export const inspectionRoutes: RoutesPlugin = (app, ctx) => {
  app.get('/api/v1/inspection/plans', { schema: { tags, description: 'Kế hoạch hậu kiểm của cơ quan / the authority’s sampling plans', response: { 200: c.PlanList, ...signedInErrors } } }, async (req) => {
    const actor = requireActor(req);
    return ctx.db.transaction((tx) => listPlans(tx, actor));
  });

  app.get('/api/v1/inspection/plans/:id/draw', { schema: { tags, description: 'Mẫu đã rút gần nhất, với lý do chọn / the last draw with its reasons', params: c.IdParams, response: { 200: c.Draw, ...signedInErrors } } }, async (req) => {
    const actor = requireActor(req);
    return ctx.db.transaction(async (tx) => {
      const plan = await planFor(tx, actor, req.params.id);
      const draw = await repo.latestDraw(tx, plan.id);
      if (!draw) throw InspectionErrors.DRAW_NOT_FOUND();
      return presentDraw(tx, draw);
    });
  });

  app.post('/api/v1/inspection/plans/:id/draw', { schema: { tags, description: 'Rút mẫu hậu kiểm (cùng mã ngẫu nhiên, cùng mẫu) / draw the sample (same seed, same sample)', params: c.IdParams, body: c.DrawBody, response: { 200: c.Draw, 201: c.Draw, ...writeErrors } } }, async (req, reply) => {
    const actor = requireActor(req);
    const out = await ctx.db.transaction(async (tx) => {
      const { draw, created } = await drawPlanSample(tx, { actor, planId: req.params.id, seed: req.body?.seed, now: ctx.clock.now() });
      return { created, view: await presentDraw(tx, draw) };
    });
    return reply.status(out.created ? 201 : 200).send(out.view);
  });

  app.get('/api/v1/inspection/cases', { schema: { tags, description: 'Hồ sơ hậu kiểm: tất cả, của tôi, quá hạn / cases: all, mine, overdue', querystring: c.CaseQuery, response: { 200: c.CaseList, ...signedInErrors } } }, async (req) => {
    const actor = requireActor(req);
    return ctx.db.transaction((tx) => listCases(tx, actor, req.query.view, ctx.clock.now()));
  });

  app.post('/api/v1/inspection/cases', { schema: { tags, description: 'Lập hồ sơ hậu kiểm (từ mẫu, phản ánh, hoặc thủ công) / open a case', body: c.CreateCaseBody, response: { 200: c.Case, 201: c.Case, ...writeErrors } } }, async (req, reply) => {
    const actor = requireActor(req);
    const out = await ctx.db.transaction(async (tx) => {
      const now = ctx.clock.now();
      const { c: created, created: isNew } = await createCase(tx, { actor, body: req.body, now });
      return { isNew, view: await readCase(tx, actor, created.id, now) };
    });
    return reply.status(out.isNew ? 201 : 200).send(out.view);
  });

  app.get('/api/v1/inspection/cases/:id', { schema: { tags, description: 'Hồ sơ hậu kiểm: rủi ro, danh mục kiểm tra, biên bản, kết luận / a case', params: c.IdParams, response: { 200: c.Case, ...signedInErrors } } }, async (req, reply) => {
    const actor = requireActor(req);
    reply.header('cache-control', 'no-store');
    return ctx.db.transaction((tx) => readCase(tx, actor, req.params.id, ctx.clock.now()));
  });

  app.post('/api/v1/inspection/cases/:id/actions', { schema: { tags, description: 'assign | record_visit | conclude | revoke_result', params: c.IdParams, body: c.CaseAction, response: { 200: c.Case, ...writeErrors } } }, async (req) => {
    const actor = requireActor(req);
    return ctx.db.transaction(async (tx) => {
      const now = ctx.clock.now();
      await actOnCase(tx, { actor, id: req.params.id, body: req.body, now });
      return readCase(tx, actor, req.params.id, now);
    });
  });

  app.get('/api/v1/inspection/cases/:id/files/:fileId', { schema: { tags, description: 'Tệp kèm biên bản kiểm tra / a file attached to a visit record', params: c.CaseFileParams, response: { 200: uploadedFile, ...signedInErrors } } }, async (req, reply) => {
    const actor = requireActor(req);
    const file = await ctx.db.transaction((tx) => readCaseFile(tx, ctx, { actor, ...req.params, now: ctx.clock.now() }));
    return sendUploadedFile(reply, file); // uploaded by an inspector: always a download
  });

  app.get('/api/v1/inspection/declarations/:dossierId', { schema: { tags, description: 'Bản công bố và các phiên bản, điểm rủi ro giải thích theo từng yếu tố / a declaration, its versions and risk', params: c.DossierParams, response: { 200: c.Declaration, ...signedInErrors } } }, async (req, reply) => {
    const actor = requireActor(req);
    reply.header('cache-control', 'no-store');
    return ctx.db.transaction((tx) => readDeclaration(tx, actor, req.params.dossierId, ctx.clock.now()));
  });

  app.get('/api/v1/inspection/declarations/:dossierId/files/:fileId', { schema: { tags, description: 'Giấy tờ của bản công bố, cho thanh tra viên của cơ quan / a document of the declaration, for the authority’s inspectors', params: c.DeclarationFileParams, response: { 200: uploadedFile, ...signedInErrors } } }, async (req, reply) => {
    const actor = requireActor(req);
    const file = await ctx.db.transaction((tx) => readDeclarationFile(tx, ctx, { actor, ...req.params, now: ctx.clock.now() }));
    return sendUploadedFile(reply, file); // uploaded by the declarant: always a download
  });

  app.post('/api/v1/inspection/declarations/:dossierId/corrections', { schema: { tags, description: 'Người công bố sửa đổi: một phiên bản mới, giữ lịch sử / the declarant corrects: a new version', params: c.DossierParams, body: c.CorrectionBody, response: { 200: c.Declaration, 201: c.Declaration, ...writeErrors } } }, async (req, reply) => {
    const actor = requireActor(req);
    const out = await ctx.db.transaction(async (tx) => {
      const now = ctx.clock.now();
      const { created } = await correctDeclaration(tx, { actor, dossierId: req.params.dossierId, fields: req.body.fields, reason: req.body.reason, now });
      return { created, view: await readDeclaration(tx, actor, req.params.dossierId, now) };
    });
    return reply.status(out.created ? 201 : 200).send(out.view);
  });

  app.get('/api/v1/inspection/figures', { schema: { tags, description: 'Số liệu hậu kiểm cho trung tâm chỉ đạo điều hành / post-control figures', querystring: c.FiguresQuery, response: { 200: c.Figures, ...signedInErrors } } }, async (req) => {
    const actor = requireActor(req);
    const province = figuresScope(actor, req.query.province);
    if (province === undefined) throw InspectionErrors.FIGURES_NOT_ALLOWED();
    return ctx.db.transaction((tx) => postControlFigures(tx, { province, from: req.query.from, to: req.query.to, now: ctx.clock.now() }));
  });
};
