import type { FastifyRequest } from 'fastify';
import type { AppContext } from '#platform/context.ts';
import type { AppError } from '#platform/errors.ts';
import { tooLarge } from './upload-file.ts';

/** `read()`, with the upload limit's error from @fastify/multipart answered 413 FILE_TOO_LARGE. */
async function withinUploadLimit<T>(ctx: Pick<AppContext, 'config'>, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(ctx);
    throw error;
  }
}

/**
 * The multipart field `file` of a request (to stream): `missing()` when the request is not
 * multipart or has no `file` field, 413 FILE_TOO_LARGE past the upload limit.
 */
export async function multipartFilePart(ctx: Pick<AppContext, 'config'>, req: FastifyRequest, missing: () => AppError) {
  if (!req.isMultipart()) throw missing();
  const part = await withinUploadLimit(ctx, () => req.file());
  if (part?.fieldname !== 'file') throw missing();
  return part;
}

/** The bytes of the field `file`, for a route that reads them whole (a PDF to verify, a workbook to import); errors as `multipartFilePart`. */
export async function multipartFileBytes(ctx: Pick<AppContext, 'config'>, req: FastifyRequest, missing: () => AppError): Promise<Buffer> {
  const part = await multipartFilePart(ctx, req, missing);
  return withinUploadLimit(ctx, () => part.toBuffer());
}
