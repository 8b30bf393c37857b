import type { Sql } from '#platform/db.ts';
import type { NewStep, Step } from './dossiers.types.ts';

/** Hand-overs and liên thông steps of a dossier (`dossier_steps`, Mẫu 05). */

/** A `dossier_steps` row as the database returns it (dates as `Date`). */
export interface StepRowDb {
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
}

export const toStep = (r: StepRowDb): Step => ({
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
});

export async function listSteps(tx: Sql, dossierId: string): Promise<Step[]> {
  const rows = await tx.query<StepRowDb>('SELECT * FROM dossier_steps WHERE dossier_id = $1 ORDER BY seq', [dossierId]);
  return rows.map(toStep);
}

/** A step's outcome against its sub-deadline when finished at `at` (a parameter; Mẫu 05). */
const stepOutcome = (at: string) => `CASE WHEN sub_due_at IS NULL THEN NULL
                      WHEN ${at} > sub_due_at THEN 'qua_han'
                      WHEN (${at} AT TIME ZONE 'Asia/Ho_Chi_Minh')::date < (sub_due_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
                        THEN 'truoc_han'
                      ELSE 'dung_han' END`;
const STEP_OUTCOME = stepOutcome('$2');

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

/**
 * A hand-over in one statement (issue 13 item 4): the open plain hand-overs closed at `at` (as
 * `closeOpenHandOvers`) and the new step opened (as `insertStep`). Open liên thông steps stay
 * open: a hand-over within the lead while they run (an assignment) is not their completion —
 * closing them left the next steps waiting for ever and let the lead approve without them.
 */
export async function handOver(tx: Sql, dossierId: string, at: Date, step: NewStep): Promise<void> {
  await tx.query(`WITH ${handOverCtes(1, 2)} SELECT count(*) FROM opened`, [dossierId, ...handOverValues(at, step)]);
}

/**
 * The writes of `handOver` as the CTEs `closed` and `opened` (each `RETURNING *`) of a statement
 * that writes the hand-over with more (a reception's last statement), the dossier id at
 * `$<dossier>` and the 10 values of `handOverValues` from `$<first>` on. The insert's next `seq`
 * reads the rows as they were before the statement: closing changes no `seq`.
 */
export function handOverCtes(dossier: number, first: number): string {
  const $ = (i: number) => `$${first + i}`;
  return `closed AS (
       UPDATE dossier_steps SET finished_at = ${$(0)}, outcome = ${stepOutcome($(0))}
       WHERE dossier_id = $${dossier} AND finished_at IS NULL AND step_seq IS NULL
       RETURNING *
     ), opened AS (
       INSERT INTO dossier_steps (dossier_id, seq, from_agency, from_user, to_agency, to_user, sent_at, accepted_at, sub_due_at, note, step_seq)
       SELECT $${dossier}, COALESCE(max(seq), 0) + 1, ${[1, 2, 3, 4, 5, 6, 7, 8, 9].map($).join(', ')} FROM dossier_steps WHERE dossier_id = $${dossier}
       RETURNING *
     )`;
}

/** A new step's values in the column order of `dossier_steps` (from_agency … step_seq). */
const stepValues = (step: NewStep): unknown[] => [
  step.fromAgency,
  step.fromUser,
  step.toAgency,
  step.toUser,
  step.sentAt,
  step.acceptedAt,
  step.subDueAt,
  step.note,
  step.stepSeq ?? null,
];

export const handOverValues = (at: Date, step: NewStep): unknown[] => [at, ...stepValues(step)];

export async function insertStep(tx: Sql, dossierId: string, step: NewStep): Promise<void> {
  await tx.query(
    `INSERT INTO dossier_steps (dossier_id, seq, from_agency, from_user, to_agency, to_user, sent_at, accepted_at, sub_due_at, note, step_seq)
     SELECT $1, COALESCE(max(seq), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9, $10 FROM dossier_steps WHERE dossier_id = $1`,
    [dossierId, ...stepValues(step)],
  );
}
