import type { Sql } from '#platform/db.ts';
import type { DeclarantHistory, DrawnItem, RiskFactor, RiskRules } from './risk.ts';

/** Every SQL statement of the post-inspection module. */

export interface RuleSetRow {
  id: string;
  sector: string;
  effectiveFrom: string;
  rules: RiskRules;
  legalBasis: string;
}

export async function findRuleSet(tx: Sql, sector: string, date: string): Promise<RuleSetRow | null> {
  const [row] = await tx.query<RuleSetRow>(
    `SELECT id, sector, effective_from::text AS "effectiveFrom", rules, legal_basis AS "legalBasis" FROM inspection_rule_sets
      WHERE sector = $1 AND effective_from <= $2::date AND (effective_to IS NULL OR effective_to > $2::date)
      ORDER BY effective_from DESC LIMIT 1`,
    [sector, date],
  );
  return row ?? null;
}

export async function insertRuleSet(tx: Sql, r: RuleSetRow & { createdAt: Date }): Promise<void> {
  await tx.query(
    `INSERT INTO inspection_rule_sets (id, sector, effective_from, rules, legal_basis, created_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO NOTHING`,
    [r.id, r.sector, r.effectiveFrom, JSON.stringify(r.rules), r.legalBasis, r.createdAt],
  );
}

export async function findProcedureSector(tx: Sql, procedureCode: string): Promise<{ sector: string; categoryField: string | null } | null> {
  const [row] = await tx.query<{ sector: string; categoryField: string | null }>(
    'SELECT sector, category_field AS "categoryField" FROM inspection_procedures WHERE procedure_code = $1',
    [procedureCode],
  );
  return row ?? null;
}

export async function upsertProcedureSector(tx: Sql, procedureCode: string, sector: string, categoryField: string | null): Promise<void> {
  await tx.query(
    `INSERT INTO inspection_procedures (procedure_code, sector, category_field) VALUES ($1, $2, $3)
     ON CONFLICT (procedure_code) DO UPDATE SET sector = $2, category_field = $3`,
    [procedureCode, sector, categoryField],
  );
}

// ------------------------------------------------------------------ declarations

export interface DeclarationRow {
  dossierId: string;
  version: number;
  procedureCode: string;
  agencyCode: string;
  provinceCode: string;
  sector: string;
  declarantId: string;
  declarantName: string;
  declarantUser: string | null;
  category: string | null;
  fields: Record<string, unknown>;
  documents: { componentCode: string; fileId: string }[];
  contentHash: string;
  resultId: string | null;
  riskScore: number;
  riskFactors: RiskFactor[];
  ruleSetId: string;
  correctionReason: string | null;
  declaredAt: Date;
  recordedBy: string | null;
}

const DECLARATION_COLUMNS = `dossier_id AS "dossierId", version, procedure_code AS "procedureCode", agency_code AS "agencyCode",
  province_code AS "provinceCode", sector, declarant_id AS "declarantId", declarant_name AS "declarantName",
  declarant_user AS "declarantUser", category, fields, documents, content_hash AS "contentHash", result_id AS "resultId",
  risk_score AS "riskScore", risk_factors AS "riskFactors", rule_set_id AS "ruleSetId", correction_reason AS "correctionReason",
  declared_at AS "declaredAt", recorded_by AS "recordedBy"`;

export async function declarationVersions(tx: Sql, dossierId: string): Promise<DeclarationRow[]> {
  return tx.query<DeclarationRow>(`SELECT ${DECLARATION_COLUMNS} FROM inspection_declarations WHERE dossier_id = $1 ORDER BY version`, [dossierId]);
}

