import { errors, mutationErrors, publicErrors } from '#platform/contract.ts';
import type { RoutesPlugin } from '#platform/context.ts';
import { bearer, routeKit } from '../../http/route-kit.ts';
import { multipartFileBytes } from '#modules/files/index.ts';
import { revokeResult } from './revoke-result.ts';
import { SignatureErrors } from './signatures.errors.ts';
import { toLocalIso } from '#platform/clock.ts';
import * as repo from './signatures.repository.ts';
import { ResultIdParams, RevokedList, RevokedListQuery, RevokeResultBody, Verification } from './signatures.contract.ts';
import { verifyStoredResult, verifyUploadedCopy } from './verify-result.ts';

/** Public verification of signed results (no login, rate limited) and revocation by a leader. */
export const signaturesRoutes: RoutesPlugin = (app, ctx) => {
  const route = routeKit(app, ctx, { tags: ['public'] });
  const publicRate = { config: { rateLimit: { timeWindow: '1 minute' } } };

  route.get(
    '/api/v1/public/verify/:resultId',
    { description: 'Kiểm tra kết quả ký số / verify a signed result', params: ResultIdParams, response: { 200: Verification, ...publicErrors } },
    async (req) => ctx.db.transaction((tx) => verifyStoredResult(ctx, tx, req.params.resultId)),
    publicRate,
  );

  route.get(
    '/api/v1/public/revoked-results',
    {
      description: 'Danh sách kết quả đã bị thu hồi (công khai) / the public list of revoked results',
      querystring: RevokedListQuery,
      response: { 200: RevokedList, ...errors(400) },
    },
    async (req) => {
      const { rows, total } = await ctx.db.transaction((tx) => repo.listRevokedResults(tx, req.query.limit, req.query.offset));
      return {
        total,
        items: rows.map((r) => ({
          resultId: r.id,
          number: r.number,
          agencyName: r.agencyName,
          procedureCode: r.procedureCode,
          procedureName: r.procedureName,
          issuedAt: toLocalIso(r.issuedAt),
          revokedAt: toLocalIso(r.revokedAt!),
          reason: r.revocationReason ?? '',
        })),
      };
    },
    publicRate,
  );

  route.post(
    '/api/v1/public/verify',
    { description: 'Kiểm tra một bản kết quả nhận được (multipart, trường "file") / check a received copy', response: { 200: Verification, ...errors(413, 415) } },
    async (req) => {
      const pdf = await multipartFileBytes(ctx, req, SignatureErrors.PDF_MISSING);
      return ctx.db.transaction((tx) => verifyUploadedCopy(ctx, tx, pdf));
    },
    publicRate,
  );

  route.post(
    '/api/v1/results/:resultId/revoke',
    {
      tags: ['results'],
      security: bearer,
      description: 'Thu hồi kết quả (lãnh đạo cơ quan ban hành) / revoke a result',
      params: ResultIdParams,
      body: RevokeResultBody,
      response: { 200: Verification, ...mutationErrors },
    },
    route.inTransaction(async ({ req, actor, now, tx }) => {
      await revokeResult(tx, { actor, resultId: req.params.resultId, reason: req.body.reason, now });
      return verifyStoredResult(ctx, tx, req.params.resultId);
    }),
  );
};
