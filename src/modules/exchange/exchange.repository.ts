import type { Sql } from '#platform/db.ts';
import { axisDocumentTypes } from './axis-types.ts';

/** The only SQL of the exchange module. */

export interface DocumentRow {
  documentId: string;
  fromAgency: string;
  fromName: string;
  codeNumber: string;
  codeNotation: string;
  year: number;
  promulgationDate: string;
  documentType: string;
  subject: string;
  content: string | null;
  signerName: string;
  signerPosition: string;
  priority: number;
  dueDate: string | null;
  businessType: number;
  businessReason: string | null;
  targetIds: string[];
  supersededBy: string | null;
  supersededType: number | null;
  recipients: { organId: string; organName: string }[];
  attachments: { contentId: string; name: string; contentType: string; size: number; sha256: string }[];
  envelope: string;
  sha256: string;
  outgoing: boolean;
  createdBy: string | null;
  createdAt: Date;
}

const DOC = `SELECT document_id AS "documentId", from_agency AS "fromAgency", from_name AS "fromName", code_number AS "codeNumber",
  code_notation AS "codeNotation", year, to_char(promulgation_date, 'YYYY-MM-DD') AS "promulgationDate", document_type AS "documentType",
  subject, content, signer_name AS "signerName", signer_position AS "signerPosition", priority, to_char(due_date, 'YYYY-MM-DD') AS "dueDate",
  business_type AS "businessType", business_reason AS "businessReason", target_ids AS "targetIds", superseded_by AS "supersededBy",
  superseded_type AS "supersededType", recipients, attachments, envelope, sha256, outgoing, created_by AS "createdBy", created_at AS "createdAt"
  FROM exchange_documents`;
/** Same columns without the (large) envelope. */
const DOC_LIGHT = DOC.replace('envelope, ', `'' AS envelope, `);

export type NewDocument = Omit<DocumentRow, 'supersededBy' | 'supersededType'>;

