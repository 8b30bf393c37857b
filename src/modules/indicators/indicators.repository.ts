import type { Sql } from '#platform/db.ts';
import { type Contribution, type Fact, METRICS, type OpenDue, type StepFact, totalsDelta } from './contributions.ts';

/** The only SQL of the indicators module. */

export interface DossierSource {
  id: string;
  agency: string;
  agencyLevel: string;
  agencyUnit: string;
  provinceCode: string;
  receivingUnit: string;
  procedureCode: string;
  sector: string | null;
  onlineLevel: string | null;
  assignee: string | null;
  channel: 'direct' | 'online' | 'postal';
  status: string;
  receivedAt: Date | null;
  dueAt: Date | null;
  /** The due instant before an apology and new appointment (Mẫu 04), if one was sent: timeliness is kept against it. */
  legalDueAt: Date | null;
  finishedAt: Date | null;
  feeBearing: boolean;
  paidOnline: boolean;
  eResult: boolean;
  ratedAt: Date | null;
  dissatisfied: boolean;
}

export interface StepSource {
  dossierId: string;
  seq: number;
  agency: string;
  agencyLevel: string;
  agencyUnit: string;
  provinceCode: string;
  sentAt: Date;
  finishedAt: Date | null;
  outcome: string | null;
}

const SOURCE = `
  SELECT d.id, d.competent_agency AS agency, a.level AS "agencyLevel", a.admin_unit_code AS "agencyUnit",
         a.province_code AS "provinceCode", ra.admin_unit_code AS "receivingUnit", d.procedure_code AS "procedureCode",
         p.sector, p.online_level AS "onlineLevel", d.assignee, d.channel, d.status,
         d.received_at AS "receivedAt", d.due_at AS "dueAt", d.finished_at AS "finishedAt",
         (SELECT (x.data->>'previousDueAt')::timestamptz FROM dossier_actions x
           WHERE x.dossier_id = d.id AND x.action = 'extend' ORDER BY x.seq LIMIT 1) AS "legalDueAt",
         (EXISTS (SELECT 1 FROM payments pay WHERE pay.dossier_id = d.id)
           OR EXISTS (SELECT 1 FROM procedure_versions v, jsonb_array_elements(v.content->'fees') f
                       WHERE v.id::text = d.procedure_version_id
                         AND (coalesce((f->>'amountVnd')::numeric, 0) > 0 OR f->>'type' IN ('per_page', 'set_by_province')))) AS "feeBearing",
         EXISTS (SELECT 1 FROM payments pay WHERE pay.dossier_id = d.id AND pay.status = 'paid') AS "paidOnline",
         EXISTS (SELECT 1 FROM results r WHERE r.dossier_id = d.id AND r.revoked_at IS NULL) AS "eResult",
         rt.rated_at AS "ratedAt",
         coalesce(EXISTS (SELECT 1 FROM jsonb_each_text(rt.scores) s WHERE s.value = 'khong_hai_long'), false) AS dissatisfied
    FROM dossiers d
    JOIN agencies a ON a.code = d.competent_agency
    JOIN agencies ra ON ra.code = d.receiving_agency
    LEFT JOIN procedures p ON p.code = d.procedure_code
    LEFT JOIN dossier_ratings rt ON rt.dossier_id = d.id`;

const STEP_SOURCE = `
  SELECT s.dossier_id AS "dossierId", s.seq, s.to_agency AS agency, a.level AS "agencyLevel", a.admin_unit_code AS "agencyUnit",
         a.province_code AS "provinceCode", s.sent_at AS "sentAt", s.finished_at AS "finishedAt", s.outcome
    FROM dossier_steps s JOIN agencies a ON a.code = s.to_agency
   WHERE s.step_seq IS NOT NULL`;

const FACT_COLUMNS = `dossier_id AS "dossierId", agency, commune_code AS "communeCode", province_code AS "provinceCode",
  procedure_code AS "procedureCode", sector, officer, channel, status, received_at AS "receivedAt", received_day AS "receivedDay",
  due_at AS "dueAt", due_day AS "dueDay", finished_at AS "finishedAt", finished_day AS "finishedDay", outcome,
  working_days AS "workingDays", online_eligible AS "onlineEligible", fee_bearing AS "feeBearing", paid_online AS "paidOnline",
  e_result AS "eResult", boundary_free AS "boundaryFree", rating_day AS "ratingDay", dissatisfied`;

const STEP_COLUMNS = `dossier_id AS "dossierId", seq, agency, commune_code AS "communeCode", province_code AS "provinceCode",
  sent_day AS "sentDay", finished_day AS "finishedDay", outcome`;

