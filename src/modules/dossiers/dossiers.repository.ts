import type { Sql } from '#platform/db.ts';
import type { LoggedAction } from './actions.ts';
import type { ActionRecord, DossierState } from './reducer.ts';
import type { DossierStatus, Phase } from './statuses.ts';
import type { Timeliness } from './timeliness.ts';

/** The only SQL of the dossiers module. Every function takes the transaction (or the database). */

export interface Applicant {
  fullName: string;
  idNumber: string;
  phone: string;
  email?: string | null;
  address: { communeCode: string; detail: string };
}

export interface Dossier extends DossierState {
  id: string;
  procedureCode: string;
  procedureVersionId: string;
  channel: 'direct' | 'online' | 'postal';
  applicant: Applicant;
  owner: Applicant;
  applicantUserId: string | null;
  submittedBy: string;
  provinceCode: string;
  fields: Record<string, unknown>;
  submittedAt: Date;
  createdAt: Date;
  dueSoonNotifiedAt: Date | null;
  version: number;
  /** Agencies that took part in a hand-over (read access). */
  stepAgencies: string[];
}

interface DossierRowDb {
  id: string;
  code: string | null;
  procedure_code: string;
  procedure_version_id: string;
  channel: Dossier['channel'];
  applicant: Applicant;
  owner: Applicant;
  applicant_user_id: string | null;
  submitted_by: string;
  province_code: string;
  receiving_agency: string;
  competent_agency: string;
  current_agency: string;
  assignee: string | null;
  status: DossierStatus;
  phase: Phase | null;
  fields: Record<string, unknown>;
  submitted_at: Date;
  received_at: Date | null;
  due_at: Date | null;
  due_date: string | null;
  clock_started_at: Date | null;
  extended: boolean;
  finished_at: Date | null;
  due_soon_notified_at: Date | null;
  created_at: Date;
  version: number;
  payment_requested_at: Date | null;
  step_agencies: string[] | null;
}

const SELECT_DOSSIER = `
  SELECT d.*,
    (SELECT max(a.at) FROM dossier_actions a WHERE a.dossier_id = d.id AND a.action = 'request_payment'
       AND d.status = 'AWAITING_PAYMENT') AS payment_requested_at,
    ARRAY(SELECT s.to_agency FROM dossier_steps s WHERE s.dossier_id = d.id
          UNION SELECT s.from_agency FROM dossier_steps s WHERE s.dossier_id = d.id) AS step_agencies
  FROM dossiers d`;

function toDossier(r: DossierRowDb): Dossier {
  return {
    id: r.id,
    code: r.code,
    procedureCode: r.procedure_code,
    procedureVersionId: r.procedure_version_id,
    channel: r.channel,
    applicant: r.applicant,
    owner: r.owner,
    applicantUserId: r.applicant_user_id,
    submittedBy: r.submitted_by,
    provinceCode: r.province_code,
    receivingAgency: r.receiving_agency,
    competentAgency: r.competent_agency,
    currentAgency: r.current_agency,
    assignee: r.assignee,
    status: r.status,
    phase: r.phase,
    fields: r.fields,
    submittedAt: r.submitted_at,
    receivedAt: r.received_at,
    dueAt: r.due_at,
    dueDate: r.due_date,
    clockStartedAt: r.clock_started_at,
    extended: r.extended,
    finishedAt: r.finished_at,
    paymentRequestedAt: r.payment_requested_at,
    dueSoonNotifiedAt: r.due_soon_notified_at,
    createdAt: r.created_at,
    version: r.version,
    stepAgencies: r.step_agencies ?? [],
  };
}

export interface NewDossier {
  id: string;
  procedureCode: string;
  procedureVersionId: string;
  channel: Dossier['channel'];
  applicant: Applicant;
  owner: Applicant;
  applicantUserId: string | null;
  submittedBy: string;
  provinceCode: string;
  receivingAgency: string;
  competentAgency: string;
  fields: Record<string, unknown>;
  at: Date;
}

