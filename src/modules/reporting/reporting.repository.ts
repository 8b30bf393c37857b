import type { Sql } from '#platform/db.ts';
import type { RegimeDefinition } from './regime-definition.ts';

/** The only SQL of the reporting module. */

export type RegimeType = 'periodic' | 'thematic' | 'ad_hoc';
export type StaffRole = 'officer' | 'leader' | 'receiver';
export type ReportStatus = 'draft' | 'pending_signature' | 'submitted' | 'returned' | 'accepted';
export type Value = number | string | null;

export interface RegimeRow {
  code: string;
  name: string;
  type: RegimeType;
  validFrom: string;
  legalBasis: string;
  definition: RegimeDefinition;
}

export interface Correction {
  prefilled: number;
  value: number;
  reason: string;
  by: string;
  at: string;
}

export interface ReportRow {
  id: string;
  regimeCode: string;
  regimeVersion: string;
  period: string;
  unitCode: string;
  receivingCode: string;
  periodFrom: string;
  periodTo: string;
  dueDate: string;
  status: ReportStatus;
  values: Record<string, Value>;
  prefilled: Record<string, number>;
  corrections: Record<string, Correction>;
  late: boolean;
  submittedAt: Date | null;
  submittedBy: string | null;
  signedText: string | null;
  signature: string | null;
  returnedReason: string | null;
  returnedAt: Date | null;
  acceptedAt: Date | null;
  acceptedBy: string | null;
  version: number;
  updatedAt: Date;
  /** At the unit's installation: the installation the report was sent to (its receiving unit is hosted there). */
  sentToNode: string | null;
  /** At the unit's installation: the DocumentId of the envelope that carried the latest submission there. */
  sentDocumentId: string | null;
  /** At the receiving unit's installation: the installation the report came from. */
  fromNode: string | null;
}

const REGIME = `SELECT r.code, r.name, r.type, to_char(v.valid_from, 'YYYY-MM-DD') AS "validFrom", v.legal_basis AS "legalBasis", v.definition
  FROM reporting_regimes r JOIN LATERAL (
    SELECT * FROM reporting_regime_versions v WHERE v.regime_code = r.code AND v.valid_from <= $1::date ORDER BY v.valid_from DESC LIMIT 1
  ) v ON true`;

/** Every regime with the version in force on `date`. */
export function regimesOn(tx: Sql, date: string): Promise<RegimeRow[]> {
  return tx.query<RegimeRow>(`${REGIME} ORDER BY r.type, r.code`, [date]);
}

export async function regimeOn(tx: Sql, code: string, date: string): Promise<RegimeRow | null> {
  return (await tx.query<RegimeRow>(`${REGIME} WHERE r.code = $2`, [date, code]))[0] ?? null;
}

/** Ad hoc requests (regimes of type ad_hoc, their single version), newest first. */
export function adHocRequests(tx: Sql): Promise<(RegimeRow & { createdAt: Date })[]> {
  return tx.query(
    `SELECT r.code, r.name, r.type, to_char(v.valid_from, 'YYYY-MM-DD') AS "validFrom", v.legal_basis AS "legalBasis", v.definition, r.created_at AS "createdAt"
       FROM reporting_regimes r JOIN reporting_regime_versions v ON v.regime_code = r.code WHERE r.type = 'ad_hoc' ORDER BY r.created_at DESC, r.code`,
  );
}

export async function adHocRequest(tx: Sql, code: string): Promise<(RegimeRow & { createdAt: Date }) | null> {
  const rows = await tx.query<RegimeRow & { createdAt: Date }>(
    `SELECT r.code, r.name, r.type, to_char(v.valid_from, 'YYYY-MM-DD') AS "validFrom", v.legal_basis AS "legalBasis", v.definition, r.created_at AS "createdAt"
       FROM reporting_regimes r JOIN reporting_regime_versions v ON v.regime_code = r.code WHERE r.type = 'ad_hoc' AND r.code = $1 ORDER BY v.valid_from DESC LIMIT 1`,
    [code],
  );
  return rows[0] ?? null;
}

/** A regime in the exact version a report was opened under. */
export async function regimeVersion(tx: Sql, code: string, validFrom: string): Promise<RegimeRow | null> {
  const rows = await tx.query<RegimeRow>(
    `SELECT r.code, r.name, r.type, to_char(v.valid_from, 'YYYY-MM-DD') AS "validFrom", v.legal_basis AS "legalBasis", v.definition
       FROM reporting_regimes r JOIN reporting_regime_versions v ON v.regime_code = r.code WHERE r.code = $1 AND v.valid_from = $2::date`,
    [code, validFrom],
  );
  return rows[0] ?? null;
}