/** Inserts a document once (by DocumentId); false when it was already there. */
export async function insertDocument(tx: Sql, d: NewDocument): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO exchange_documents (document_id, from_agency, from_name, code_number, code_notation, year, promulgation_date, document_type,
       subject, content, signer_name, signer_position, priority, due_date, business_type, business_reason, target_ids, recipients, attachments,
       envelope, sha256, outgoing, created_by, created_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18::jsonb,$19::jsonb,$20,$21,$22,$23,$24)
     ON CONFLICT DO NOTHING RETURNING document_id`,
    [
      d.documentId, d.fromAgency, d.fromName, d.codeNumber, d.codeNotation, d.year, d.promulgationDate, d.documentType,
      d.subject, d.content, d.signerName, d.signerPosition, d.priority, d.dueDate, d.businessType, d.businessReason, d.targetIds,
      JSON.stringify(d.recipients), JSON.stringify(d.attachments), d.envelope, d.sha256, d.outgoing, d.createdBy, d.createdAt,
    ],
  );
  return rows.length > 0;
}

/** An update (BussinessDocType 2) replaces the content of a stored document. */
export async function reviseDocument(tx: Sql, d: NewDocument): Promise<void> {
  await tx.query(
    `UPDATE exchange_documents SET subject = $2, content = $3, document_type = $4, signer_name = $5, signer_position = $6, priority = $7,
       due_date = $8, business_type = 2, business_reason = $9, attachments = $10::jsonb, envelope = $11, sha256 = $12, superseded_type = 2
     WHERE document_id = $1`,
    [d.documentId, d.subject, d.content, d.documentType, d.signerName, d.signerPosition, d.priority, d.dueDate, d.businessReason,
     JSON.stringify(d.attachments), d.envelope, d.sha256],
  );
}

export async function findDocument(tx: Sql, documentId: string, withEnvelope = false): Promise<DocumentRow | null> {
  const [row] = await tx.query<DocumentRow>(`${withEnvelope ? DOC : DOC_LIGHT} WHERE document_id = $1`, [documentId]);
  return row ?? null;
}

export async function numberTaken(tx: Sql, fromAgency: string, year: number, codeNumber: string): Promise<boolean> {
  const rows = await tx.query('SELECT 1 FROM exchange_documents WHERE outgoing AND from_agency = $1 AND year = $2 AND code_number = $3', [fromAgency, year, codeNumber]);
  return rows.length > 0;
}

/** The next free number of an agency's outgoing register for a year (numbers are 1, 2, 3…). */
export async function nextNumber(tx: Sql, fromAgency: string, year: number): Promise<number> {
  const [row] = await tx.query<{ n: number }>(
    `SELECT coalesce(max(code_number::int), 0) + 1 AS n FROM exchange_documents
      WHERE outgoing AND from_agency = $1 AND year = $2 AND code_number ~ '^[0-9]{1,9}$'`,
    [fromAgency, year],
  );
  return row.n;
}

export async function lockNumbering(tx: Sql, key: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`exchange:${key}`]);
}

export async function markSuperseded(tx: Sql, targetIds: string[], by: string, type: number): Promise<number> {
  const rows = await tx.query(
    'UPDATE exchange_documents SET superseded_by = $2, superseded_type = $3 WHERE document_id = ANY($1::text[]) AND superseded_by IS NULL RETURNING 1',
    [targetIds, by, type],
  );
  return rows.length;
}

export interface RecipientRow {
  documentId: string;
  agencyCode: string;
  agencyName: string;
  hostedHere: boolean;
  statusCode: string | null;
  arrivalNumber: number | null;
  arrivalYear: number | null;
  receivedAt: Date | null;
  assignee: string | null;
  recallState: 'requested' | 'agreed' | 'refused' | null;
}

const RCP = `SELECT document_id AS "documentId", agency_code AS "agencyCode", agency_name AS "agencyName", hosted_here AS "hostedHere",
  status_code AS "statusCode", arrival_number AS "arrivalNumber", arrival_year AS "arrivalYear", received_at AS "receivedAt", assignee,
  recall_state AS "recallState" FROM exchange_recipients`;

export async function upsertRecipient(tx: Sql, r: { documentId: string; agencyCode: string; agencyName: string; hostedHere: boolean }): Promise<void> {
  await tx.query(
    `INSERT INTO exchange_recipients (document_id, agency_code, agency_name, hosted_here) VALUES ($1, $2, $3, $4)
     ON CONFLICT (document_id, agency_code) DO UPDATE SET hosted_here = exchange_recipients.hosted_here OR excluded.hosted_here`,
    [r.documentId, r.agencyCode, r.agencyName, r.hostedHere],
  );
}

/** Marks the durable arrival (01) of a document at a hosted agency; false if it had arrived already. */
export async function markArrived(tx: Sql, documentId: string, agencyCode: string, at: Date): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE exchange_recipients SET received_at = $3, status_code = coalesce(status_code, '01')
      WHERE document_id = $1 AND agency_code = $2 AND received_at IS NULL RETURNING 1`,
    [documentId, agencyCode, at],
  );
  return rows.length > 0;
}

export async function listRecipients(tx: Sql, documentId: string): Promise<RecipientRow[]> {
  return tx.query<RecipientRow>(`${RCP} WHERE document_id = $1 ORDER BY agency_code`, [documentId]);
}

export async function findRecipient(tx: Sql, documentId: string, agencyCode: string, lock = false): Promise<RecipientRow | null> {
  const [row] = await tx.query<RecipientRow>(`${RCP} WHERE document_id = $1 AND agency_code = $2${lock ? ' FOR UPDATE' : ''}`, [documentId, agencyCode]);
  return row ?? null;
}

export async function updateRecipient(
  tx: Sql,
  documentId: string,
  agencyCode: string,
  set: { statusCode?: string; arrivalNumber?: number; arrivalYear?: number; assignee?: string | null; recallState?: string },
): Promise<void> {
  await tx.query(
    `UPDATE exchange_recipients SET status_code = coalesce($3, status_code), arrival_number = coalesce($4, arrival_number),
       arrival_year = coalesce($5, arrival_year), assignee = coalesce($6, assignee), recall_state = coalesce($7, recall_state)
     WHERE document_id = $1 AND agency_code = $2`,
    [documentId, agencyCode, set.statusCode ?? null, set.arrivalNumber ?? null, set.arrivalYear ?? null, set.assignee ?? null, set.recallState ?? null],
  );
}

