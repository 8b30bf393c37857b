import type { Sql } from '#platform/db.ts';
import type { DecisionRule, Tally } from './decision-rule.ts';

/** The only SQL of the cabinet module. */

export type MemberRole = 'chair' | 'vice_chair' | 'member' | 'secretariat';

export interface Body {
  code: string;
  name: string;
  agencyCode: string;
  /** Identity roles whose holders in the body's province a member may send instead (data: `substitute_roles`). */
  substituteRoles: string[];
}

const BODY_COLUMNS = 'code, name, agency_code AS "agencyCode", substitute_roles AS "substituteRoles"';

export interface MemberRow {
  bodyCode: string;
  userId: string;
  role: MemberRole;
  title: string;
  substituteUserId: string | null;
  position: number;
}

export async function findBody(tx: Sql, code: string): Promise<Body | null> {
  const rows = await tx.query<Body>(`SELECT ${BODY_COLUMNS} FROM cabinet_bodies WHERE code = $1`, [code]);
  return rows[0] ?? null;
}

/** Sets who may be sent instead of a member (identity roles). */
export async function setSubstituteRoles(tx: Sql, code: string, roles: string[]): Promise<void> {
  await tx.query('UPDATE cabinet_bodies SET substitute_roles = $2 WHERE code = $1', [code, roles]);
}

/** Locks a body's row for a change of its membership or rule. */
export async function lockBody(tx: Sql, code: string): Promise<void> {
  await tx.query('SELECT code FROM cabinet_bodies WHERE code = $1 FOR UPDATE', [code]);
}

/** Serialises the creation of a body under one code (two clicks, two tabs). */
export async function lockBodyCode(tx: Sql, code: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`cabinet-body:${code}`]);
}

export async function insertBody(tx: Sql, b: Omit<Body, 'substituteRoles'> & { createdAt: Date }): Promise<void> {
  await tx.query('INSERT INTO cabinet_bodies (code, name, agency_code, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [
    b.code,
    b.name,
    b.agencyCode,
    b.createdAt,
  ]);
}

export async function insertRule(tx: Sql, bodyCode: string, r: DecisionRule): Promise<void> {
  await tx.query(
    `INSERT INTO cabinet_body_rules (body_code, valid_from, deemed_agreement, tie_break, legal_basis) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT DO NOTHING`,
    [bodyCode, r.validFrom, r.deemedAgreement, r.tieBreak, r.legalBasis],
  );
}

/** The rule in force on `date` (YYYY-MM-DD), or null. */
export async function ruleOn(tx: Sql, bodyCode: string, date: string): Promise<DecisionRule | null> {
  const rows = await tx.query<DecisionRule>(
    `SELECT deemed_agreement AS "deemedAgreement", tie_break AS "tieBreak", legal_basis AS "legalBasis", to_char(valid_from, 'YYYY-MM-DD') AS "validFrom"
       FROM cabinet_body_rules WHERE body_code = $1 AND valid_from <= $2::date ORDER BY valid_from DESC LIMIT 1`,
    [bodyCode, date],
  );
  return rows[0] ?? null;
}

export async function upsertMember(tx: Sql, m: MemberRow): Promise<void> {
  await tx.query(
    `INSERT INTO cabinet_members (body_code, user_id, role, title, substitute_user_id, position) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (body_code, user_id) DO UPDATE SET role = EXCLUDED.role, title = EXCLUDED.title,
       substitute_user_id = EXCLUDED.substitute_user_id, position = EXCLUDED.position`,
    [m.bodyCode, m.userId, m.role, m.title, m.substituteUserId, m.position],
  );
}

const MEMBER_COLUMNS = `body_code AS "bodyCode", user_id AS "userId", role, title, substitute_user_id AS "substituteUserId", position`;

export async function listMembers(tx: Sql, bodyCode: string): Promise<MemberRow[]> {
  return tx.query<MemberRow>(`SELECT ${MEMBER_COLUMNS} FROM cabinet_members WHERE body_code = $1 ORDER BY position`, [bodyCode]);
}

/** A member of a body, or null. */
export async function findMember(tx: Sql, bodyCode: string, userId: string): Promise<MemberRow | null> {
  const rows = await tx.query<MemberRow>(`SELECT ${MEMBER_COLUMNS} FROM cabinet_members WHERE body_code = $1 AND user_id = $2`, [bodyCode, userId]);
  return rows[0] ?? null;
}

/** The next position in the body's list (new members go last). */
export async function nextMemberPosition(tx: Sql, bodyCode: string): Promise<number> {
  const rows = await tx.query<{ next: number }>('SELECT coalesce(max(position), 0) + 1 AS next FROM cabinet_members WHERE body_code = $1', [bodyCode]);
  return Number(rows[0].next);
}

