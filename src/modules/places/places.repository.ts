import type { Sql } from '#platform/db.ts';
import { processCache } from '#platform/process-cache.ts';
import type { Agency, AgencyKind, Commune } from './places.types.ts';

/**
 * Abbreviations officers type for agency names ("ubnd hoan kiem"); the web's agency list reads
 * the same ones (src/web/modules/places/agency-select.tsx).
 */
const ABBREVIATIONS: Record<string, string> = {
  ubnd: 'ủy ban nhân dân',
  hdnd: 'hội đồng nhân dân',
  bhxh: 'bảo hiểm xã hội',
  tp: 'thành phố',
};

/** The words of a search, NFC, abbreviations spelled out. */
export function searchWords(q: string): string[] {
  return q
    .trim()
    .normalize('NFC')
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((w) => (ABBREVIATIONS[w.toLowerCase().replace(/\.$/, '')] ?? w).split(' '));
}

const agencyColumns = `code, name, kind, level, province_code AS "provinceCode",
  admin_unit_code AS "adminUnitCode", parent_code AS "parentCode"`;

/**
 * Agencies by code and by unit and kind, kept in the process (every dossier asks for a few):
 * they change only when one is added (seeds, a module's own body), which drops them everywhere.
 */
const agencyByCode = processCache('agencies', async (tx, code: string) => {
  const [row] = await tx.query<Agency>(`SELECT ${agencyColumns} FROM agencies WHERE code = $1`, [code]);
  return row ?? null;
});
const agencyFor = processCache('agencies', async (tx, key: `${string} ${AgencyKind}`) => {
  const [adminUnitCode, kind] = key.split(' ');
  const [row] = await tx.query<Agency>(
    `SELECT ${agencyColumns} FROM agencies WHERE admin_unit_code = $1 AND kind = $2 AND active ORDER BY code LIMIT 1`,
    [adminUnitCode, kind],
  );
  return row ?? null;
});

