import type { Sql } from '#platform/db.ts';

/**
 * SQL of the synthetic-history generator (`motcua generate dossiers`): it writes the dossiers
 * module's tables directly — the point is to fill a database fast for scale tests — in the
 * shape the dossiers module writes them (a log whose reduction is the cached row).
 */
export interface SyntheticDossier {
  id: string;
  code: string | null;
  procedureCode: string;
  versionId: string;
  channel: string;
  applicant: Record<string, unknown>;
  provinceCode: string;
  agency: string;
  assignee: string | null;
  status: string;
  submittedAt: Date;
  receivedAt: Date | null;
  dueAt: Date | null;
  dueDate: string | null;
  finishedAt: Date | null;
  actions: { action: string; at: Date; data: Record<string, unknown> }[];
  rating: { scores: Record<string, string>; at: Date } | null;
}

export const syntheticRepository = {
  async dossierCount(tx: Sql): Promise<number> {
    return (await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM dossiers'))[0].n;
  },

  async communeAgencies(tx: Sql): Promise<{ code: string; provinceCode: string; communeCode: string; communeKind: string; provinceKind: string }[]> {
    return tx.query(
      `SELECT a.code, a.province_code AS "provinceCode", a.admin_unit_code AS "communeCode", c.kind AS "communeKind", p.kind AS "provinceKind"
         FROM agencies a JOIN communes c ON c.code = a.admin_unit_code JOIN provinces p ON p.code = a.province_code
        WHERE a.level = 'xa' AND a.kind = 'people_committee' AND a.active ORDER BY a.code`,
    );
  },

  async communeProcedures(tx: Sql): Promise<{ code: string; versionId: string; deadline: { value: number | null; unit: string } }[]> {
    return tx.query(
      `SELECT v.procedure_code AS code, v.id::text AS "versionId", v.content->'deadline' AS deadline
         FROM procedure_versions v
        WHERE v.effective_to IS NULL AND v.content->>'level' = 'xa' AND v.content->>'competentAgencyKind' = 'people_committee'
        ORDER BY v.procedure_code`,
    );
  },

  async insert(tx: Sql, batch: SyntheticDossier[]): Promise<void> {
    if (batch.length === 0) return;
    const col = <K extends keyof SyntheticDossier>(k: K) => batch.map((d) => d[k]);
    await tx.query(
      `INSERT INTO dossiers (id, code, procedure_code, procedure_version_id, channel, applicant, owner, submitted_by, province_code,
         receiving_agency, competent_agency, current_agency, assignee, status, submitted_at, received_at, due_at, due_date,
         clock_started_at, finished_at, created_at, version)
       SELECT id, code, pc, vid, ch, ap, ap, 'synthetic', pr, ag, ag, ag, asg, st, sub, rec, due, dd, rec, fin, sub, nv
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::text[], $8::text[], $9::text[],
                     $10::text[], $11::timestamptz[], $12::timestamptz[], $13::timestamptz[], $14::date[], $15::timestamptz[], $16::int[])
           AS t(id, code, pc, vid, ch, ap, pr, ag, asg, st, sub, rec, due, dd, fin, nv)`,
      [
        col('id'), col('code'), col('procedureCode'), col('versionId'), col('channel'), col('applicant'), col('provinceCode'),
        col('agency'), col('assignee'), col('status'), col('submittedAt'), col('receivedAt'), col('dueAt'), col('dueDate'),
        col('finishedAt'), batch.map((d) => d.actions.length),
      ],
    );
    const acts = batch.flatMap((d) => d.actions.map((a, i) => ({ id: d.id, seq: i + 1, agency: d.agency, ...a })));
    await tx.query(
      `INSERT INTO dossier_actions (dossier_id, seq, action, at, actor_id, actor_name, actor_agency, data)
       SELECT id, seq, action, at, NULL, 'Dữ liệu mô phỏng', agency, data
         FROM unnest($1::text[], $2::int[], $3::text[], $4::timestamptz[], $5::text[], $6::jsonb[]) AS t(id, seq, action, at, agency, data)`,
      [acts.map((a) => a.id), acts.map((a) => a.seq), acts.map((a) => a.action), acts.map((a) => a.at), acts.map((a) => a.agency), acts.map((a) => a.data)],
    );
    const rated = batch.filter((d) => d.rating);
    if (rated.length) {
      await tx.query(
        `INSERT INTO dossier_ratings (dossier_id, agency_code, rated_by, scores, rated_at)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::timestamptz[])`,
        [rated.map((d) => d.id), rated.map((d) => d.agency), rated.map(() => 'synthetic'), rated.map((d) => d.rating!.scores), rated.map((d) => d.rating!.at)],
      );
    }
  },
};
