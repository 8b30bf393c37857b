import { z } from 'zod';
import { ErrorBody, errors, noContent } from '#platform/contract.ts';

/** Every request and answer of the files routes (api.md §5.1): uploads, resumable uploads (tus), downloads. */

/** A stored file: what an upload answers, and what a dossier's documents refer to by `fileId`. */
export const StoredFile = z.object({
  fileId: z.string(),
  sha256: z.string().meta({ description: 'SHA-256 của nội dung (hex) / of the content' }),
  size: z.number().int(),
  mediaType: z.string(),
});
export type StoredFile = z.infer<typeof StoredFile>;

export const FileParams = z.object({ id: z.string().max(100) });
export const UploadParams = z.object({ id: z.string().max(100) });

// ─── Resumable uploads (tus 1.0.0, https://tus.io/protocols/resumable-upload) ─────────────────
// Fastify checks the session, the declared size and the owner and answers those refusals with
// the error body; the tus server then answers on the raw request, its own protocol errors as
// plain text. The request headers are documented, not validated here: a missing one gets the
// tus server's (or UPLOAD_LENGTH_REQUIRED's) own answer.

const TusResumable = z.string().optional().meta({ description: '1.0.0 — bắt buộc, thiếu → 412 / required, missing → 412', example: '1.0.0' });

/** POST /api/v1/uploads. */
export const CreateUploadHeaders = z.looseObject({
  'tus-resumable': TusResumable,
  'upload-length': z.string().optional().meta({
    description: 'kích thước tệp (byte), bắt buộc: thiếu → 400 UPLOAD_LENGTH_REQUIRED, quá giới hạn → 413 / the file size in bytes, required',
    example: '1024',
  }),
  'upload-metadata': z.string().optional().meta({ description: '`filename <base64>`; chỉ giữ filename / only the name is kept' }),
});

/** PATCH /api/v1/uploads/{id}: the next bytes, sent as `application/offset+octet-stream`. */
export const PatchUploadHeaders = z.looseObject({
  'tus-resumable': TusResumable,
  'upload-offset': z.string().optional().meta({ description: 'số byte máy chủ đã có (HEAD) / the bytes the server has; sai → 409 / wrong → 409', example: '0' }),
});
/** The bytes themselves: streamed to the store unread (no JSON body). */
export const UploadChunk = z.any().meta({ format: 'binary', description: 'các byte tiếp theo / the next bytes (application/offset+octet-stream)' });
export const UPLOAD_CHUNK_TYPE = 'application/offset+octet-stream';

/** HEAD and DELETE /api/v1/uploads/{id}. */
export const UploadHeaders = z.looseObject({ 'tus-resumable': TusResumable });

/** A tus protocol answer in plain text ("Upload-Offset conflict", "Tus-Resumable Required"…). */
export const TusText = z.string().meta({ description: 'lỗi của giao thức tus (văn bản) / a tus protocol error (plain text)' });
/** Created: the upload's address is `Location` (`/api/v1/uploads/<32 hex>`); the body is empty. */
export const UploadCreated = {
  description: 'đã tạo; địa chỉ ở tiêu đề Location / created, its address in the Location header (empty body)',
  content: { 'text/plain': { schema: z.literal('') } },
};

/** An error that is the error body (our checks, the finished file's) or a tus text answer. */
const errorOrTus = (description: string) => ({
  description,
  content: { 'application/json': { schema: ErrorBody }, 'text/plain': { schema: TusText } },
});
const tusOnly = (description: string) => ({ description, content: { 'text/plain': { schema: TusText } } });

const common = {
  ...errors(401, 404),
  400: errorOrTus('yêu cầu sai (tiêu đề tus không hợp lệ) / bad request (an invalid tus header)'),
  403: errorOrTus('CSRF_REJECTED, hoặc thiếu tiêu đề tus bắt buộc / or a required tus header missing'),
  410: tusOnly('lượt tải lên đã hết hạn (24 giờ) / the upload expired (24 hours)'),
  412: tusOnly('thiếu Tus-Resumable / Tus-Resumable missing'),
};

export const CreateUploadResponses = {
  201: UploadCreated,
  ...common,
  413: errorOrTus('FILE_TOO_LARGE: dung lượng khai báo vượt giới hạn / the declared size is over the limit'),
  415: ErrorBody,
};
export const PatchUploadResponses = {
  /** The last byte: the stored file (as POST /api/v1/files answers). */
  200: StoredFile,
  /** Bytes kept; the new `Upload-Offset` and `Upload-Expires` are headers. */
  204: noContent,
  ...common,
  409: errorOrTus('Upload-Offset không khớp / the offset does not match'),
  413: errorOrTus('vượt dung lượng khai báo hoặc giới hạn / over the declared size or the limit'),
  415: ErrorBody.meta({ description: 'UNSUPPORTED_FILE_TYPE: tệp xong nhưng không phải PDF, JPEG, PNG, DOCX, XLSX / the finished file is of no accepted type' }),
};
/** HEAD: `Upload-Offset`, `Upload-Length`, `Cache-Control: no-store` (headers only). */
export const HeadUploadResponses = { 200: noContent, ...common };
export const DeleteUploadResponses = { 204: noContent, ...common };
