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