export async function nextArrivalNumber(tx: Sql, agencyCode: string, year: number): Promise<number> {
  const [row] = await tx.query<{ n: number }>(
    'SELECT coalesce(max(arrival_number), 0) + 1 AS n FROM exchange_recipients WHERE agency_code = $1 AND arrival_year = $2',
    [agencyCode, year],
  );
  return row.n;
}

export interface StatusRow {
  documentId: string;
  agencyCode: string;
  statusCode: string;
  fromAgency: string;
  description: string | null;
  staff: string | null;
  at: Date;
}

/** Records a status once per (document, recipient agency, code); false when it was already there. */
export async function insertStatus(tx: Sql, s: StatusRow & { packet: string }): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO exchange_statuses (document_id, agency_code, status_code, from_agency, description, staff, at, packet)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT DO NOTHING RETURNING 1`,
    [s.documentId, s.agencyCode, s.statusCode, s.fromAgency, s.description, s.staff, s.at, s.packet],
  );
  return rows.length > 0;
}

export async function listStatuses(tx: Sql, documentId: string): Promise<StatusRow[]> {
  return tx.query<StatusRow>(
    `SELECT document_id AS "documentId", agency_code AS "agencyCode", status_code AS "statusCode", from_agency AS "fromAgency",
       description, staff, at FROM exchange_statuses WHERE document_id = $1 ORDER BY at, status_code`,
    [documentId],
  );
}

export async function insertRefusal(
  tx: Sql,
  r: { sha256: string; documentId: string | null; fromAgency: string | null; problem: string; detail: string; via: string; at: Date },
): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO exchange_refusals (sha256, document_id, from_agency, problem, detail, via, at) VALUES ($1,$2,$3,$4,$5,$6,$7)
     ON CONFLICT (sha256) DO NOTHING RETURNING 1`,
    [r.sha256, r.documentId, r.fromAgency, r.problem, r.detail.slice(0, 500), r.via, r.at],
  );
  return rows.length > 0;
}

export async function listRefusals(tx: Sql, limit = 100) {
  return tx.query<{ id: number; documentId: string | null; fromAgency: string | null; problem: string; detail: string; via: string; at: Date }>(
    `SELECT id, document_id AS "documentId", from_agency AS "fromAgency", problem, detail, via, at FROM exchange_refusals ORDER BY id DESC LIMIT $1`,
    [limit],
  );
}

// ------------------------------------------------------------------ registers

export interface RegisterFilter {
  agency: string;
  q?: string;
  from?: string;
  to?: string;
  limit: number;
}

const search = (f: RegisterFilter, params: unknown[]) => {
  const where: string[] = [];
  if (f.q) {
    params.push(`%${f.q}%`);
    where.push(`(unaccent(d.subject) ILIKE unaccent($${params.length}) OR (d.code_number || '/' || d.code_notation) ILIKE $${params.length} OR unaccent(d.from_name) ILIKE unaccent($${params.length}))`);
  }
  if (f.from) {
    params.push(f.from);
    where.push(`d.promulgation_date >= $${params.length}`);
  }
  if (f.to) {
    params.push(f.to);
    where.push(`d.promulgation_date <= $${params.length}`);
  }
  return where.map((w) => ` AND ${w}`).join('');
};

/** Dossier steps (federated-step.ts) and other modules' envelopes (module-envelopes.ts) carried over the axis are not official documents: not in the registers. */
const notDocuments = (params: unknown[]) => {
  params.push(axisDocumentTypes());
  return ` AND d.document_type <> ALL($${params.length}::text[])`;
};

