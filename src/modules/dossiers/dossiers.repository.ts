import { formatDossierCode } from './dossier-code.ts';
import { type AuditChoices, type AuditRow, auditChoiceValues, auditInsert, auditInsertChosen, auditValues } from '#platform/audit.ts';
import type { Sql } from '#platform/db.ts';
import { eventsInsert, noticesAfterCommit } from '#platform/events.ts';
import type { TransitionEvents } from './dossier-events.ts';
import type { LoggedAction } from './actions.ts';
import { type ActionRecord, type DossierState, keptState } from './reducer.ts';
import { type DossierStatus, type Phase, sqlStatuses, statusesIn } from './statuses.ts';
import type { Applicant, Dossier, Intake, NewStep, Step } from './dossiers.types.ts';
import { type LockRowDb, type ProcessingLock, toLock } from './locks.repository.ts';
import { handOverCtes, handOverValues, type StepRowDb, toStep } from './steps.repository.ts';

/** The only SQL of the dossiers module. Every function takes the transaction (or the database). */

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
  lead_node: string | null;
}

/** The dossier row and what its policy reads (steps' agencies, liên thông steps); `FROM dossiers d` follows. */
const SELECT_DOSSIER_COLUMNS = `
  SELECT d.*,
    (SELECT max(a.at) FROM dossier_actions a WHERE a.dossier_id = d.id AND a.action = 'request_payment'
       AND d.status = 'AWAITING_PAYMENT') AS payment_requested_at,
    ARRAY(SELECT s.to_agency FROM dossier_steps s WHERE s.dossier_id = d.id
          UNION SELECT s.from_agency FROM dossier_steps s WHERE s.dossier_id = d.id) AS step_agencies,
    (SELECT json_agg(json_build_object('step', s.step_seq, 'agency', s.to_agency, 'open', s.finished_at IS NULL, 'subDueAt', s.sub_due_at) ORDER BY s.step_seq)
       FROM dossier_steps s WHERE s.dossier_id = d.id AND s.step_seq IS NOT NULL) AS graph_steps`;

