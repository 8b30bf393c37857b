import type { Sql } from '#platform/db.ts';

export interface DraftRow {
  procedureCode: string;
  content: Record<string, unknown>;
  updatedAt: Date;
}

export async function listDrafts(tx: Sql, userId: string): Promise<(Omit<DraftRow, 'content'> & { procedureName: string | null })[]> {
  return tx.query(
    `SELECT d.procedure_code AS "procedureCode", d.updated_at AS "updatedAt",
            (SELECT pv.content->>'name' FROM procedure_versions pv WHERE pv.procedure_code = d.procedure_code
              ORDER BY pv.effective_from DESC LIMIT 1) AS "procedureName"
     FROM dossier_drafts d WHERE d.user_id = $1 ORDER BY d.updated_at DESC`,
    [userId],
  );
}

export async function findDraft(tx: Sql, userId: string, procedureCode: string): Promise<DraftRow | null> {
  const [row] = await tx.query<DraftRow>(
    `SELECT procedure_code AS "procedureCode", content, updated_at AS "updatedAt" FROM dossier_drafts WHERE user_id = $1 AND procedure_code = $2`,
    [userId, procedureCode],
  );
  return row ?? null;
}

/** Keeps the newer of two writes (a slow request from another device does not undo a later one). */
export async function saveDraft(tx: Sql, userId: string, procedureCode: string, content: unknown, at: Date): Promise<DraftRow> {
  const [row] = await tx.query<DraftRow>(
    `INSERT INTO dossier_drafts (user_id, procedure_code, content, updated_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (user_id, procedure_code) DO UPDATE SET content = excluded.content, updated_at = excluded.updated_at
       WHERE dossier_drafts.updated_at <= excluded.updated_at
     RETURNING procedure_code AS "procedureCode", content, updated_at AS "updatedAt"`,
    [userId, procedureCode, JSON.stringify(content), at],
  );
  return row ?? (await findDraft(tx, userId, procedureCode))!;
}

export async function deleteDraft(tx: Sql, userId: string, procedureCode: string): Promise<void> {
  await tx.query('DELETE FROM dossier_drafts WHERE user_id = $1 AND procedure_code = $2', [userId, procedureCode]);
}