/** The latest stored version of a regime (the greatest `valid_from`), whatever the date. */
export async function latestRegimeVersion(tx: Sql, code: string): Promise<RegimeRow | null> {
  const rows = await tx.query<RegimeRow>(
    `SELECT r.code, r.name, r.type, to_char(v.valid_from, 'YYYY-MM-DD') AS "validFrom", v.legal_basis AS "legalBasis", v.definition
       FROM reporting_regimes r JOIN reporting_regime_versions v ON v.regime_code = r.code WHERE r.code = $1 ORDER BY v.valid_from DESC LIMIT 1`,
    [code],
  );
  return rows[0] ?? null;
}

export async function insertRegime(tx: Sql, r: { code: string; name: string; type: RegimeType; createdBy: string | null; at: Date }): Promise<boolean> {
  const rows = await tx.query(
    'INSERT INTO reporting_regimes (code, name, type, created_by, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING code',
    [r.code, r.name, r.type, r.createdBy, r.at],
  );
  return rows.length > 0;
}

export async function insertRegimeVersion(tx: Sql, v: { code: string; validFrom: string; legalBasis: string; definition: RegimeDefinition; at: Date }): Promise<void> {
  await tx.query(
    `INSERT INTO reporting_regime_versions (regime_code, valid_from, legal_basis, definition, created_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT DO NOTHING`,
    [v.code, v.validFrom, v.legalBasis, JSON.stringify(v.definition), v.at],
  );
}