export const indicatorsRepository = {
  async dossierSources(tx: Sql, ids: string[]): Promise<DossierSource[]> {
    return tx.query<DossierSource>(`${SOURCE} WHERE d.id = ANY($1::text[])`, [ids]);
  },

  /** A page of sources in id order, after `afterId` (rebuild). */
  async dossierSourcePage(tx: Sql, afterId: string, limit: number): Promise<DossierSource[]> {
    return tx.query<DossierSource>(`${SOURCE} WHERE d.id > $1 ORDER BY d.id LIMIT $2`, [afterId, limit]);
  },

  async stepSources(tx: Sql, dossierIds: string[]): Promise<StepSource[]> {
    return tx.query<StepSource>(`${STEP_SOURCE} AND s.dossier_id = ANY($1::text[]) ORDER BY s.dossier_id, s.seq`, [dossierIds]);
  },

  async facts(tx: Sql, ids: string[]): Promise<Fact[]> {
    return tx.query<Fact>(`SELECT ${FACT_COLUMNS} FROM indicator_facts WHERE dossier_id = ANY($1::text[])`, [ids]);
  },

  async stepFacts(tx: Sql, ids: string[]): Promise<StepFact[]> {
    return tx.query<StepFact>(`SELECT ${STEP_COLUMNS} FROM indicator_step_facts WHERE dossier_id = ANY($1::text[]) ORDER BY dossier_id, seq`, [ids]);
  },

  async upsertFacts(tx: Sql, facts: Fact[]): Promise<void> {
    if (facts.length === 0) return;
    const col = <K extends keyof Fact>(k: K) => facts.map((f) => f[k]);
    await tx.query(
      `INSERT INTO indicator_facts (dossier_id, agency, commune_code, province_code, procedure_code, sector, officer, channel,
         received_at, received_day, due_at, due_day, finished_at, finished_day, outcome, working_days, online_eligible,
         fee_bearing, paid_online, e_result, boundary_free, rating_day, dissatisfied, status)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
         $9::timestamptz[], $10::date[], $11::timestamptz[], $12::date[], $13::timestamptz[], $14::date[], $15::text[], $16::int[],
         $17::bool[], $18::bool[], $19::bool[], $20::bool[], $21::bool[], $22::date[], $23::bool[], $24::text[])
       ON CONFLICT (dossier_id) DO UPDATE SET agency = EXCLUDED.agency, commune_code = EXCLUDED.commune_code,
         province_code = EXCLUDED.province_code, procedure_code = EXCLUDED.procedure_code, sector = EXCLUDED.sector,
         officer = EXCLUDED.officer, channel = EXCLUDED.channel, received_at = EXCLUDED.received_at,
         received_day = EXCLUDED.received_day, due_at = EXCLUDED.due_at, due_day = EXCLUDED.due_day,
         finished_at = EXCLUDED.finished_at, finished_day = EXCLUDED.finished_day, outcome = EXCLUDED.outcome,
         working_days = EXCLUDED.working_days, online_eligible = EXCLUDED.online_eligible, fee_bearing = EXCLUDED.fee_bearing,
         paid_online = EXCLUDED.paid_online, e_result = EXCLUDED.e_result, boundary_free = EXCLUDED.boundary_free,
         rating_day = EXCLUDED.rating_day, dissatisfied = EXCLUDED.dissatisfied, status = EXCLUDED.status`,
      [
        col('dossierId'), col('agency'), col('communeCode'), col('provinceCode'), col('procedureCode'), col('sector'),
        col('officer'), col('channel'), col('receivedAt'), col('receivedDay'), col('dueAt'), col('dueDay'), col('finishedAt'),
        col('finishedDay'), col('outcome'), col('workingDays'), col('onlineEligible'), col('feeBearing'), col('paidOnline'),
        col('eResult'), col('boundaryFree'), col('ratingDay'), col('dissatisfied'), col('status'),
      ],
    );
  },

  async replaceStepFacts(tx: Sql, dossierIds: string[], steps: StepFact[]): Promise<void> {
    await tx.query('DELETE FROM indicator_step_facts WHERE dossier_id = ANY($1::text[])', [dossierIds]);
    await this.insertStepFacts(tx, steps);
  },

  async insertStepFacts(tx: Sql, steps: StepFact[]): Promise<void> {
    if (steps.length === 0) return;
    const col = <K extends keyof StepFact>(k: K) => steps.map((s) => s[k]);
    await tx.query(
      `INSERT INTO indicator_step_facts (dossier_id, seq, agency, commune_code, province_code, sent_day, finished_day, outcome)
       SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::date[], $7::date[], $8::text[])`,
      [col('dossierId'), col('seq'), col('agency'), col('communeCode'), col('provinceCode'), col('sentDay'), col('finishedDay'), col('outcome')],
    );
  },

  /**
   * Adds a delta to the aggregates and to their running totals. The units are locked first
   * (advisory, in sorted order: concurrent writers never deadlock, and no total is computed from
   * a snapshot another writer is changing). Daily rows back at zero are dropped; a totals row
   * starts at the unit's totals before its day, gains the deltas on or before its day, and is
   * dropped when its day has no aggregate row left (it then equals the previous row).
   */
  /** Adds a change to the open dossiers by unit and due instant; rows back at zero are deleted. */
  async applyOpenDue(tx: Sql, rows: OpenDue[]): Promise<void> {
    if (rows.length === 0) return;
    await tx.query(
      `INSERT INTO indicator_open_due (unit, unit_kind, due_at, n)
       SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::int[])
       ON CONFLICT (unit, due_at) DO UPDATE SET n = indicator_open_due.n + EXCLUDED.n`,
      [rows.map((r) => r.unit), rows.map((r) => r.unitKind), rows.map((r) => r.dueAt), rows.map((r) => r.n)],
    );
    if (rows.some((r) => r.n < 0)) {
      await tx.query(
        `DELETE FROM indicator_open_due o USING unnest($1::text[], $2::timestamptz[]) AS k(unit, due_at)
          WHERE o.unit = k.unit AND o.due_at = k.due_at AND o.n = 0`,
        [rows.map((r) => r.unit), rows.map((r) => r.dueAt)],
      );
    }
  },

  /** The open dossiers by unit and due instant, from the facts (rebuild; migration 0054 fills it the same way). */
  async rebuildOpenDue(tx: Sql): Promise<void> {
    await tx.exec('TRUNCATE indicator_open_due');
    await tx.query(
      `INSERT INTO indicator_open_due (unit, unit_kind, due_at, n)
       SELECT u.unit, u.kind, f.due_at, count(*)
         FROM indicator_facts f
        CROSS JOIN LATERAL (VALUES (f.agency, 'agency'), (f.commune_code, 'commune'), (f.province_code, 'province'), ('VN', 'national')) AS u(unit, kind)
        WHERE f.finished_at IS NULL AND f.received_at IS NOT NULL AND f.due_at IS NOT NULL AND u.unit IS NOT NULL
        GROUP BY u.unit, u.kind, f.due_at`,
    );
  },

  async applyDelta(tx: Sql, rows: Contribution[]): Promise<void> {
    if (rows.length === 0) return;
    const units = [...new Set(rows.map((r) => r.unit))].sort();
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest($1::text[]) AS k', [units.map((u) => `indicators|${u}`)]);
    const args = [rows.map((r) => r.unit), rows.map((r) => r.day), rows.map((r) => r.metric), rows.map((r) => r.value)];
    await tx.query(
      `INSERT INTO indicator_daily (unit, day, metric, value)
       SELECT * FROM unnest($1::text[], $2::date[], $3::text[], $4::bigint[])
       ON CONFLICT (unit, day, metric) DO UPDATE SET value = indicator_daily.value + EXCLUDED.value`,
      args,
    );
    await tx.query(
      `DELETE FROM indicator_daily d USING unnest($1::text[], $2::date[], $3::text[]) AS k(unit, day, metric)
        WHERE d.unit = k.unit AND d.day = k.day AND d.metric = k.metric AND d.value = 0`,
      args.slice(0, 3),
    );
    const segments = totalsDelta(rows);
    const keys = [segments.map((g) => g.unit), segments.map((g) => g.from)];
    await tx.query(
      `INSERT INTO indicator_totals (unit, day, totals)
       SELECT k.unit, k.day,
              coalesce((SELECT p.totals FROM indicator_totals p WHERE p.unit = k.unit AND p.day < k.day ORDER BY p.day DESC LIMIT 1),
                       array_fill(0::bigint, ARRAY[$3::int]))
         FROM unnest($1::text[], $2::date[]) AS k(unit, day)
       ON CONFLICT (unit, day) DO NOTHING`,
      [...keys, METRICS.length],
    );
    await tx.query(
      `UPDATE indicator_totals t
          SET totals = ARRAY(SELECT coalesce(a, 0) + coalesce(b, 0) FROM unnest(t.totals, s.v) WITH ORDINALITY AS x(a, b, i) ORDER BY i)
         FROM (SELECT g.unit, g.since, g.until, ($4::bigint[])[(g.i - 1) * $5 + 1 : g.i * $5] AS v
                 FROM unnest($1::text[], $2::date[], $3::date[]) WITH ORDINALITY AS g(unit, since, until, i)) s
        WHERE t.unit = s.unit AND t.day >= s.since AND (s.until IS NULL OR t.day < s.until)`,
      [...keys, segments.map((g) => g.until), segments.flatMap((g) => g.add), METRICS.length],
    );
    await tx.query(
      `DELETE FROM indicator_totals t USING unnest($1::text[], $2::date[]) AS k(unit, day)
        WHERE t.unit = k.unit AND t.day = k.day AND NOT EXISTS (SELECT 1 FROM indicator_daily d WHERE d.unit = k.unit AND d.day = k.day)`,
      keys,
    );
  },

  async clearAll(tx: Sql): Promise<void> {
    await tx.exec('TRUNCATE indicator_facts, indicator_step_facts, indicator_daily, indicator_totals, indicator_open_due');
  },

  async stepSourcesAll(tx: Sql, afterKey: [string, number], limit: number): Promise<StepSource[]> {
    return tx.query<StepSource>(`${STEP_SOURCE} AND (s.dossier_id, s.seq) > ($1, $2) ORDER BY s.dossier_id, s.seq LIMIT $3`, [
      afterKey[0],
      afterKey[1],
      limit,
    ]);
  },

  /**
   * The aggregates recomputed from the fact rows in one statement: the same sums as
   * contributions.ts, written independently (the equivalence test compares the two).
   */
  async rebuildDaily(tx: Sql): Promise<void> {
    await tx.exec('TRUNCATE indicator_daily');
    await tx.exec(`
      INSERT INTO indicator_daily (unit, day, metric, value)
      SELECT u.unit, m.day, m.metric, sum(m.value)
        FROM indicator_facts f
        CROSS JOIN LATERAL (VALUES (f.agency), (f.commune_code), (f.province_code), ('VN')) AS u(unit)
        CROSS JOIN LATERAL (VALUES
          ('received_' || f.channel, f.received_day, 1),
          ('resolved_' || f.outcome, CASE WHEN f.outcome IN ('early', 'on_time', 'late') THEN f.finished_day END, 1),
          (f.outcome, CASE WHEN f.outcome IN ('withdrawn', 'stopped') THEN f.finished_day END, 1),
          ('working_days_sum', CASE WHEN f.outcome IN ('early', 'on_time', 'late') AND f.working_days IS NOT NULL THEN f.finished_day END, f.working_days),
          ('working_days_n', CASE WHEN f.outcome IN ('early', 'on_time', 'late') AND f.working_days IS NOT NULL THEN f.finished_day END, 1),
          ('e_result', CASE WHEN f.outcome IN ('early', 'on_time', 'late') AND f.e_result THEN f.finished_day END, 1),
          ('overdue_in', CASE WHEN f.due_day < f.finished_day THEN f.due_day END, 1),
          ('overdue_out', CASE WHEN f.due_day IS NOT NULL AND f.due_day < f.finished_day THEN f.finished_day END, 1),
          ('online_eligible', CASE WHEN f.online_eligible THEN f.received_day END, 1),
          ('online_eligible_online', CASE WHEN f.online_eligible AND f.channel = 'online' THEN f.received_day END, 1),
          ('fee_bearing', CASE WHEN f.fee_bearing THEN f.received_day END, 1),
          ('paid_online', CASE WHEN f.fee_bearing AND f.paid_online THEN f.received_day END, 1),
          ('boundary_free', CASE WHEN f.boundary_free THEN f.received_day END, 1),
          ('rated', f.rating_day, 1),
          ('rated_dissatisfied', CASE WHEN f.dissatisfied THEN f.rating_day END, 1)
        ) AS m(metric, day, value)
       WHERE f.received_day IS NOT NULL AND u.unit IS NOT NULL AND m.day IS NOT NULL AND m.metric IS NOT NULL
       GROUP BY u.unit, m.day, m.metric
      HAVING sum(m.value) <> 0`);
    await tx.exec(`
      INSERT INTO indicator_daily (unit, day, metric, value)
      SELECT u.unit, m.day, m.metric, count(*)
        FROM indicator_step_facts s
        CROSS JOIN LATERAL (VALUES (s.agency), (s.commune_code), (s.province_code), ('VN')) AS u(unit)
        CROSS JOIN LATERAL (VALUES ('step_received', s.sent_day), ('step_' || s.outcome, s.finished_day)) AS m(metric, day)
       WHERE u.unit IS NOT NULL AND m.day IS NOT NULL AND m.metric IS NOT NULL
       GROUP BY u.unit, m.day, m.metric`);
    // what other installations sent (national node, issue 16 item 6): their units, and their provinces in the nation
    await tx.exec(`
      INSERT INTO indicator_daily (unit, day, metric, value)
      SELECT u.unit, r.day, r.metric, sum(r.value)
        FROM indicator_received_daily r
        CROSS JOIN LATERAL (VALUES (r.unit), (CASE WHEN r.unit = r.province_code THEN 'VN' END)) AS u(unit)
       WHERE u.unit IS NOT NULL
       GROUP BY u.unit, r.day, r.metric
      ON CONFLICT (unit, day, metric) DO UPDATE SET value = indicator_daily.value + EXCLUDED.value`);
    await tx.exec('DELETE FROM indicator_daily WHERE value = 0');
  },

  /** The running totals recomputed from the daily rows (a window sum per unit and metric). */
  async rebuildTotals(tx: Sql): Promise<void> {
    await tx.exec('TRUNCATE indicator_totals');
    await tx.query(
      `INSERT INTO indicator_totals (unit, day, totals)
       WITH m AS (SELECT metric, idx FROM unnest($1::text[]) WITH ORDINALITY AS m(metric, idx)),
       cum AS (
         SELECT d.unit, d.day, m.idx, sum(coalesce(x.value, 0)) OVER (PARTITION BY d.unit, m.idx ORDER BY d.day) AS total
           FROM (SELECT DISTINCT unit, day FROM indicator_daily) d
          CROSS JOIN m
           LEFT JOIN indicator_daily x ON x.unit = d.unit AND x.day = d.day AND x.metric = m.metric
       )
       SELECT unit, day, array_agg(total ORDER BY idx) FROM cum GROUP BY unit, day`,
      [METRICS],
    );
  },

  async allDaily(tx: Sql): Promise<Contribution[]> {
    return tx.query<Contribution>(`SELECT unit, day, metric, value FROM indicator_daily ORDER BY unit, day, metric`);
  },

  /** Every open-due row (the equivalence test compares incremental and rebuilt). */
  async allOpenDue(tx: Sql): Promise<{ unit: string; unitKind: string; dueAt: string; n: number }[]> {
    const rows = await tx.query<{ unit: string; unitKind: string; dueAt: Date; n: number }>(
      'SELECT unit, unit_kind AS "unitKind", due_at AS "dueAt", n FROM indicator_open_due ORDER BY unit, due_at',
    );
    return rows.map((r) => ({ ...r, dueAt: new Date(r.dueAt).toISOString() }));
  },

  /** Every running-totals row (the equivalence test compares incremental and rebuilt). */
  async allTotals(tx: Sql): Promise<{ unit: string; day: string; totals: number[] }[]> {
    const rows = await tx.query<{ unit: string; day: string; totals: (string | number)[] }>('SELECT unit, day, totals FROM indicator_totals ORDER BY unit, day');
    return rows.map((r) => ({ ...r, totals: r.totals.map(Number) }));
  },
};

