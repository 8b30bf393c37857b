import type { Sql } from '#platform/db.ts';
import type { GraphStepRef, LoggedAction } from './actions.ts';
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
  /** Mã tra cứu: given at submission, tracked publicly until (and after) the code exists. */
  reference: string | null;
  fields: Record<string, unknown>;
  submittedAt: Date;
  createdAt: Date;
  dueSoonNotifiedAt: Date | null;
  version: number;
  /** Agencies that took part in a hand-over (read access). */
  stepAgencies: string[];
  /** Liên thông steps opened so far (graph of the frozen version). */
  graphSteps: GraphStepRef[];
  /** What the desk recorded at the counter (paper components, fee, return method); null online. */
  intake: Intake | null;
}

/** The counter's record of a reception (stored as given by the use case). */
export interface Intake {
  paper: { componentCode: string; originals: number; copies: number }[];
  fee: { pages: number | null; copies: number | null; totalVnd: number; complete: boolean; lines: { label: string; amountVnd: number | null }[] };
  returnMethod: 'tai_quay' | 'buu_chinh' | 'truc_tuyen';
  returnAddress: string | null;
}

interface DossierRowDb {
  id: string;
  code: string | null;
  reference: string | null;
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
  awaiting_issue_by: string | null;
  step_agencies: string[] | null;
  graph_steps: { step: number; agency: string; open: boolean; subDueAt: string | null }[] | null;
  intake: Intake | null;
}

const SELECT_DOSSIER = `
  SELECT d.*,
    (SELECT max(a.at) FROM dossier_actions a WHERE a.dossier_id = d.id AND a.action = 'request_payment'
       AND d.status = 'AWAITING_PAYMENT') AS payment_requested_at,
    ARRAY(SELECT s.to_agency FROM dossier_steps s WHERE s.dossier_id = d.id
          UNION SELECT s.from_agency FROM dossier_steps s WHERE s.dossier_id = d.id) AS step_agencies,
    (SELECT json_agg(json_build_object('step', s.step_seq, 'agency', s.to_agency, 'open', s.finished_at IS NULL, 'subDueAt', s.sub_due_at) ORDER BY s.step_seq)
       FROM dossier_steps s WHERE s.dossier_id = d.id AND s.step_seq IS NOT NULL) AS graph_steps
  FROM dossiers d`;

function toDossier(r: DossierRowDb): Dossier {
  return {
    id: r.id,
    code: r.code,
    reference: r.reference,
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
    awaitingIssueBy: r.awaiting_issue_by,
    dueSoonNotifiedAt: r.due_soon_notified_at,
    createdAt: r.created_at,
    version: r.version,
    stepAgencies: r.step_agencies ?? [],
    graphSteps: r.graph_steps ?? [],
    intake: r.intake ?? null,
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
  reference: string;
  fields: Record<string, unknown>;
  intake: Intake | null;
  at: Date;
}

export async function insertDossier(tx: Sql, d: NewDossier): Promise<void> {
  await tx.query(
    `INSERT INTO dossiers (id, procedure_code, procedure_version_id, channel, applicant, owner, applicant_user_id,
       submitted_by, province_code, receiving_agency, competent_agency, current_agency, status, fields,
       submitted_at, created_at, version, reference, intake)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $10, 'SUBMITTED', $12, $13, $13, 0, $14, $15)`,
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
      d.reference,
      d.intake ? JSON.stringify(d.intake) : null,
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
  /** The dossier code, or the submission reference while there is none. */
  code: string;
  reference: string | null;
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

/** The last 4 digits of the applicant's phone (the second factor of public tracking). */
/** By the dossier code, or by the submission reference while the dossier has no code yet. */
export async function applicantPhoneTail(db: Sql, code: string): Promise<string | null> {
  const [row] = await db.query<{ tail: string | null }>("SELECT right(applicant->>'phone', 4) AS tail FROM dossiers WHERE code = $1 OR reference = $1", [code]);
  return row?.tail ?? null;
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
       awaiting_issue_by = $14,
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
      state.awaitingIssueBy,
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
  /** Liên thông: the step of the version's graph this row works (null for a plain hand-over). */
  stepSeq: number | null;
  finishedBy: string | null;
  /** The agency's partial result (kết quả từng phần). */
  resultNote: string | null;
  resultFileId: string | null;
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
    step_seq: number | null;
    finished_by: string | null;
    result_note: string | null;
    result_file_id: string | null;
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
    stepSeq: r.step_seq,
    finishedBy: r.finished_by,
    resultNote: r.result_note,
    resultFileId: r.result_file_id,
  }));
}

