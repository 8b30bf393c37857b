import { z } from 'zod';

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
