import type { Sql } from '#platform/db.ts';
import type { ProcedureContent, ProcedureSummary, ProcedureVersion } from './catalog.types.ts';

const versionColumns = `id, procedure_code AS "procedureCode", version, effective_from AS "effectiveFrom",
  effective_to AS "effectiveTo", content`;
type VersionRow = Omit<ProcedureVersion, keyof ProcedureContent> & { content: ProcedureContent };
const toVersion = ({ content, ...row }: VersionRow): ProcedureVersion => ({ ...content, ...row });

const summaryColumns = `p.code, p.name, p.name_en AS "nameEn", p.level, p.online_level AS "onlineLevel", p.deadline`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The folded query and a LIKE pattern per word: all words must appear, in any order. */
const FOLDED = `SELECT f_unaccent($1) AS t,
  ARRAY(SELECT '%' || w || '%' FROM unnest(regexp_split_to_array(f_unaccent($1), '\\s+')) AS w WHERE w <> '') AS patterns`;

export const catalogRepository = {
  async countProcedures(tx: Sql): Promise<number> {
    const [row] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM procedures');
    return row.n;
  },

  /**
   * Ranked, accent- and case-insensitive search. `q` must already be free of LIKE wildcards.
   * Procedures containing every word come first (exact code, whole phrase, then closeness);
   * only when none does, trigram word similarity finds near spellings ("khai sihn").
   * The fuzzy pass compares every row, so it runs only as the fallback.
   */
  async search(tx: Sql, q: string, limit: number, offset: number): Promise<{ items: ProcedureSummary[]; total: number }> {
    const [{ t, patterns }] = await tx.query<{ t: string; patterns: string[] }>(FOLDED, [q]);
    if (patterns.length === 0) {
      const items = await tx.query<ProcedureSummary>(
        `SELECT ${summaryColumns} FROM procedures p ORDER BY p.code LIMIT $1 OFFSET $2`,
        [limit, offset],
      );
      return { items, total: await this.countProcedures(tx) };
    }
    const exact = await tx.query<ProcedureSummary & { total: number }>(
      `SELECT ${summaryColumns}, count(*) OVER ()::int AS total
       FROM procedures p WHERE p.search LIKE ALL ($2::text[])
       ORDER BY (p.code = $1) DESC, (p.search LIKE '%' || $3 || '%') DESC, word_similarity($3, p.search) DESC, p.code
       LIMIT $4 OFFSET $5`,
      [q, patterns, t, limit, offset],
    );
    if (exact.length > 0) return withTotal(exact);
    const [matching] = await tx.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM procedures p WHERE p.search LIKE ALL ($1::text[])',
      [patterns],
    );
    if (matching.n > 0) return { items: [], total: matching.n }; // a page past the end
    const fuzzy = await tx.query<ProcedureSummary & { total: number }>(
      `SELECT ${summaryColumns}, count(*) OVER ()::int AS total
       FROM procedures p WHERE $1 <% p.search
       ORDER BY word_similarity($1, p.search) DESC, p.code LIMIT $2 OFFSET $3`,
      [t, limit, offset],
    );
    return withTotal(fuzzy);
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

function withTotal(rows: (ProcedureSummary & { total: number })[]): { items: ProcedureSummary[]; total: number } {
  return { items: rows.map(({ total: _, ...item }) => item), total: rows[0]?.total ?? 0 };
}
