import type { Sql } from '#platform/db.ts';

export interface FileRow {
  id: string;
  sha256: string;
  size: number;
  mediaType: string;
  originalName: string;
  uploadedBy: string;
  createdAt: Date;
}

interface Raw {
  id: string;
  sha256: string;
  size: number;
  media_type: string;
  original_name: string;
  uploaded_by: string;
  created_at: Date;
}

const toRow = (r: Raw): FileRow => ({
  id: r.id,
  sha256: r.sha256,
  size: Number(r.size),
  mediaType: r.media_type,
  originalName: r.original_name,
  uploadedBy: r.uploaded_by,
  createdAt: r.created_at,
});

export async function insertFile(tx: Sql, f: FileRow): Promise<void> {
  await tx.query(
    `INSERT INTO files (id, sha256, size, media_type, original_name, uploaded_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [f.id, f.sha256, f.size, f.mediaType, f.originalName, f.uploadedBy, f.createdAt],
  );
}

/** A live (not deleted) file. */
export async function findFile(tx: Sql, id: string): Promise<FileRow | null> {
  const rows = await tx.query<Raw>(
    `SELECT id, sha256, size, media_type, original_name, uploaded_by, created_at
       FROM files WHERE id = $1 AND deleted_at IS NULL`,
    [id],
  );
  return rows[0] ? toRow(rows[0]) : null;
}
