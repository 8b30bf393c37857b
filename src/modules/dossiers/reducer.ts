import type { LoggedAction } from './actions.ts';
import type { DossierStatus, Phase } from './statuses.ts';

/** One entry of the append-only log; `data` carries every value decided when it was taken. */
export interface ActionRecord {
  seq: number;
  action: LoggedAction;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  actorAgency: string | null;
  data: Record<string, unknown>;
}

/** Everything about a dossier that the log decides (times as Date, dates as YYYY-MM-DD). */
export interface DossierState {
  status: DossierStatus;
  phase: Phase | null;
  code: string | null;
  receivingAgency: string;
  competentAgency: string;
  currentAgency: string;
  assignee: string | null;
  receivedAt: Date | null;
  dueAt: Date | null;
  dueDate: string | null;
  clockStartedAt: Date | null;
  extended: boolean;
  finishedAt: Date | null;
  paymentRequestedAt: Date | null;
  /** The agency whose clerk must still issue the approved result (issuance 'by_clerk'); null otherwise. */
  awaitingIssueBy: string | null;
}

type Reduce = (s: DossierState, a: ActionRecord) => DossierState;

const str = (v: unknown): string => String(v);
const date = (v: unknown): Date => new Date(String(v));

/** The appointment carried by an action that sets it (receive, restart, payment, extension). */
const withDue = (s: DossierState, a: ActionRecord): DossierState =>
  a.data.dueAt ? { ...s, dueAt: date(a.data.dueAt), dueDate: str(a.data.dueDate) } : s;

const finish = (status: DossierStatus): Reduce => (s, a) => ({ ...s, status, phase: null, finishedAt: a.at });

/** How each action moves the dossier: one line per action, no branching spread elsewhere. */
const effects: Record<Exclude<LoggedAction, 'submit'>, Reduce> = {
  // Reception hands the dossier to the competent agency (another commune's when received regardless of boundary).
  receive: (s, a) =>
    withDue(
      { ...s, status: 'RECEIVED', code: str(a.data.code), receivedAt: a.at, clockStartedAt: a.at, currentAgency: s.competentAgency },
      a,
    ),
  reject: finish('REJECTED_AT_INTAKE'),
  request_supplement: (s) => ({
    ...s,
    status: 'AWAITING_SUPPLEMENT',
    phase: s.status === 'SUBMITTED' ? 'intake' : 'appraisal',
  }),
  // a partial answer to the Mẫu 02 keeps the dossier waiting for what is still missing
  submit_supplement: (s, a) =>
    Array.isArray(a.data.stillMissing) && a.data.stillMissing.length > 0
      ? s
      : s.phase === 'intake'
      ? { ...s, status: 'SUBMITTED', phase: null }
      : withDue({ ...s, status: 'IN_PROCESSING', phase: null, clockStartedAt: a.at }, a),
  assign: (s, a) => ({ ...s, status: 'IN_PROCESSING', assignee: str(a.data.assignee) }),
  forward: (s, a) => ({ ...s, status: 'IN_PROCESSING', currentAgency: str(a.data.toAgency), assignee: null }),
  // liên thông: the lead keeps the dossier while the steps' agencies work; it decides when all are done
  dispatch: (s) => ({ ...s, status: 'IN_PROCESSING' }),
  // the late step is taken back by the lead, which now holds it (dossier_steps); the state is unchanged
  recall_step: (s) => s,
  complete_step: (s, a) => (a.data.allDone === true ? { ...s, currentAgency: s.competentAgency } : s),
  approve: (s, a) => ({ ...finish('RESULT_READY')(s, a), awaitingIssueBy: a.data.awaitingIssueBy ? str(a.data.awaitingIssueBy) : null }),
  issue_result: (s) => ({ ...s, awaitingIssueBy: null }),
  stop: finish('STOPPED'),
  request_payment: (s, a) => ({ ...s, status: 'AWAITING_PAYMENT', paymentRequestedAt: a.at }),
  confirm_payment: (s, a) => withDue({ ...s, status: 'IN_PROCESSING', paymentRequestedAt: null }, a),
  extend: (s, a) => withDue({ ...s, extended: true }, a),
  return_result: (s) => ({ ...s, status: 'RESULT_RETURNED' }),
  withdraw: finish('WITHDRAWN'),
};

function initial(a: ActionRecord): DossierState {
  return {
    status: 'SUBMITTED',
    phase: null,
    code: null,
    receivingAgency: str(a.data.receivingAgency),
    competentAgency: str(a.data.competentAgency),
    currentAgency: str(a.data.receivingAgency),
    assignee: null,
    receivedAt: null,
    dueAt: null,
    dueDate: null,
    clockStartedAt: null,
    extended: false,
    finishedAt: null,
    paymentRequestedAt: null,
    awaitingIssueBy: null,
  };
}

/** Applies one action to the state (the first action must be `submit`). */
export function applyToState(state: DossierState | null, a: ActionRecord): DossierState {
  if (a.action === 'submit') {
    if (state) throw new Error('submit can only start a log');
    return initial(a);
  }
  if (!state) throw new Error('a dossier log starts with submit');
  return effects[a.action](state, a);
}

/** The state of a dossier: its log folded from the start. */
export function reduceLog(log: ActionRecord[]): DossierState {
  const state = [...log].sort((x, y) => x.seq - y.seq).reduce<DossierState | null>(applyToState, null);
  if (!state) throw new Error('empty dossier log');
  return state;
}
