import type { Sql } from '#platform/db.ts';

/** The only SQL of the signatures module. */

export interface CertificateRow {
  id: string;
  role: 'root' | 'agency';
  agencyCode: string | null;
  issuerId: string | null;
  subject: string;
  serial: string;
  certificatePem: string;
  privateKeyPem: string | null;
  source: 'dev' | 'imported';
  notBefore: Date;
  notAfter: Date;
  createdAt: Date;
  retiredAt: Date | null;
}

const CERT_COLUMNS = `id, role, agency_code AS "agencyCode", issuer_id AS "issuerId", subject, serial,
  certificate_pem AS "certificatePem", private_key_pem AS "privateKeyPem", source,
  not_before AS "notBefore", not_after AS "notAfter", created_at AS "createdAt", retired_at AS "retiredAt"`;

/** Serialises the creation of one agency's (or the root's) certificate across processes. */
export async function lockSigningKey(tx: Sql, name: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`signing:${name}`]);
}

export async function findActiveDevRoot(tx: Sql): Promise<CertificateRow | null> {
  const rows = await tx.query<CertificateRow>(
    `SELECT ${CERT_COLUMNS} FROM signing_certificates
      WHERE role = 'root' AND source = 'dev' AND retired_at IS NULL`,
  );
  return rows[0] ?? null;
}

export async function findActiveAgencyCertificate(tx: Sql, agencyCode: string): Promise<CertificateRow | null> {
  const rows = await tx.query<CertificateRow>(
    `SELECT ${CERT_COLUMNS} FROM signing_certificates
      WHERE role = 'agency' AND agency_code = $1 AND retired_at IS NULL`,
    [agencyCode],
  );
  return rows[0] ?? null;
}

export async function findCertificate(tx: Sql, id: string): Promise<CertificateRow | null> {
  const rows = await tx.query<CertificateRow>(`SELECT ${CERT_COLUMNS} FROM signing_certificates WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

/** Every root ever held, retired ones included: what they signed stays verifiable. */
export async function listRootCertificates(tx: Sql): Promise<string[]> {
  const rows = await tx.query<{ pem: string }>(
    `SELECT certificate_pem AS pem FROM signing_certificates WHERE role = 'root' ORDER BY created_at`,
  );
  return rows.map((r) => r.pem);
}

export async function insertCertificate(tx: Sql, c: Omit<CertificateRow, 'retiredAt'>): Promise<void> {
  await tx.query(
    `INSERT INTO signing_certificates
       (id, role, agency_code, issuer_id, subject, serial, certificate_pem, private_key_pem, source, not_before, not_after, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [c.id, c.role, c.agencyCode, c.issuerId, c.subject, c.serial, c.certificatePem, c.privateKeyPem, c.source, c.notBefore, c.notAfter, c.createdAt],
  );
}

export async function retireAgencyCertificates(tx: Sql, agencyCode: string, at: Date): Promise<void> {
  await tx.query(
    `UPDATE signing_certificates SET retired_at = $2 WHERE role = 'agency' AND agency_code = $1 AND retired_at IS NULL`,
    [agencyCode, at],
  );
}

export interface ResultRow {
  id: string;
  number: string;
  agencyCode: string;
  year: number;
  seq: number;
  agencyName: string;
  dossierId: string;
  dossierCode: string | null;
  procedureCode: string;
  procedureName: string;
  fileId: string;
  sha256: string;
  attachmentFileId: string | null;
  certificateId: string;
  issuedAt: Date;
  issuedBy: string;
  revokedAt: Date | null;
  revokedBy: string | null;
  revocationReason: string | null;
}

const RESULT_COLUMNS = `id, number, agency_code AS "agencyCode", year, seq, agency_name AS "agencyName",
  dossier_id AS "dossierId", dossier_code AS "dossierCode", procedure_code AS "procedureCode",
  procedure_name AS "procedureName", file_id AS "fileId", sha256, attachment_file_id AS "attachmentFileId",
  certificate_id AS "certificateId", issued_at AS "issuedAt", issued_by AS "issuedBy",
  revoked_at AS "revokedAt", revoked_by AS "revokedBy", revocation_reason AS "revocationReason"`;

/** Next number of the agency's yearly sequence of results: gap-free under concurrency. */
export async function nextResultSeq(tx: Sql, agencyCode: string, year: number): Promise<number> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`results:${agencyCode}:${year}`]);
  const [row] = await tx.query<{ seq: number }>(
    'SELECT coalesce(max(seq), 0) + 1 AS seq FROM results WHERE agency_code = $1 AND year = $2',
    [agencyCode, year],
  );
  return Number(row.seq);
}