export async function listOutgoing(tx: Sql, f: RegisterFilter): Promise<DocumentRow[]> {
  const params: unknown[] = [f.agency];
  const extra = notDocuments(params) + search(f, params);
  params.push(f.limit);
  return tx.query<DocumentRow>(
    `${DOC_LIGHT.replace('FROM exchange_documents', 'FROM exchange_documents d')} WHERE d.outgoing AND d.from_agency = $1${extra}
     ORDER BY d.year DESC, d.created_at DESC LIMIT $${params.length}`,
    params,
  );
}

export async function listIncoming(tx: Sql, f: RegisterFilter): Promise<(DocumentRow & { recipient: RecipientRow })[]> {
  const params: unknown[] = [f.agency];
  const extra = notDocuments(params) + search(f, params);
  params.push(f.limit);
  const rows = await tx.query<DocumentRow & { r: Record<string, unknown> }>(
    `${DOC_LIGHT.replace('FROM exchange_documents', ', row_to_json(r) AS r FROM exchange_documents d JOIN exchange_recipients r USING (document_id)')}
      WHERE r.agency_code = $1 AND r.hosted_here AND r.received_at IS NOT NULL${extra}
      ORDER BY r.received_at DESC LIMIT $${params.length}`,
    params,
  );
  return rows.map(({ r, ...d }) => ({
    ...(d as DocumentRow),
    recipient: {
      documentId: r.document_id as string,
      agencyCode: r.agency_code as string,
      agencyName: r.agency_name as string,
      hostedHere: r.hosted_here as boolean,
      statusCode: r.status_code as string | null,
      arrivalNumber: r.arrival_number as number | null,
      arrivalYear: r.arrival_year as number | null,
      receivedAt: r.received_at ? new Date(r.received_at as string) : null,
      assignee: r.assignee as string | null,
      recallState: r.recall_state as RecipientRow['recallState'],
    },
  }));
}

// ------------------------------------------------------------------ outbox

export interface OutboxRow {
  id: number;
  messageId: string;
  targetNode: string;
  kind: 'edoc' | 'status';
  body: string;
  attempts: number;
}

export async function enqueue(tx: Sql, m: { messageId: string; targetNode: string; kind: 'edoc' | 'status'; body: string; at: Date }): Promise<void> {
  await tx.query(
    `INSERT INTO exchange_outbox (message_id, target_node, kind, body, next_attempt_at, created_at) VALUES ($1,$2,$3,$4,$5,$5)
     ON CONFLICT (message_id, target_node) DO NOTHING`,
    [m.messageId, m.targetNode, m.kind, m.body, m.at],
  );
}

/** Claims due rows with a lease (others skip them) — at most `limit`. */
export async function claimDue(tx: Sql, now: Date, leaseUntil: Date, limit: number): Promise<OutboxRow[]> {
  return tx.query<OutboxRow>(
    `UPDATE exchange_outbox SET attempts = attempts + 1, next_attempt_at = $2
      WHERE id IN (SELECT id FROM exchange_outbox WHERE delivered_at IS NULL AND next_attempt_at <= $1
                   ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED)
      RETURNING id, message_id AS "messageId", target_node AS "targetNode", kind, body, attempts`,
    [now, leaseUntil, limit],
  );
}

export async function markDelivered(tx: Sql, ids: number[], at: Date): Promise<void> {
  if (ids.length > 0) await tx.query('UPDATE exchange_outbox SET delivered_at = $2, last_error = NULL WHERE id = ANY($1::bigint[])', [ids, at]);
}

export async function markFailed(tx: Sql, id: number, error: string, retryAt: Date): Promise<void> {
  await tx.query('UPDATE exchange_outbox SET last_error = $2, next_attempt_at = $3 WHERE id = $1', [id, error.slice(0, 500), retryAt]);
}

export async function outboxCounts(tx: Sql): Promise<{ pending: number; delivered: number; failing: number }> {
  const [row] = await tx.query<{ pending: number; delivered: number; failing: number }>(
    `SELECT count(*) FILTER (WHERE delivered_at IS NULL)::int AS pending, count(*) FILTER (WHERE delivered_at IS NOT NULL)::int AS delivered,
            count(*) FILTER (WHERE delivered_at IS NULL AND last_error IS NOT NULL)::int AS failing FROM exchange_outbox`,
  );
  return row;
}

