import type { Sql } from '#platform/db.ts';

/**
 * The audit trail as an auditor reads it: `audit_log` (platform/audit.ts writes it) with the
 * actor's account and the dossier's code beside each row. A read model across modules' tables
 * (users, dossiers, dossier_steps), as the indicators' is: nothing here writes.
 */

export interface AuditFilter {
  /** null: everywhere; else rows about these agencies' dossiers or by their staff. */
  agencies: string[] | null;
  dossierId?: string;
  /** Rows about the dossiers (and their inspection cases) of the applicant with this identity number. */
  applicantIdNumber?: string;
  actorId?: string;
  actionPrefix?: string;
  from?: Date;
  to?: Date;
  before?: number;
  limit: number;
}

export interface AuditEntryRow {
  id: number;
  at: Date;
  chain: string;
  seq: number;
  action: string;
  actor_id: string | null;
  username: string | null;
  full_name: string | null;
  subject_type: string;
  subject_id: string;
  dossier_code: string | null;
  data: Record<string, unknown>;
  sealed: boolean;
}

/**
 * Newest first. A dossier's rows come by the subject index, an officer's by the actor index. The
 * rows of a post-inspection case (hồ sơ hậu kiểm: opened, read — the declarant's data —, assigned,
 * visited, concluded) belong to its dossier: found by the dossier's code and shown with it.
 */
export async function listEntries(tx: Sql, f: AuditFilter): Promise<AuditEntryRow[]> {
  return tx.query<AuditEntryRow>(
    `SELECT a.id::int AS id, a.at, a.chain, a.seq, a.action, a.actor_id, u.username, u.full_name,
            a.subject_type, a.subject_id, d.code AS dossier_code, a.data, a.mac IS NOT NULL AS sealed
       FROM audit_log a
       LEFT JOIN users u ON u.id = a.actor_id
       LEFT JOIN inspection_cases ic ON a.subject_type = 'inspection_case' AND ic.id = a.subject_id
       LEFT JOIN dossiers d ON d.id = CASE WHEN a.subject_type = 'dossier' THEN a.subject_id ELSE ic.dossier_id END
      WHERE ($2::text IS NULL OR (a.subject_type = 'dossier' AND a.subject_id = $2)
             OR (a.subject_type = 'inspection_case' AND a.subject_id IN (SELECT id FROM inspection_cases WHERE dossier_id = $2)))
        AND ($9::text IS NULL
             OR (a.subject_type = 'dossier' AND a.subject_id IN (SELECT id FROM dossiers WHERE applicant->>'idNumber' = $9))
             OR (a.subject_type = 'inspection_case' AND a.subject_id IN
                  (SELECT c.id FROM inspection_cases c JOIN dossiers x ON x.id = c.dossier_id WHERE x.applicant->>'idNumber' = $9)))
        AND ($3::text IS NULL OR a.actor_id = $3)
        AND ($4::text IS NULL OR starts_with(a.action, $4))
        AND ($5::timestamptz IS NULL OR a.at >= $5)
        AND ($6::timestamptz IS NULL OR a.at < $6)
        AND ($7::bigint IS NULL OR a.id < $7)
        AND ($1::text[] IS NULL
             OR d.receiving_agency = ANY($1) OR d.competent_agency = ANY($1)
             OR EXISTS (SELECT 1 FROM dossier_steps s WHERE s.dossier_id = d.id AND s.to_agency = ANY($1))
             OR EXISTS (SELECT 1 FROM user_grants g WHERE g.user_id = a.actor_id AND g.agency_code = ANY($1)))
      ORDER BY a.id DESC
      LIMIT $8`,
    [f.agencies, f.dossierId ?? null, f.actorId ?? null, f.actionPrefix || null, f.from ?? null, f.to ?? null, f.before ?? null, f.limit, f.applicantIdNumber ?? null],
  );
}

/** A dossier by its code or id, with the agencies that handle it (for the reader's scope). */
export async function findDossier(tx: Sql, by: 'code' | 'id', value: string): Promise<{ id: string; agencies: string[] } | null> {
  const [row] = await tx.query<{ id: string; agencies: string[] }>(
    `SELECT d.id, array_remove(array[d.receiving_agency, d.competent_agency] || coalesce(array_agg(s.to_agency), '{}'), NULL) AS agencies
       FROM dossiers d LEFT JOIN dossier_steps s ON s.dossier_id = d.id
      WHERE d.${by === 'code' ? 'code' : 'id'} = $1 GROUP BY d.id`,
    [value],
  );
  return row ?? null;
}

/** An account by its user name. */
export async function findUserId(tx: Sql, username: string): Promise<string | null> {
  const [row] = await tx.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [username]);
  return row?.id ?? null;
}

/**
 * The agencies `granted` and, for a province's People's Committee (UBND tỉnh, where the province's
 * inspectorate answers), every agency of its province: its departments, communes and their police;
 * not the central bodies seated there (level `tw`). A provincial department's grant (a Sở, Công an
 * tỉnh) covers that department only.
 */
export async function agenciesCovered(tx: Sql, granted: string[]): Promise<string[]> {
  const rows = await tx.query<{ code: string }>(
    `SELECT code FROM agencies
      WHERE code = ANY($1)
         OR (level <> 'tw' AND province_code IN (SELECT province_code FROM agencies WHERE code = ANY($1) AND level = 'tinh' AND kind = 'people_committee'))`,
    [granted],
  );
  return rows.map((r) => r.code);
}

/**
 * The agencies' names, in the order given (a code not in the register named by itself), with the
 * name of the province of a province's People's Committee (whose grant covers that province).
 */
export async function agencyNames(tx: Sql, codes: string[]): Promise<{ code: string; name: string; province: string | null }[]> {
  const rows = await tx.query<{ code: string; name: string; province: string | null }>(
    `SELECT a.code, a.name, CASE WHEN a.level = 'tinh' AND a.kind = 'people_committee' THEN p.name END AS province
       FROM agencies a LEFT JOIN provinces p ON p.code = a.province_code WHERE a.code = ANY($1)`,
    [codes],
  );
  return codes.map((code) => rows.find((r) => r.code === code) ?? { code, name: code, province: null });
}
