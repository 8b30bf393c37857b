import type { Sql } from '#platform/db.ts';
import { type DossierStatus, statusesIn } from './statuses.ts';

/** The officers' queues, their counts and an agency's overview figures (reads over `dossiers` and `dossier_steps`). */

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

/** Received and not finished: what an agency has in hand. */
const ACTIVE = statusesIn('agency', 'applicant', 'result');
/** Statuses in which the agency holds the clock (as the due-soon scan). */
const CLOCK_RUNNING = `d.status IN (${statusesIn('agency')})`;

/** An open liên thông step of the caller's agencies (`$1`, narrowed by `$3`) past its sub-deadline. */
const LATE_STEP_AT = `EXISTS (SELECT 1 FROM dossier_steps s WHERE s.dossier_id = d.id AND s.step_seq IS NOT NULL
     AND s.finished_at IS NULL AND s.sub_due_at < p.now AND s.to_agency = ANY($1::text[]) AND ($3::text IS NULL OR s.to_agency = $3))`;

/** An open liên thông step of the caller's agencies due within the due-soon window, not yet late. */
const SOON_STEP_AT = `EXISTS (SELECT 1 FROM dossier_steps s WHERE s.dossier_id = d.id AND s.step_seq IS NOT NULL
     AND s.finished_at IS NULL AND s.sub_due_at > p.now AND (s.sub_due_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date <= p.soon
     AND s.to_agency = ANY($1::text[]) AND ($3::text IS NULL OR s.to_agency = $3))`;

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
  // the dossier due within one working day while the agency holds the clock, or a liên thông step of the caller's agency due as soon
  due_soon: `((${CLOCK_RUNNING} AND d.due_at > p.now AND d.due_date <= p.soon) OR (d.status = 'IN_PROCESSING' AND ${SOON_STEP_AT}))`,
  // the dossier past its appointment while the agency holds the clock, or a liên thông step of the caller's agency past its sub-deadline
  overdue: `((${CLOCK_RUNNING} AND d.due_at < p.now) OR (d.status = 'IN_PROCESSING' AND ${LATE_STEP_AT}))`,
  waiting: `d.status IN (${statusesIn('applicant')})`,
  // chờ phát hành: approved results the caller's agency (its clerk) must still issue
  to_issue: `d.status = 'RESULT_READY' AND d.awaiting_issue_by = ANY($1::text[]) AND ($3::text IS NULL OR d.awaiting_issue_by = $3)`,
  done: `d.status IN (${statusesIn('result', 'closed')})`,
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
       OR d.reference ILIKE '%' || $4 || '%'
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
  /** Mã tra cứu (HS-…), given at submission: the dossier's name before it has a code. */
  reference: string | null;
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
  reference: string | null;
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
  reference: r.reference,
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
    `SELECT d.id, d.code, d.reference, d.procedure_code, d.procedure_version_id, d.applicant->>'fullName' AS applicant_name, d.status,
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

/**
 * What an agency answers for in time (the overview's overdue and due-soon figures): a dossier
 * whose clock runs while the agency holds it (`current_agency`: a forwarded dossier is the
 * receiving agency's no more), and the open liên thông steps the agency works, each judged by
 * its own sub-deadline. `$1` agency, `$2` now, `$3` the last due-soon date.
 */
const HELD_HERE = `(d.current_agency = $1 AND ${CLOCK_RUNNING})`;
const OPEN_STEP_HERE = `s.dossier_id = d.id AND s.step_seq IS NOT NULL AND s.finished_at IS NULL AND s.to_agency = $1 AND s.sub_due_at IS NOT NULL`;
/** The soonest due open step of the agency on the dossier, as `{step, subDueAt}`. */
const STEP_HERE = `(SELECT json_build_object('step', s.step_seq, 'subDueAt', s.sub_due_at, 'toUser', s.to_user)
   FROM dossier_steps s WHERE ${OPEN_STEP_HERE} AND d.status = 'IN_PROCESSING' ORDER BY s.sub_due_at, s.step_seq LIMIT 1)`;
const ANSWERS_HERE = `(SELECT d.*, ${HELD_HERE} AS held, ${STEP_HERE} AS step FROM dossiers d
   WHERE ${HELD_HERE} OR (d.status = 'IN_PROCESSING' AND EXISTS (SELECT 1 FROM dossier_steps s WHERE ${OPEN_STEP_HERE})))`;
/** Late: the dossier held here past its appointment, or the agency's step past its sub-deadline. */
const STEP_DUE = `(step->>'subDueAt')::timestamptz`;
const LATE_HERE = `coalesce((held AND d.due_at < $2) OR ${STEP_DUE} < $2, false)`;
const SOON_HERE = `(NOT ${LATE_HERE} AND coalesce((held AND d.due_at > $2 AND d.due_date <= $3::date)
   OR (${STEP_DUE} > $2 AND (${STEP_DUE} AT TIME ZONE 'Asia/Ho_Chi_Minh')::date <= $3::date), false))`;

export interface AgencyFigures {
  dueSoon: number;
  overdue: number;
}

/**
 * What an agency answers for (`ANSWERS_HERE`) due soon and overdue. (Its counts per status and
 * by timeliness come from the indicators' read model: `agencyDossierCounts`.)
 */
export async function agencyFigures(tx: Sql, agencyCode: string, now: Date, dueSoonUntil: string): Promise<AgencyFigures> {
  const [t] = await tx.query<{ due_soon: number; overdue: number }>(
    `SELECT count(*) FILTER (WHERE ${SOON_HERE})::int AS due_soon, count(*) FILTER (WHERE ${LATE_HERE})::int AS overdue
     FROM ${ANSWERS_HERE} d`,
    [agencyCode, now, dueSoonUntil],
  );
  return { dueSoon: t.due_soon, overdue: t.overdue };
}

export interface OverdueRow extends QueueRow {
  /** The agency's own late liên thông step, when it is that step (not the dossier held here) that is late. */
  lateStep: { step: number; subDueAt: Date; toUser: string | null } | null;
}

/** What an agency answers for and is late with (`LATE_HERE`), most overdue first. */
export async function listOverdueAt(tx: Sql, agencyCode: string, now: Date, limit: number): Promise<OverdueRow[]> {
  const rows = await tx.query<QueueRowDb & { held: boolean; step: { step: number; subDueAt: string; toUser: string | null } | null }>(
    `SELECT d.id, d.code, d.reference, d.procedure_code, d.procedure_version_id, d.applicant->>'fullName' AS applicant_name, d.status,
       d.submitted_at, d.received_at, d.due_at, d.finished_at, d.assignee, ${ASSIGNEE_NAME} AS assignee_name,
       d.receiving_agency, d.current_agency, d.held, d.step
     FROM ${ANSWERS_HERE} d WHERE ${LATE_HERE}
     ORDER BY CASE WHEN d.held AND d.due_at < $2 THEN d.due_at ELSE (d.step->>'subDueAt')::timestamptz END, d.id LIMIT $3`,
    [agencyCode, now, limit],
  );
  return rows.map((r) => {
    const heldLate = r.held && r.due_at !== null && r.due_at < now;
    const lateStep = !heldLate && r.step ? { step: r.step.step, subDueAt: new Date(r.step.subDueAt), toUser: r.step.toUser } : null;
    return { ...toQueueRow({ ...r, my_step: null }), lateStep };
  });
}