export async function grantStaff(tx: Sql, userId: string, agencyCode: string, role: StaffRole): Promise<void> {
  await tx.query('INSERT INTO reporting_staff (user_id, agency_code, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [userId, agencyCode, role]);
}

export function staffOf(tx: Sql, userId: string): Promise<{ agencyCode: string; role: StaffRole }[]> {
  return tx.query('SELECT agency_code AS "agencyCode", role FROM reporting_staff WHERE user_id = $1 ORDER BY agency_code, role', [userId]);
}

/** User ids of an agency's staff in some roles (reminders, notices). */
export async function staffIds(tx: Sql, agencyCodes: string[], roles: StaffRole[]): Promise<{ userId: string; agencyCode: string }[]> {
  return tx.query('SELECT user_id AS "userId", agency_code AS "agencyCode" FROM reporting_staff WHERE agency_code = ANY($1::text[]) AND role = ANY($2::text[])', [agencyCodes, roles]);
}

export async function userBrief(tx: Sql, userId: string): Promise<{ username: string; fullName: string } | null> {
  return (await tx.query<{ username: string; fullName: string }>('SELECT username, full_name AS "fullName" FROM users WHERE id = $1', [userId]))[0] ?? null;
}

const REPORT = `SELECT id, regime_code AS "regimeCode", to_char(regime_version, 'YYYY-MM-DD') AS "regimeVersion", period,
  unit_code AS "unitCode", receiving_code AS "receivingCode", to_char(period_from, 'YYYY-MM-DD') AS "periodFrom",
  to_char(period_to, 'YYYY-MM-DD') AS "periodTo", to_char(due_date, 'YYYY-MM-DD') AS "dueDate", status, vals AS "values", prefilled,
  corrections, late, submitted_at AS "submittedAt", submitted_by AS "submittedBy", signed_text AS "signedText", signature,
  returned_reason AS "returnedReason", returned_at AS "returnedAt", accepted_at AS "acceptedAt", accepted_by AS "acceptedBy",
  version, updated_at AS "updatedAt", sent_to_node AS "sentToNode",
  sent_document_id AS "sentDocumentId", from_node AS "fromNode" FROM reporting_reports`;

export async function findReport(tx: Sql, key: { regime: string; period: string; unit: string }, options: { lock?: boolean } = {}): Promise<ReportRow | null> {
  const rows = await tx.query<ReportRow>(`${REPORT} WHERE regime_code = $1 AND period = $2 AND unit_code = $3${options.lock ? ' FOR UPDATE' : ''}`, [
    key.regime,
    key.period,
    key.unit,
  ]);
  return rows[0] ?? null;
}

/** Reports a receiving unit holds for a regime and period. */
export function reportsReceived(tx: Sql, receivingCode: string, regime: string, period: string): Promise<ReportRow[]> {
  return tx.query<ReportRow>(`${REPORT} WHERE receiving_code = $1 AND regime_code = $2 AND period = $3 ORDER BY unit_code`, [receivingCode, regime, period]);
}

/** Creates the report row once (a concurrent first save finds it made). */
export async function insertReport(
  tx: Sql,
  r: Pick<ReportRow, 'id' | 'regimeCode' | 'regimeVersion' | 'period' | 'unitCode' | 'receivingCode' | 'periodFrom' | 'periodTo' | 'dueDate'> & { at: Date; fromNode?: string },
): Promise<void> {
  await tx.query(
    `INSERT INTO reporting_reports (id, regime_code, regime_version, period, unit_code, receiving_code, period_from, period_to, due_date, status,
       vals, prefilled, corrections, created_at, updated_at, from_node)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'draft', '{}', '{}', '{}', $10, $10, $11) ON CONFLICT (regime_code, period, unit_code) DO NOTHING`,
    [r.id, r.regimeCode, r.regimeVersion, r.period, r.unitCode, r.receivingCode, r.periodFrom, r.periodTo, r.dueDate, r.at, r.fromNode ?? null],
  );
}

export async function saveValues(
  tx: Sql,
  id: string,
  v: { values: Record<string, Value>; prefilled: Record<string, number>; corrections: Record<string, Correction>; at: Date },
): Promise<void> {
  await tx.query('UPDATE reporting_reports SET vals = $2, prefilled = $3, corrections = $4, updated_at = $5, version = version + 1 WHERE id = $1', [
    id,
    JSON.stringify(v.values),
    JSON.stringify(v.prefilled),
    JSON.stringify(v.corrections),
    v.at,
  ]);
}

export async function setStatus(tx: Sql, id: string, status: ReportStatus, at: Date, extra: { returnedReason?: string | null; acceptedBy?: string } = {}): Promise<void> {
  await tx.query(
    `UPDATE reporting_reports SET status = $2, updated_at = $3, version = version + 1,
       returned_reason = CASE WHEN $4::boolean THEN $5 ELSE returned_reason END,
       returned_at = CASE WHEN $2 = 'returned' THEN $3 ELSE returned_at END,
       accepted_at = CASE WHEN $2 = 'accepted' THEN $3 ELSE accepted_at END,
       accepted_by = CASE WHEN $2 = 'accepted' THEN $6 ELSE accepted_by END
     WHERE id = $1`,
    [id, status, at, extra.returnedReason !== undefined, extra.returnedReason ?? null, extra.acceptedBy ?? null],
  );
}

/** A signed submission: the report's current signature and a row in its history. */
export async function recordSubmission(tx: Sql, id: string, s: { by: string; at: Date; signedText: string; signature: string; late: boolean }): Promise<number> {
  const [{ seq }] = await tx.query<{ seq: number }>('SELECT coalesce(max(seq), 0) + 1 AS seq FROM reporting_submissions WHERE report_id = $1', [id]);
  await tx.query(
    'INSERT INTO reporting_submissions (report_id, seq, submitted_by, submitted_at, signed_text, signature, late) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [id, seq, s.by, s.at, s.signedText, s.signature, s.late],
  );
  await tx.query(
    `UPDATE reporting_reports SET status = 'submitted', submitted_at = $2, submitted_by = $3, signed_text = $4, signature = $5,
       late = CASE WHEN $7 = 1 THEN $6 ELSE late END, updated_at = $2, version = version + 1 WHERE id = $1`,
    [id, s.at, s.by, s.signedText, s.signature, s.late, seq],
  );
  return seq;
}

/** The installation a submitted report was sent to (its receiving unit is hosted there). */
export async function markSentTo(tx: Sql, id: string, node: string, documentId: string): Promise<void> {
  await tx.query('UPDATE reporting_reports SET sent_to_node = $2, sent_document_id = $3 WHERE id = $1', [id, node, documentId]);
}

export function submissionsOf(tx: Sql, id: string): Promise<{ seq: number; submittedBy: string; submittedAt: Date; late: boolean }[]> {
  return tx.query('SELECT seq, submitted_by AS "submittedBy", submitted_at AS "submittedAt", late FROM reporting_submissions WHERE report_id = $1 ORDER BY seq', [id]);
}

/** Marks a reminder sent; false when it was sent already (the job may run twice). */
export async function markReminded(tx: Sql, r: { regime: string; period: string; unit: string; which: 'before' | 'on_day'; at: Date }): Promise<boolean> {
  const rows = await tx.query(
    'INSERT INTO reporting_reminders (regime_code, period, unit_code, which, sent_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING 1',
    [r.regime, r.period, r.unit, r.which, r.at],
  );
  return rows.length > 0;
}

/** Agencies with someone to remind (an officer or a leader). */
export async function reportingAgencies(tx: Sql): Promise<string[]> {
  return (await tx.query<{ code: string }>(`SELECT DISTINCT agency_code AS code FROM reporting_staff WHERE role IN ('officer', 'leader') ORDER BY 1`)).map((r) => r.code);
}