/** Removes a member (history stays in the audit chain `cabinet-body:<code>` and in frozen forms and votes). */
export async function deleteMember(tx: Sql, bodyCode: string, userId: string): Promise<boolean> {
  const rows = await tx.query('DELETE FROM cabinet_members WHERE body_code = $1 AND user_id = $2 RETURNING user_id', [bodyCode, userId]);
  return rows.length > 0;
}

/** Every body (a system administrator's view), by name. */
export async function listBodies(tx: Sql): Promise<Body[]> {
  return tx.query<Body>(`SELECT ${BODY_COLUMNS} FROM cabinet_bodies ORDER BY name`);
}

/** The rules of a body, newest first (law as data: each with the date it applies from). */
export async function listRules(tx: Sql, bodyCode: string): Promise<DecisionRule[]> {
  return tx.query<DecisionRule>(
    `SELECT deemed_agreement AS "deemedAgreement", tie_break AS "tieBreak", legal_basis AS "legalBasis", to_char(valid_from, 'YYYY-MM-DD') AS "validFrom"
       FROM cabinet_body_rules WHERE body_code = $1 ORDER BY valid_from DESC`,
    [bodyCode],
  );
}

/** Sets the rule that applies from `validFrom` (a new row, or the same future date restated). */
export async function upsertRule(tx: Sql, bodyCode: string, r: DecisionRule): Promise<void> {
  await tx.query(
    `INSERT INTO cabinet_body_rules (body_code, valid_from, deemed_agreement, tie_break, legal_basis) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (body_code, valid_from) DO UPDATE SET deemed_agreement = EXCLUDED.deemed_agreement, tie_break = EXCLUDED.tie_break, legal_basis = EXCLUDED.legal_basis`,
    [bodyCode, r.validFrom, r.deemedAgreement, r.tieBreak, r.legalBasis],
  );
}

export async function membershipsOf(tx: Sql, userId: string): Promise<MemberRow[]> {
  return tx.query<MemberRow>(`SELECT ${MEMBER_COLUMNS} FROM cabinet_members WHERE user_id = $1 ORDER BY body_code`, [userId]);
}

// ---------------------------------------------------------------- opinion forms

/** A voting member as frozen on a sent form or an opened vote (names kept: the member may leave the body later). */
export interface FrozenVoter {
  userId: string;
  username: string;
  fullName: string;
  title: string;
  role: MemberRole;
}

export type FormStatus = 'draft' | 'approved' | 'sent' | 'closed';
export type Choice = 'agree' | 'disagree' | 'other';

export interface FormRow {
  id: string;
  bodyCode: string;
  subject: string;
  question: string;
  options: Choice[];
  documents: string[];
  deadlineWorkingDays: number;
  deadlineAt: Date;
  status: FormStatus;
  rule: DecisionRule;
  createdBy: string;
  createdAt: Date;
  approvedBy: string | null;
  approvedAt: Date | null;
  sentAt: Date | null;
  closedAt: Date | null;
  closedBy: string | null;
  tally: Tally | null;
  outcome: 'adopted' | 'rejected' | null;
  remindedBefore: boolean;
  remindedOnDay: boolean;
  /** The voting members when the form was sent (null before). */
  voters: FrozenVoter[] | null;
  /** Recipients were left out on drafting: every voting member on the day it is sent. */
  recipientsDefault: boolean;
}

const FORM_COLUMNS = `id, body_code AS "bodyCode", subject, question, options, documents, deadline_working_days AS "deadlineWorkingDays",
  deadline_at AS "deadlineAt", status, rule, created_by AS "createdBy", created_at AS "createdAt", approved_by AS "approvedBy",
  approved_at AS "approvedAt", sent_at AS "sentAt", closed_at AS "closedAt", closed_by AS "closedBy", tally, outcome,
  reminded_before AS "remindedBefore", reminded_on_day AS "remindedOnDay", voters, recipients_default AS "recipientsDefault"`;

export async function insertForm(
  tx: Sql,
  f: Pick<FormRow, 'id' | 'bodyCode' | 'subject' | 'question' | 'options' | 'documents' | 'deadlineWorkingDays' | 'deadlineAt' | 'rule' | 'createdBy' | 'createdAt' | 'recipientsDefault'>,
): Promise<void> {
  await tx.query(
    `INSERT INTO cabinet_opinion_forms (id, body_code, subject, question, options, documents, deadline_working_days, deadline_at, status, rule, created_by, created_at, recipients_default)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'draft', $9, $10, $11, $12)`,
    [f.id, f.bodyCode, f.subject, f.question, f.options, f.documents, f.deadlineWorkingDays, f.deadlineAt, JSON.stringify(f.rule), f.createdBy, f.createdAt, f.recipientsDefault],
  );
}