/** A step's outcome against its sub-deadline when finished at $2 (Mẫu 05). */
const STEP_OUTCOME = `CASE WHEN sub_due_at IS NULL THEN NULL
                      WHEN $2 > sub_due_at THEN 'qua_han'
                      WHEN ($2 AT TIME ZONE 'Asia/Ho_Chi_Minh')::date < (sub_due_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
                        THEN 'truoc_han'
                      ELSE 'dung_han' END`;

export async function closeOpenSteps(tx: Sql, dossierId: string, at: Date): Promise<void> {
  await tx.query(`UPDATE dossier_steps SET finished_at = $2, outcome = ${STEP_OUTCOME} WHERE dossier_id = $1 AND finished_at IS NULL`, [
    dossierId,
    at,
  ]);
}

/** Closes the open plain hand-overs (not liên thông steps): the lead has taken the dossier up. */
export async function closeOpenHandOvers(tx: Sql, dossierId: string, at: Date): Promise<void> {
  await tx.query(
    `UPDATE dossier_steps SET finished_at = $2, outcome = ${STEP_OUTCOME}
     WHERE dossier_id = $1 AND finished_at IS NULL AND step_seq IS NULL`,
    [dossierId, at],
  );
}

/** The open liên thông steps at these agencies, not yet accepted, are accepted by this officer now (Mẫu 05 "nhận"). */
export async function acceptGraphSteps(tx: Sql, dossierId: string, agencies: string[], userId: string, at: Date): Promise<void> {
  await tx.query(
    `UPDATE dossier_steps SET accepted_at = $4, to_user = $3
     WHERE dossier_id = $1 AND step_seq IS NOT NULL AND finished_at IS NULL AND accepted_at IS NULL AND to_agency = ANY($2::text[])`,
    [dossierId, agencies, userId, at],
  );
}

/** Completes one open liên thông step with its partial result; false when it was not open. */
export async function finishGraphStep(
  tx: Sql,
  dossierId: string,
  stepSeq: number,
  done: { at: Date; by: string; resultNote: string; resultFileId: string | null },
): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE dossier_steps SET finished_at = $2, outcome = ${STEP_OUTCOME}, finished_by = $4, result_note = $5, result_file_id = $6,
       accepted_at = COALESCE(accepted_at, $2), to_user = COALESCE(to_user, $4)
     WHERE dossier_id = $1 AND step_seq = $3 AND finished_at IS NULL RETURNING seq`,
    [dossierId, done.at, stepSeq, done.by, done.resultNote, done.resultFileId],
  );
  return rows.length === 1;
}

/**
 * Thu hồi: the late row of a graph step is closed as late, noted, and set apart from the graph
 * (`step_seq` NULL, the step named in its note) so the step can reopen at the lead agency.
 */
export async function recallGraphStep(
  tx: Sql,
  dossierId: string,
  stepSeq: number,
  done: { at: Date; by: string; reason: string },
): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE dossier_steps SET finished_at = $2, outcome = 'qua_han', finished_by = $4, result_note = $5, step_seq = NULL,
       note = concat_ws(' — ', note, 'Bước ' || $3::text || ' thu hồi')
     WHERE dossier_id = $1 AND step_seq = $3 AND finished_at IS NULL RETURNING seq`,
    [dossierId, done.at, stepSeq, done.by, `Thu hồi: ${done.reason}`],
  );
  return rows.length === 1;
}

