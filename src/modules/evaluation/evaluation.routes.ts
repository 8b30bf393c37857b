import { errors, mutationErrors, publicErrors, signedInErrors } from '#platform/contract.ts';
import type { RoutesPlugin } from '#platform/context.ts';
import { bearer, routeKit } from '../../http/route-kit.ts';
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
  const route = routeKit(app, ctx, { tags: ['evaluation'] });
  const publicLimit = { config: { rateLimit: { timeWindow: '1 minute' } } };

  route.post(
    '/api/v1/dossiers/:id/rating',
    { security: bearer, description: 'Đánh giá việc giải quyết hồ sơ / rate a finished dossier', params: IdParams, body: RatingBody, response: { 201: Rating, ...mutationErrors } },
    route.signedIn(async ({ req, reply, actor, now }) => {
      const rating = await ctx.db.transaction((tx) => rateDossier(tx, { actor, dossierId: req.params.id, body: req.body, now }));
      return reply.status(201).send(rating);
    }),
  );

  route.get(
    '/api/v1/dossiers/:id/rating',
    { security: bearer, description: 'Đánh giá của hồ sơ / the rating of a dossier', params: IdParams, response: { 200: RatingOfDossier, ...signedInErrors } },
    route.inTransaction(({ req, actor, now, tx }) => dossierRating(tx, { actor, dossierId: req.params.id, now })),
  );

  route.get(
    '/api/v1/agencies/:code/satisfaction',
    { description: 'Mức độ hài lòng (công khai) / published satisfaction', params: AgencyParams, response: { 200: Satisfaction, ...publicErrors } },
    async (req) => {
      const result = await agencySatisfaction(ctx.db, req.params.code);
      if (!result) throw PlacesErrors.AGENCY_NOT_FOUND();
      return result;
    },
    publicLimit,
  );

  route.post(
    '/api/v1/feedback',
    { security: bearer, description: 'Gửi phản ánh, kiến nghị / send feedback', body: FeedbackBody, response: { 201: Feedback, ...errors(401, 403, 422) } },
    route.signedIn(async ({ req, reply, actor, now }) => {
      const feedback = await ctx.db.transaction((tx) => sendFeedback(tx, ctx.config, { actor, body: req.body, now }));
      return reply.status(201).send(feedback);
    }),
    publicLimit,
  );

  route.get(
    '/api/v1/me/feedback',
    { security: bearer, description: 'Phản ánh của tôi / my feedback', response: { 200: FeedbackList, ...errors(401) } },
    route.signedIn(async ({ actor, now }) => ({ items: (await repo.listByAuthor(ctx.db, actor.id)).map((f) => presentFeedback(f, now)) })),
  );

  route.get(
    '/api/v1/feedback',
    { security: bearer, description: 'Phản ánh gửi cơ quan của tôi / to my agencies', querystring: PageQuery, response: { 200: FeedbackPage, ...errors(401, 403) } },
    route.signedIn(({ req, actor, now }) => agencyFeedback(ctx.db, { actor, ...req.query, now })),
  );

  route.post(
    '/api/v1/feedback/:reference/answer',
    { security: bearer, description: 'Trả lời phản ánh, kiến nghị / answer feedback', params: ReferenceParams, body: AnswerBody, response: { 200: Feedback, ...mutationErrors } },
    route.inTransaction(({ req, actor, now, tx }) => answerFeedback(tx, { actor, reference: req.params.reference, answer: req.body.answer, now })),
  );

  route.get(
    '/api/v1/public/feedback',
    { tags: ['public'], description: 'Phản ánh, kiến nghị đã trả lời / answered feedback', querystring: PageQuery, response: { 200: PublicFeedbackPage, ...errors() } },
    async (req) => publishedFeedback(ctx.db, req.query),
    publicLimit,
  );
};