/** A draft's editable fields (before the chair approves it). */
export async function updateDraftForm(
  tx: Sql,
  id: string,
  f: Pick<FormRow, 'subject' | 'question' | 'options' | 'documents' | 'deadlineWorkingDays' | 'deadlineAt' | 'recipientsDefault'>,
): Promise<void> {
  await tx.query(
    `UPDATE cabinet_opinion_forms SET subject = $2, question = $3, options = $4, documents = $5, deadline_working_days = $6, deadline_at = $7, recipients_default = $8
      WHERE id = $1 AND status = 'draft'`,
    [id, f.subject, f.question, f.options, f.documents, f.deadlineWorkingDays, f.deadlineAt, f.recipientsDefault],
  );
}

/** Replaces the recipients of a form not yet sent. */
export async function replaceRecipients(tx: Sql, formId: string, userIds: string[]): Promise<void> {
  await tx.query('DELETE FROM cabinet_form_recipients WHERE form_id = $1', [formId]);
  await insertRecipients(tx, formId, userIds);
}

export async function insertRecipients(tx: Sql, formId: string, userIds: string[]): Promise<void> {
  await tx.query('INSERT INTO cabinet_form_recipients (form_id, user_id) SELECT $1, unnest($2::text[])', [formId, userIds]);
}

export async function listRecipients(tx: Sql, formId: string): Promise<string[]> {
  const rows = await tx.query<{ userId: string }>('SELECT user_id AS "userId" FROM cabinet_form_recipients WHERE form_id = $1', [formId]);
  return rows.map((r) => r.userId);
}

export async function findForm(tx: Sql, id: string, options: { lock?: boolean } = {}): Promise<FormRow | null> {
  const rows = await tx.query<FormRow>(`SELECT ${FORM_COLUMNS} FROM cabinet_opinion_forms WHERE id = $1${options.lock ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] ?? null;
}

export async function approveForm(tx: Sql, id: string, by: string, at: Date): Promise<void> {
  await tx.query(`UPDATE cabinet_opinion_forms SET status = 'approved', approved_by = $2, approved_at = $3 WHERE id = $1`, [id, by, at]);
}

/** Sends the form, freezing the body's voting members of that moment. */
export async function sendForm(tx: Sql, id: string, at: Date, voters: FrozenVoter[]): Promise<void> {
  await tx.query(`UPDATE cabinet_opinion_forms SET status = 'sent', sent_at = $2, voters = $3 WHERE id = $1`, [id, at, JSON.stringify(voters)]);
}

export async function closeForm(tx: Sql, id: string, c: { by: string | null; at: Date; tally: Tally; outcome: 'adopted' | 'rejected' }): Promise<void> {
  await tx.query(`UPDATE cabinet_opinion_forms SET status = 'closed', closed_by = $2, closed_at = $3, tally = $4, outcome = $5 WHERE id = $1`, [
    id,
    c.by,
    c.at,
    JSON.stringify(c.tally),
    c.outcome,
  ]);
}

/** Forms a user may see in their list: recipients of sent forms; the body's secretariat and chair see every form. */
export async function listFormsFor(tx: Sql, userId: string): Promise<(FormRow & { answered: boolean })[]> {
  return tx.query(
    `SELECT f.*, EXISTS (SELECT 1 FROM cabinet_answers a WHERE a.form_id = f.id AND a.user_id = $1) AS answered
       FROM (SELECT ${FORM_COLUMNS} FROM cabinet_opinion_forms) f
      WHERE (f.status IN ('sent', 'closed') AND EXISTS (SELECT 1 FROM cabinet_form_recipients r WHERE r.form_id = f.id AND r.user_id = $1))
         OR EXISTS (SELECT 1 FROM cabinet_members m WHERE m.body_code = f."bodyCode" AND m.user_id = $1 AND m.role IN ('secretariat', 'chair'))
      ORDER BY (f.status = 'closed'), f."deadlineAt", f."createdAt" DESC
      LIMIT 200`,
    [userId],
  );
}

export async function dueForms(tx: Sql, now: Date): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(`SELECT id FROM cabinet_opinion_forms WHERE status = 'sent' AND deadline_at <= $1 ORDER BY deadline_at`, [now]);
  return rows.map((r) => r.id);
}

export async function openForms(tx: Sql): Promise<FormRow[]> {
  return tx.query<FormRow>(`SELECT ${FORM_COLUMNS} FROM cabinet_opinion_forms WHERE status = 'sent' ORDER BY deadline_at`);
}

export async function markReminded(tx: Sql, id: string, which: 'before' | 'on_day'): Promise<boolean> {
  const column = which === 'before' ? 'reminded_before' : 'reminded_on_day';
  const rows = await tx.query(`UPDATE cabinet_opinion_forms SET ${column} = true WHERE id = $1 AND NOT ${column} RETURNING id`, [id]);
  return rows.length > 0;
}

export interface AnswerRow {
  formId: string;
  userId: string;
  choice: Choice;
  comment: string | null;
  at: Date;
  version: number;
  signedText: string;
  signature: string;
}

const ANSWER_COLUMNS = `form_id AS "formId", user_id AS "userId", choice, comment, at, version, signed_text AS "signedText", signature`;

export async function listAnswers(tx: Sql, formId: string): Promise<AnswerRow[]> {
  return tx.query<AnswerRow>(`SELECT ${ANSWER_COLUMNS} FROM cabinet_answers WHERE form_id = $1 ORDER BY at`, [formId]);
}

export async function findAnswer(tx: Sql, formId: string, userId: string): Promise<AnswerRow | null> {
  const rows = await tx.query<AnswerRow>(`SELECT ${ANSWER_COLUMNS} FROM cabinet_answers WHERE form_id = $1 AND user_id = $2`, [formId, userId]);
  return rows[0] ?? null;
}

export async function saveAnswer(tx: Sql, a: AnswerRow): Promise<void> {
  await tx.query(
    `INSERT INTO cabinet_answers (form_id, user_id, choice, comment, at, version, signed_text, signature) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (form_id, user_id) DO UPDATE SET choice = EXCLUDED.choice, comment = EXCLUDED.comment, at = EXCLUDED.at,
       version = EXCLUDED.version, signed_text = EXCLUDED.signed_text, signature = EXCLUDED.signature`,
    [a.formId, a.userId, a.choice, a.comment, a.at, a.version, a.signedText, a.signature],
  );
  await tx.query(
    `INSERT INTO cabinet_answer_versions (form_id, user_id, version, choice, comment, at, signed_text, signature) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [a.formId, a.userId, a.version, a.choice, a.comment, a.at, a.signedText, a.signature],
  );
}