/** Open liên thông steps of dossiers in processing past their sub-deadline, not yet reminded. */
export async function overdueStepCandidates(
  db: Sql,
  now: Date,
): Promise<{ dossierId: string; code: string | null; procedureCode: string; procedureVersionId: string; step: number; agency: string; lead: string; subDueAt: Date }[]> {
  const rows = await db.query<{
    dossier_id: string;
    code: string | null;
    procedure_code: string;
    procedure_version_id: string;
    step_seq: number;
    to_agency: string;
    competent_agency: string;
    sub_due_at: Date;
  }>(
    `SELECT s.dossier_id, d.code, d.procedure_code, d.procedure_version_id, s.step_seq, s.to_agency, d.competent_agency, s.sub_due_at
     FROM dossier_steps s JOIN dossiers d ON d.id = s.dossier_id
     WHERE s.step_seq IS NOT NULL AND s.finished_at IS NULL AND s.overdue_notified_at IS NULL AND s.sub_due_at < $1
       AND d.status = 'IN_PROCESSING' AND s.to_agency <> d.competent_agency
     ORDER BY s.sub_due_at LIMIT 500`,
    [now],
  );
  return rows.map((r) => ({
    dossierId: r.dossier_id,
    code: r.code,
    procedureCode: r.procedure_code,
    procedureVersionId: r.procedure_version_id,
    step: r.step_seq,
    agency: r.to_agency,
    lead: r.competent_agency,
    subDueAt: r.sub_due_at,
  }));
}

