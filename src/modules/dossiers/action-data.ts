import type { LoggedAction } from './actions.ts';
import type { Intake } from './dossiers.types.ts';
import type { DocumentRef } from './dossiers.contract.ts';
import type { ResultReturnMethod } from './dossiers.events.ts';
import type { Timeliness } from './timeliness.ts';

/**
 * What each entry of a dossier's log carries in `data`: every value decided when the action was
 * taken (the reducer, the forms and the answers read only this). One type per action, so a
 * reader narrows by `action` (the way OpenCRVS types its actions) instead of guessing with
 * `typeof`. Instants are ISO strings, dates `YYYY-MM-DD`. Fields marked optional are absent in
 * some entries (an older log, or a branch of the use case).
 */
type Instant = string;
type LocalDate = string;

/** An appointment set or moved by the action. */
interface NewAppointment {
  dueAt: Instant;
  dueDate: LocalDate;
}

/** A liên thông step opened by the action. */
export interface OpenedStepData {
  step: number;
  agency: string;
  subDueAt: Instant | null;
}

/** The signed result the action issued (signatures module). */
export interface IssuedResultData {
  resultId: string;
  resultNumber: string;
  signedFileId: string;
}

export interface ActionData {
  submit: {
    receivingAgency: string;
    competentAgency: string;
    procedureVersionId: string;
    channel: 'online' | 'direct' | 'postal';
    /** Online, for someone else: who submits and the authorisation they attached. */
    representative?: { fullName: string; idNumber: string | null; authorisationFileId: string };
    /** At the counter: paper received, fee, how the result goes back. */
    intake?: Intake;
  };
  /** Hậu kiểm: the result issued at reception (control mode `post`, or `hybrid` at low risk). */
  receive: NewAppointment & { code: string; forwardByDate?: LocalDate | null; controlMode?: 'post' | 'hybrid' } & Partial<IssuedResultData>;
  reject: { reason: string };
  request_supplement: {
    reason: string;
    /** Component codes asked for. */
    components: string[];
    phase: 'intake' | 'appraisal';
    elapsedWorkingDays?: number;
    lateSupplement?: boolean;
  };
  submit_supplement: {
    documents: DocumentRef[];
    phase: 'intake' | 'appraisal';
    /** Components of the Mẫu 02 still missing: the dossier keeps waiting. */
    stillMissing?: string[];
    /** In appraisal, complete: the deadline restarts from zero. */
    restarted?: true;
  } & Partial<NewAppointment>;
  assign: { assignee: string; assigneeUsername: string; assigneeName: string };
  forward: { toAgency: string; fromAgency: string; note: string | null; step?: number };
  dispatch: { note: string | null; opened: OpenedStepData[] };
  complete_step: {
    step: number;
    agency: string;
    note: string;
    resultFileId: string | null;
    outcome: Timeliness | null;
    opened: OpenedStepData[];
    /** Every step of the version done: the dossier returns to the lead agency. */
    allDone: boolean;
  };
  recall_step: { step: number; fromAgency: string; toAgency: string; subDueAt: Instant | null; reason: string };
  approve: {
    note: string | null;
    resultFileId: string | null;
    /** Issuance 'by_clerk': the agency whose clerk issues the result next. */
    awaitingIssueBy?: string;
  } & Partial<IssuedResultData>;
  issue_result: IssuedResultData;
  stop: { reason: string };
  request_payment: { amountVnd: number; reason: string };
  confirm_payment: { reference: string; pausedWorkingDays?: number } & Partial<NewAppointment>;
  extend: NewAppointment & { reason: string; previousDueAt: Instant | null; lateApology: boolean; overdue: boolean };
  return_result: {
    /** How the result went back (absent in entries written before it was recorded). */
    returnMethod?: ResultReturnMethod;
    /** At the desk: who collected it. */
    collectedBy?: { fullName: string; idNumber?: string };
    /** By post: the postal item's number. */
    postalReference?: string;
  };
  withdraw: { reason: string | null };
}

/** One entry of the append-only log. */
interface LogEntry {
  seq: number;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  actorAgency: string | null;
}

/** Any entry of the log: narrow by `action` to read its data (indexing `ActionData` by every action: complete or it does not compile). */
export type ActionRecord = { [A in LoggedAction]: LogEntry & { action: A; data: ActionData[A] } }[LoggedAction];

/** An entry of action `A`, its data typed. */
export type ActionRecordOf<A extends LoggedAction> = Extract<ActionRecord, { action: A }>;

/** A type guard for entries of some actions: `log.filter(isAction('approve')).at(-1)?.data.note`. */
export const isAction =
  <A extends LoggedAction>(...actions: A[]) =>
  (entry: ActionRecord): entry is ActionRecordOf<A> =>
    (actions as LoggedAction[]).includes(entry.action);

/** The last entry of one of `actions` in the log, if any. */
export const lastOf = <A extends LoggedAction>(log: readonly ActionRecord[], ...actions: A[]): ActionRecordOf<A> | undefined =>
  log.filter(isAction(...actions)).at(-1) as ActionRecordOf<A> | undefined;