// ---------------------------------------------------------------- conclusions and tasks

export interface ConclusionRow {
  id: string;
  bodyCode: string;
  number: string;
  year: number;
  seq: number;
  kind: 'conclusion' | 'resolution';
  sourceType: 'opinion_form' | 'meeting';
  sourceId: string;
  title: string;
  text: string;
  fileId: string;
  sha256: string;
  issuedBy: string;
  issuedAt: Date;
  /** The edXML document sent over the interconnection axis (null: no agency to send to). */
  exchangeDocumentId: string | null;
  /** Agencies the document could not be sent to. */
  unreached: { agency: string; reason: 'no_installation' | 'sender_not_hosted' }[];
}

const CONCLUSION_COLUMNS = `id, body_code AS "bodyCode", number, year, seq, kind, source_type AS "sourceType", source_id AS "sourceId", title, text,
  file_id AS "fileId", sha256, issued_by AS "issuedBy", issued_at AS "issuedAt", exchange_document_id AS "exchangeDocumentId", unreached`;

export async function nextConclusionSeq(tx: Sql, bodyCode: string, year: number): Promise<number> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`cabinet-conclusion:${bodyCode}:${year}`]);
  const rows = await tx.query<{ seq: number }>('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM cabinet_conclusions WHERE body_code = $1 AND year = $2', [bodyCode, year]);
  return Number(rows[0].seq);
}

