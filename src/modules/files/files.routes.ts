import { binary, errors, signedInErrors } from '#platform/contract.ts';
import type { RoutesPlugin } from '#platform/context.ts';
import { requireActor } from '../../http/auth.ts';
import { contentDisposition } from '../../http/content-disposition.ts';
import { openBlob } from './blob-store.ts';
import { FileErrors } from './files.errors.ts';
import { getFile } from './files.service.ts';
import { multipartFilePart } from './multipart-bytes.ts';
import { uploadFile } from './upload-file.ts';
import { uploadsRoutes } from './uploads.routes.ts';
import { FileParams, StoredFile } from './files.contract.ts';


export const filesRoutes: RoutesPlugin = async (app, ctx) => {
  app.post(
    '/api/v1/files',
    {
      schema: { tags: ['files'], summary: 'Tải tệp lên / upload a file (multipart, field "file")', response: { 201: StoredFile, ...errors(401, 403, 413, 415) } },
      config: { rateLimit: { keyGenerator: (req) => req.actor?.id ?? req.ip } },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const part = await multipartFilePart(ctx, req, FileErrors.FILE_MISSING);
      const stored = await uploadFile(ctx, { actor, stream: part.file, filename: part.filename });
      return reply.status(201).send(stored);
    },
  );

  app.get(
    '/api/v1/files/:id',
    { schema: { tags: ['files'], summary: 'Tải về tệp của chính mình / download your own upload', params: FileParams, response: { 200: binary('application/octet-stream', 'tệp đã tải lên (tải về) / the upload, as a download'), ...signedInErrors } } },
    async (req, reply) => {
      const actor = requireActor(req);
      const file = await getFile(ctx.db, req.params.id);
      // Dossier attachments are read through the dossiers module; here only the uploader.
      if (!file || file.uploadedBy !== actor.id) throw FileErrors.FILE_NOT_FOUND();
      return reply
        .type(file.mediaType)
        .header('content-length', file.size)
        .header('content-disposition', contentDisposition('attachment', file.originalName))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(openBlob(ctx.filesDir, file.sha256) as never); // a stream, past the serialiser
    },
  );
  await uploadsRoutes(app, ctx);
};
