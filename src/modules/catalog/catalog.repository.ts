import type { Sql } from '#platform/db.ts';
import { processCache } from '#platform/process-cache.ts';
import type { ProcedureContent, ProcedureSummary, ProcedureVersion } from './catalog.types.ts';

const versionColumns = `id, procedure_code AS "procedureCode", version, effective_from AS "effectiveFrom",
  effective_to AS "effectiveTo", content`;
type VersionRow = Omit<ProcedureVersion, keyof ProcedureContent> & { content: ProcedureContent };
const toVersion = ({ content, ...row }: VersionRow): ProcedureVersion => ({ ...content, ...row });

const summaryColumns = `p.code, p.name, p.name_en AS "nameEn", p.level, p.online_level AS "onlineLevel", p.deadline, p.sector`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The folded query and a LIKE pattern per word: all words must appear, in any order. */
const FOLDED = `SELECT f_unaccent($1) AS t,
  ARRAY(SELECT '%' || w || '%' FROM unnest(regexp_split_to_array(f_unaccent($1), '\\s+')) AS w WHERE w <> '') AS patterns`;

/**
 * Every version of a procedure with its effective range, newest first, kept in the process (every
 * submission asks which is in force): an import adds versions and ends the previous ones, which
 * drops them everywhere. The one in force is picked from these at each date, never kept itself.
 */