/** Per target node: envelopes waiting, of those the failing ones, the latest error and delivery (the registry's node state). */
export interface NodeDelivery {
  node: string;
  pending: number;
  failing: number;
  lastError: string | null;
  lastDeliveredAt: Date | null;
}
export async function outboxByNode(tx: Sql): Promise<NodeDelivery[]> {
  return tx.query<NodeDelivery>(
    `SELECT target_node AS node, count(*) FILTER (WHERE delivered_at IS NULL)::int AS pending,
            count(*) FILTER (WHERE delivered_at IS NULL AND last_error IS NOT NULL)::int AS failing,
            (array_agg(last_error ORDER BY id DESC) FILTER (WHERE delivered_at IS NULL AND last_error IS NOT NULL))[1] AS "lastError",
            max(delivered_at) AS "lastDeliveredAt"
       FROM exchange_outbox GROUP BY target_node`,
  );
}

// ------------------------------------------------------------------ registry

export interface NodeRow {
  nodeId: string;
  role: 'local' | 'national';
  url: string | null;
  provinces: string[];
  agencies: { code: string; name: string }[];
  announcedAt: Date;
}

export async function saveNode(tx: Sql, n: NodeRow): Promise<void> {
  await tx.query(
    `INSERT INTO exchange_nodes (node_id, role, url, provinces, agencies, announced_at) VALUES ($1,$2,$3,$4,$5::jsonb,$6)
     ON CONFLICT (node_id) DO UPDATE SET role = excluded.role, url = coalesce(excluded.url, exchange_nodes.url), provinces = excluded.provinces,
       agencies = excluded.agencies, announced_at = excluded.announced_at`,
    [n.nodeId, n.role, n.url, n.provinces, JSON.stringify(n.agencies), n.announcedAt],
  );
}

export async function listNodes(tx: Sql): Promise<NodeRow[]> {
  return tx.query<NodeRow>(
    'SELECT node_id AS "nodeId", role, url, provinces, agencies, announced_at AS "announcedAt" FROM exchange_nodes ORDER BY node_id',
  );
}

export async function listProvinceCodes(tx: Sql): Promise<string[]> {
  return (await tx.query<{ code: string }>('SELECT code FROM provinces ORDER BY code')).map((r) => r.code);
}