/* ---------- Reads of the command center ---------- */

export type UnitKindSql = 'national' | 'province' | 'commune' | 'agency';

/** The facts column a unit filters on (null: the whole nation). */
const FACT_UNIT: Record<UnitKindSql, string | null> = { national: null, province: 'province_code', commune: 'commune_code', agency: 'agency' };

/** The groups the statistics take straight from the fact rows, and their column. */
export type FactGroupBy = 'procedure' | 'sector' | 'officer';
const GROUP_COLUMN: Record<FactGroupBy, string> = { procedure: 'f.procedure_code', sector: 'f.sector', officer: 'f.officer' };

export interface UnitTotals {
  unit: string;
  before: number[];
  upTo: number[];
  /** Dossiers still open now whose due instant is before the cut (the open part of pending-overdue). */
  openOverdue: number;
}

export interface FactGroupRow {
  key: string | null;
  name: string | null;
  received_online: number;
  received_direct: number;
  received_postal: number;
  carried_over: number;
  resolved_early: number;
  resolved_on_time: number;
  resolved_late: number;
  withdrawn: number;
  stopped: number;
  pending: number;
  pending_overdue: number;
  working_days_sum: number;
  working_days_n: number;
}

export const indicatorsReads = {
  /**
   * Per unit, in one statement: the running totals (one number per metric, METRICS order) at
   * the end of the day before `from` and at the end of `to` — one index probe each, whatever
   * the length of the history or of the period — and the dossiers still open now whose due
   * instant is before `overdueCut` (a range of the open-due indexes: as many entries as such
   * open dossiers, never the history).
   */
  async totalsAt(tx: Sql, units: { code: string; kind: UnitKindSql }[], range: { from: string; to: string }, overdueCut: Date): Promise<UnitTotals[]> {
    const at = (cmp: '<' | '<=', param: string) =>
      `(SELECT t.totals FROM indicator_totals t WHERE t.unit = u.unit AND t.day ${cmp} ${param} ORDER BY t.day DESC LIMIT 1)`;
    // the open dossiers due before the cut, from their roll-up by due instant (one row per instant,
    // as few for the nation as for a commune), and those the national node received by instant
    const received = (national: boolean) =>
      `(SELECT coalesce(sum(o.n), 0) FROM indicator_received_open o WHERE o.due_at < $4 AND ${national ? 'o.unit = o.province_code' : 'o.unit = u.unit'})`;
    const rows = await tx.query<{ unit: string; before: (string | number)[] | null; upTo: (string | number)[] | null; openOverdue: string | number }>(
      `SELECT u.unit, ${at('<', '$2::date')} AS before, ${at('<=', '$3::date')} AS "upTo",
              (SELECT coalesce(sum(d.n), 0) FROM indicator_open_due d WHERE d.unit = u.unit AND d.due_at < $4)
              + CASE WHEN u.kind = 'national' THEN ${received(true)} ELSE ${received(false)} END AS "openOverdue"
         FROM unnest($1::text[], $5::text[]) AS u(unit, kind)`,
      [units.map((u) => u.code), range.from, range.to, overdueCut, units.map((u) => u.kind)],
    );
    const vector = (v: (string | number)[] | null) => METRICS.map((_, i) => Number(v?.[i] ?? 0));
    return rows.map((r) => ({ unit: r.unit, before: vector(r.before), upTo: vector(r.upTo), openOverdue: Number(r.openOverdue) }));
  },

  /** Dossiers of an agency (competent for them) per status and outcome. */
  async agencyStatusOutcomes(tx: Sql, agency: string): Promise<{ status: string | null; outcome: string | null; n: number }[]> {
    return tx.query(`SELECT status, outcome, count(*)::int AS n FROM indicator_facts WHERE agency = $1 GROUP BY status, outcome`, [agency]);
  },

  /**
   * The running totals of one unit for each day of [from, to] that has a row, and the last row
   * before `from`: a day's values are its row minus the row before (a day without a row changed
   * nothing). One index range of ~31 narrow rows for a 30-day trend, where the daily rows of six
   * metrics lie on a page each.
   */
  async totalsSeries(tx: Sql, unit: string, from: string, to: string): Promise<{ day: string; totals: number[] }[]> {
    const rows = await tx.query<{ day: string; totals: (string | number)[] }>(
      `(SELECT day::text, totals FROM indicator_totals WHERE unit = $1 AND day < $2::date ORDER BY day DESC LIMIT 1)
       UNION ALL
       (SELECT day::text, totals FROM indicator_totals WHERE unit = $1 AND day BETWEEN $2::date AND $3::date ORDER BY day)`,
      [unit, from, to],
    );
    return rows.map((r) => ({ day: r.day, totals: r.totals.map(Number) })).sort((a, b) => (a.day < b.day ? -1 : 1));
  },

  /** The TTHC figures grouped by procedure, sector or officer, straight from the fact rows. */
  async factGroups(
    tx: Sql,
    input: { kind: UnitKindSql; unit: string; from: string; to: string; today: string; now: Date; groupBy: FactGroupBy },
  ): Promise<FactGroupRow[]> {
    const column = FACT_UNIT[input.kind];
    const key = GROUP_COLUMN[input.groupBy];
    const name = { procedure: 'max(p.name)', sector: 'f.sector', officer: 'max(u.full_name)' }[input.groupBy];
    const overdue = input.to < input.today ? 'f.due_day <= $3' : 'f.due_at < $5';
    return tx.query<FactGroupRow>(
      `SELECT ${key} AS key, ${name} AS name,
         count(*) FILTER (WHERE f.received_day BETWEEN $2 AND $3 AND f.channel = 'online')::int AS received_online,
         count(*) FILTER (WHERE f.received_day BETWEEN $2 AND $3 AND f.channel = 'direct')::int AS received_direct,
         count(*) FILTER (WHERE f.received_day BETWEEN $2 AND $3 AND f.channel = 'postal')::int AS received_postal,
         count(*) FILTER (WHERE f.received_day < $2 AND (f.finished_day IS NULL OR f.finished_day >= $2))::int AS carried_over,
         count(*) FILTER (WHERE f.finished_day BETWEEN $2 AND $3 AND f.outcome = 'early')::int AS resolved_early,
         count(*) FILTER (WHERE f.finished_day BETWEEN $2 AND $3 AND f.outcome = 'on_time')::int AS resolved_on_time,
         count(*) FILTER (WHERE f.finished_day BETWEEN $2 AND $3 AND f.outcome = 'late')::int AS resolved_late,
         count(*) FILTER (WHERE f.finished_day BETWEEN $2 AND $3 AND f.outcome = 'withdrawn')::int AS withdrawn,
         count(*) FILTER (WHERE f.finished_day BETWEEN $2 AND $3 AND f.outcome = 'stopped')::int AS stopped,
         count(*) FILTER (WHERE f.received_day <= $3 AND (f.finished_day IS NULL OR f.finished_day > $3))::int AS pending,
         count(*) FILTER (WHERE f.received_day <= $3 AND (f.finished_day IS NULL OR f.finished_day > $3) AND ${overdue})::int AS pending_overdue,
         coalesce(sum(f.working_days) FILTER (WHERE f.finished_day BETWEEN $2 AND $3 AND f.outcome IN ('early', 'on_time', 'late')), 0)::int AS working_days_sum,
         count(f.working_days) FILTER (WHERE f.finished_day BETWEEN $2 AND $3 AND f.outcome IN ('early', 'on_time', 'late'))::int AS working_days_n
       FROM indicator_facts f
       LEFT JOIN procedures p ON p.code = f.procedure_code
       LEFT JOIN users u ON u.id::text = f.officer
      WHERE f.received_day IS NOT NULL AND f.received_day <= $3 AND (f.finished_day IS NULL OR f.finished_day >= $2)
        AND ${column ? `f.${column} = $1` : '$1::text IS NOT NULL'} AND $4::date IS NOT NULL AND $5::timestamptz IS NOT NULL
      GROUP BY ${key}
      ORDER BY ${key}`,
      [input.unit, input.from, input.to, input.today, input.now],
    );
  },

  async childUnits(tx: Sql, kind: UnitKindSql, code: string): Promise<{ code: string; name: string; kind: UnitKindSql }[]> {
    if (kind === 'national') return tx.query(`SELECT code, name, 'province' AS kind FROM provinces ORDER BY code`);
    if (kind === 'province') {
      return tx.query(
        `(SELECT code, name, 'commune' AS kind FROM communes WHERE province_code = $1 ORDER BY code)
         UNION ALL (SELECT code, name, 'agency' AS kind FROM agencies WHERE province_code = $1 AND level = 'tinh' ORDER BY code)`,
        [code],
      );
    }
    if (kind === 'commune') return tx.query(`SELECT code, name, 'agency' AS kind FROM agencies WHERE admin_unit_code = $1 AND level = 'xa' ORDER BY code`, [code]);
    return [];
  },
};

