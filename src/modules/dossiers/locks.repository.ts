import type { Sql } from '#platform/db.ts';

/** SQL of the processing locks (khóa xử lý, migration 0016). */

export interface ProcessingLock {
  dossierId: string;
  holderId: string;
  holderName: string;
  claimedAt: Date;
  expiresAt: Date;
}

export interface LockRowDb {
  dossier_id: string;
  holder_id: string;
  holder_name: string;
  claimed_at: Date;
  expires_at: Date;
}

export const toLock = (r: LockRowDb): ProcessingLock => ({
  dossierId: r.dossier_id,
  holderId: r.holder_id,
  holderName: r.holder_name,
  claimedAt: r.claimed_at,
  expiresAt: r.expires_at,
});

/** The dossier's lock row, live or expired. */
export async function findLock(tx: Sql, dossierId: string): Promise<ProcessingLock | null> {
  const [row] = await tx.query<LockRowDb>(
    'SELECT dossier_id, holder_id, holder_name, claimed_at, expires_at FROM dossier_locks WHERE dossier_id = $1',
    [dossierId],
  );
  return row ? toLock(row) : null;
}

export async function upsertLock(tx: Sql, lock: ProcessingLock): Promise<void> {
  await tx.query(
    `INSERT INTO dossier_locks (dossier_id, holder_id, holder_name, claimed_at, expires_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (dossier_id) DO UPDATE SET holder_id = EXCLUDED.holder_id, holder_name = EXCLUDED.holder_name,
       claimed_at = EXCLUDED.claimed_at, expires_at = EXCLUDED.expires_at`,
    [lock.dossierId, lock.holderId, lock.holderName, lock.claimedAt, lock.expiresAt],
  );
}

/** Removes the lock if this holder holds it; true when a row went. */
export async function deleteLock(tx: Sql, dossierId: string, holderId: string): Promise<boolean> {
  const rows = await tx.query('DELETE FROM dossier_locks WHERE dossier_id = $1 AND holder_id = $2 RETURNING dossier_id', [dossierId, holderId]);
  return rows.length > 0;
}