/** False when the code exists. */
export async function insertCentralAgency(tx: Sql, a: { code: string; name: string; provinceCode: string }): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO agencies (code, name, kind, level, province_code, admin_unit_code) VALUES ($1, $2, 'central', 'tw', $3, $1)
     ON CONFLICT (code) DO NOTHING RETURNING code`,
    [a.code, a.name, a.provinceCode],
  );
  return rows.length > 0;
}

export interface NationalSyncRow {
  id: number;
  nodeId: string;
  syncId: number;
  maHoSo: string;
  trangThai: number | null;
  payload: Record<string, unknown>;
  receivedAt: Date;
}

/** National node: stores what an installation synchronised; a row already held is left alone. */
export async function insertNationalSync(tx: Sql, rows: Omit<NationalSyncRow, 'id'>[]): Promise<number> {
  let stored = 0;
  for (const r of rows) {
    const res = await tx.query(
      `INSERT INTO exchange_national_sync (node_id, sync_id, ma_ho_so, trang_thai, payload, received_at) VALUES ($1,$2,$3,$4,$5::jsonb,$6)
       ON CONFLICT (node_id, sync_id) DO NOTHING RETURNING 1`,
      [r.nodeId, r.syncId, r.maHoSo, r.trangThai, JSON.stringify(r.payload), r.receivedAt],
    );
    stored += res.length;
  }
  return stored;
}

/** National node: how many payloads it holds, from how many nodes. */
export async function nationalSyncCounts(tx: Sql): Promise<{ received: number; nodes: number }> {
  const [row] = await tx.query<{ received: number; nodes: number }>('SELECT count(*)::int AS received, count(DISTINCT node_id)::int AS nodes FROM exchange_national_sync');
  return row;
}

export async function listNationalSync(tx: Sql, filter: { maHoSo?: string; limit: number }): Promise<NationalSyncRow[]> {
  return tx.query<NationalSyncRow>(
    `SELECT id::int AS id, node_id AS "nodeId", sync_id::int AS "syncId", ma_ho_so AS "maHoSo", trang_thai AS "trangThai", payload, received_at AS "receivedAt"
       FROM exchange_national_sync WHERE ($1::text IS NULL OR ma_ho_so = $1) ORDER BY id DESC LIMIT $2`,
    [filter.maHoSo ?? null, filter.limit],
  );
}

// ── Copies of federated dossiers kept current (federated-step.ts) ──

/** In the dossier action's transaction: a lead dossier with copies elsewhere gets its copies updated. */
export async function requestCopyUpdate(tx: Sql, dossierId: string, code: string, at: Date): Promise<void> {
  await tx.query(
    `INSERT INTO exchange_copy_updates (dossier_id, requested_at)
     SELECT $1, $3 WHERE EXISTS (SELECT 1 FROM exchange_documents
                                  WHERE code_number = $2 AND document_type = 'Hồ sơ liên thông' AND outgoing)
     ON CONFLICT (dossier_id) DO UPDATE SET requested_at = excluded.requested_at`,
    [dossierId, code, at],
  );
}

/** Takes one dossier whose copies wait for an update (locked until the caller's transaction ends). */
export async function takeCopyUpdate(tx: Sql): Promise<string | null> {
  const [row] = await tx.query<{ dossier_id: string }>(
    `DELETE FROM exchange_copy_updates
      WHERE dossier_id = (SELECT dossier_id FROM exchange_copy_updates ORDER BY requested_at LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING dossier_id`,
  );
  return row?.dossier_id ?? null;
}

/** The agencies a lead dossier's steps were sent to (their nodes hold its copies). */
export async function copyAgencies(tx: Sql, code: string): Promise<string[]> {
  const rows = await tx.query<{ agency_code: string }>(
    `SELECT DISTINCT r.agency_code FROM exchange_documents d JOIN exchange_recipients r ON r.document_id = d.document_id
      WHERE d.code_number = $1 AND d.document_type = 'Hồ sơ liên thông' AND d.outgoing ORDER BY 1`,
    [code],
  );
  return rows.map((r) => r.agency_code);
}

/** The latest copy update of a dossier this node stored, other than `except` (its lead's action seq). */
export async function lastCopyUpdateSeq(tx: Sql, code: string, except: string): Promise<number | null> {
  const [row] = await tx.query<{ seq: number | null }>(
    `SELECT max(substring(code_notation FROM 4)::int) AS seq FROM exchange_documents
      WHERE code_number = $1 AND document_type = 'Cập nhật hồ sơ liên thông' AND NOT outgoing AND document_id <> $2`,
    [code, except],
  );
  return row?.seq ?? null;
}

// ── Audit checkpoints anchored at the national node (audit-anchors.ts) ──

/** What the national node keeps of a signed audit checkpoint: its number, time, digest and the digest before it. */
export interface CheckpointAnchor {
  seq: number;
  at: string;
  digest: string;
  prev: string | null;
}

/** Sender: the checkpoints the national node has not acknowledged yet, oldest first. */
export async function unanchoredCheckpoints(tx: Sql, limit: number): Promise<CheckpointAnchor[]> {
  const rows = await tx.query<{ seq: number; at: Date; digest: string; prev: string | null }>(
    // `prev` read from the text, not by parsing it: a body lists chain heads (format 1: every chain's,
    // tens of MB on a large installation), and JSON.stringify writes "prev" fourth, before them (platform/audit.ts)
    `SELECT seq, at, digest, substring(body FROM '^[{]"v":[12],"seq":[0-9]+,"at":"[^"]*","prev":"([0-9a-f]{64})"') AS prev
       FROM audit_checkpoints WHERE anchored_at IS NULL ORDER BY seq LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({ seq: r.seq, at: new Date(r.at).toISOString(), digest: r.digest, prev: r.prev }));
}