/** Agencies `a` within a unit ($1). */
const AGENCY_IN_UNIT: Record<UnitKindSql, string> = {
  national: '$1::text IS NOT NULL',
  province: 'a.province_code = $1',
  commune: "a.level = 'xa' AND a.admin_unit_code = $1",
  agency: 'a.code = $1',
};

export const feedbackReads = {
  /** Feedback (PAKN) due in the range at the unit's agencies, and how many were answered by their due date. */
  async onTime(tx: Sql, kind: UnitKindSql, unit: string, from: string, to: string): Promise<{ due: number; onTime: number }> {
    const where = AGENCY_IN_UNIT[kind];
    const rows = await tx.query<{ due: number; on_time: number }>(
      `SELECT count(*)::int AS due,
              count(*) FILTER (WHERE fb.answered_at IS NOT NULL AND (fb.answered_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date <= fb.answer_due_date)::int AS on_time
         FROM feedback fb JOIN agencies a ON a.code = fb.agency_code
        WHERE ${where} AND fb.answer_due_date BETWEEN $2 AND $3`,
      [unit, from, to],
    );
    return { due: rows[0]?.due ?? 0, onTime: rows[0]?.on_time ?? 0 };
  },

  async listDue(tx: Sql, kind: UnitKindSql, unit: string, from: string, to: string, onTimeOnly: boolean, limit: number, offset: number) {
    const where = AGENCY_IN_UNIT[kind];
    return tx.query<{ reference: string; agencyCode: string; dossierCode: string | null; answerDueDate: string; answeredAt: Date | null }>(
      `SELECT fb.reference, fb.agency_code AS "agencyCode", fb.dossier_code AS "dossierCode", fb.answer_due_date AS "answerDueDate", fb.answered_at AS "answeredAt"
         FROM feedback fb JOIN agencies a ON a.code = fb.agency_code
        WHERE ${where} AND fb.answer_due_date BETWEEN $2 AND $3
          ${onTimeOnly ? `AND fb.answered_at IS NOT NULL AND (fb.answered_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date <= fb.answer_due_date` : ''}
        ORDER BY fb.answer_due_date, fb.reference LIMIT $4 OFFSET $5`,
      [unit, from, to, limit, offset],
    );
  },
};

export interface DrillRow {
  id: string;
  code: string | null;
  procedureCode: string;
  procedureName: string | null;
  agency: string;
  agencyName: string;
  provinceCode: string;
  channel: string;
  status: string;
  applicantName: string;
  receivedAt: Date | null;
  dueAt: Date | null;
  finishedAt: Date | null;
  outcome: string | null;
}

export const drillReads = {
  /**
   * The dossiers matching a predicate over `indicator_facts f` (figures.ts), at a unit, in a
   * range: a page and the total. `$from $to $today $now` in the predicate become parameters.
   */
  async list(
    tx: Sql,
    input: {
      kind: UnitKindSql;
      unit: string;
      predicate: string;
      from: string;
      to: string;
      today: string;
      now: Date;
      limit: number;
      offset: number;
      /** One group of the statistics (a procedure, sector or officer; null key: none recorded). */
      group?: { by: FactGroupBy; key: string | null };
    },
  ): Promise<{ total: number; items: DrillRow[] }> {
    const column = FACT_UNIT[input.kind];
    const predicate = input.predicate.replaceAll('$from', '$2::date').replaceAll('$today', '$4::date').replaceAll('$now', '$5::timestamptz').replaceAll('$to', '$3::date');
    const group = input.group ? (input.group.key === null ? `${GROUP_COLUMN[input.group.by]} IS NULL` : `${GROUP_COLUMN[input.group.by]} = $6`) : 'true';
    // every parameter typed even when the predicate does not use it
    const where = `${column ? `f.${column} = $1` : '$1::text IS NOT NULL'} AND $2::date IS NOT NULL AND $3::date IS NOT NULL AND $4::date IS NOT NULL AND $5::timestamptz IS NOT NULL AND $6::text IS NOT DISTINCT FROM $6::text AND f.received_day IS NOT NULL AND (${predicate}) AND ${group}`;
    const params = [input.unit, input.from, input.to, input.today, input.now, input.group?.key ?? null];
    const [{ total }] = await tx.query<{ total: number }>(`SELECT count(*)::int AS total FROM indicator_facts f WHERE ${where}`, params);
    const items = await tx.query<DrillRow>(
      `SELECT d.id, d.code, f.procedure_code AS "procedureCode", p.name AS "procedureName", f.agency, a.name AS "agencyName",
              f.province_code AS "provinceCode", f.channel, d.status, coalesce(d.applicant->>'fullName', '') AS "applicantName",
              f.received_at AS "receivedAt", f.due_at AS "dueAt", f.finished_at AS "finishedAt", f.outcome
         FROM indicator_facts f
         JOIN dossiers d ON d.id = f.dossier_id
         JOIN agencies a ON a.code = f.agency
         LEFT JOIN procedures p ON p.code = f.procedure_code
        WHERE ${where}
        ORDER BY f.due_at NULLS LAST, f.dossier_id
        LIMIT $7 OFFSET $8`,
      [...params, input.limit, input.offset],
    );
    return { total, items };
  },

  /** Open overdue dossiers at a unit now, most overdue first, with the officer answering for them. */
  async overdueNow(tx: Sql, kind: UnitKindSql, unit: string, now: Date, limit: number) {
    const column = FACT_UNIT[kind];
    return tx.query<DrillRow & { assigneeName: string | null; currentAgency: string; currentAgencyName: string }>(
      `SELECT d.id, d.code, f.procedure_code AS "procedureCode", p.name AS "procedureName", f.agency, a.name AS "agencyName",
              f.province_code AS "provinceCode", f.channel, d.status, coalesce(d.applicant->>'fullName', '') AS "applicantName",
              f.received_at AS "receivedAt", f.due_at AS "dueAt", f.finished_at AS "finishedAt", f.outcome,
              u.full_name AS "assigneeName", d.current_agency AS "currentAgency", ca.name AS "currentAgencyName"
         FROM indicator_facts f
         JOIN dossiers d ON d.id = f.dossier_id
         JOIN agencies a ON a.code = f.agency
         JOIN agencies ca ON ca.code = d.current_agency
         LEFT JOIN procedures p ON p.code = f.procedure_code
         LEFT JOIN users u ON u.id = d.assignee
        WHERE ${column ? `f.${column} = $1` : '$1::text IS NOT NULL'}
          AND f.finished_at IS NULL AND f.received_at IS NOT NULL AND f.due_at < $2
        ORDER BY f.due_at LIMIT $3`,
      [unit, now, limit],
    );
  },

  /** Open overdue dossiers per agency now (the command center's list by responsible agency). */
  /** Open overdue dossiers per competent agency: from the facts, and (national node) from the open counts other installations sent. */
  async overdueByAgency(tx: Sql, kind: UnitKindSql, unit: string, now: Date, limit: number) {
    // counted per agency first, names looked up for the few listed only. The nation reads the
    // agencies' rows of the open-dossier roll-up due before now (its partial index); a province,
    // commune or agency its own open overdue facts (the open-due index on its column)
    const column = FACT_UNIT[kind];
    const own = column
      ? `SELECT f.agency, 1 AS n, f.due_at AS oldest FROM indicator_facts f
          WHERE f.${column} = $1 AND f.finished_at IS NULL AND f.received_at IS NOT NULL AND f.due_at < $2`
      : `SELECT d.unit AS agency, d.n, d.due_at AS oldest FROM indicator_open_due d
          WHERE d.unit_kind = 'agency' AND d.due_at < $2 AND $1::text IS NOT NULL`;
    return tx.query<{ agency: string; agencyName: string; count: number; oldestDueAt: Date }>(
      `SELECT x.agency, a.name AS "agencyName", x.count, x.oldest AS "oldestDueAt"
         FROM (SELECT y.agency, sum(y.n)::int AS count, min(y.oldest) AS oldest
                 FROM (${own}
                       UNION ALL
                       SELECT o.unit, o.n, o.due_at FROM indicator_received_open o JOIN agencies a ON a.code = o.unit
                        WHERE ${AGENCY_IN_UNIT[kind]} AND o.due_at < $2) y
                GROUP BY y.agency ORDER BY sum(y.n) DESC, y.agency LIMIT $3) x
         JOIN agencies a ON a.code = x.agency
        ORDER BY x.count DESC, x.agency`,
      [unit, now, limit],
    );
  },
};

export const parameterReads = {
  async current(tx: Sql, on: string): Promise<Map<string, { value: number; unit: string; source: string; effectiveFrom: string }>> {
    const rows = await tx.query<{ key: string; value: string; unit: string; source: string; effective_from: string }>(
      `SELECT DISTINCT ON (key) key, value::text, unit, source, effective_from FROM indicator_parameters
        WHERE effective_from <= $1 ORDER BY key, effective_from DESC`,
      [on],
    );
    return new Map(rows.map((r) => [r.key, { value: Number(r.value), unit: r.unit, source: r.source, effectiveFrom: r.effective_from }]));
  },
  async upsert(tx: Sql, p: { key: string; effectiveFrom: string; value: number; unit: string; source: string; by: string; at: Date }) {
    await tx.query(
      `INSERT INTO indicator_parameters (key, effective_from, value, unit, source, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (key, effective_from) DO UPDATE SET value = $3, unit = $4, source = $5, updated_by = $6, updated_at = $7`,
      [p.key, p.effectiveFrom, p.value, p.unit, p.source, p.by, p.at],
    );
  },
};

/** One dossier resolved in the period, with what the Circular 01/2018 evaluation reads of it. */
export interface ScoringDossier {
  dossierId: string;
  agency: string;
  agencyName: string;
  officer: string | null;
  officerName: string | null;
  channel: 'direct' | 'online' | 'postal';
  outcome: 'early' | 'on_time' | 'late';
  /** Each liên thông step's outcome (null: never finished). */
  stepOutcomes: ('early' | 'on_time' | 'late' | null)[];
  /** Supplement requests sent to the applicant. */
  supplements: number;
  dissatisfied: boolean | null;
  /** Feedback (PAKN) about this dossier. */
  feedback: number;
  /** The procedure is published in the catalogue. */
  published: boolean;
}

export const scoringReads = {
  async resolvedDossiers(tx: Sql, kind: UnitKindSql, unit: string, from: string, to: string): Promise<ScoringDossier[]> {
    const column = FACT_UNIT[kind];
    return tx.query<ScoringDossier>(
      `SELECT f.dossier_id AS "dossierId", f.agency, a.name AS "agencyName", f.officer, u.full_name AS "officerName", f.channel, f.outcome,
              coalesce((SELECT array_agg(s.outcome ORDER BY s.seq) FROM indicator_step_facts s WHERE s.dossier_id = f.dossier_id), '{}') AS "stepOutcomes",
              (SELECT count(*) FROM dossier_actions x WHERE x.dossier_id = f.dossier_id AND x.action = 'request_supplement')::int AS supplements,
              f.dissatisfied,
              (SELECT count(*) FROM feedback fb WHERE fb.dossier_code = d.code)::int AS feedback,
              EXISTS (SELECT 1 FROM procedures p WHERE p.code = f.procedure_code) AS published
         FROM indicator_facts f
         JOIN dossiers d ON d.id = f.dossier_id
         JOIN agencies a ON a.code = f.agency
         LEFT JOIN users u ON u.id::text = f.officer
        WHERE ${column ? `f.${column} = $1` : '$1::text IS NOT NULL'}
          AND f.finished_day BETWEEN $2 AND $3 AND f.outcome IN ('early', 'on_time', 'late')
        ORDER BY f.dossier_id`,
      [unit, from, to],
    );
  },

  /** Per agency of the unit: feedback due in the range, and answered by its due date. */
  async feedbackByAgency(tx: Sql, kind: UnitKindSql, unit: string, from: string, to: string): Promise<{ agency: string; due: number; onTime: number }[]> {
    const where = AGENCY_IN_UNIT[kind];
    return tx.query(
      `SELECT fb.agency_code AS agency, count(*)::int AS due,
              count(*) FILTER (WHERE fb.answered_at IS NOT NULL AND (fb.answered_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date <= fb.answer_due_date)::int AS "onTime"
         FROM feedback fb JOIN agencies a ON a.code = fb.agency_code
        WHERE ${where} AND fb.answer_due_date BETWEEN $2 AND $3
        GROUP BY fb.agency_code`,
      [unit, from, to],
    );
  },
};
