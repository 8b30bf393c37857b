import { errors, mutationErrors, publicErrors } from '#platform/contract.ts';
import type { RoutesPlugin } from '#platform/context.ts';
import { requireActor } from '../../http/auth.ts';
import { FileErrors } from '#modules/files/index.ts';
import { revokeResult } from './revoke-result.ts';
import { SignatureErrors } from './signatures.errors.ts';
import { toLocalIso } from '#platform/clock.ts';
import * as repo from './signatures.repository.ts';
import { ResultIdParams, RevokedList, RevokedListQuery, RevokeResultBody, Verification } from './signatures.contract.ts';
import { verifyStoredResult, verifyUploadedCopy } from './verify-result.ts';

/** Public verification of signed results (no login, rate limited) and revocation by a leader. */
export const signaturesRoutes: RoutesPlugin = (app, ctx) => {
  const publicRate = { rateLimit: { timeWindow: '1 minute' } };

  app.get(
    '/api/v1/public/verify/:resultId',
    {
      schema: { tags: ['public'], description: 'Kiểm tra kết quả ký số / verify a signed result', params: ResultIdParams, response: { 200: Verification, ...publicErrors } },
      config: publicRate,
    },
    async (req) => ctx.db.transaction((tx) => verifyStoredResult(ctx, tx, req.params.resultId)),
  );

  app.get(
    '/api/v1/public/revoked-results',
    {
      schema: {
        tags: ['public'],
        description: 'Danh sách kết quả đã bị thu hồi (công khai) / the public list of revoked results',
        querystring: RevokedListQuery,
        response: { 200: RevokedList, ...errors(400) },
      },
      config: publicRate,
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
  );

  app.post(
    '/api/v1/public/verify',
    {
      schema: {
        tags: ['public'],
        description: 'Kiểm tra một bản kết quả nhận được (multipart, trường "file") / check a received copy',
        response: { 200: Verification, ...errors(413, 415) },
      },
      config: publicRate,
    },
    async (req) => {
      if (!req.isMultipart()) throw SignatureErrors.PDF_MISSING();
      let pdf: Buffer;
      try {
        const part = await req.file();
        if (part?.fieldname !== 'file') throw SignatureErrors.PDF_MISSING();
        pdf = await part.toBuffer();
      } catch (error) {
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
          throw FileErrors.FILE_TOO_LARGE({}, { maxMb: Math.round((ctx.config.MOTCUA_MAX_UPLOAD_BYTES / 1024 / 1024) * 10) / 10 });
        }
        throw error;
      }
      return ctx.db.transaction((tx) => verifyUploadedCopy(ctx, tx, pdf));
    },
  );

  app.post(
    '/api/v1/results/:resultId/revoke',
    {
      schema: {
        tags: ['results'],
        security: [{ bearer: [] }],
        description: 'Thu hồi kết quả (lãnh đạo cơ quan ban hành) / revoke a result',
        params: ResultIdParams,
        body: RevokeResultBody,
        response: { 200: Verification, ...mutationErrors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return ctx.db.transaction(async (tx) => {
        await revokeResult(tx, { actor, resultId: req.params.resultId, reason: req.body.reason, now: ctx.clock.now() });
        return verifyStoredResult(ctx, tx, req.params.resultId);
      });
    },
  );
};
