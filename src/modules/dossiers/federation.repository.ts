import type { Sql } from '#platform/db.ts';

/**
 * SQL of federated liên thông (federated-steps.ts): a dossier's rows as JSON, to travel to the
 * installation hosting a step's agency, and their import there as a copy (`lead_node`). The rows
 * travel column for column (`to_jsonb` / `jsonb_populate_record`), so both installations, on the
 * same schema, hold the same dossier, log, steps and documents.
 */
export interface DossierRows {
  dossier: Record<string, unknown>;
  actions: Record<string, unknown>[];
  steps: Record<string, unknown>[];
  documents: Record<string, unknown>[];
}

export async function exportDossierRows(tx: Sql, dossierId: string): Promise<DossierRows | null> {
  const [row] = await tx.query<DossierRows>(
    `SELECT to_jsonb(d) - 'lead_node' AS dossier,
            (SELECT coalesce(jsonb_agg(to_jsonb(a) - 'id' ORDER BY a.seq), '[]') FROM dossier_actions a WHERE a.dossier_id = d.id) AS actions,
            (SELECT coalesce(jsonb_agg(to_jsonb(s) ORDER BY s.seq), '[]') FROM dossier_steps s WHERE s.dossier_id = d.id) AS steps,
            (SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY x.action_seq, x.component_code), '[]') FROM dossier_documents x WHERE x.dossier_id = d.id) AS documents
       FROM dossiers d WHERE d.id = $1`,
    [dossierId],
  );
  return row ?? null;
}

/** The lead node of a dossier held here: undefined when there is no such dossier, null when it is this node's own. */
export async function leadNodeOf(tx: Sql, dossierId: string): Promise<string | null | undefined> {
  const [row] = await tx.query<{ lead_node: string | null }>('SELECT lead_node FROM dossiers WHERE id = $1 FOR UPDATE', [dossierId]);
  return row ? row.lead_node : undefined;
}

/** Imports another installation's dossier as a copy led by `leadNode` (documents' file ids already mapped to local files). */
export async function importDossierRows(tx: Sql, rows: DossierRows, leadNode: string): Promise<void> {
  await tx.query(
    `INSERT INTO dossiers SELECT * FROM jsonb_populate_record(NULL::dossiers, $1::jsonb || jsonb_build_object('lead_node', $2::text))`,
    [JSON.stringify(rows.dossier), leadNode],
  );
  await tx.query(
    `INSERT INTO dossier_actions (dossier_id, seq, action, at, actor_id, actor_name, actor_agency, data)
     SELECT dossier_id, seq, action, at, actor_id, actor_name, actor_agency, data FROM jsonb_populate_recordset(NULL::dossier_actions, $1::jsonb)`,
    [JSON.stringify(rows.actions)],
  );
  await tx.query('INSERT INTO dossier_documents SELECT * FROM jsonb_populate_recordset(NULL::dossier_documents, $1::jsonb)', [JSON.stringify(rows.documents)]);
  await importSteps(tx, rows.steps);
}

/** Step rows of the lead's dossier this copy lacks (by graph step): a later step opened at an agency hosted here. */
export async function importSteps(tx: Sql, steps: Record<string, unknown>[]): Promise<number> {
  if (steps.length === 0) return 0;
  const rows = await tx.query(
    `INSERT INTO dossier_steps
     SELECT n.* FROM jsonb_populate_recordset(NULL::dossier_steps, $1::jsonb) n
      WHERE n.step_seq IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM dossier_steps s WHERE s.dossier_id = n.dossier_id AND s.step_seq = n.step_seq)
     ON CONFLICT DO NOTHING RETURNING 1`,
    [JSON.stringify(steps)],
  );
  return rows.length;
}

/** The columns of `dossiers` a copy takes from its lead (all but the id and `lead_node`). */
async function copiedDossierColumns(tx: Sql): Promise<string[]> {
  const rows = await tx.query<{ c: string }>(
    `SELECT column_name AS c FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = 'dossiers' AND is_generated = 'NEVER' AND column_name NOT IN ('id', 'lead_node')
      ORDER BY ordinal_position`,
  );
  return rows.map((r) => r.c);
}

/**
 * A copy takes its lead's dossier as it now stands: the dossier row (its `lead_node` kept), the
 * whole log, steps and documents replaced by the lead's (file ids already mapped to files here).
 */
export async function replaceCopyRows(tx: Sql, rows: DossierRows): Promise<void> {
  const id = String(rows.dossier.id);
  const cols = (await copiedDossierColumns(tx)).map((c) => `"${c}"`);
  await tx.query(
    `UPDATE dossiers d SET (${cols.join(', ')}) = (SELECT ${cols.map((c) => `r.${c}`).join(', ')} FROM jsonb_populate_record(NULL::dossiers, $2::jsonb) r)
      WHERE d.id = $1 AND d.lead_node IS NOT NULL`,
    [id, JSON.stringify(rows.dossier)],
  );
  await tx.query('DELETE FROM dossier_actions WHERE dossier_id = $1', [id]);
  await tx.query(
    `INSERT INTO dossier_actions (dossier_id, seq, action, at, actor_id, actor_name, actor_agency, data)
     SELECT dossier_id, seq, action, at, actor_id, actor_name, actor_agency, data FROM jsonb_populate_recordset(NULL::dossier_actions, $1::jsonb)`,
    [JSON.stringify(rows.actions)],
  );
  // A step this node's agency completed whose result has not reached the lead yet stays completed here.
  const done = await tx.query<{ seq: number; row: Record<string, unknown> }>(
    'SELECT seq, to_jsonb(s) AS row FROM dossier_steps s WHERE dossier_id = $1 AND finished_at IS NOT NULL',
    [id],
  );
  const steps = rows.steps.map((s) => (s.finished_at == null ? (done.find((d) => d.seq === Number(s.seq))?.row ?? s) : s));
  await tx.query('DELETE FROM dossier_steps WHERE dossier_id = $1', [id]);
  await tx.query('INSERT INTO dossier_steps SELECT * FROM jsonb_populate_recordset(NULL::dossier_steps, $1::jsonb)', [JSON.stringify(steps)]);
  await tx.query('DELETE FROM dossier_documents WHERE dossier_id = $1', [id]);
  await tx.query('INSERT INTO dossier_documents SELECT * FROM jsonb_populate_recordset(NULL::dossier_documents, $1::jsonb)', [JSON.stringify(rows.documents)]);
}

/** The file ids a dossier held here refers to (its documents and its steps' results). */
export async function dossierFileIds(tx: Sql, dossierId: string): Promise<string[]> {
  const rows = await tx.query<{ file_id: string }>(
    `SELECT file_id FROM dossier_documents WHERE dossier_id = $1
     UNION SELECT result_file_id FROM dossier_steps WHERE dossier_id = $1 AND result_file_id IS NOT NULL`,
    [dossierId],
  );
  return rows.map((r) => r.file_id);
}
