import type { IncomingMessage } from 'node:http';
import { Server, type Upload } from '@tus/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { AppContext, RoutesPlugin } from '#platform/context.ts';
import { requireActor } from '../../http/auth.ts';
import { toAppError } from '../../http/errors.ts';
import type { Actor } from '#platform/actor.ts';
import type { Locale } from '#platform/errors.ts';
import { FileErrors } from './files.errors.ts';
import { finishUpload } from './finish-upload.ts';
import { tooLarge } from './upload-file.ts';
import { findOwnUpload, openUploadStore } from './upload-store.ts';
import * as c from './files.contract.ts';
import { errors } from '#platform/contract.ts';

const UPLOADS_PATH = '/api/v1/uploads';
const JSON_TYPE = { 'Content-Type': 'application/json; charset=utf-8' };

interface Caller {
  actor: Actor;
  locale: Locale;
}

/** The Node request behind a tus (srvx) request. */
function nodeRequest(req: unknown): IncomingMessage | undefined {
  return (req as { runtime?: { node?: { req?: IncomingMessage } } }).runtime?.node?.req;
}

/**
 * Resumable uploads (tus 1.0.0: creation, expiration, termination) under /api/v1/uploads.
 * Fastify authenticates, checks the declared size and the owner, then hands the raw request
 * to the tus server; the last byte turns the upload into a stored file through `finishUpload`,
 * whose answer (or error JSON) is the last PATCH's response body.
 */
export const uploadsRoutes: RoutesPlugin = async (app, ctx: AppContext) => {
  const store = openUploadStore(ctx);
  const callers = new WeakMap<IncomingMessage, Caller>();
  const callerOf = (req: unknown): Caller => {
    const raw = nodeRequest(req);
    const caller = raw && callers.get(raw);
    if (!caller) throw { status_code: 401, body: 'Unauthenticated\n' };
    return caller;
  };

  const tus = new Server({
    path: UPLOADS_PATH,
    datastore: store.files,
    relativeLocation: true,
    maxSize: ctx.config.MOTCUA_MAX_UPLOAD_BYTES,
    // The owner and the name only: a client cannot set `owner` or `stored` itself.
    async onUploadCreate(req, upload: Upload) {
      const { actor } = callerOf(req);
      return { metadata: { filename: upload.metadata?.filename ?? '', owner: actor.id } };
    },
    async onUploadFinish(req, upload: Upload) {
      const { actor, locale } = callerOf(req);
      try {
        const stored = await finishUpload(ctx, store, { actor, uploadId: upload.id });
        return { status_code: 200, headers: JSON_TYPE, body: JSON.stringify(stored) };
      } catch (error) {
        const appError = toAppError(error, locale);
        if (appError.spec.status >= 500) ctx.logger.error({ err: error }, 'finishing an upload failed');
        const body = { error: { code: appError.code, message: appError.message_(locale), ...appError.extra } };
        return { status_code: appError.spec.status, headers: JSON_TYPE, body: JSON.stringify(body) };
      }
    },
  });

  /** After Fastify's checks, the tus server answers on the raw request and response. */
  const handOver = async (req: FastifyRequest, reply: FastifyReply, actor: Actor) => {
    callers.set(req.raw, { actor, locale: req.locale });
    reply.hijack();
    await tus.handle(req.raw, reply.raw);
  };

  // PATCH bodies (and creation-with-upload) stream to the tus store untouched.
  app.addContentTypeParser(c.UPLOAD_CHUNK_TYPE, (_req, _payload, done) => done(null));
  // The offsets make tus requests safe to retry; a hijacked reply never reaches the idempotency
  // hook's onSend, so an Idempotency-Key here would stay "in progress": it is ignored.
  const ignoreIdempotencyKey = async (req: FastifyRequest) => {
    delete req.headers['idempotency-key'];
  };

  app.post(
    UPLOADS_PATH,
    {
      schema: {
        tags: ['files'],
        summary: 'Bắt đầu tải lên tiếp tục được (tus) / create a resumable upload (tus)',
        headers: c.CreateUploadHeaders,
        response: c.CreateUploadResponses,
      },
      config: { rateLimit: { keyGenerator: (req) => req.actor?.id ?? req.ip } },
      onRequest: ignoreIdempotencyKey,
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const declared = String(req.headers['upload-length'] ?? '');
      if (!/^\d{1,15}$/.test(declared)) throw FileErrors.UPLOAD_LENGTH_REQUIRED();
      if (Number(declared) > ctx.config.MOTCUA_MAX_UPLOAD_BYTES) throw tooLarge(ctx);
      await handOver(req, reply, actor);
    },
  );

  const onUpload = {
    HEAD: {
      summary: 'tus HEAD: số byte máy chủ đã có (Upload-Offset) / how many bytes the server has',
      headers: c.UploadHeaders,
      response: c.HeadUploadResponses,
    },
    PATCH: {
      summary: 'tus PATCH: gửi các byte tiếp theo; byte cuối trả về tệp đã lưu / send the next bytes; the last answers the stored file',
      headers: c.PatchUploadHeaders,
      consumes: [c.UPLOAD_CHUNK_TYPE],
      body: c.UploadChunk,
      response: c.PatchUploadResponses,
    },
    DELETE: { summary: 'tus DELETE: bỏ lượt tải lên dở / drop a partial upload', headers: c.UploadHeaders, response: c.DeleteUploadResponses },
  };
  for (const method of ['HEAD', 'PATCH', 'DELETE'] as const) {
    app.route({
      method,
      url: `${UPLOADS_PATH}/:id`,
      schema: { tags: ['files'], params: c.UploadParams, ...onUpload[method] },
      onRequest: ignoreIdempotencyKey,
      handler: async (req, reply) => {
        const actor = requireActor(req);
        await findOwnUpload(store, actor, (req.params as z.infer<typeof c.UploadParams>).id);
        await handOver(req, reply, actor);
      },
    });
  }

  app.get(
    `${UPLOADS_PATH}/:id`,
    {
      exposeHeadRoute: false,
      schema: {
        tags: ['files'],
        summary: 'Tệp đã lưu từ một lượt tải lên xong / the stored file of a finished upload',
        params: c.UploadParams,
        response: { 200: c.StoredFile, ...errors(401, 403, 404, 409) },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return finishUpload(ctx, store, { actor, uploadId: req.params.id });
    },
  );

};