const SELECT_DOSSIER = `${SELECT_DOSSIER_COLUMNS}
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
    leadNode: r.lead_node ?? null,
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

/**
 * A submission's writes in one statement: the dossier row already in the state its first log
 * entry reduces to (version 1), that entry, the attached documents and the first row of the
 * dossier's audit chain (sealed by the caller: a chain born with the dossier has no head to read)
 * and the transition's outbox events (the caller runs `eventsWritten` after). The row is written once
 * (no insert-then-update: each of its row versions updates every index of `dossiers`), and the
 * foreign keys of the log and documents are checked at the end of the statement, when the row is there.
 * Answers the detail as `findDossierDetail` would read it back (the submission's answer, without
 * reading it): the JSON values as stored, the documents as inserted, in the database's order.
 */
export async function insertDossier(
  tx: Sql,
  d: NewDossier,
  first: { record: ActionRecord; state: DossierState; documents: { componentCode: string; fileId: string }[]; audit: Omit<AuditRow, 'id'>; events: TransitionEvents },
): Promise<DossierDetail> {
  const { record, state } = first;
  const events = eventsInsert(first.events.events, first.events.live, 36);
  await noticesAfterCommit(tx, events.notices);
  const json = { applicant: JSON.stringify(d.applicant), owner: JSON.stringify(d.owner), fields: JSON.stringify(d.fields), data: JSON.stringify(record.data) };
  const intake = d.intake ? JSON.stringify(d.intake) : null;
  const [row] = await tx.query<{ documents: DocumentRowDb[] }>(
    `WITH logged AS (
       INSERT INTO dossier_actions (dossier_id, seq, action, at, actor_id, actor_name, actor_agency, data)
       VALUES ($1, $17, $18, $13, $19, $20, $21, $22)
     ), documents AS (
       INSERT INTO dossier_documents (dossier_id, component_code, file_id, added_at, action_seq)
       SELECT $1, x.component_code, x.file_id, $13, $17
       FROM json_to_recordset($23::json) AS x(component_code text, file_id text)
       ON CONFLICT DO NOTHING
       RETURNING component_code, file_id, added_at, action_seq
     ), audited AS (
       ${auditInsert(25)}
     ), ${events.ctes}
     INSERT INTO dossiers (id, procedure_code, procedure_version_id, channel, applicant, owner, applicant_user_id,
       submitted_by, province_code, receiving_agency, competent_agency, current_agency, status, fields,
       submitted_at, created_at, version, reference, intake)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $16, $24, $12, $13, $13, 1, $14, $15)
     RETURNING (SELECT coalesce(json_agg(x ORDER BY x.action_seq, x.component_code), '[]') FROM documents x) AS documents`,
    [
      d.id,
      d.procedureCode,
      d.procedureVersionId,
      d.channel,
      json.applicant,
      json.owner,
      d.applicantUserId,
      d.submittedBy,
      d.provinceCode,
      d.receivingAgency,
      d.competentAgency,
      json.fields,
      d.at,
      d.reference,
      intake,
      state.currentAgency,
      record.seq,
      record.action,
      record.actorId,
      record.actorName,
      record.actorAgency,
      json.data,
      JSON.stringify(first.documents.map((x) => ({ component_code: x.componentCode, file_id: x.fileId }))),
      state.status,
      ...auditValues(first.audit),
      ...events.params,
    ],
  );
  const dossier: Dossier = {
    id: d.id,
    ...keptState(state),
    reference: d.reference,
    procedureCode: d.procedureCode,
    procedureVersionId: d.procedureVersionId,
    channel: d.channel,
    applicant: JSON.parse(json.applicant),
    owner: JSON.parse(json.owner),
    applicantUserId: d.applicantUserId,
    submittedBy: d.submittedBy,
    provinceCode: d.provinceCode,
    receivingAgency: d.receivingAgency,
    competentAgency: d.competentAgency,
    fields: JSON.parse(json.fields),
    submittedAt: d.at,
    paymentRequestedAt: null,
    dueSoonNotifiedAt: null,
    createdAt: d.at,
    version: 1,
    stepAgencies: [],
    graphSteps: [],
    intake: intake ? JSON.parse(intake) : null,
    leadNode: null,
  };
  return {
    dossier,
    log: [{ ...record, data: JSON.parse(json.data) }],
    documents: row.documents.map((r) => toDocument(dated(r, ['added_at']))),
    steps: [],
    lock: null,
  };
}

export async function findDossier(tx: Sql, id: string): Promise<Dossier | null> {
  const [row] = await tx.query<DossierRowDb>(`${SELECT_DOSSIER} WHERE d.id = $1`, [id]);
  return row ? toDossier(row) : null;
}

/** The dossier, its row locked until the transaction ends: actions on one dossier queue. */
export async function lockDossier(tx: Sql, id: string): Promise<Dossier | null> {
  const [row] = await tx.query<DossierRowDb>(`${SELECT_DOSSIER} WHERE d.id = $1 FOR UPDATE OF d`, [id]);
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

/**
 * Public tracking in one round trip, by the dossier code or the submission reference: the
 * dossier, its actions and its hand-overs as one JSON row. Once decided, the agency named is the
 * receiving one (its desk returns the result). (Formerly the SQL function dossier_tracking() of
 * migrations 0009/0018/0023, dropped by 0030.)
 */
const TRACKING_SQL = `SELECT row_to_json(t) AS t FROM (
    SELECT coalesce(d.code, d.reference) AS code, d.reference, d.status, pv.content->>'name' AS "procedureName",
           d.applicant->>'fullName' AS "applicantName",
           coalesce(ag.name, d.current_agency) AS "agencyName",
           d.received_at AS "receivedAt", d.due_at AS "dueAt", d.finished_at AS "finishedAt",
           coalesce((SELECT json_agg(json_build_object('action', a.action, 'at', a.at) ORDER BY a.seq)
                     FROM dossier_actions a WHERE a.dossier_id = d.id), '[]') AS actions,
           coalesce((SELECT json_agg(json_build_object(
                              'fromAgency', coalesce(fa.name, s.from_agency), 'toAgency', coalesce(ta.name, s.to_agency),
                              'sentAt', s.sent_at, 'finishedAt', s.finished_at, 'subDueAt', s.sub_due_at, 'outcome', s.outcome)
                            ORDER BY s.seq)
                     FROM dossier_steps s
                     LEFT JOIN agencies fa ON fa.code = s.from_agency
                     LEFT JOIN agencies ta ON ta.code = s.to_agency
                     WHERE s.dossier_id = d.id), '[]') AS steps
    FROM dossiers d
    JOIN procedure_versions pv ON pv.id = d.procedure_version_id::uuid
    LEFT JOIN agencies ag ON ag.code = CASE WHEN d.status IN (${sqlStatuses(['RESULT_READY', 'RESULT_RETURNED'])}) THEN d.receiving_agency ELSE d.current_agency END
    WHERE d.code = $1 OR d.reference = $1
    LIMIT 1
  ) t`;

export async function findTrackingByCode(db: Sql, code: string): Promise<TrackingRow | null> {
  const [row] = await db.query<{ t: Omit<TrackingRow, 'receivedAt' | 'dueAt' | 'finishedAt'> & Record<'receivedAt' | 'dueAt' | 'finishedAt', string | null> }>(
    TRACKING_SQL,
    [code],
  );
  if (!row) return null;
  const date = (v: string | null) => (v ? new Date(v) : null);
  return { ...row.t, receivedAt: date(row.t.receivedAt), dueAt: date(row.t.dueAt), finishedAt: date(row.t.finishedAt) };
}

/** The columns of `dossiers` an action's state sets, from `$<first>` on (12 parameters: `stateValues`). */
const setState = (first: number) => {
  const $ = (i: number) => `$${first + i}`;
  return `status = ${$(0)}, phase = ${$(1)}, current_agency = ${$(2)}, assignee = ${$(3)}, received_at = ${$(4)},
       due_at = ${$(5)}, due_date = ${$(6)}, clock_started_at = ${$(7)}, extended = ${$(8)}, finished_at = ${$(9)},
       awaiting_issue_by = ${$(10)},
       due_soon_notified_at = CASE WHEN due_at IS DISTINCT FROM ${$(5)} THEN NULL ELSE due_soon_notified_at END,
       version = version + 1`;
};
const stateValues = (s: DossierState) => [
  s.status,
  s.phase,
  s.currentAgency,
  s.assignee,
  s.receivedAt,
  s.dueAt,
  s.dueDate,
  s.clockStartedAt,
  s.extended,
  s.finishedAt,
  s.awaitingIssueBy,
];
const actionValues = (a: ActionRecord) => [a.seq, a.action, a.at, a.actorId, a.actorName, a.actorAgency, JSON.stringify(a.data)];

/** Appends one action and writes the state the log now reduces to (optimistic version check). */
export async function appendAction(
  tx: Sql,
  dossierId: string,
  expectedVersion: number,
  action: ActionRecord,
  state: DossierState,
): Promise<boolean> {
  // One statement: the log entry (a writable CTE) and the state. When the version moved on, the
  // caller refuses (409) and its transaction rolls the entry back.
  const updated = await tx.query(
    `WITH logged AS (
       INSERT INTO dossier_actions (dossier_id, seq, action, at, actor_id, actor_name, actor_agency, data)
       VALUES ($1, $3, $4, $5, $6, $7, $8, $9)
     )
     UPDATE dossiers SET code = $10, ${setState(11)}
     WHERE id = $1 AND version = $2 RETURNING id`,
    [dossierId, expectedVersion, ...actionValues(action), state.code, ...stateValues(state)],
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

// the log holds what actOnDossier wrote, typed per action (action-data.ts)
const toAction = (r: ActionRowDb): ActionRecord =>
  ({
    seq: r.seq,
    action: r.action,
    at: r.at,
    actorId: r.actor_id,
    actorName: r.actor_name,
    actorAgency: r.actor_agency,
    data: r.data,
  }) as ActionRecord;

export async function listActions(tx: Sql, dossierId: string): Promise<ActionRecord[]> {
  const rows = await tx.query<ActionRowDb>(
    'SELECT seq, action, at, actor_id, actor_name, actor_agency, data FROM dossier_actions WHERE dossier_id = $1 ORDER BY seq',
    [dossierId],
  );
  return rows.map(toAction);
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

interface DocumentRowDb {
  component_code: string;
  file_id: string;
  added_at: Date;
  action_seq: number;
}

const toDocument = (r: DocumentRowDb): DossierDocument => ({ componentCode: r.component_code, fileId: r.file_id, addedAt: r.added_at, actionSeq: r.action_seq });

export async function listDocuments(tx: Sql, dossierId: string): Promise<DossierDocument[]> {
  const rows = await tx.query<DocumentRowDb>(
    'SELECT component_code, file_id, added_at, action_seq FROM dossier_documents WHERE dossier_id = $1 ORDER BY action_seq, component_code',
    [dossierId],
  );
  return rows.map(toDocument);
}

/** Everything a dossier's page shows from this module's tables. */
export interface DossierDetail {
  dossier: Dossier;
  log: ActionRecord[];
  documents: DossierDocument[];
  steps: Step[];
  /** The processing lock's row, live or expired. */
  lock: ProcessingLock | null;
  /** With `auditHead`: the head of the dossier's audit chain, read under its advisory lock (null: no row yet). */
  auditHead?: { seq: number; hash: string } | null;
  /** With `counterDate`: the receiving agency's daily counter that day as committed (0: none yet). */
  counterValue?: number;
}

/** Dates inside `json_agg` arrive as ISO text: back to `Date` (null stays null). */
const dated = <R>(row: R, keys: (keyof R)[]): R => {
  const out = { ...row };
  for (const k of keys) if (out[k] !== null && out[k] !== undefined) out[k] = new Date(out[k] as string) as R[keyof R];
  return out;
};

/**
 * The dossier with its log, documents, steps and processing lock in one statement (issue 13
 * item 4: the answer of every action and every read was six round trips). With `lock`, the
 * dossier's row stays locked until the transaction ends (an action: actions on one dossier queue).
 */
export async function findDossierDetail(
  tx: Sql,
  id: string,
  options: { lock?: boolean; auditHead?: boolean; counterDate?: string } = {},
): Promise<DossierDetail | null> {
  const detail = `${SELECT_DOSSIER_COLUMNS},
       (SELECT coalesce(json_agg(json_build_object('seq', a.seq, 'action', a.action, 'at', a.at, 'actor_id', a.actor_id,
                 'actor_name', a.actor_name, 'actor_agency', a.actor_agency, 'data', a.data) ORDER BY a.seq), '[]')
          FROM dossier_actions a WHERE a.dossier_id = d.id) AS detail_log,
       (SELECT coalesce(json_agg(json_build_object('component_code', x.component_code, 'file_id', x.file_id,
                 'added_at', x.added_at, 'action_seq', x.action_seq) ORDER BY x.action_seq, x.component_code), '[]')
          FROM dossier_documents x WHERE x.dossier_id = d.id) AS detail_documents,
       (SELECT coalesce(json_agg(to_json(s) ORDER BY s.seq), '[]') FROM dossier_steps s WHERE s.dossier_id = d.id) AS detail_steps,
       (SELECT to_json(l) FROM dossier_locks l WHERE l.dossier_id = d.id) AS detail_lock${
         options.counterDate
           ? ',\n       (SELECT c.last_value FROM dossier_code_sequences c WHERE c.agency_code = d.receiving_agency AND c.date = $2::date) AS counter_value'
           : ''
       }
     FROM dossiers d WHERE d.id = $1${options.lock ? ' FOR UPDATE OF d' : ''}`;
  type Row = DossierRowDb & {
    detail_log: ActionRowDb[];
    detail_documents: DocumentRowDb[];
    detail_steps: StepRowDb[];
    detail_lock: LockRowDb | null;
    counter_value?: number | null;
  };
  const params = options.counterDate ? [id, options.counterDate] : [id];
  // With `auditHead` (and the lock): the head of the dossier's audit chain (`dossier:<id>`) too, through audit_chain_head() (its
  // advisory lock, then the head), called on the locked row — outside the CTE, so only once the
  // row lock is held — for the action's appendAudit (primeAuditHead, act-on-dossier.ts).
  const [row] =
    options.lock && options.auditHead
      ? await tx.query<Row & { audit_seq: number | null; audit_hash: string | null }>(
          `WITH locked AS MATERIALIZED (${detail})
           SELECT locked.*, h.seq AS audit_seq, h.hash AS audit_hash FROM locked, LATERAL audit_chain_head('dossier:' || locked.id) h`,
          params,
        )
      : await tx.query<Row>(detail, params);
  if (!row) return null;
  const head = row as Row & { audit_seq?: number | null; audit_hash?: string | null };
  return {
    ...(options.lock && options.auditHead
      ? { auditHead: head.audit_seq == null ? null : { seq: head.audit_seq, hash: head.audit_hash as string } }
      : {}),
    ...(options.counterDate ? { counterValue: row.counter_value ?? 0 } : {}),
    dossier: toDossier(row),
    log: row.detail_log.map((r) => toAction(dated(r, ['at']))),
    documents: row.detail_documents.map((r) => toDocument(dated(r, ['added_at']))),
    steps: row.detail_steps.map((r) => toStep(dated(r, ['sent_at', 'accepted_at', 'sub_due_at', 'finished_at']))),
    lock: row.detail_lock ? toLock(dated(row.detail_lock, ['claimed_at', 'expires_at'])) : null,
  };
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

/**
 * A reception's last write (receive-dossier.ts): the agency's daily counter row is locked by every
 * reception of the day at that agency until commit, so the number is taken here, after the read
 * model is written, and in the same statement the hand-over is written, the action is logged with its code, the
 * dossier gets its new state and code (one row version, not a state update then a code update),
 * the action's outbox events are written with the code in their payloads (`code`, and `MaHoSo`
 * for the national portal), and the action's audit row is written when it was sealed for the code
 * drawn (`sealAuditChoices`). After it, the counter row waits only for the stored answer and the
 * commit. Gap-free: the number commits or rolls back with the reception. Null when the dossier's
 * version moved on (the caller refuses, 409, and the transaction rolls back); `audited`: false
 * when the audit row is still to write.
 */
export async function appendActionIssuingCode(
  tx: Sql,
  input: {
    agencyCode: string;
    date: string;
    dossierId: string;
    expectedVersion: number;
    action: ActionRecord;
    state: DossierState;
    events: TransitionEvents;
    audit: AuditChoices | null;
    /** The hand-over the reception opens (steps.repository `handOver`, in this statement). */
    handOver: { at: Date; step: NewStep } | null;
    /**
     * A late text's setting (platform/request-transaction.ts `lateText`): set to the code (as
     * inside a JSON string) when the statement wrote everything, the audit row included; left
     * unset otherwise.
     */
    late?: string;
  },
): Promise<{ code: string; audited: boolean; steps: Step[] } | null> {
  const prefix = formatDossierCode(input.agencyCode, input.date, 0).slice(0, -4);
  const coded = `(SELECT code FROM issued)`;
  const events = eventsInsert(input.events.events, input.events.live, 24, (p) =>
    `CASE WHEN ${p} ? 'MaHoSo' THEN jsonb_set(${p}, '{MaHoSo}', to_jsonb(${coded})) ELSE jsonb_set(${p}, '{code}', to_jsonb(${coded})) END`,
  );
  await noticesAfterCommit(tx, events.notices);
  const auditAt = 24 + events.params.length;
  const audited = input.audit ? `, audited AS (\n       ${auditInsertChosen(auditAt, 'issued', 'issued.code')}\n     )` : '';
  const handOverAt = auditAt + (input.audit ? auditChoiceValues(input.audit).length : 0);
  const handedOver = input.handOver ? `, ${handOverCtes(4, handOverAt)}` : '';
  const lateAt = handOverAt + (input.handOver ? handOverValues(input.handOver.at, input.handOver.step).length : 0);
  const audit = input.audit ? 'EXISTS (SELECT 1 FROM audited)' : 'false';
  const late = input.late ? `, CASE WHEN ${audit} THEN set_config($${lateAt}, btrim(to_jsonb(code)::text, '"'), true) END AS late` : '';
  const [row] = await tx.query<{ code: string; audited: boolean; steps: StepRowDb[] | null }>(
    `WITH counter AS (
       INSERT INTO dossier_code_sequences (agency_code, date, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (agency_code, date) DO UPDATE SET last_value = dossier_code_sequences.last_value + 1
       RETURNING last_value
     ), issued AS (
       SELECT $3::text || CASE WHEN last_value < 10000 THEN lpad(last_value::text, 4, '0') ELSE last_value::text END AS code FROM counter
     ), logged AS (
       INSERT INTO dossier_actions (dossier_id, seq, action, at, actor_id, actor_name, actor_agency, data)
       SELECT $4, $6, $7, $8, $9, $10, $11, jsonb_set($12::jsonb, '{code}', to_jsonb(code)) FROM issued
     ), ${events.ctes}${audited}${handedOver}
     UPDATE dossiers SET code = ${coded}, ${setState(13)}
     WHERE id = $4 AND version = $5
     RETURNING code, ${audit} AS audited,
       ${input.handOver ? '(SELECT json_agg(s) FROM (SELECT * FROM closed UNION ALL SELECT * FROM opened) s)' : 'NULL'} AS steps${late}`,
    [
      input.agencyCode,
      input.date,
      prefix,
      input.dossierId,
      input.expectedVersion,
      ...actionValues(input.action),
      ...stateValues(input.state),
      ...events.params,
      ...(input.audit ? auditChoiceValues(input.audit) : []),
      ...(input.handOver ? handOverValues(input.handOver.at, input.handOver.step) : []),
      ...(input.late ? [input.late] : []),
    ],
  );
  const steps = (row?.steps ?? []).map((r) => toStep(dated(r, ['sent_at', 'accepted_at', 'sub_due_at', 'finished_at'])));
  return row ? { code: row.code, audited: row.audited, steps } : null;
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
       AND d.due_soon_notified_at IS NULL AND d.status IN (${statusesIn('agency')})
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

/**
 * How the applicant chose to receive the result, by dossier code or submission reference: at the
 * counter it is the intake's `returnMethod`, online the submission's `fields.resultDelivery`.
 */
export async function findReturnMethodByCode(db: Sql, code: string): Promise<string | null> {
  const [row] = await db.query<{ m: string | null }>(
    `SELECT coalesce(intake->>'returnMethod', fields->>'resultDelivery') AS m FROM dossiers WHERE code = $1 OR reference = $1`,
    [code],
  );
  return row?.m ?? null;
}
