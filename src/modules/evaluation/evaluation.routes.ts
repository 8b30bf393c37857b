import { errors, mutationErrors, publicErrors, signedInErrors } from '#platform/contract.ts';
import type { RoutesPlugin } from '#platform/context.ts';
import { requireActor } from '../../http/auth.ts';
import { PlacesErrors } from '#modules/places/index.ts';
import {
  AgencyParams,
  AnswerBody,
  Feedback,
  FeedbackBody,
  FeedbackList,
  FeedbackPage,
  IdParams,
  PageQuery,
  PublicFeedbackPage,
  Rating,
  RatingBody,
  RatingOfDossier,
  ReferenceParams,
  Satisfaction,
} from './evaluation.contract.ts';
import { agencyFeedback, answerFeedback, presentFeedback, publishedFeedback, sendFeedback } from './feedback.ts';
import { evaluationRepository as repo } from './evaluation.repository.ts';
import { dossierRating, rateDossier } from './rate-dossier.ts';
import { agencySatisfaction } from './satisfaction.ts';

/** Ratings of finished dossiers, published satisfaction, and feedback (phản ánh, kiến nghị). */
export const evaluationRoutes: RoutesPlugin = (app, ctx) => {
  const tags = ['evaluation'];
  const security = [{ bearer: [] }];
  const publicLimit = { rateLimit: { timeWindow: '1 minute' } };

  app.post(
    '/api/v1/dossiers/:id/rating',
    { schema: { tags, security, description: 'Đánh giá việc giải quyết hồ sơ / rate a finished dossier', params: IdParams, body: RatingBody, response: { 201: Rating, ...mutationErrors } } },
    async (req, reply) => {
      const actor = requireActor(req);
      const rating = await ctx.db.transaction((tx) => rateDossier(tx, { actor, dossierId: req.params.id, body: req.body, now: ctx.clock.now() }));
      return reply.status(201).send(rating);
    },
  );

  app.get('/api/v1/dossiers/:id/rating', { schema: { tags, security, description: 'Đánh giá của hồ sơ / the rating of a dossier', params: IdParams, response: { 200: RatingOfDossier, ...signedInErrors } } }, async (req) => {
    const actor = requireActor(req);
    return ctx.db.transaction((tx) => dossierRating(tx, { actor, dossierId: req.params.id, now: ctx.clock.now() }));
  });

  app.get(
    '/api/v1/agencies/:code/satisfaction',
    { schema: { tags, description: 'Mức độ hài lòng (công khai) / published satisfaction', params: AgencyParams, response: { 200: Satisfaction, ...publicErrors } }, config: publicLimit },
    async (req) => {
      const result = await agencySatisfaction(ctx.db, req.params.code);
      if (!result) throw PlacesErrors.AGENCY_NOT_FOUND();
      return result;
    },
  );

  app.post('/api/v1/feedback', { schema: { tags, security, description: 'Gửi phản ánh, kiến nghị / send feedback', body: FeedbackBody, response: { 201: Feedback, ...errors(401, 403, 422) } }, config: publicLimit }, async (req, reply) => {
    const actor = requireActor(req);
    const feedback = await ctx.db.transaction((tx) => sendFeedback(tx, ctx.config, { actor, body: req.body, now: ctx.clock.now() }));
    return reply.status(201).send(feedback);
  });

  app.get('/api/v1/me/feedback', { schema: { tags, security, description: 'Phản ánh của tôi / my feedback', response: { 200: FeedbackList, ...errors(401) } } }, async (req) => {
    const actor = requireActor(req);
    const now = ctx.clock.now();
    return { items: (await repo.listByAuthor(ctx.db, actor.id)).map((f) => presentFeedback(f, now)) };
  });

  app.get('/api/v1/feedback', { schema: { tags, security, description: 'Phản ánh gửi cơ quan của tôi / to my agencies', querystring: PageQuery, response: { 200: FeedbackPage, ...errors(401, 403) } } }, async (req) => {
    const actor = requireActor(req);
    return agencyFeedback(ctx.db, { actor, ...req.query, now: ctx.clock.now() });
  });

  app.post(
    '/api/v1/feedback/:reference/answer',
    { schema: { tags, security, description: 'Trả lời phản ánh, kiến nghị / answer feedback', params: ReferenceParams, body: AnswerBody, response: { 200: Feedback, ...mutationErrors } } },
    async (req) => {
      const actor = requireActor(req);
      return ctx.db.transaction((tx) => answerFeedback(tx, { actor, reference: req.params.reference, answer: req.body.answer, now: ctx.clock.now() }));
    },
  );

  app.get(
    '/api/v1/public/feedback',
    { schema: { tags: ['public'], description: 'Phản ánh, kiến nghị đã trả lời / answered feedback', querystring: PageQuery, response: { 200: PublicFeedbackPage, ...errors() } }, config: publicLimit },
    async (req) => publishedFeedback(ctx.db, req.query),
  );
};