export async function insertConclusion(tx: Sql, c: ConclusionRow): Promise<void> {
  await tx.query(
    `INSERT INTO cabinet_conclusions (id, body_code, number, year, seq, kind, source_type, source_id, title, text, file_id, sha256, issued_by, issued_at, exchange_document_id, unreached)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
    [c.id, c.bodyCode, c.number, c.year, c.seq, c.kind, c.sourceType, c.sourceId, c.title, c.text, c.fileId, c.sha256, c.issuedBy, c.issuedAt, c.exchangeDocumentId, JSON.stringify(c.unreached)],
  );
}

export async function findConclusion(tx: Sql, id: string): Promise<ConclusionRow | null> {
  const rows = await tx.query<ConclusionRow>(`SELECT ${CONCLUSION_COLUMNS} FROM cabinet_conclusions WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

export async function conclusionsOf(tx: Sql, sourceType: ConclusionRow['sourceType'], sourceId: string): Promise<ConclusionRow[]> {
  return tx.query<ConclusionRow>(`SELECT ${CONCLUSION_COLUMNS} FROM cabinet_conclusions WHERE source_type = $1 AND source_id = $2 ORDER BY issued_at`, [sourceType, sourceId]);
}

export type TaskStatus = 'assigned' | 'in_progress' | 'done';

export interface TaskRow {
  id: string;
  bodyCode: string;
  conclusionId: string;
  title: string;
  assigneeAgencyCode: string;
  dueDate: string;
  status: TaskStatus;
  createdAt: Date;
  doneAt: Date | null;
  remindedOn: string | null;
}

const TASK_COLUMNS = `id, body_code AS "bodyCode", conclusion_id AS "conclusionId", title, assignee_agency_code AS "assigneeAgencyCode",
  to_char(due_date, 'YYYY-MM-DD') AS "dueDate", status, created_at AS "createdAt", done_at AS "doneAt", to_char(reminded_on, 'YYYY-MM-DD') AS "remindedOn"`;

export async function insertTask(tx: Sql, t: Omit<TaskRow, 'doneAt' | 'remindedOn' | 'status'>): Promise<void> {
  await tx.query(
    `INSERT INTO cabinet_tasks (id, body_code, conclusion_id, title, assignee_agency_code, due_date, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, 'assigned', $7)`,
    [t.id, t.bodyCode, t.conclusionId, t.title, t.assigneeAgencyCode, t.dueDate, t.createdAt],
  );
}

export async function findTask(tx: Sql, id: string, options: { lock?: boolean } = {}): Promise<TaskRow | null> {
  const rows = await tx.query<TaskRow>(`SELECT ${TASK_COLUMNS} FROM cabinet_tasks WHERE id = $1${options.lock ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] ?? null;
}

/** Tasks of the bodies where the user is secretariat or chair, plus those assigned to the given agencies. */
export async function listTasksFor(tx: Sql, userId: string, agencyCodes: string[], conclusionId?: string): Promise<TaskRow[]> {
  return tx.query<TaskRow>(
    `SELECT ${TASK_COLUMNS} FROM cabinet_tasks t
      WHERE (EXISTS (SELECT 1 FROM cabinet_members m WHERE m.body_code = t.body_code AND m.user_id = $1 AND m.role IN ('secretariat', 'chair', 'vice_chair'))
             OR t.assignee_agency_code = ANY($2::text[]))
        AND ($3::text IS NULL OR t.conclusion_id = $3)
      ORDER BY (t.status = 'done'), t.due_date, t.created_at`,
    [userId, agencyCodes, conclusionId ?? null],
  );
}

export async function setTaskStatus(tx: Sql, id: string, status: TaskStatus, at: Date): Promise<void> {
  await tx.query(`UPDATE cabinet_tasks SET status = $2, done_at = CASE WHEN $2 = 'done' THEN $3::timestamptz ELSE NULL END WHERE id = $1`, [id, status, at]);
}

export interface TaskReportRow {
  id: string;
  taskId: string;
  at: Date;
  byUser: string;
  status: 'in_progress' | 'done';
  note: string;
}

export async function insertTaskReport(tx: Sql, r: TaskReportRow): Promise<void> {
  await tx.query('INSERT INTO cabinet_task_reports (id, task_id, at, by_user, status, note) VALUES ($1, $2, $3, $4, $5, $6)', [r.id, r.taskId, r.at, r.byUser, r.status, r.note]);
}

export async function listTaskReports(tx: Sql, taskId: string): Promise<TaskReportRow[]> {
  return tx.query<TaskReportRow>('SELECT id, task_id AS "taskId", at, by_user AS "byUser", status, note FROM cabinet_task_reports WHERE task_id = $1 ORDER BY at', [taskId]);
}

/** Open tasks due on or before `date` not yet reminded that day (locks them). */
export async function takeTasksToRemind(tx: Sql, date: string): Promise<TaskRow[]> {
  return tx.query<TaskRow>(
    `UPDATE cabinet_tasks SET reminded_on = $1::date
      WHERE status <> 'done' AND due_date <= $1::date AND (reminded_on IS NULL OR reminded_on < $1::date)
      RETURNING ${TASK_COLUMNS}`,
    [date],
  );
}

// ---------------------------------------------------------------- meetings

export type MeetingStatus = 'scheduled' | 'in_progress' | 'ended';

export interface MeetingRow {
  id: string;
  bodyCode: string;
  title: string;
  startsAt: Date;
  location: string;
  status: MeetingStatus;
  currentItemId: string | null;
  minutes: string | null;
  createdBy: string;
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  version: number;
  /** The signed minutes (biên bản) once issued: the stored PDF, its SHA-256, when and by whom. */
  minutesFileId: string | null;
  minutesSha256: string | null;
  minutesSignedAt: Date | null;
}

const MEETING_COLUMNS = `id, body_code AS "bodyCode", title, starts_at AS "startsAt", location, status, current_item_id AS "currentItemId", minutes,
  created_by AS "createdBy", created_at AS "createdAt", started_at AS "startedAt", ended_at AS "endedAt", version,
  minutes_file_id AS "minutesFileId", minutes_sha256 AS "minutesSha256", minutes_signed_at AS "minutesSignedAt"`;

/** Records the signed minutes; the text is final from then on. */
export async function setMinutesDocument(tx: Sql, id: string, m: { fileId: string; sha256: string; at: Date; by: string }): Promise<void> {
  await tx.query('UPDATE cabinet_meetings SET minutes_file_id = $2, minutes_sha256 = $3, minutes_signed_at = $4, minutes_signed_by = $5 WHERE id = $1', [
    id,
    m.fileId,
    m.sha256,
    m.at,
    m.by,
  ]);
}

export async function insertMeeting(tx: Sql, m: Pick<MeetingRow, 'id' | 'bodyCode' | 'title' | 'startsAt' | 'location' | 'createdBy' | 'createdAt'>): Promise<void> {
  await tx.query(
    `INSERT INTO cabinet_meetings (id, body_code, title, starts_at, location, status, created_by, created_at) VALUES ($1, $2, $3, $4, $5, 'scheduled', $6, $7)`,
    [m.id, m.bodyCode, m.title, m.startsAt, m.location, m.createdBy, m.createdAt],
  );
}

export async function findMeeting(tx: Sql, id: string, options: { lock?: boolean } = {}): Promise<MeetingRow | null> {
  const rows = await tx.query<MeetingRow>(`SELECT ${MEETING_COLUMNS} FROM cabinet_meetings WHERE id = $1${options.lock ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] ?? null;
}

/** Applies a change to the meeting and bumps its version (the live room's revision). */
export async function updateMeeting(
  tx: Sql,
  id: string,
  change: Partial<Pick<MeetingRow, 'status' | 'currentItemId' | 'minutes' | 'startedAt' | 'endedAt'>>,
): Promise<number> {
  const columns: Record<string, string> = { status: 'status', currentItemId: 'current_item_id', minutes: 'minutes', startedAt: 'started_at', endedAt: 'ended_at' };
  const sets: string[] = [];
  const values: unknown[] = [id];
  for (const [key, value] of Object.entries(change)) {
    values.push(value);
    sets.push(`${columns[key]} = $${values.length}`);
  }
  const rows = await tx.query<{ version: number }>(
    `UPDATE cabinet_meetings SET ${[...sets, 'version = version + 1'].join(', ')} WHERE id = $1 RETURNING version`,
    values,
  );
  return rows[0].version;
}

/** Meetings of a user: invited (or named substitute), or secretariat/chair of the body. */
export async function listMeetingsFor(tx: Sql, userId: string): Promise<MeetingRow[]> {
  return tx.query<MeetingRow>(
    `SELECT ${MEETING_COLUMNS} FROM cabinet_meetings g
      WHERE EXISTS (SELECT 1 FROM cabinet_invitations i WHERE i.meeting_id = g.id AND (i.user_id = $1 OR i.substitute_user_id = $1))
         OR EXISTS (SELECT 1 FROM cabinet_members m WHERE m.body_code = g.body_code AND m.user_id = $1 AND m.role IN ('secretariat', 'chair'))
      ORDER BY (g.status = 'ended'), g.starts_at
      LIMIT 200`,
    [userId],
  );
}

export interface AgendaItemRow {
  id: string;
  meetingId: string;
  position: number;
  title: string;
  presenter: string | null;
  documents: string[];
}

export async function insertAgendaItem(tx: Sql, a: AgendaItemRow): Promise<void> {
  await tx.query('INSERT INTO cabinet_agenda_items (id, meeting_id, position, title, presenter, documents) VALUES ($1, $2, $3, $4, $5, $6)', [
    a.id,
    a.meetingId,
    a.position,
    a.title,
    a.presenter,
    a.documents,
  ]);
}

export async function listAgenda(tx: Sql, meetingId: string): Promise<AgendaItemRow[]> {
  return tx.query<AgendaItemRow>(
    'SELECT id, meeting_id AS "meetingId", position, title, presenter, documents FROM cabinet_agenda_items WHERE meeting_id = $1 ORDER BY position',
    [meetingId],
  );
}

export interface InvitationRow {
  meetingId: string;
  userId: string;
  attendance: 'pending' | 'attend' | 'absent' | 'substitute';
  substituteUserId: string | null;
  note: string | null;
  respondedAt: Date | null;
  /** The substitute is the member's standing substitute, invited when the member declined. */
  substituteStanding?: boolean;
}

export async function insertInvitations(tx: Sql, meetingId: string, userIds: string[]): Promise<void> {
  await tx.query(`INSERT INTO cabinet_invitations (meeting_id, user_id, attendance) SELECT $1, unnest($2::text[]), 'pending'`, [meetingId, userIds]);
}

export async function listInvitations(tx: Sql, meetingId: string): Promise<InvitationRow[]> {
  return tx.query<InvitationRow>(
    `SELECT meeting_id AS "meetingId", user_id AS "userId", attendance, substitute_user_id AS "substituteUserId", note, responded_at AS "respondedAt",
            substitute_standing AS "substituteStanding"
       FROM cabinet_invitations WHERE meeting_id = $1`,
    [meetingId],
  );
}

export async function respondInvitation(tx: Sql, r: InvitationRow): Promise<void> {
  await tx.query(
    `UPDATE cabinet_invitations SET attendance = $3, substitute_user_id = $4, note = $5, responded_at = $6, substitute_standing = $7 WHERE meeting_id = $1 AND user_id = $2`,
    [r.meetingId, r.userId, r.attendance, r.substituteUserId, r.note, r.respondedAt, r.substituteStanding ?? false],
  );
}

export interface SpeakerRow {
  id: string;
  meetingId: string;
  itemId: string | null;
  userId: string;
  state: 'waiting' | 'speaking' | 'done' | 'withdrawn';
  requestedAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
}

const SPEAKER_COLUMNS = `id, meeting_id AS "meetingId", item_id AS "itemId", user_id AS "userId", state, requested_at AS "requestedAt", started_at AS "startedAt", ended_at AS "endedAt"`;

export async function insertSpeaker(tx: Sql, s: SpeakerRow): Promise<void> {
  await tx.query(
    'INSERT INTO cabinet_speakers (id, meeting_id, item_id, user_id, state, requested_at) VALUES ($1, $2, $3, $4, $5, $6)',
    [s.id, s.meetingId, s.itemId, s.userId, s.state, s.requestedAt],
  );
}

export async function listSpeakers(tx: Sql, meetingId: string): Promise<SpeakerRow[]> {
  return tx.query<SpeakerRow>(`SELECT ${SPEAKER_COLUMNS} FROM cabinet_speakers WHERE meeting_id = $1 ORDER BY requested_at, id`, [meetingId]);
}

export async function setSpeakerState(tx: Sql, id: string, state: SpeakerRow['state'], at: Date): Promise<void> {
  await tx.query(
    `UPDATE cabinet_speakers SET state = $2,
       started_at = CASE WHEN $2 = 'speaking' THEN $3::timestamptz ELSE started_at END,
       ended_at = CASE WHEN $2 IN ('done', 'withdrawn') THEN $3::timestamptz ELSE ended_at END
     WHERE id = $1`,
    [id, state, at],
  );
}

export interface VoteRow {
  id: string;
  meetingId: string;
  itemId: string;
  question: string;
  status: 'open' | 'closed';
  rule: DecisionRule;
  openedBy: string;
  openedAt: Date;
  closedAt: Date | null;
  tally: Tally | null;
  outcome: 'adopted' | 'rejected' | null;
  /** The voting members when the vote was opened. */
  voters: FrozenVoter[] | null;
}

const VOTE_COLUMNS = `id, meeting_id AS "meetingId", item_id AS "itemId", question, status, rule, opened_by AS "openedBy", opened_at AS "openedAt",
  closed_at AS "closedAt", tally, outcome, voters`;

export async function insertVote(tx: Sql, v: Pick<VoteRow, 'id' | 'meetingId' | 'itemId' | 'question' | 'rule' | 'openedBy' | 'openedAt'> & { voters: FrozenVoter[] }): Promise<void> {
  await tx.query(
    `INSERT INTO cabinet_votes (id, meeting_id, item_id, question, status, rule, opened_by, opened_at, voters) VALUES ($1, $2, $3, $4, 'open', $5, $6, $7, $8)`,
    [v.id, v.meetingId, v.itemId, v.question, JSON.stringify(v.rule), v.openedBy, v.openedAt, JSON.stringify(v.voters)],
  );
}

export async function findVote(tx: Sql, id: string, options: { lock?: boolean } = {}): Promise<VoteRow | null> {
  const rows = await tx.query<VoteRow>(`SELECT ${VOTE_COLUMNS} FROM cabinet_votes WHERE id = $1${options.lock ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] ?? null;
}

export async function listVotes(tx: Sql, meetingId: string): Promise<VoteRow[]> {
  return tx.query<VoteRow>(`SELECT ${VOTE_COLUMNS} FROM cabinet_votes WHERE meeting_id = $1 ORDER BY opened_at`, [meetingId]);
}

export async function closeVote(tx: Sql, id: string, c: { at: Date; tally: Tally; outcome: 'adopted' | 'rejected' }): Promise<void> {
  await tx.query(`UPDATE cabinet_votes SET status = 'closed', closed_at = $2, tally = $3, outcome = $4 WHERE id = $1`, [id, c.at, JSON.stringify(c.tally), c.outcome]);
}

export interface BallotRow {
  voteId: string;
  memberId: string;
  castBy: string;
  choice: 'agree' | 'disagree' | 'abstain';
  at: Date;
  signedText: string;
  signature: string;
}

export async function insertBallot(tx: Sql, b: BallotRow): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO cabinet_ballots (vote_id, member_id, cast_by, choice, at, signed_text, signature) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (vote_id, member_id) DO NOTHING RETURNING vote_id`,
    [b.voteId, b.memberId, b.castBy, b.choice, b.at, b.signedText, b.signature],
  );
  return rows.length > 0;
}

export async function listBallots(tx: Sql, voteId: string): Promise<BallotRow[]> {
  return tx.query<BallotRow>(
    'SELECT vote_id AS "voteId", member_id AS "memberId", cast_by AS "castBy", choice, at, signed_text AS "signedText", signature FROM cabinet_ballots WHERE vote_id = $1 ORDER BY at',
    [voteId],
  );
}

/* ---------- the command center's tile (task-figures.ts) ---------- */

/** The assignee agencies `a` within a scope ($1 its code). */
const TASK_SCOPE: Record<'national' | 'province' | 'commune' | 'agency', string> = {
  national: '$1::text IS NOT NULL',
  province: 'a.province_code = $1',
  commune: "a.level = 'xa' AND a.admin_unit_code = $1",
  agency: 'a.code = $1',
};
const TASK_SHOW: Record<'open' | 'due_soon' | 'overdue', string> = {
  open: "t.status <> 'done'",
  due_soon: "t.status <> 'done' AND t.due_date BETWEEN $2::date AND $3::date",
  overdue: "t.status <> 'done' AND t.due_date < $2::date",
};

export async function taskCountsIn(tx: Sql, scope: { kind: keyof typeof TASK_SCOPE; code: string }, today: string, soonUntil: string) {
  const [r] = await tx.query<{ open: number; dueSoon: number; overdue: number }>(
    `SELECT count(*) FILTER (WHERE ${TASK_SHOW.open})::int AS open, count(*) FILTER (WHERE ${TASK_SHOW.due_soon})::int AS "dueSoon",
            count(*) FILTER (WHERE ${TASK_SHOW.overdue})::int AS overdue
       FROM cabinet_tasks t JOIN agencies a ON a.code = t.assignee_agency_code
      WHERE ${TASK_SCOPE[scope.kind]}`,
    [scope.code, today, soonUntil],
  );
  return r;
}

export async function listTasksIn(
  tx: Sql,
  scope: { kind: keyof typeof TASK_SCOPE; code: string },
  today: string,
  soonUntil: string,
  show: keyof typeof TASK_SHOW,
  limit: number,
) {
  return tx.query<TaskRow & { assigneeName: string; conclusionNumber: string; conclusionTitle: string }>(
    `SELECT t.id, t.body_code AS "bodyCode", t.conclusion_id AS "conclusionId", t.title, t.assignee_agency_code AS "assigneeAgencyCode",
            a.name AS "assigneeName", to_char(t.due_date, 'YYYY-MM-DD') AS "dueDate", t.status, t.created_at AS "createdAt", t.done_at AS "doneAt",
            NULL AS "remindedOn", c.number AS "conclusionNumber", c.title AS "conclusionTitle"
       FROM cabinet_tasks t JOIN agencies a ON a.code = t.assignee_agency_code JOIN cabinet_conclusions c ON c.id = t.conclusion_id
      WHERE ${TASK_SCOPE[scope.kind]} AND ${TASK_SHOW[show]} AND $2::date IS NOT NULL AND $3::date IS NOT NULL
      ORDER BY t.due_date, t.created_at, t.id LIMIT $4`,
    [scope.code, today, soonUntil, limit],
  );
}