const versionsOf = processCache('procedure-versions', async (tx, code: string) => {
  const rows = await tx.query<VersionRow>(
    `SELECT ${versionColumns} FROM procedure_versions WHERE procedure_code = $1 ORDER BY effective_from DESC, version DESC`,
    [code],
  );
  return rows.length > 0 ? rows.map(toVersion) : null;
});

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
  async search(tx: Sql, q: string, limit: number, offset: number, filter: BrowseFilter = {}): Promise<{ items: ProcedureSummary[]; total: number }> {
    const [{ t, patterns }] = await tx.query<{ t: string; patterns: string[] }>(FOLDED, [q]);
    // $1 sector, $2 issuing body, $3 agency: each applies only when given.
    const where = `($1::text IS NULL OR p.sector = $1) AND ($2::text IS NULL OR p.issuing_body = $2) AND ($3::text IS NULL OR p.agency = $3)`;
    const browse = [filter.sector ?? null, filter.issuingBody ?? null, filter.agency ?? null];
    if (patterns.length === 0) {
      return withTotal(
        await tx.query<ProcedureSummary & { total: number }>(
          `SELECT ${summaryColumns}, count(*) OVER ()::int AS total FROM procedures p WHERE ${where} ORDER BY p.code LIMIT $4 OFFSET $5`,
          [...browse, limit, offset],
        ),
        () => this.countMatching(tx, where, browse, null),
      );
    }
    // Ties (every word found, the same closeness) go to the shorter name: the procedure itself
    // before its variants ("Đăng ký khai sinh" before "Đăng ký khai sinh có yếu tố nước ngoài").
    const exact = await tx.query<ProcedureSummary & { total: number }>(
      `SELECT ${summaryColumns}, count(*) OVER ()::int AS total
       FROM procedures p WHERE p.search LIKE ALL ($5::text[]) AND ${where}
       ORDER BY (p.code = $4) DESC, (p.search LIKE '%' || $6 || '%') DESC, word_similarity($6, p.search) DESC, length(p.name), p.code
       LIMIT $7 OFFSET $8`,
      [...browse, q, patterns, t, limit, offset],
    );
    if (exact.length > 0) return withTotal(exact);
    const matching = await this.countMatching(tx, where, browse, patterns);
    if (matching > 0) return { items: [], total: matching }; // a page past the end
    const fuzzy = await tx.query<ProcedureSummary & { total: number }>(
      `SELECT ${summaryColumns}, count(*) OVER ()::int AS total
       FROM procedures p WHERE $4 <% p.search AND ${where}
       ORDER BY word_similarity($4, p.search) DESC, length(p.name), p.code LIMIT $5 OFFSET $6`,
      [...browse, t, limit, offset],
    );
    return withTotal(fuzzy);
  },

  async countMatching(tx: Sql, where: string, browse: (string | null)[], patterns: string[] | null): Promise<number> {
    const [row] = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM procedures p WHERE ($4::text[] IS NULL OR p.search LIKE ALL ($4::text[])) AND ${where}`,
      [...browse, patterns],
    );
    return row.n;
  },

  /** Lĩnh vực with how many procedures each has, by name. */
  async sectors(tx: Sql): Promise<{ name: string; count: number }[]> {
    return tx.query(
      `SELECT sector AS name, count(*)::int AS count FROM procedures WHERE sector IS NOT NULL GROUP BY sector ORDER BY sector COLLATE "C"`,
    );
  },

  /** Cơ quan thực hiện with their count, under the ministry that announced their procedures. */
  async agencies(tx: Sql): Promise<{ issuingBody: string | null; name: string; count: number }[]> {
    return tx.query(
      `SELECT issuing_body AS "issuingBody", agency AS name, count(*)::int AS count
       FROM procedures WHERE agency IS NOT NULL GROUP BY issuing_body, agency
       ORDER BY issuing_body COLLATE "C" NULLS LAST, count(*) DESC, agency COLLATE "C"`,
    );
  },

  /**
   * The most used procedures: most dossiers received in the last year first (read from the
   * dossiers table: a count, no personal data), then the given codes in their order.
   */
  async popular(tx: Sql, since: Date, fallback: string[], limit: number): Promise<ProcedureSummary[]> {
    return tx.query<ProcedureSummary>(
      `WITH used AS (SELECT procedure_code AS code, count(*) AS n FROM dossiers WHERE created_at >= $1 GROUP BY procedure_code)
       SELECT ${summaryColumns} FROM procedures p
       LEFT JOIN used u ON u.code = p.code
       LEFT JOIN unnest($2::text[]) WITH ORDINALITY AS f(code, ord) ON f.code = p.code
       WHERE u.n IS NOT NULL OR f.ord IS NOT NULL
       ORDER BY u.n DESC NULLS LAST, f.ord NULLS LAST, p.code LIMIT $3`,
      [since, fallback, limit],
    );
  },

  async latestVersions(tx: Sql, codes: string[]): Promise<Map<string, { version: number; hash: string; effectiveFrom: string; source: string }>> {
    const rows = await tx.query<{ code: string; version: number; hash: string; effectiveFrom: string; source: string }>(
      `SELECT DISTINCT ON (procedure_code) procedure_code AS code, version, content_hash AS hash, effective_from AS "effectiveFrom", source
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
      `INSERT INTO procedures (code, name, name_en, level, online_level, deadline, latest_version, updated_at, sector, agency, issuing_body)
       SELECT code, content->>'name', content->>'nameEn', content->>'level', content->>'onlineLevel',
              jsonb_build_object('value', content->'deadline'->'value', 'unit', content->'deadline'->'unit',
                                 'verified', content->'deadline'->'verified'),
              version, $2, content->'sheet'->>'sector', content->>'agencyType', content->'sheet'->>'issuingBody'
       FROM json_to_recordset($1::json) AS x(code text, version int, content jsonb)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, name_en = EXCLUDED.name_en, level = EXCLUDED.level,
         online_level = EXCLUDED.online_level, deadline = EXCLUDED.deadline,
         latest_version = EXCLUDED.latest_version, updated_at = EXCLUDED.updated_at,
         sector = EXCLUDED.sector, agency = EXCLUDED.agency, issuing_body = EXCLUDED.issuing_body`,
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
    await versionsOf.changed(tx);
  },

  /** The version in force on a local date: the newest one that started on or before it and has not ended. */
  async findInForce(tx: Sql, code: string, date: string): Promise<ProcedureVersion | null> {
    const versions = await versionsOf.get(tx, code);
    // dates are 'YYYY-MM-DD' on both engines: compared as text
    return versions?.find((v) => v.effectiveFrom <= date && (v.effectiveTo == null || v.effectiveTo > date)) ?? null;
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

export interface BrowseFilter {
  sector?: string;
  issuingBody?: string;
  agency?: string;
}

async function withTotal(
  rows: (ProcedureSummary & { total: number })[],
  countWhenEmpty?: () => Promise<number>,
): Promise<{ items: ProcedureSummary[]; total: number }> {
  const total = rows[0]?.total ?? (countWhenEmpty ? await countWhenEmpty() : 0);
  return { items: rows.map(({ total: _, ...item }) => item), total };
}