/** Inserts a version; false when that version exists (a retried reception or correction). */
export async function insertDeclaration(tx: Sql, d: DeclarationRow): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO inspection_declarations (dossier_id, version, procedure_code, agency_code, province_code, sector, declarant_id,
       declarant_name, declarant_user, category, fields, documents, content_hash, result_id, risk_score, risk_factors, rule_set_id,
       correction_reason, declared_at, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
     ON CONFLICT (dossier_id, version) DO NOTHING RETURNING dossier_id`,
    [
      d.dossierId,
      d.version,
      d.procedureCode,
      d.agencyCode,
      d.provinceCode,
      d.sector,
      d.declarantId,
      d.declarantName,
      d.declarantUser,
      d.category,
      JSON.stringify(d.fields),
      JSON.stringify(d.documents),
      d.contentHash,
      d.resultId,
      d.riskScore,
      JSON.stringify(d.riskFactors),
      d.ruleSetId,
      d.correctionReason,
      d.declaredAt,
      d.recordedBy,
    ],
  );
  return rows.length > 0;
}

/** The declarant's history before now: cases concluded with a finding, and corrections of declarations. */
export async function declarantHistory(tx: Sql, declarantId: string): Promise<DeclarantHistory> {
  const [row] = await tx.query<DeclarantHistory>(
    `SELECT
       (SELECT count(DISTINCT c.id)::int FROM inspection_cases c JOIN inspection_declarations d ON d.dossier_id = c.dossier_id
         WHERE d.declarant_id = $1 AND c.conclusion IN ('correct', 'sanction')) AS violations,
       (SELECT count(*)::int FROM inspection_declarations WHERE declarant_id = $1 AND version > 1) AS corrections`,
    [declarantId],
  );
  return row;
}

/** The latest version of each declaration of an authority and sector declared in [from, to] (local dates). */
export async function population(tx: Sql, agencyCode: string, sector: string, from: string, to: string) {
  return tx.query<{ dossierId: string; riskScore: number; factors: RiskFactor[] }>(
    `SELECT DISTINCT ON (dossier_id) dossier_id AS "dossierId", risk_score AS "riskScore", risk_factors AS factors
       FROM inspection_declarations
      WHERE agency_code = $1 AND sector = $2
        AND dossier_id IN (SELECT dossier_id FROM inspection_declarations
                            WHERE version = 1 AND (declared_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date BETWEEN $3::date AND $4::date)
      ORDER BY dossier_id, version DESC`,
    [agencyCode, sector, from, to],
  );
}

// ------------------------------------------------------------------ plans and draws

export interface PlanRow {
  id: string;
  agencyCode: string;
  provinceCode: string;
  sector: string;
  title: string;
  periodFrom: string;
  periodTo: string;
  minRandomPercent: number;
  highRiskThreshold: number;
  caseDueWorkingDays: number;
  legalBasis: string;
  createdAt: Date;
}

const PLAN_COLUMNS = `id, agency_code AS "agencyCode", province_code AS "provinceCode", sector, title, period_from::text AS "periodFrom",
  period_to::text AS "periodTo", min_random_percent::float8 AS "minRandomPercent", high_risk_threshold AS "highRiskThreshold",
  case_due_working_days AS "caseDueWorkingDays", legal_basis AS "legalBasis", created_at AS "createdAt"`;

export async function insertPlan(tx: Sql, p: PlanRow & { createdBy: string | null }): Promise<void> {
  await tx.query(
    `INSERT INTO inspection_plans (id, agency_code, province_code, sector, title, period_from, period_to, min_random_percent,
       high_risk_threshold, case_due_working_days, legal_basis, created_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (id) DO NOTHING`,
    [p.id, p.agencyCode, p.provinceCode, p.sector, p.title, p.periodFrom, p.periodTo, p.minRandomPercent, p.highRiskThreshold, p.caseDueWorkingDays, p.legalBasis, p.createdAt, p.createdBy],
  );
}

export async function findPlan(tx: Sql, id: string): Promise<PlanRow | null> {
  const [row] = await tx.query<PlanRow>(`SELECT ${PLAN_COLUMNS} FROM inspection_plans WHERE id = $1`, [id]);
  return row ?? null;
}

export async function listPlans(tx: Sql, agencies: string[]): Promise<PlanRow[]> {
  return tx.query<PlanRow>(`SELECT ${PLAN_COLUMNS} FROM inspection_plans WHERE agency_code = ANY($1) ORDER BY period_from DESC, id`, [agencies]);
}

export interface DrawRow {
  id: string;
  planId: string;
  seed: string;
  population: number;
  minimum: number;
  items: DrawnItem[];
  drawnAt: Date;
}

const DRAW_COLUMNS = `id, plan_id AS "planId", seed, population, minimum, items, drawn_at AS "drawnAt"`;

export async function findDraw(tx: Sql, planId: string, seed: string): Promise<DrawRow | null> {
  const [row] = await tx.query<DrawRow>(`SELECT ${DRAW_COLUMNS} FROM inspection_draws WHERE plan_id = $1 AND seed = $2`, [planId, seed]);
  return row ?? null;
}

export async function findDrawById(tx: Sql, id: string): Promise<DrawRow | null> {
  const [row] = await tx.query<DrawRow>(`SELECT ${DRAW_COLUMNS} FROM inspection_draws WHERE id = $1`, [id]);
  return row ?? null;
}

export async function latestDraw(tx: Sql, planId: string): Promise<DrawRow | null> {
  const [row] = await tx.query<DrawRow>(`SELECT ${DRAW_COLUMNS} FROM inspection_draws WHERE plan_id = $1 ORDER BY drawn_at DESC, id LIMIT 1`, [planId]);
  return row ?? null;
}

/** Records a draw; the existing one when this seed was drawn already (a retry, or a concurrent twin). */
export async function insertDraw(tx: Sql, d: DrawRow & { drawnBy: string }): Promise<DrawRow> {
  await tx.query(
    `INSERT INTO inspection_draws (id, plan_id, seed, population, minimum, items, drawn_at, drawn_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (plan_id, seed) DO NOTHING`,
    [d.id, d.planId, d.seed, d.population, d.minimum, JSON.stringify(d.items), d.drawnAt, d.drawnBy],
  );
  return (await findDraw(tx, d.planId, d.seed))!;
}

// ------------------------------------------------------------------ cases

export type CaseStatus = 'open' | 'assigned' | 'visited' | 'concluded';
export type Conclusion = 'compliant' | 'correct' | 'sanction';

export interface CaseRow {
  id: string;
  number: string;
  agencyCode: string;
  provinceCode: string;
  sector: string;
  dossierId: string;
  declarationVersion: number;
  resultId: string | null;
  origin: 'sample' | 'complaint' | 'manual';
  drawId: string | null;
  reason: string;
  status: CaseStatus;
  inspectorId: string | null;
  dueDate: string;
  conclusion: Conclusion | null;
  legalBasis: string | null;
  correctBy: string | null;
  sanction: { fineVnd?: number; measures?: string } | null;
  concludedAt: Date | null;
  revokedAt: Date | null;
  revocationReason: string | null;
  createdAt: Date;
  createdBy: string;
  version: number;
}

const CASE_COLUMNS = `id, number, agency_code AS "agencyCode", province_code AS "provinceCode", sector, dossier_id AS "dossierId",
  declaration_version AS "declarationVersion", result_id AS "resultId", origin, draw_id AS "drawId", reason, status,
  inspector_id AS "inspectorId", due_date::text AS "dueDate", conclusion, legal_basis AS "legalBasis", correct_by::text AS "correctBy",
  sanction, concluded_at AS "concludedAt", revoked_at AS "revokedAt", revocation_reason AS "revocationReason",
  created_at AS "createdAt", created_by AS "createdBy", version`;

/** Next case number of the agency's year (gap-free under concurrency: the counter row stays locked until commit). */
export async function nextCaseSeq(tx: Sql, agencyCode: string, year: number): Promise<number> {
  const [row] = await tx.query<{ seq: number }>(
    `INSERT INTO inspection_case_counters (agency_code, year, seq) VALUES ($1, $2, 1)
     ON CONFLICT (agency_code, year) DO UPDATE SET seq = inspection_case_counters.seq + 1 RETURNING seq`,
    [agencyCode, year],
  );
  return row.seq;
}

/** Inserts a case; false when the declaration already has an open case (the unique index). */
export async function insertCase(tx: Sql, c: Omit<CaseRow, 'version'>): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO inspection_cases (id, number, agency_code, province_code, sector, dossier_id, declaration_version, result_id, origin,
       draw_id, reason, status, inspector_id, due_date, created_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
     ON CONFLICT (dossier_id) WHERE status <> 'concluded' DO NOTHING RETURNING id`,
    [c.id, c.number, c.agencyCode, c.provinceCode, c.sector, c.dossierId, c.declarationVersion, c.resultId, c.origin, c.drawId, c.reason, c.status, c.inspectorId, c.dueDate, c.createdAt, c.createdBy],
  );
  return rows.length > 0;
}

export async function findCase(tx: Sql, id: string, lock = false): Promise<CaseRow | null> {
  const [row] = await tx.query<CaseRow>(`SELECT ${CASE_COLUMNS} FROM inspection_cases WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  return row ?? null;
}

export async function openCaseOfDossier(tx: Sql, dossierId: string): Promise<CaseRow | null> {
  const [row] = await tx.query<CaseRow>(`SELECT ${CASE_COLUMNS} FROM inspection_cases WHERE dossier_id = $1 AND status <> 'concluded'`, [dossierId]);
  return row ?? null;
}

export async function casesOfDossier(tx: Sql, dossierId: string): Promise<CaseRow[]> {
  return tx.query<CaseRow>(`SELECT ${CASE_COLUMNS} FROM inspection_cases WHERE dossier_id = $1 ORDER BY created_at`, [dossierId]);
}

export async function listCases(tx: Sql, filter: { agencies: string[]; inspectorId?: string; overdueOn?: string }): Promise<CaseRow[]> {
  const params: unknown[] = [filter.agencies];
  let where = 'agency_code = ANY($1)';
  if (filter.inspectorId) {
    params.push(filter.inspectorId);
    where += ` AND inspector_id = $${params.length}`;
  }
  if (filter.overdueOn) {
    params.push(filter.overdueOn);
    where += ` AND status <> 'concluded' AND due_date < $${params.length}::date`;
  }
  return tx.query<CaseRow>(`SELECT ${CASE_COLUMNS} FROM inspection_cases WHERE ${where} ORDER BY due_date, number LIMIT 500`, params);
}

/** Writes the case's new state if nobody changed it meanwhile (optimistic: `version`). */
export async function updateCase(tx: Sql, c: CaseRow): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE inspection_cases SET status = $3, inspector_id = $4, conclusion = $5, legal_basis = $6, correct_by = $7, sanction = $8,
       concluded_at = $9, revoked_at = $10, revocation_reason = $11, version = version + 1
     WHERE id = $1 AND version = $2 RETURNING id`,
    [c.id, c.version, c.status, c.inspectorId, c.conclusion, c.legalBasis, c.correctBy, c.sanction ? JSON.stringify(c.sanction) : null, c.concludedAt, c.revokedAt, c.revocationReason],
  );
  return rows.length > 0;
}

export interface CaseActionRow {
  seq: number;
  action: string;
  data: Record<string, unknown>;
  at: Date;
  actorId: string;
  actorName: string;
}

export async function appendCaseAction(tx: Sql, caseId: string, a: Omit<CaseActionRow, 'seq'>): Promise<number> {
  const [row] = await tx.query<{ seq: number }>(
    `INSERT INTO inspection_case_actions (case_id, seq, action, data, at, actor_id, actor_name)
     SELECT $1, coalesce(max(seq), 0) + 1, $2, $3, $4, $5, $6 FROM inspection_case_actions WHERE case_id = $1 RETURNING seq`,
    [caseId, a.action, JSON.stringify(a.data), a.at, a.actorId, a.actorName],
  );
  return row.seq;
}

export async function caseActions(tx: Sql, caseId: string): Promise<CaseActionRow[]> {
  return tx.query<CaseActionRow>(
    'SELECT seq, action, data, at, actor_id AS "actorId", actor_name AS "actorName" FROM inspection_case_actions WHERE case_id = $1 ORDER BY seq',
    [caseId],
  );
}

// ------------------------------------------------------------------ figures

/** The command center's post-control figures over declarations first received in [from, to] (local dates). */
export async function figures(tx: Sql, scope: { provinceCode: string | null; from: string; to: string }) {
  const [row] = await tx.query<{ declarations: number; inspected: number; violations: number; concluded: number; avgDays: number | null }>(
    `WITH decl AS (
       SELECT dossier_id, min(declared_at) AS declared_at FROM inspection_declarations
        WHERE ($1::text IS NULL OR province_code = $1)
        GROUP BY dossier_id
       HAVING (min(declared_at) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date BETWEEN $2::date AND $3::date),
     firstcase AS (
       SELECT c.dossier_id, min(c.created_at) AS at, bool_or(c.conclusion IN ('correct', 'sanction')) AS violation,
              bool_or(c.conclusion IS NOT NULL) AS concluded
         FROM inspection_cases c JOIN decl ON decl.dossier_id = c.dossier_id GROUP BY c.dossier_id)
     SELECT (SELECT count(*)::int FROM decl) AS declarations,
            (SELECT count(*)::int FROM firstcase) AS inspected,
            (SELECT count(*)::int FROM firstcase WHERE violation) AS violations,
            (SELECT count(*)::int FROM firstcase WHERE concluded) AS concluded,
            (SELECT avg(extract(epoch FROM f.at - d.declared_at) / 86400)::float8 FROM firstcase f JOIN decl d USING (dossier_id)) AS "avgDays"`,
    [scope.provinceCode, scope.from, scope.to],
  );
  return row;
}

/** Procedures whose version in force on `date` is under post or hybrid control, and all in force. */
export async function controlShare(tx: Sql, date: string) {
  const [row] = await tx.query<{ total: number; post: number }>(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE content->>'controlMode' IN ('post', 'hybrid'))::int AS post
       FROM (SELECT DISTINCT ON (procedure_code) content FROM procedure_versions
              WHERE effective_from <= $1::date AND (effective_to IS NULL OR effective_to > $1::date)
              ORDER BY procedure_code, effective_from DESC) v`,
    [date],
  );
  return row;
}