export async function insertResult(tx: Sql, r: Omit<ResultRow, 'revokedAt' | 'revokedBy' | 'revocationReason'>): Promise<void> {
  await tx.query(
    `INSERT INTO results (id, number, agency_code, year, seq, agency_name, dossier_id, dossier_code, procedure_code,
       procedure_name, file_id, sha256, attachment_file_id, certificate_id, issued_at, issued_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
    [
      r.id,
      r.number,
      r.agencyCode,
      r.year,
      r.seq,
      r.agencyName,
      r.dossierId,
      r.dossierCode,
      r.procedureCode,
      r.procedureName,
      r.fileId,
      r.sha256,
      r.attachmentFileId,
      r.certificateId,
      r.issuedAt,
      r.issuedBy,
    ],
  );
}

export async function findResult(tx: Sql, id: string): Promise<ResultRow | null> {
  const rows = await tx.query<ResultRow>(`SELECT ${RESULT_COLUMNS} FROM results WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

export async function findLatestResultForDossier(tx: Sql, dossierId: string): Promise<ResultRow | null> {
  const rows = await tx.query<ResultRow>(
    `SELECT ${RESULT_COLUMNS} FROM results WHERE dossier_id = $1 ORDER BY issued_at DESC, seq DESC LIMIT 1`,
    [dossierId],
  );
  return rows[0] ?? null;
}

export async function findResultBySha256(tx: Sql, sha256: string): Promise<ResultRow | null> {
  const rows = await tx.query<ResultRow>(`SELECT ${RESULT_COLUMNS} FROM results WHERE sha256 = $1 LIMIT 1`, [sha256]);
  return rows[0] ?? null;
}

/** Revoked results, newest first (the public list: numbers, agencies, procedures, reasons — no personal data). */
export async function listRevokedResults(tx: Sql, limit: number, offset: number): Promise<{ rows: ResultRow[]; total: number }> {
  const rows = await tx.query<ResultRow & { total: number }>(
    `SELECT ${RESULT_COLUMNS}, count(*) OVER ()::int AS total FROM results WHERE revoked_at IS NOT NULL
      ORDER BY revoked_at DESC, id LIMIT $1 OFFSET $2`,
    [limit, offset],
  );
  return { rows, total: rows[0]?.total ?? 0 };
}

/** Revokes a live result; false when it was already revoked. */
export async function revokeResult(tx: Sql, id: string, input: { at: Date; by: string; reason: string }): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE results SET revoked_at = $2, revoked_by = $3, revocation_reason = $4
      WHERE id = $1 AND revoked_at IS NULL RETURNING id`,
    [id, input.at, input.by, input.reason],
  );
  return rows.length === 1;
}

export interface PersonCertificateRow {
  id: string;
  userId: string;
  issuerId: string;
  subject: string;
  serial: string;
  certificatePem: string;
  privateKeyPem: string;
  notBefore: Date;
  notAfter: Date;
  createdAt: Date;
}

const PERSON_COLUMNS = `id, user_id AS "userId", issuer_id AS "issuerId", subject, serial, certificate_pem AS "certificatePem",
  private_key_pem AS "privateKeyPem", not_before AS "notBefore", not_after AS "notAfter", created_at AS "createdAt"`;

export async function findActivePersonCertificate(tx: Sql, userId: string): Promise<PersonCertificateRow | null> {
  const rows = await tx.query<PersonCertificateRow>(
    `SELECT ${PERSON_COLUMNS} FROM person_certificates WHERE user_id = $1 AND retired_at IS NULL`,
    [userId],
  );
  return rows[0] ?? null;
}

export async function insertPersonCertificate(tx: Sql, c: PersonCertificateRow): Promise<void> {
  await tx.query(
    `INSERT INTO person_certificates (id, user_id, issuer_id, subject, serial, certificate_pem, private_key_pem, not_before, not_after, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [c.id, c.userId, c.issuerId, c.subject, c.serial, c.certificatePem, c.privateKeyPem, c.notBefore, c.notAfter, c.createdAt],
  );
}