export async function insertDossier(tx: Sql, d: NewDossier): Promise<void> {
  await tx.query(
    `INSERT INTO dossiers (id, procedure_code, procedure_version_id, channel, applicant, owner, applicant_user_id,
       submitted_by, province_code, receiving_agency, competent_agency, current_agency, status, fields,
       submitted_at, created_at, version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $10, 'SUBMITTED', $12, $13, $13, 0)`,
    [
      d.id,
      d.procedureCode,
      d.procedureVersionId,
      d.channel,
      JSON.stringify(d.applicant),
      JSON.stringify(d.owner),
      d.applicantUserId,
      d.submittedBy,
      d.provinceCode,
      d.receivingAgency,
      d.competentAgency,
      JSON.stringify(d.fields),
      d.at,
    ],
  );
}

export async function findDossier(tx: Sql, id: string): Promise<Dossier | null> {
  const [row] = await tx.query<DossierRowDb>(`${SELECT_DOSSIER} WHERE d.id = $1`, [id]);
  return row ? toDossier(row) : null;
}

/** The dossier, its row locked until the transaction ends: actions on one dossier queue. */
export async function lockDossier(tx: Sql, id: string): Promise<Dossier | null> {
  const [locked] = await tx.query<{ id: string }>('SELECT id FROM dossiers WHERE id = $1 FOR UPDATE', [id]);
  return locked ? findDossier(tx, id) : null;
}

export async function findDossierByCode(tx: Sql, code: string): Promise<Dossier | null> {
  const [row] = await tx.query<DossierRowDb>(`${SELECT_DOSSIER} WHERE d.code = $1`, [code]);
  return row ? toDossier(row) : null;
}

/** Everything public tracking shows, in one round trip (the busiest public read). */
export interface TrackingRow {
  code: string;
  status: DossierStatus;
  procedureName: string;
  applicantName: string;
  agencyName: string;
  receivedAt: Date | null;
  dueAt: Date | null;
  finishedAt: Date | null;
  actions: { action: LoggedAction; at: string }[];
  steps: { fromAgency: string; toAgency: string; sentAt: string; finishedAt: string | null; subDueAt: string | null; outcome: Step['outcome'] }[];
}

/** One round trip through dossier_tracking() (migration 0009), whose plan stays cached. */
export async function findTrackingByCode(db: Sql, code: string): Promise<TrackingRow | null> {
  const [row] = await db.query<{ t: Omit<TrackingRow, 'receivedAt' | 'dueAt' | 'finishedAt'> & Record<'receivedAt' | 'dueAt' | 'finishedAt', string | null> }>(
    'SELECT dossier_tracking($1) AS t',
    [code],
  );
  if (!row) return null;
  const date = (v: string | null) => (v ? new Date(v) : null);
  return { ...row.t, receivedAt: date(row.t.receivedAt), dueAt: date(row.t.dueAt), finishedAt: date(row.t.finishedAt) };
}