/** Marks a late step as reminded; false when another scan did it first (or it closed meanwhile). */
export async function markStepOverdueNotified(tx: Sql, dossierId: string, stepSeq: number, now: Date): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE dossier_steps SET overdue_notified_at = $3
     WHERE dossier_id = $1 AND step_seq = $2 AND finished_at IS NULL AND overdue_notified_at IS NULL RETURNING seq`,
    [dossierId, stepSeq, now],
  );
  return rows.length === 1;
}

export type NewStep = Omit<Step, 'seq' | 'finishedAt' | 'outcome' | 'stepSeq' | 'finishedBy' | 'resultNote' | 'resultFileId'> & {
  stepSeq?: number | null;
};

export async function insertStep(tx: Sql, dossierId: string, step: NewStep): Promise<void> {
  await tx.query(
    `INSERT INTO dossier_steps (dossier_id, seq, from_agency, from_user, to_agency, to_user, sent_at, accepted_at, sub_due_at, note, step_seq)
     SELECT $1, COALESCE(max(seq), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9, $10 FROM dossier_steps WHERE dossier_id = $1`,
    [
      dossierId,
      step.fromAgency,
      step.fromUser,
      step.toAgency,
      step.toUser,
      step.sentAt,
      step.acceptedAt,
      step.subDueAt,
      step.note,
      step.stepSeq ?? null,
    ],
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

/** The applicant of the latest dossier with this identity number received at one of `agencies`, and how many there are. */
export async function findLatestApplicant(
  tx: Sql,
  idNumber: string,
  agencies: string[],
): Promise<{ applicant: Applicant; dossiers: number; lastSubmittedAt: Date; dossierId: string } | null> {
  const [row] = await tx.query<{ applicant: Applicant; n: number; submitted_at: Date; id: string }>(
    `SELECT d.applicant, d.submitted_at, d.id, count(*) OVER ()::int AS n
     FROM dossiers d
     WHERE d.applicant->>'idNumber' = $1 AND d.receiving_agency = ANY($2::text[])
     ORDER BY d.submitted_at DESC, d.id DESC LIMIT 1`,
    [idNumber, agencies],
  );
  return row ? { applicant: row.applicant, dossiers: row.n, lastSubmittedAt: row.submitted_at, dossierId: row.id } : null;
}

/* ---------- Officer workspace: queues and agency overview ---------- */

export const QUEUES = ['incoming', 'agency', 'mine', 'due_soon', 'overdue', 'waiting', 'to_issue', 'done', 'all'] as const;
export type Queue = (typeof QUEUES)[number];

/** Which dossiers a caller may list: those whose receiving, competent or current agency is theirs (or holding an open liên thông step), or in their province. */
export interface QueueScope {
  agencies: string[];
  provinces: string[];
}

export interface QueueFilter {
  scope: QueueScope;
  /** Only dossiers at this agency (receiving, competent or current). */
  agency: string | null;
  /** Part of the dossier code, of the applicant's name (accent- and case-insensitive), identity number or phone. */
  q: string | null;
  /** Only this procedure (its code). */
  procedure?: string | null;
  /** Received (or, before reception, submitted) on these local dates, both included. */
  from?: string | null;
  to?: string | null;
  /** Only dossiers assigned to this officer (user id). */
  assignee?: string | null;
  userId: string;
  now: Date;
  /** The last local date counted as due soon (one working day from today). */
  dueSoonUntil: string;
}

const ACTIVE = `'RECEIVED', 'IN_PROCESSING', 'AWAITING_SUPPLEMENT', 'AWAITING_PAYMENT', 'RESULT_READY'`;
/** Statuses in which the agency holds the clock (as the due-soon scan). */
const CLOCK_RUNNING = `d.status IN ('RECEIVED', 'IN_PROCESSING')`;

/** An open liên thông step of the caller's agencies (`$1`, narrowed by `$3`) past its sub-deadline. */
const LATE_STEP_AT = `EXISTS (SELECT 1 FROM dossier_steps s WHERE s.dossier_id = d.id AND s.step_seq IS NOT NULL
     AND s.finished_at IS NULL AND s.sub_due_at < p.now AND s.to_agency = ANY($1::text[]) AND ($3::text IS NULL OR s.to_agency = $3))`;

/**
 * The step an agency works for a dossier it does not hold (liên thông): its own open step, the
 * soonest due, so its queue shows that step's sub-deadline and timeliness.
 */
const MY_STEP = `(SELECT json_build_object('step', s.step_seq, 'agency', s.to_agency, 'subDueAt', s.sub_due_at)
   FROM dossier_steps s WHERE s.dossier_id = d.id AND s.step_seq IS NOT NULL AND s.finished_at IS NULL
     AND s.to_agency = ANY($1::text[]) AND ($3::text IS NULL OR s.to_agency = $3) AND s.to_agency <> d.current_agency
   ORDER BY s.sub_due_at NULLS LAST, s.step_seq LIMIT 1)`;

/** Each queue as one SQL condition over `d` and the parameters `p`: data, not branching. */
const QUEUE_SQL = {
  // awaiting reception: the receiving desk's work, not the competent agency's
  incoming: `d.status = 'SUBMITTED' AND (d.receiving_agency = ANY($1::text[]) OR d.province_code = ANY($2::text[]))
    AND ($3::text IS NULL OR d.receiving_agency = $3)`,
  agency: `d.status IN (${ACTIVE})`,
  mine: `d.assignee = p.me AND d.status IN (${ACTIVE})`,
  due_soon: `${CLOCK_RUNNING} AND d.due_at > p.now AND d.due_date <= p.soon`,
  // the dossier past its appointment while the agency holds the clock, or a liên thông step of the caller's agency past its sub-deadline
  overdue: `((${CLOCK_RUNNING} AND d.due_at < p.now) OR (d.status = 'IN_PROCESSING' AND ${LATE_STEP_AT}))`,
  waiting: `d.status IN ('AWAITING_SUPPLEMENT', 'AWAITING_PAYMENT')`,
  // chờ phát hành: approved results the caller's agency (its clerk) must still issue
  to_issue: `d.status = 'RESULT_READY' AND d.awaiting_issue_by = ANY($1::text[]) AND ($3::text IS NULL OR d.awaiting_issue_by = $3)`,
  done: `d.status IN ('RESULT_READY', 'RESULT_RETURNED', 'REJECTED_AT_INTAKE', 'WITHDRAWN', 'STOPPED')`,
  // every dossier in scope, open or finished: where a search looks first
  all: 'TRUE',
} as const satisfies Record<Queue, string>;

/** Every parameter typed once, so each query may use any of them. */
const FROM_SCOPED = `dossiers d, (SELECT $5::text AS me, $6::timestamptz AS now, $7::date AS soon) p`;

/** Agencies working an open liên thông step of the dossier see it in their queues too. */
const OPEN_STEP_AT = (agencies: string) => `EXISTS (SELECT 1 FROM dossier_steps s WHERE s.dossier_id = d.id
     AND s.step_seq IS NOT NULL AND s.finished_at IS NULL AND s.to_agency = ${agencies})`;

/** A phone or identity number as typed at the desk ("0912 345 678", "+84912345678"): its digits, +84 read as 0. */
const DIGITS = (p: string) => `regexp_replace(regexp_replace(${p}, '[[:space:].-]', '', 'g'), '^\\+84', '0')`;

const SCOPE_SQL = `
  (d.receiving_agency = ANY($1::text[]) OR d.competent_agency = ANY($1::text[]) OR d.current_agency = ANY($1::text[])
     OR d.province_code = ANY($2::text[]) OR ${OPEN_STEP_AT('ANY($1::text[])')})
  AND ($3::text IS NULL OR d.receiving_agency = $3 OR d.competent_agency = $3 OR d.current_agency = $3 OR ${OPEN_STEP_AT('$3')})
  AND ($4::text IS NULL OR d.code ILIKE '%' || $4 || '%'
       OR f_unaccent(d.applicant->>'fullName') LIKE '%' || f_unaccent($4) || '%'
       OR d.applicant->>'idNumber' LIKE '%' || ${DIGITS('$4')} || '%'
       OR d.applicant->>'phone' LIKE '%' || ${DIGITS('$4')} || '%')
  AND ($8::text IS NULL OR d.procedure_code = $8)
  AND ($9::date IS NULL OR (coalesce(d.received_at, d.submitted_at) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date >= $9::date)
  AND ($10::date IS NULL OR (coalesce(d.received_at, d.submitted_at) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date <= $10::date)
  AND ($11::text IS NULL OR d.assignee = $11)`;

/** LIKE wildcards typed by the user match themselves. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, '\\$&');

function filterParams(f: QueueFilter): unknown[] {
  return [
    f.scope.agencies,
    f.scope.provinces,
    f.agency,
    f.q ? likeEscape(f.q) : null,
    f.userId,
    f.now,
    f.dueSoonUntil,
    f.procedure ?? null,
    f.from ?? null,
    f.to ?? null,
    f.assignee ?? null,
  ];
}

export const QUEUE_SORTS = { dueAt: 'd.due_at', receivedAt: 'd.received_at', submittedAt: 'd.submitted_at' } as const;
export type QueueSort = keyof typeof QUEUE_SORTS;

export interface QueueRow {
  id: string;
  code: string | null;
  procedureCode: string;
  procedureVersionId: string;
  applicantName: string;
  status: DossierStatus;
  submittedAt: Date;
  receivedAt: Date | null;
  dueAt: Date | null;
  finishedAt: Date | null;
  assignee: { id: string; name: string | null } | null;
  receivingAgency: string;
  currentAgency: string;
  /** Liên thông: the open step of the caller's agency, when the dossier is held by another agency. */
  myStep: { step: number; agency: string; subDueAt: Date | null } | null;
}

/** Name of the specialist assigned, as the last `assign` entry of the log recorded it. */
const ASSIGNEE_NAME = `(SELECT a.data->>'assigneeName' FROM dossier_actions a
   WHERE a.dossier_id = d.id AND a.action = 'assign' ORDER BY a.seq DESC LIMIT 1)`;

interface QueueRowDb {
  id: string;
  code: string | null;
  procedure_code: string;
  procedure_version_id: string;
  applicant_name: string;
  status: DossierStatus;
  submitted_at: Date;
  received_at: Date | null;
  due_at: Date | null;
  finished_at: Date | null;
  assignee: string | null;
  assignee_name: string | null;
  receiving_agency: string;
  current_agency: string;
  my_step: { step: number; agency: string; subDueAt: string | null } | null;
}

const toQueueRow = (r: QueueRowDb): QueueRow => ({
  id: r.id,
  code: r.code,
  procedureCode: r.procedure_code,
  procedureVersionId: r.procedure_version_id,
  applicantName: r.applicant_name,
  status: r.status,
  submittedAt: r.submitted_at,
  receivedAt: r.received_at,
  dueAt: r.due_at,
  finishedAt: r.finished_at,
  assignee: r.assignee ? { id: r.assignee, name: r.assignee_name } : null,
  receivingAgency: r.receiving_agency,
  currentAgency: r.current_agency,
  myStep: r.my_step ? { ...r.my_step, subDueAt: r.my_step.subDueAt ? new Date(r.my_step.subDueAt) : null } : null,
});

/** One page of a queue, and its total. */
export async function listQueue(
  tx: Sql,
  f: QueueFilter & { queue: Queue; sort: QueueSort; order: 'asc' | 'desc'; limit: number; offset: number },
): Promise<{ rows: QueueRow[]; total: number }> {
  const where = `${SCOPE_SQL} AND ${QUEUE_SQL[f.queue]}`;
  const params = filterParams(f);
  const [{ n }] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${FROM_SCOPED} WHERE ${where}`, params);
  const order = `${QUEUE_SORTS[f.sort]} ${f.order === 'desc' ? 'DESC' : 'ASC'} NULLS LAST, d.submitted_at, d.id`;
  const rows = await tx.query<QueueRowDb>(
    `SELECT d.id, d.code, d.procedure_code, d.procedure_version_id, d.applicant->>'fullName' AS applicant_name, d.status,
       d.submitted_at, d.received_at, d.due_at, d.finished_at, d.assignee, ${ASSIGNEE_NAME} AS assignee_name,
       d.receiving_agency, d.current_agency, ${MY_STEP} AS my_step
     FROM ${FROM_SCOPED} WHERE ${where} ORDER BY ${order} LIMIT $12 OFFSET $13`,
    [...params, f.limit, f.offset],
  );
  return { rows: rows.map(toQueueRow), total: n };
}

/** How many dossiers each queue holds, in one pass. */
export async function countQueues(tx: Sql, f: QueueFilter): Promise<Record<Queue, number>> {
  const columns = Object.entries(QUEUE_SQL).map(([queue, cond]) => `count(*) FILTER (WHERE ${cond})::int AS "${queue}"`);
  const [row] = await tx.query<Record<Queue, number>>(`SELECT ${columns.join(', ')} FROM ${FROM_SCOPED} WHERE ${SCOPE_SQL}`, filterParams(f));
  return row;
}

/** The same officer's listing of several dossiers, one access-log row each (visible to each applicant). */
export async function insertAccessLogMany(tx: Sql, dossierIds: string[], e: AccessLogEntry): Promise<void> {
  if (dossierIds.length === 0) return;
  await tx.query(
    `INSERT INTO dossier_access_log (dossier_id, actor_id, actor_name, agency_code, at, what)
     SELECT id, $2, $3, $4, $5, $6 FROM unnest($1::text[]) AS id`,
    [dossierIds, e.actorId, e.actorName, e.agencyCode, e.at, e.what],
  );
}

const AT_AGENCY = '(d.receiving_agency = $1 OR d.competent_agency = $1 OR d.current_agency = $1)';

export interface AgencyFigures {
  byStatus: Partial<Record<DossierStatus, number>>;
  finished: { total: number; truocHan: number; dungHan: number; quaHan: number };
  dueSoon: number;
  overdue: number;
}

/**
 * Figures of one agency: dossiers per status; finished ones (result or stop) by timeliness,
 * judged like `timeliness()` (after the due instant → late, before the local due day → early);
 * dossiers due soon and overdue while the agency holds the clock.
 */
export async function agencyFigures(tx: Sql, agencyCode: string, now: Date, dueSoonUntil: string): Promise<AgencyFigures> {
  const statuses = await tx.query<{ status: DossierStatus; n: number }>(
    `SELECT d.status, count(*)::int AS n FROM dossiers d WHERE ${AT_AGENCY} GROUP BY d.status`,
    [agencyCode],
  );
  const local = (col: string) => `(${col} AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`;
  const [f] = await tx.query<{ total: number; truoc_han: number; dung_han: number; qua_han: number; due_soon: number; overdue: number }>(
    `SELECT
       count(*) FILTER (WHERE fin)::int AS total,
       count(*) FILTER (WHERE fin AND d.finished_at <= d.due_at AND ${local('d.finished_at')} < ${local('d.due_at')})::int AS truoc_han,
       count(*) FILTER (WHERE fin AND d.finished_at <= d.due_at AND ${local('d.finished_at')} >= ${local('d.due_at')})::int AS dung_han,
       count(*) FILTER (WHERE fin AND d.finished_at > d.due_at)::int AS qua_han,
       count(*) FILTER (WHERE ${CLOCK_RUNNING} AND d.due_at > $2 AND d.due_date <= $3::date)::int AS due_soon,
       count(*) FILTER (WHERE ${CLOCK_RUNNING} AND d.due_at < $2)::int AS overdue
     FROM (SELECT d.*, (d.status IN ('RESULT_READY', 'RESULT_RETURNED', 'STOPPED') AND d.finished_at IS NOT NULL
                        AND d.due_at IS NOT NULL) AS fin
           FROM dossiers d WHERE ${AT_AGENCY}) d`,
    [agencyCode, now, dueSoonUntil],
  );
  return {
    byStatus: Object.fromEntries(statuses.map((s) => [s.status, s.n])),
    finished: { total: f.total, truocHan: f.truoc_han, dungHan: f.dung_han, quaHan: f.qua_han },
    dueSoon: f.due_soon,
    overdue: f.overdue,
  };
}

/** Overdue dossiers of an agency while it holds the clock, most overdue first. */
export async function listOverdueAt(tx: Sql, agencyCode: string, now: Date, limit: number): Promise<QueueRow[]> {
  const rows = await tx.query<QueueRowDb>(
    `SELECT d.id, d.code, d.procedure_code, d.procedure_version_id, d.applicant->>'fullName' AS applicant_name, d.status,
       d.submitted_at, d.received_at, d.due_at, d.finished_at, d.assignee, ${ASSIGNEE_NAME} AS assignee_name,
       d.receiving_agency, d.current_agency
     FROM dossiers d WHERE ${AT_AGENCY} AND ${CLOCK_RUNNING} AND d.due_at < $2
     ORDER BY d.due_at, d.id LIMIT $3`,
    [agencyCode, now, limit],
  );
  return rows.map(toQueueRow);
}

/**
 * Sổ theo dõi hồ sơ (Mẫu 06): each dossier's volume (the local year of reception) and running
 * number in its receiving agency's book — the order of reception within the year. For the
 * dossiers received from the start of `from`'s year up to `until`.
 */
export async function registerBookEntries(
  tx: Sql,
  agencyCode: string,
  from: Date,
  until: Date,
): Promise<Map<string, { volume: number; number: number }>> {
  const rows = await tx.query<{ id: string; volume: number; number: string | number }>(
    `SELECT id, volume, row_number() OVER (PARTITION BY volume ORDER BY received_at, code) AS number
     FROM (SELECT d.id, d.code, d.received_at,
                  extract(year FROM d.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::int AS volume
           FROM dossiers d
           WHERE d.receiving_agency = $1 AND d.received_at >= $2 AND d.received_at < $3) t`,
    [agencyCode, from, until],
  );
  return new Map(rows.map((r) => [r.id, { volume: Number(r.volume), number: Number(r.number) }]));
}

/** The applicant's chosen way to receive the result (fields.resultDelivery) of a dossier, by code. */
export async function findResultDeliveryByCode(db: Sql, code: string): Promise<string | null> {
  const [row] = await db.query<{ m: string | null }>(`SELECT fields->>'resultDelivery' AS m FROM dossiers WHERE code = $1`, [code]);
  return row?.m ?? null;
}