export const placesRepository = {
  async countProvinces(tx: Sql): Promise<number> {
    const [row] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM provinces');
    return row.n;
  },

  async insertProvinces(tx: Sql, rows: { code: string; name: string; kind: string }[]) {
    await tx.query(
      `INSERT INTO provinces (code, name, kind)
       SELECT code, name, kind FROM json_to_recordset($1::json) AS x(code text, name text, kind text)`,
      [JSON.stringify(rows)],
    );
  },

  async insertCommunes(tx: Sql, rows: { code: string; provinceCode: string; name: string; kind: string; ordinal: number }[]) {
    await tx.query(
      `INSERT INTO communes (code, province_code, name, kind, ordinal)
       SELECT code, "provinceCode", name, kind, ordinal
       FROM json_to_recordset($1::json) AS x(code text, "provinceCode" text, name text, kind text, ordinal int)`,
      [JSON.stringify(rows)],
    );
  },

  async insertLegacyUnits(
    tx: Sql,
    rows: { provinceCode: string; oldName: string; note: string | null; newCode: string | null; newName: string }[],
  ) {
    await tx.query(
      `INSERT INTO legacy_units (province_code, old_name, note, new_commune_code, new_commune_name)
       SELECT "provinceCode", "oldName", note, "newCode", "newName"
       FROM json_to_recordset($1::json) AS x("provinceCode" text, "oldName" text, note text, "newCode" text, "newName" text)`,
      [JSON.stringify(rows)],
    );
  },

  async insertAgencies(tx: Sql, rows: Agency[]) {
    await tx.query(
      `INSERT INTO agencies (code, name, kind, level, province_code, admin_unit_code, parent_code)
       SELECT code, name, kind, level, "provinceCode", "adminUnitCode", "parentCode"
       FROM json_to_recordset($1::json) AS x(code text, name text, kind text, level text,
         "provinceCode" text, "adminUnitCode" text, "parentCode" text)
       ORDER BY "parentCode" NULLS FIRST`,
      [JSON.stringify(rows)],
    );
    await agencyByCode.changed(tx);
  },

  /** After adding agencies another way (the exchange's central bodies): every process reads them again. */
  agenciesChanged: (tx: Sql) => agencyByCode.changed(tx),

  /** One agency added after the first seed (e.g. a body a module needs); nothing when the code exists. */
  async insertAgencyIfMissing(tx: Sql, a: Agency): Promise<boolean> {
    const rows = await tx.query(
      `INSERT INTO agencies (code, name, kind, level, province_code, admin_unit_code, parent_code)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (code) DO NOTHING RETURNING code`,
      [a.code, a.name, a.kind, a.level, a.provinceCode, a.adminUnitCode, a.parentCode],
    );
    if (rows.length > 0) await agencyByCode.changed(tx);
    return rows.length > 0;
  },

  listProvinces(tx: Sql) {
    return tx.query<{ code: string; name: string }>('SELECT code, name FROM provinces ORDER BY code');
  },

  async findProvince(tx: Sql, code: string) {
    const [row] = await tx.query<{ code: string; name: string; kind: string }>(
      'SELECT code, name, kind FROM provinces WHERE code = $1',
      [code],
    );
    return row ?? null;
  },

  listCommunes(tx: Sql, provinceCode: string) {
    return tx.query<{ code: string; name: string; kind: Commune['kind'] }>(
      'SELECT code, name, kind FROM communes WHERE province_code = $1 ORDER BY code',
      [provinceCode],
    );
  },

  async findCommune(tx: Sql, code: string): Promise<Commune | null> {
    const [row] = await tx.query<Commune>(
      `SELECT c.code, c.name, c.kind, c.province_code AS "provinceCode", p.name AS "provinceName"
       FROM communes c JOIN provinces p ON p.code = c.province_code WHERE c.code = $1`,
      [code],
    );
    return row ?? null;
  },

  /**
   * A commune named in a written address, within the province named after it ("Phường Hoàn Kiếm",
   * "Thành phố Hà Nội"; accents, case and the "Thành phố"/"Tỉnh" prefix of the province do not matter).
   */
  async matchCommune(tx: Sql, communeText: string, provinceText: string): Promise<{ provinceCode: string; communeCode: string } | null> {
    const [row] = await tx.query<{ provinceCode: string; communeCode: string }>(
      `SELECT p.code AS "provinceCode", c.code AS "communeCode"
       FROM provinces p JOIN communes c ON c.province_code = p.code
       WHERE regexp_replace(f_unaccent(p.name), '^(thanh pho|tinh)[[:space:]]+', '') = regexp_replace(f_unaccent($2), '^(thanh pho|tinh|tp[.]?)[[:space:]]*', '')
         AND c.search = f_unaccent($1)
       LIMIT 1`,
      [communeText.trim(), provinceText.trim()],
    );
    return row ?? null;
  },

  /**
   * Pre-2025 names that contain what was typed, accents ignored — those written with the same
   * accents first ("Tân Định" before "Tân Dĩnh"), then those ending with it. Only when no name
   * contains it, the names most like it (trigram similarity: a typo), so a citizen looking for one
   * ward does not get fifty others that share a syllable.
   */
  searchLegacy(tx: Sql, q: string, limit: number) {
    return tx.query<{
      oldName: string;
      note: string | null;
      provinceCode: string;
      provinceName: string;
      communeCode: string | null;
      communeName: string | null;
      communeKind: Commune['kind'] | null;
      newCommuneName: string;
    }>(
      `SELECT l.old_name AS "oldName", l.note, p.code AS "provinceCode", p.name AS "provinceName",
              c.code AS "communeCode", c.name AS "communeName", c.kind AS "communeKind",
              l.new_commune_name AS "newCommuneName"
       FROM legacy_units l
       JOIN provinces p ON p.code = l.province_code
       LEFT JOIN communes c ON c.code = l.new_commune_code
      CROSS JOIN (SELECT f_unaccent($1) AS plain, lower($1) AS marked) q
       WHERE l.search LIKE '%' || q.plain || '%'
          OR (l.search % q.plain AND NOT EXISTS (SELECT 1 FROM legacy_units x WHERE x.search LIKE '%' || q.plain || '%'))
       ORDER BY lower(l.old_name) LIKE '%' || q.marked DESC,
                lower(l.old_name) LIKE '%' || q.marked || '%' DESC,
                l.search LIKE '%' || q.plain DESC,
                similarity(l.search, q.plain) DESC, l.id
       LIMIT $2`,
      [q, limit],
    );
  },

  findAgency(tx: Sql, code: string): Promise<Agency | null> {
    return agencyByCode.get(tx, code);
  },

  findAgencyFor(tx: Sql, adminUnitCode: string, kind: AgencyKind): Promise<Agency | null> {
    return agencyFor.get(tx, `${adminUnitCode} ${kind}`);
  },

  /**
   * Active agencies by province, unit, kind, level and free text (name, code, commune or province,
   * with or without diacritics; every word must match, in any order; the usual abbreviations
   * "UBND", "CA", "BHXH", "TP" read as their words), with the names of their province and commune.
   */
  listAgencies(tx: Sql, filter: { provinceCode?: string; adminUnitCode?: string; kind?: string; level?: string; q?: string; limit?: number }) {
    const words = filter.q?.trim() ? searchWords(filter.q).map((w) => w.replace(/[\\%_]/g, (m) => `\\${m}`)) : null;
    return tx.query<Agency & { provinceName: string; communeName: string | null }>(
      `SELECT a.code, a.name, a.kind, a.level, a.province_code AS "provinceCode", a.admin_unit_code AS "adminUnitCode",
              a.parent_code AS "parentCode", p.name AS "provinceName", c.name AS "communeName"
       FROM agencies a JOIN provinces p ON p.code = a.province_code
       LEFT JOIN communes c ON a.level = 'xa' AND c.code = a.admin_unit_code
       WHERE a.active AND ($1::text IS NULL OR a.province_code = $1) AND ($2::text IS NULL OR a.admin_unit_code = $2)
         AND ($3::text IS NULL OR a.kind = $3) AND ($4::text IS NULL OR a.level = $4)
         AND ($5::text[] IS NULL OR NOT EXISTS (SELECT 1 FROM unnest($5::text[]) AS w(word)
               WHERE f_unaccent(a.name || ' ' || a.code || ' ' || coalesce(c.name, '') || ' ' || p.name) NOT LIKE '%' || f_unaccent(w.word) || '%'))
       ORDER BY a.level, a.code LIMIT $6`,
      [filter.provinceCode ?? null, filter.adminUnitCode ?? null, filter.kind ?? null, filter.level ?? null, words, filter.limit ?? 500],
    );
  },
};