/** Appends one action and writes the state the log now reduces to (optimistic version check). */
export async function appendAction(
  tx: Sql,
  dossierId: string,
  expectedVersion: number,
  action: ActionRecord,
  state: DossierState,
): Promise<boolean> {
  await tx.query(
    `INSERT INTO dossier_actions (dossier_id, seq, action, at, actor_id, actor_name, actor_agency, data)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [dossierId, action.seq, action.action, action.at, action.actorId, action.actorName, action.actorAgency, JSON.stringify(action.data)],
  );
  const updated = await tx.query(
    `UPDATE dossiers SET status = $3, phase = $4, code = $5, current_agency = $6, assignee = $7, received_at = $8,
       due_at = $9, due_date = $10, clock_started_at = $11, extended = $12, finished_at = $13,
       due_soon_notified_at = CASE WHEN due_at IS DISTINCT FROM $9 THEN NULL ELSE due_soon_notified_at END,
       version = version + 1
     WHERE id = $1 AND version = $2 RETURNING id`,
    [
      dossierId,
      expectedVersion,
      state.status,
      state.phase,
      state.code,
      state.currentAgency,
      state.assignee,
      state.receivedAt,
      state.dueAt,
      state.dueDate,
      state.clockStartedAt,
      state.extended,
      state.finishedAt,
    ],
  );
  return updated.length === 1;
}

interface ActionRowDb {
  seq: number;
  action: LoggedAction;
  at: Date;
  actor_id: string | null;
  actor_name: string | null;
  actor_agency: string | null;
  data: Record<string, unknown>;
}

export async function listActions(tx: Sql, dossierId: string): Promise<ActionRecord[]> {
  const rows = await tx.query<ActionRowDb>(
    'SELECT seq, action, at, actor_id, actor_name, actor_agency, data FROM dossier_actions WHERE dossier_id = $1 ORDER BY seq',
    [dossierId],
  );
  return rows.map((r) => ({
    seq: r.seq,
    action: r.action,
    at: r.at,
    actorId: r.actor_id,
    actorName: r.actor_name,
    actorAgency: r.actor_agency,
    data: r.data,
  }));
}

export interface DossierDocument {
  componentCode: string;
  fileId: string;
  addedAt: Date;
  actionSeq: number;
}

export async function insertDocuments(
  tx: Sql,
  dossierId: string,
  documents: { componentCode: string; fileId: string }[],
  at: Date,
  actionSeq: number,
): Promise<void> {
  if (documents.length === 0) return;
  await tx.query(
    `INSERT INTO dossier_documents (dossier_id, component_code, file_id, added_at, action_seq)
     SELECT $1, x.component_code, x.file_id, $2, $3
     FROM json_to_recordset($4::json) AS x(component_code text, file_id text)
     ON CONFLICT DO NOTHING`,
    [dossierId, at, actionSeq, JSON.stringify(documents.map((d) => ({ component_code: d.componentCode, file_id: d.fileId })))],
  );
}

export async function listDocuments(tx: Sql, dossierId: string): Promise<DossierDocument[]> {
  const rows = await tx.query<{ component_code: string; file_id: string; added_at: Date; action_seq: number }>(
    'SELECT component_code, file_id, added_at, action_seq FROM dossier_documents WHERE dossier_id = $1 ORDER BY action_seq, component_code',
    [dossierId],
  );
  return rows.map((r) => ({ componentCode: r.component_code, fileId: r.file_id, addedAt: r.added_at, actionSeq: r.action_seq }));
}

/** Next number of the agency's daily sequence: gap-free and unique under concurrency. */
export async function allocateDailySequence(tx: Sql, agencyCode: string, date: string): Promise<number> {
  const [row] = await tx.query<{ last_value: number }>(
    `INSERT INTO dossier_code_sequences (agency_code, date, last_value) VALUES ($1, $2, 1)
     ON CONFLICT (agency_code, date) DO UPDATE SET last_value = dossier_code_sequences.last_value + 1
     RETURNING last_value`,
    [agencyCode, date],
  );
  return row.last_value;
}

export interface Step {
  seq: number;
  fromAgency: string;
  fromUser: string | null;
  toAgency: string;
  toUser: string | null;
  sentAt: Date;
  acceptedAt: Date | null;
  subDueAt: Date | null;
  finishedAt: Date | null;
  outcome: Exclude<Timeliness, 'trong_han'> | null;
  note: string | null;
}

export async function listSteps(tx: Sql, dossierId: string): Promise<Step[]> {
  const rows = await tx.query<{
    seq: number;
    from_agency: string;
    from_user: string | null;
    to_agency: string;
    to_user: string | null;
    sent_at: Date;
    accepted_at: Date | null;
    sub_due_at: Date | null;
    finished_at: Date | null;
    outcome: Step['outcome'];
    note: string | null;
  }>('SELECT * FROM dossier_steps WHERE dossier_id = $1 ORDER BY seq', [dossierId]);
  return rows.map((r) => ({
    seq: r.seq,
    fromAgency: r.from_agency,
    fromUser: r.from_user,
    toAgency: r.to_agency,
    toUser: r.to_user,
    sentAt: r.sent_at,
    acceptedAt: r.accepted_at,
    subDueAt: r.sub_due_at,
    finishedAt: r.finished_at,
    outcome: r.outcome,
    note: r.note,
  }));
}

export async function closeOpenSteps(tx: Sql, dossierId: string, at: Date): Promise<void> {
  await tx.query(
    `UPDATE dossier_steps SET finished_at = $2,
       outcome = CASE WHEN sub_due_at IS NULL THEN NULL
                      WHEN $2 > sub_due_at THEN 'qua_han'
                      WHEN ($2 AT TIME ZONE 'Asia/Ho_Chi_Minh')::date < (sub_due_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
                        THEN 'truoc_han'
                      ELSE 'dung_han' END
     WHERE dossier_id = $1 AND finished_at IS NULL`,
    [dossierId, at],
  );
}

export async function insertStep(
  tx: Sql,
  dossierId: string,
  step: Omit<Step, 'seq' | 'finishedAt' | 'outcome'>,
): Promise<void> {
  await tx.query(
    `INSERT INTO dossier_steps (dossier_id, seq, from_agency, from_user, to_agency, to_user, sent_at, accepted_at, sub_due_at, note)
     SELECT $1, COALESCE(max(seq), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9 FROM dossier_steps WHERE dossier_id = $1`,
    [dossierId, step.fromAgency, step.fromUser, step.toAgency, step.toUser, step.sentAt, step.acceptedAt, step.subDueAt, step.note],
  );
}

export interface AccessLogEntry {
  at: Date;
  actorId: string;
  actorName: string;
  agencyCode: string | null;
  what: string;
}

export async function insertAccessLog(tx: Sql, dossierId: string, e: AccessLogEntry): Promise<void> {
  await tx.query(
    'INSERT INTO dossier_access_log (dossier_id, actor_id, actor_name, agency_code, at, what) VALUES ($1, $2, $3, $4, $5, $6)',
    [dossierId, e.actorId, e.actorName, e.agencyCode, e.at, e.what],
  );
}

export async function listAccessLog(tx: Sql, dossierId: string): Promise<AccessLogEntry[]> {
  const rows = await tx.query<{ at: Date; actor_id: string; actor_name: string; agency_code: string | null; what: string }>(
    'SELECT at, actor_id, actor_name, agency_code, what FROM dossier_access_log WHERE dossier_id = $1 ORDER BY at, id',
    [dossierId],
  );
  return rows.map((r) => ({ at: r.at, actorId: r.actor_id, actorName: r.actor_name, agencyCode: r.agency_code, what: r.what }));
}

export async function listForApplicant(tx: Sql, userId: string, idNumber: string | null): Promise<Dossier[]> {
  const rows = await tx.query<DossierRowDb>(
    `${SELECT_DOSSIER} WHERE d.applicant_user_id = $1 OR ($2::text IS NOT NULL AND d.applicant->>'idNumber' = $2)
     ORDER BY d.submitted_at DESC LIMIT 500`,
    [userId, idNumber],
  );
  return rows.map(toDossier);
}

/** Dossiers in progress with an appointment up to `until`, not yet warned. */
export async function dueSoonCandidates(tx: Sql, now: Date, until: Date): Promise<Dossier[]> {
  const rows = await tx.query<DossierRowDb>(
    `${SELECT_DOSSIER} WHERE d.finished_at IS NULL AND d.due_at > $1 AND d.due_at <= $2
       AND d.due_soon_notified_at IS NULL AND d.status IN ('RECEIVED', 'IN_PROCESSING')
     ORDER BY d.due_at LIMIT 1000`,
    [now, until],
  );
  return rows.map(toDossier);
}

/** Marks the warning sent; false when another scan did it first. */
export async function markDueSoonNotified(tx: Sql, dossierId: string, at: Date): Promise<boolean> {
  const rows = await tx.query(
    'UPDATE dossiers SET due_soon_notified_at = $2 WHERE id = $1 AND due_soon_notified_at IS NULL RETURNING id',
    [dossierId, at],
  );
  return rows.length === 1;
}

/** Dossiers received by an agency between two instants (Mẫu 06 ledger). */
export async function listReceivedBy(tx: Sql, agencyCode: string, from: Date, to: Date): Promise<Dossier[]> {
  const rows = await tx.query<DossierRowDb>(
    `${SELECT_DOSSIER} WHERE d.receiving_agency = $1 AND d.received_at >= $2 AND d.received_at < $3
     ORDER BY d.received_at, d.code LIMIT 20000`,
    [agencyCode, from, to],
  );
  return rows.map(toDossier);
}

/**
 * Runs a look-up that may fail on bad input (e.g. a malformed id cast by another module)
 * without aborting the surrounding transaction: a failure rolls back to a savepoint → null.
 */
export async function attempt<T>(tx: Sql, fn: () => Promise<T>): Promise<T | null> {
  await tx.query('SAVEPOINT dossier_attempt');
  try {
    const result = await fn();
    await tx.query('RELEASE SAVEPOINT dossier_attempt');
    return result;
  } catch {
    await tx.query('ROLLBACK TO SAVEPOINT dossier_attempt');
    return null;
  }
}
