import type { AppContext } from '../../http/context.ts';
import type { Sql } from '#platform/db.ts';

export const ALLOWED_MEDIA_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
] as const;
export type AllowedMediaType = (typeof ALLOWED_MEDIA_TYPES)[number];

export interface FileInfo {
  id: string;
  sha256: string;
  size: number;
  mediaType: string;
  originalName: string;
  uploadedBy: string;
}

/** The upload answer (api.md §5). */
export interface StoredFile {
  fileId: string;
  sha256: string;
  size: number;
  mediaType: string;
}

export async function getFile(_tx: Sql, _fileId: string): Promise<FileInfo | null> {
  throw new Error('files module not built yet');
}
export async function readFileBytes(_ctx: Pick<AppContext, 'filesDir'>, _sha256: string): Promise<Buffer> {
  throw new Error('files module not built yet');
}
export async function storeBytes(
  _ctx: Pick<AppContext, 'filesDir' | 'clock'>,
  _tx: Sql,
  _input: { bytes: Buffer; mediaType: string; name: string; uploadedBy: string },
): Promise<StoredFile> {
  throw new Error('files module not built yet');
}
