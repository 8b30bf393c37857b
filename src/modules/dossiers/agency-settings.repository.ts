import type { Sql } from '#platform/db.ts';

/** SQL of the per-agency lifecycle settings (migration 0016). */

export const RESULT_ISSUANCE = ['on_approval', 'by_clerk'] as const;
export type ResultIssuance = (typeof RESULT_ISSUANCE)[number];

export interface AgencySettingsRow {
  agencyCode: string;
  resultIssuance: ResultIssuance;
  updatedAt: Date | null;
  updatedBy: string | null;
}

/** The agency's settings; the defaults when the administrator never set any. */
export async function findAgencySettings(tx: Sql, agencyCode: string): Promise<AgencySettingsRow> {
  const [row] = await tx.query<{ result_issuance: ResultIssuance; updated_at: Date; updated_by: string }>(
    'SELECT result_issuance, updated_at, updated_by FROM agency_settings WHERE agency_code = $1',
    [agencyCode],
  );
  return {
    agencyCode,
    resultIssuance: row?.result_issuance ?? 'on_approval',
    updatedAt: row?.updated_at ?? null,
    updatedBy: row?.updated_by ?? null,
  };
}

export async function upsertAgencySettings(tx: Sql, s: { agencyCode: string; resultIssuance: ResultIssuance; at: Date; by: string }): Promise<void> {
  await tx.query(
    `INSERT INTO agency_settings (agency_code, result_issuance, updated_at, updated_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (agency_code) DO UPDATE SET result_issuance = EXCLUDED.result_issuance, updated_at = EXCLUDED.updated_at,
       updated_by = EXCLUDED.updated_by`,
    [s.agencyCode, s.resultIssuance, s.at, s.by],
  );
}
