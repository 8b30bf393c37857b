import type { Sql } from '#platform/db.ts';

/** Who read a dossier (`dossier_access_log`): every officer's read of personal data, shown to the applicant. */

export interface AccessLogEntry {
  at: Date;
  actorId: string;
  actorName: string;
  agencyCode: string | null;
  what: string;
}

export async function insertAccessLog(tx: Sql, dossierId: string, e: AccessLogEntry): Promise<void> {
  await tx.query(
    'INSERT INTO dossier_access_log (dossier_id, actor_id, actor_name, agency_code, at, what) VALUES ($1, $2, $3, $4, $5, $6)',
    [dossierId, e.actorId, e.actorName, e.agencyCode, e.at, e.what],
  );
}

export async function listAccessLog(tx: Sql, dossierId: string): Promise<AccessLogEntry[]> {
  const rows = await tx.query<{ at: Date; actor_id: string; actor_name: string; agency_code: string | null; what: string }>(
    'SELECT at, actor_id, actor_name, agency_code, what FROM dossier_access_log WHERE dossier_id = $1 ORDER BY at, id',
    [dossierId],
  );
  return rows.map((r) => ({ at: r.at, actorId: r.actor_id, actorName: r.actor_name, agencyCode: r.agency_code, what: r.what }));
}

/** The same officer's listing of several dossiers, one access-log row each (visible to each applicant). */
export async function insertAccessLogMany(tx: Sql, dossierIds: string[], e: AccessLogEntry): Promise<void> {
  if (dossierIds.length === 0) return;
  await tx.query(
    `INSERT INTO dossier_access_log (dossier_id, actor_id, actor_name, agency_code, at, what)
     SELECT id, $2, $3, $4, $5, $6 FROM unnest($1::text[]) AS id`,
    [dossierIds, e.actorId, e.actorName, e.agencyCode, e.at, e.what],
  );
}