export async function markCheckpointsAnchored(tx: Sql, seqs: number[], node: string, at: Date): Promise<void> {
  if (seqs.length === 0) return;
  await tx.query('UPDATE audit_checkpoints SET anchored_by = $2, anchored_at = $3, anchor_error = NULL WHERE seq = ANY($1::int[]) AND anchored_at IS NULL', [seqs, node, at]);
}

export async function markCheckpointsFailed(tx: Sql, seqs: number[], error: string): Promise<void> {
  if (seqs.length === 0) return;
  await tx.query('UPDATE audit_checkpoints SET anchor_attempts = anchor_attempts + 1, anchor_error = $2 WHERE seq = ANY($1::int[])', [seqs, error.slice(0, 500)]);
}

export interface CheckpointAnchorState {
  seq: number;
  at: Date;
  digest: string;
  anchoredBy: string | null;
  anchoredAt: Date | null;
  anchorAttempts: number;
  anchorError: string | null;
}

/** Sender: the latest checkpoints and whether the national node holds each. */
export async function listCheckpointAnchors(tx: Sql, limit: number): Promise<CheckpointAnchorState[]> {
  return tx.query<CheckpointAnchorState>(
    `SELECT seq, at, digest, anchored_by AS "anchoredBy", anchored_at AS "anchoredAt", anchor_attempts AS "anchorAttempts", anchor_error AS "anchorError"
       FROM audit_checkpoints ORDER BY seq DESC LIMIT $1`,
    [limit],
  );
}

/** Sender: how many checkpoints there are, how many the national node holds, how many wait. */
export async function checkpointAnchorCounts(tx: Sql): Promise<{ total: number; anchored: number; pending: number }> {
  const [row] = await tx.query<{ total: number; anchored: number; pending: number }>(
    `SELECT count(*)::int AS total, count(anchored_at)::int AS anchored, (count(*) - count(anchored_at))::int AS pending FROM audit_checkpoints`,
  );
  return row;
}

export interface AuditAnchorRow {
  nodeId: string;
  seq: number;
  at: Date;
  digest: string;
  prev: string | null;
  receivedAt: Date;
}

/**
 * National node: keeps a node's checkpoint once. 'stored' the first time, 'same' when that
 * (node, seq) is held with the same digest, 'different' when it is held with another: never replaced.
 */
export async function insertAuditAnchor(tx: Sql, a: AuditAnchorRow): Promise<'stored' | 'same' | 'different'> {
  const stored = await tx.query(
    `INSERT INTO exchange_audit_anchors (node_id, seq, at, digest, prev, received_at) VALUES ($1,$2,$3,$4,$5,$6)
     ON CONFLICT (node_id, seq) DO NOTHING RETURNING 1`,
    [a.nodeId, a.seq, a.at, a.digest, a.prev, a.receivedAt],
  );
  if (stored.length > 0) return 'stored';
  const [held] = await tx.query<{ digest: string }>('SELECT digest FROM exchange_audit_anchors WHERE node_id = $1 AND seq = $2', [a.nodeId, a.seq]);
  return held?.digest === a.digest ? 'same' : 'different';
}

/** National node: the digest a node's checkpoint `seq` was anchored with, if held. */
export async function anchoredDigest(tx: Sql, node: string, seq: number): Promise<string | null> {
  const [row] = await tx.query<{ digest: string }>('SELECT digest FROM exchange_audit_anchors WHERE node_id = $1 AND seq = $2', [node, seq]);
  return row?.digest ?? null;
}

/** National node: a node's anchors (or every node's), newest first. */
export async function listAuditAnchors(tx: Sql, filter: { node?: string; limit: number }): Promise<AuditAnchorRow[]> {
  return tx.query<AuditAnchorRow>(
    `SELECT node_id AS "nodeId", seq, at, digest, prev, received_at AS "receivedAt"
       FROM exchange_audit_anchors WHERE ($1::text IS NULL OR node_id = $1) ORDER BY node_id, seq DESC LIMIT $2`,
    [filter.node ?? null, filter.limit],
  );
}
