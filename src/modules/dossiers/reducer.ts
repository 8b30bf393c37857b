import type { ActionRecord, ActionRecordOf } from './action-data.ts';
import type { LoggedAction } from './actions.ts';
import type { DossierStatus, Phase } from './statuses.ts';

export type { ActionRecord } from './action-data.ts';

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

/** The state's fields a dossier row keeps as they are (the agencies it was filed with and the payment time come from the row and the log). */
export function keptState({ receivingAgency: _filedAt, competentAgency: _competent, paymentRequestedAt: _paymentAsked, ...kept }: DossierState) {
  return kept;
}

type Reduce<A extends LoggedAction> = (s: DossierState, a: ActionRecordOf<A>) => DossierState;

/** The appointment carried by an action that sets it (receive, restart, payment, extension). */
const withDue = (s: DossierState, due: { dueAt?: string; dueDate?: string }): DossierState =>
  due.dueAt && due.dueDate ? { ...s, dueAt: new Date(due.dueAt), dueDate: due.dueDate } : s;

const finish = (status: DossierStatus) => (s: DossierState, a: { at: Date }) => ({ ...s, status, phase: null, finishedAt: a.at });

/** How each action moves the dossier: one line per action, no branching spread elsewhere. */
const effects: { [A in Exclude<LoggedAction, 'submit'>]: Reduce<A> } = {
  // Reception hands the dossier to the competent agency (another commune's when received regardless of boundary).
  // Hậu kiểm: a result issued at reception decides the dossier at once; the desk returns it.
  receive: (s, a) =>
    withDue(
      a.data.resultId
        ? { ...finish('RESULT_READY')(s, a), code: a.data.code, receivedAt: a.at, clockStartedAt: a.at, currentAgency: s.receivingAgency }
        : { ...s, status: 'RECEIVED', code: a.data.code, receivedAt: a.at, clockStartedAt: a.at, currentAgency: s.competentAgency },
      a.data,
    ),
  reject: finish('REJECTED_AT_INTAKE'),
  request_supplement: (s) => ({
    ...s,
    status: 'AWAITING_SUPPLEMENT',
    phase: s.status === 'SUBMITTED' ? 'intake' : 'appraisal',
  }),
  // a partial answer to the Mẫu 02 keeps the dossier waiting for what is still missing
  submit_supplement: (s, a) =>
    (a.data.stillMissing?.length ?? 0) > 0
      ? s
      : s.phase === 'intake'
      ? { ...s, status: 'SUBMITTED', phase: null }
      : withDue({ ...s, status: 'IN_PROCESSING', phase: null, clockStartedAt: a.at }, a.data),
  assign: (s, a) => ({ ...s, status: 'IN_PROCESSING', assignee: a.data.assignee }),
  forward: (s, a) => ({ ...s, status: 'IN_PROCESSING', currentAgency: a.data.toAgency, assignee: null }),
  // liên thông: the lead keeps the dossier while the steps' agencies work; it decides when all are done
  dispatch: (s) => ({ ...s, status: 'IN_PROCESSING' }),
  // the late step is taken back by the lead, which now holds it (dossier_steps); the state is unchanged
  recall_step: (s) => s,
  complete_step: (s, a) => (a.data.allDone === true ? { ...s, currentAgency: s.competentAgency } : s),
  approve: (s, a) => ({ ...finish('RESULT_READY')(s, a), awaitingIssueBy: a.data.awaitingIssueBy ?? null }),
  issue_result: (s) => ({ ...s, awaitingIssueBy: null }),
  stop: finish('STOPPED'),
  request_payment: (s, a) => ({ ...s, status: 'AWAITING_PAYMENT', paymentRequestedAt: a.at }),
  confirm_payment: (s, a) => withDue({ ...s, status: 'IN_PROCESSING', paymentRequestedAt: null }, a.data),
  extend: (s, a) => withDue({ ...s, extended: true }, a.data),
  return_result: (s) => ({ ...s, status: 'RESULT_RETURNED' }),
  withdraw: finish('WITHDRAWN'),
};

function initial(a: ActionRecordOf<'submit'>): DossierState {
  return {
    status: 'SUBMITTED',
    phase: null,
    code: null,
    receivingAgency: a.data.receivingAgency,
    competentAgency: a.data.competentAgency,
    currentAgency: a.data.receivingAgency,
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
  return (effects[a.action] as Reduce<typeof a.action>)(state, a);
}

/** The state of a dossier: its log folded from the start. */
export function reduceLog(log: ActionRecord[]): DossierState {
  const state = [...log].sort((x, y) => x.seq - y.seq).reduce<DossierState | null>(applyToState, null);
  if (!state) throw new Error('empty dossier log');
  return state;
}
