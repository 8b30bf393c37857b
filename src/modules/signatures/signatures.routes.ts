import type { RoutesPlugin } from '../../http/context.ts';
import { requireActor } from '../../http/auth.ts';
import { FileErrors } from '#modules/files/index.ts';
import { revokeResult } from './revoke-result.ts';
import { SignatureErrors } from './signatures.errors.ts';
import { ResultIdParams, RevokeResultBody } from './signatures.schemas.ts';
import { verifyStoredResult, verifyUploadedCopy } from './verify-result.ts';

/** Public verification of signed results (no login, rate limited) and revocation by a leader. */
export const signaturesRoutes: RoutesPlugin = (app, ctx) => {
  const publicRate = { rateLimit: { timeWindow: '1 minute' } };

  app.get(
    '/api/v1/public/verify/:resultId',
    {
      schema: { tags: ['public'], description: 'Kiểm tra kết quả ký số / verify a signed result', params: ResultIdParams },
      config: publicRate,
    },
    async (req) => ctx.db.transaction((tx) => verifyStoredResult(ctx, tx, req.params.resultId)),
  );

  app.post(
    '/api/v1/public/verify',
    {
      schema: {
        tags: ['public'],
        description: 'Kiểm tra một bản kết quả nhận được (multipart, trường "file") / check a received copy',
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
