import type { FastifyRequest } from 'fastify';
import type { AppContext } from '#platform/context.ts';
import type { AppError } from '#platform/errors.ts';
import { tooLarge } from './upload-file.ts';

/**
 * The bytes of the multipart field `file` of a request whose route reads them whole (a PDF to
 * verify, a workbook to import): `missing()` when the request is not multipart or has no `file`
 * field, 413 FILE_TOO_LARGE past the upload limit.
 */
export async function multipartFileBytes(ctx: Pick<AppContext, 'config'>, req: FastifyRequest, missing: () => AppError): Promise<Buffer> {
  if (!req.isMultipart()) throw missing();
  try {
    const part = await req.file();
    if (part?.fieldname !== 'file') throw missing();
    return await part.toBuffer();
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(ctx);
    throw error;
  }
}
