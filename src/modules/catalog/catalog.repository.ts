import type { Sql } from '#platform/db.ts';
import type { ProcedureContent, ProcedureSummary, ProcedureVersion } from './catalog.types.ts';

const versionColumns = `id, procedure_code AS "procedureCode", version, effective_from AS "effectiveFrom",
  effective_to AS "effectiveTo", content`;
type VersionRow = Omit<ProcedureVersion, keyof ProcedureContent> & { content: ProcedureContent };
const toVersion = ({ content, ...row }: VersionRow): ProcedureVersion => ({ ...content, ...row });

const summaryColumns = `p.code, p.name, p.name_en AS "nameEn", p.level, p.online_level AS "onlineLevel", p.deadline`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** LIKE patterns for every word of a folded query: all words must appear, in any order. */
const SEARCH_WHERE = `(q.t = '' OR p.search LIKE ALL (q.patterns) OR q.t <% p.search)`;
const SEARCH_FROM = `procedures p, (
  SELECT f_unaccent($1) AS t,
         ARRAY(SELECT '%' || w || '%' FROM unnest(regexp_split_to_array(f_unaccent($1), '\\s+')) AS w WHERE w <> '') AS patterns
) q`;

export const catalogRepository = {
  async countProcedures(tx: Sql): Promise<number> {
    const [row] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM procedures');
    return row.n;
  },

  /**
   * Ranked, accent- and case-insensitive search. `q` must already be free of LIKE wildcards.
   * Order: exact code, whole phrase, all words, then trigram word similarity (typos).
   */
  async search(tx: Sql, q: string, limit: number, offset: number): Promise<{ items: ProcedureSummary[]; total: number }> {
    const items = await tx.query<ProcedureSummary>(
      `SELECT ${summaryColumns}
       FROM ${SEARCH_FROM}
       WHERE ${SEARCH_WHERE}
       ORDER BY (p.code = $1) DESC,
                (q.t <> '' AND p.search LIKE '%' || q.t || '%') DESC,
                (p.search LIKE ALL (q.patterns)) DESC,
                word_similarity(q.t, p.search) DESC,
                p.code
       LIMIT $2 OFFSET $3`,
      [q, limit, offset],
    );
    const [count] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${SEARCH_FROM} WHERE ${SEARCH_WHERE}`, [q]);
    return { items, total: count.n };
  },

  async latestVersions(tx: Sql, codes: string[]): Promise<Map<string, { version: number; hash: string; effectiveFrom: string }>> {
    const rows = await tx.query<{ code: string; version: number; hash: string; effectiveFrom: string }>(
      `SELECT DISTINCT ON (procedure_code) procedure_code AS code, version, content_hash AS hash, effective_from AS "effectiveFrom"
       FROM procedure_versions WHERE procedure_code = ANY($1::text[])
       ORDER BY procedure_code, version DESC`,
      [codes],
    );
    return new Map(rows.map((r) => [r.code, r]));
  },

  /** Adds versions (and their procedures) in one statement per table; closes the previous versions. */
  async insertVersions(
    tx: Sql,
    rows: { id: string; code: string; version: number; effectiveFrom: string; content: ProcedureContent; hash: string; source: string }[],
    at: Date,
  ): Promise<void> {
    if (rows.length === 0) return;
    const json = JSON.stringify(rows);
    await tx.query(
      `INSERT INTO procedures (code, name, name_en, level, online_level, deadline, latest_version, updated_at)
       SELECT code, content->>'name', content->>'nameEn', content->>'level', content->>'onlineLevel',
              jsonb_build_object('value', content->'deadline'->'value', 'unit', content->'deadline'->'unit',
                                 'verified', content->'deadline'->'verified'),
              version, $2
       FROM json_to_recordset($1::json) AS x(code text, version int, content jsonb)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, name_en = EXCLUDED.name_en, level = EXCLUDED.level,
         online_level = EXCLUDED.online_level, deadline = EXCLUDED.deadline,
         latest_version = EXCLUDED.latest_version, updated_at = EXCLUDED.updated_at`,
      [json, at],
    );
    await tx.query(
      `UPDATE procedure_versions v SET effective_to = x."effectiveFrom"::date
       FROM json_to_recordset($1::json) AS x(code text, "effectiveFrom" text)
       WHERE v.procedure_code = x.code AND v.effective_to IS NULL`,
      [json],
    );
    await tx.query(
      `INSERT INTO procedure_versions (id, procedure_code, version, effective_from, content, content_hash, source, created_at)
       SELECT id::uuid, code, version, "effectiveFrom"::date, content, hash, source, $2
       FROM json_to_recordset($1::json) AS x(id text, code text, version int, "effectiveFrom" text, content jsonb, hash text, source text)`,
      [json, at],
    );
  },

  /** The version in force on a local date: the newest one that started on or before it and has not ended. */
  async findInForce(tx: Sql, code: string, date: string): Promise<ProcedureVersion | null> {
    const [row] = await tx.query<VersionRow>(
      `SELECT ${versionColumns} FROM procedure_versions
       WHERE procedure_code = $1 AND effective_from <= $2::date AND (effective_to IS NULL OR effective_to > $2::date)
       ORDER BY effective_from DESC, version DESC LIMIT 1`,
      [code, date],
    );
    return row ? toVersion(row) : null;
  },

  async findVersion(tx: Sql, id: string): Promise<ProcedureVersion | null> {
    if (!UUID.test(id)) return null;
    const [row] = await tx.query<VersionRow>(
      `SELECT ${versionColumns} FROM procedure_versions WHERE id = $1::uuid`,
      [id],
    );
    return row ? toVersion(row) : null;
  },

  async listVersions(tx: Sql, code: string): Promise<{ id: string; version: number; effectiveFrom: string; effectiveTo: string | null; source: string }[]> {
    return tx.query(
      `SELECT id, version, effective_from AS "effectiveFrom", effective_to AS "effectiveTo", source
       FROM procedure_versions WHERE procedure_code = $1 ORDER BY version`,
      [code],
    );
  },
};
