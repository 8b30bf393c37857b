import type { Sql } from '#platform/db.ts';
import type { Contribution, Metric } from './contributions.ts';

/** Every unit's province: provinces themselves, communes, agencies (codes never collide: 2 digits, 5 digits, QCVN 102). */
const UNIT_PROVINCE = `(SELECT code, code AS province_code FROM provinces
   UNION ALL SELECT code, province_code FROM communes
   UNION ALL SELECT code, province_code FROM agencies WHERE province_code IS NOT NULL)`;

export interface SnapshotDay {
  unit: string;
  day: string;
  metric: Metric;
  value: number;
}
export interface OpenCount {
  unit: string;
  dueAt: string;
  n: number;
}
export interface ReceivedUnit {
  unit: string;
  provinceCode: string;
  generation: Date;
}

/** Reads and writes of the aggregates that travel between installations (issue 16 item 6). */
export const aggregatesRepository = {
  /* ---------- local node: what it sends ---------- */

  /** This installation's aggregates of the units of `provinces` (never VN), by unit and day. */
  async ownDaily(tx: Sql, provinces: string[]): Promise<SnapshotDay[]> {
    const rows = await tx.query<{ unit: string; day: string; metric: Metric; value: string | number }>(
      `SELECT d.unit, to_char(d.day, 'YYYY-MM-DD') AS day, d.metric, d.value
         FROM indicator_daily d
         JOIN ${UNIT_PROVINCE} u ON u.code = d.unit AND u.province_code = ANY($1::text[])
        ORDER BY d.unit, d.day, d.metric`,
      [provinces],
    );
    return rows.map((r) => ({ ...r, value: Number(r.value) }));
  },

  /** Open dossiers of this installation per unit (agency, commune, province of `provinces`) and due instant. */
  async ownOpen(tx: Sql, provinces: string[]): Promise<OpenCount[]> {
    const rows = await tx.query<{ unit: string; dueAt: Date; n: number }>(
      `SELECT u.unit, f.due_at AS "dueAt", count(*)::int AS n
         FROM indicator_facts f
         CROSS JOIN LATERAL (VALUES (f.agency), (f.commune_code), (f.province_code)) AS u(unit)
        WHERE f.finished_at IS NULL AND f.received_at IS NOT NULL AND f.due_at IS NOT NULL
          AND u.unit IS NOT NULL AND f.province_code = ANY($1::text[])
        GROUP BY u.unit, f.due_at
        ORDER BY u.unit, f.due_at`,
      [provinces],
    );
    return rows.map((r) => ({ unit: r.unit, dueAt: new Date(r.dueAt).toISOString(), n: r.n }));
  },

  async pushState(tx: Sql, target: string): Promise<{ fingerprint: string | null } | null> {
    const [row] = await tx.query<{ fingerprint: string | null }>('SELECT fingerprint FROM indicator_pushes WHERE target = $1', [target]);
    return row ?? null;
  },

  async markPushed(tx: Sql, target: string, fingerprint: string, generation: Date, at: Date): Promise<void> {
    await tx.query(
      `INSERT INTO indicator_pushes (target, fingerprint, generation, acknowledged_at, attempts, last_error) VALUES ($1, $2, $3, $4, 0, NULL)
       ON CONFLICT (target) DO UPDATE SET fingerprint = $2, generation = $3, acknowledged_at = $4, attempts = 0, last_error = NULL`,
      [target, fingerprint, generation, at],
    );
  },

  async markPushFailed(tx: Sql, target: string, error: string): Promise<void> {
    await tx.query(
      `INSERT INTO indicator_pushes (target, attempts, last_error) VALUES ($1, 1, $2)
       ON CONFLICT (target) DO UPDATE SET attempts = indicator_pushes.attempts + 1, last_error = $2`,
      [target, error.slice(0, 500)],
    );
  },

  /* ---------- national node: what it receives ---------- */

  /** The province of each unit code known here (unknown codes are absent). */
  async provincesOf(tx: Sql, units: string[]): Promise<Map<string, string>> {
    const rows = await tx.query<{ code: string; province_code: string }>(`SELECT code, province_code FROM ${UNIT_PROVINCE} u WHERE code = ANY($1::text[])`, [units]);
    return new Map(rows.map((r) => [r.code, r.province_code]));
  },

  /** Serialises the snapshots of one node (two chunks of the same node never interleave). */
  async lockNode(tx: Sql, nodeId: string): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`indicators-received|${nodeId}`]);
  },

  async receivedUnits(tx: Sql, nodeId: string, units: string[]): Promise<ReceivedUnit[]> {
    return tx.query<ReceivedUnit>(
      'SELECT unit, province_code AS "provinceCode", generation FROM indicator_received_units WHERE node_id = $1 AND unit = ANY($2::text[])',
      [nodeId, units],
    );
  },

  async receivedDaily(tx: Sql, nodeId: string, units: string[]): Promise<(Contribution & { provinceCode: string })[]> {
    const rows = await tx.query<{ unit: string; day: string; metric: Metric; value: string | number; provinceCode: string }>(
      `SELECT unit, to_char(day, 'YYYY-MM-DD') AS day, metric, value, province_code AS "provinceCode"
         FROM indicator_received_daily WHERE node_id = $1 AND unit = ANY($2::text[])`,
      [nodeId, units],
    );
    return rows.map((r) => ({ ...r, value: Number(r.value) }));
  },

  /** Replaces what `nodeId` sent for `units` by the new rows (daily and open). */
  async replaceReceived(
    tx: Sql,
    nodeId: string,
    units: { unit: string; provinceCode: string }[],
    daily: (Contribution & { provinceCode: string })[],
    open: (OpenCount & { provinceCode: string })[],
    generation: Date,
    at: Date,
  ): Promise<void> {
    const codes = units.map((u) => u.unit);
    await tx.query('DELETE FROM indicator_received_daily WHERE node_id = $1 AND unit = ANY($2::text[])', [nodeId, codes]);
    await tx.query('DELETE FROM indicator_received_open WHERE node_id = $1 AND unit = ANY($2::text[])', [nodeId, codes]);
    if (daily.length > 0) {
      await tx.query(
        `INSERT INTO indicator_received_daily (node_id, unit, province_code, day, metric, value)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::date[], $5::text[], $6::bigint[])`,
        [nodeId, daily.map((r) => r.unit), daily.map((r) => r.provinceCode), daily.map((r) => r.day), daily.map((r) => r.metric), daily.map((r) => r.value)],
      );
    }
    if (open.length > 0) {
      await tx.query(
        `INSERT INTO indicator_received_open (node_id, unit, province_code, due_at, n)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::timestamptz[], $5::int[])`,
        [nodeId, open.map((r) => r.unit), open.map((r) => r.provinceCode), open.map((r) => r.dueAt), open.map((r) => r.n)],
      );
    }
    await tx.query(
      `INSERT INTO indicator_received_units (node_id, unit, province_code, generation, received_at)
       SELECT $1, u, p, $4, $5 FROM unnest($2::text[], $3::text[]) AS x(u, p)
       ON CONFLICT (node_id, unit) DO UPDATE SET province_code = EXCLUDED.province_code, generation = EXCLUDED.generation, received_at = EXCLUDED.received_at`,
      [nodeId, codes, units.map((u) => u.provinceCode), generation, at],
    );
  },

  /** The units `nodeId` sent before `generation` and does not list any more. */
  async unitsGone(tx: Sql, nodeId: string, listed: string[], generation: Date): Promise<string[]> {
    const rows = await tx.query<{ unit: string }>(
      'SELECT unit FROM indicator_received_units WHERE node_id = $1 AND generation < $3 AND NOT (unit = ANY($2::text[]))',
      [nodeId, listed, generation],
    );
    return rows.map((r) => r.unit);
  },

  async dropReceived(tx: Sql, nodeId: string, units: string[]): Promise<void> {
    for (const table of ['indicator_received_daily', 'indicator_received_open', 'indicator_received_units']) {
      await tx.query(`DELETE FROM ${table} WHERE node_id = $1 AND unit = ANY($2::text[])`, [nodeId, units]);
    }
  },

  /**
   * The provinces (all, or `province` alone) whose figures this node received from another
   * installation: their dossiers are held there, not here (the drill-down says so).
   */
  async provincesHeldElsewhere(tx: Sql, province: string | null): Promise<{ code: string; name: string }[]> {
    return tx.query(
      `SELECT DISTINCT u.province_code AS code, p.name FROM indicator_received_units u JOIN provinces p ON p.code = u.province_code
        WHERE $1::text IS NULL OR u.province_code = $1 ORDER BY u.province_code`,
      [province],
    );
  },

  /** Per node: how many units, the latest snapshot and when it arrived (the national node's view of its sources). */
  async sources(tx: Sql): Promise<{ node: string; units: number; provinces: string[]; generation: Date; receivedAt: Date }[]> {
    return tx.query(
      `SELECT node_id AS node, count(*)::int AS units, array_agg(DISTINCT province_code ORDER BY province_code) AS provinces,
              max(generation) AS generation, max(received_at) AS "receivedAt"
         FROM indicator_received_units GROUP BY node_id ORDER BY node_id`,
    );
  },
};
