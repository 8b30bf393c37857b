import type { FastifyReply } from 'fastify';

/** `Content-Disposition` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Sends a file someone uploaded (an applicant's, a declarant's) as a download: never rendered as a
 * page of this origin (issue 13, D11), never sniffed, never cached by a shared cache.
 */
export function sendUploadedFile(reply: FastifyReply, file: { mediaType: string; name: string; bytes: Buffer }) {
  return reply
    .type(file.mediaType)
    .header('content-disposition', contentDisposition('attachment', file.name))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(file.bytes as never); // bytes, past the serialiser
}
