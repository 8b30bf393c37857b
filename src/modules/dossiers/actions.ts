import type { Role } from '#platform/actor.ts';
import type { DossierStatus } from './statuses.ts';

/** Every action the API accepts (api.md §5), plus `submit`, the first entry of every log. */
export const DOSSIER_ACTIONS = [
  'receive',
  'reject',
  'request_supplement',
  'submit_supplement',
  'assign',
  'forward',
  'dispatch',
  'complete_step',
  'approve',
  'issue_result',
  'stop',
  'request_payment',
  'confirm_payment',
  'extend',
  'recall_step',
  'return_result',
  'withdraw',
] as const;
export type DossierAction = (typeof DOSSIER_ACTIONS)[number];
export type LoggedAction = DossierAction | 'submit';

/**
 * Which agency of the dossier a grant must name, or the assigned specialist himself.
 * `issuing`: the agency whose clerk must issue an approved result (none once issued).
 * `step`: an agency holding a liên thông step of the dossier (open or completed), see `graphSteps`.
 */
export type Side = 'receiving' | 'competent' | 'current' | 'issuing' | 'assignee' | 'step';
export type Who = { role: 'applicant' } | { role: Exclude<Role, 'citizen' | 'admin'>; at: Side };

const applicant = { role: 'applicant' } as const;
const desk = { role: 'desk_officer', at: 'receiving' } as const;
const leaderCurrent = { role: 'leader', at: 'current' } as const;
const leaderCompetent = { role: 'leader', at: 'competent' } as const;
const specialist = { role: 'specialist', at: 'assignee' } as const;
const paymentGateway = { role: 'payment_gateway', at: 'receiving' } as const;
const clerkIssuing = { role: 'clerk', at: 'issuing' } as const;
const specialistStep = { role: 'specialist', at: 'step' } as const;
const leaderStep = { role: 'leader', at: 'step' } as const;

/**
 * THE table: for each status, the actions allowed and who may take each. The server guard
 * and the `allowedActions` of every answer read it; the compiler checks every status is here.
 * Administrators appear nowhere: they do not act on dossiers.
 */
export const allowedActions = {
  SUBMITTED: {
    receive: [desk],
    reject: [desk],
    request_supplement: [desk], // at intake: the clock never starts
    withdraw: [applicant],
  },
  RECEIVED: {
    assign: [leaderCurrent],
    forward: [desk, leaderCurrent],
    dispatch: [desk, leaderCurrent, leaderCompetent], // liên thông: opens the steps of the version's graph
    withdraw: [applicant],
  },
  IN_PROCESSING: {
    assign: [leaderCurrent],
    forward: [specialist, leaderCurrent],
    dispatch: [specialist, leaderCurrent, leaderCompetent],
    complete_step: [specialistStep, leaderStep], // each step's own agency, with its partial result
    recall_step: [leaderCompetent], // liên thông: the lead takes back a step past its sub-deadline
    request_supplement: [specialist], // in appraisal: within the supplement window
    request_payment: [specialist],
    approve: [leaderCurrent, leaderCompetent],
    extend: [leaderCurrent, leaderCompetent],
    stop: [leaderCurrent, leaderCompetent],
    withdraw: [applicant],
  },
  AWAITING_SUPPLEMENT: {
    submit_supplement: [applicant, desk], // the desk records papers brought to the counter
    stop: [leaderCurrent, leaderCompetent],
    withdraw: [applicant],
  },
  AWAITING_PAYMENT: {
    confirm_payment: [desk, specialist, paymentGateway], // the gateway: after a signed callback
    stop: [leaderCurrent, leaderCompetent],
    withdraw: [applicant],
  },
  RESULT_READY: {
    issue_result: [clerkIssuing], // only while awaiting issuance (see actionConditions)
    return_result: [desk], // only once the result is issued (see actionConditions)
  },
  REJECTED_AT_INTAKE: {},
  WITHDRAWN: {},
  STOPPED: {},
  RESULT_RETURNED: {},
} as const satisfies Record<DossierStatus, Partial<Record<DossierAction, readonly Who[]>>>;

/** What an actor's permission check needs to know about a dossier. */
export interface DossierParties {
  status: DossierStatus;
  applicantUserId: string | null;
  applicant: { idNumber: string };
  receivingAgency: string;
  competentAgency: string;
  currentAgency: string;
  assignee: string | null;
  awaitingIssueBy: string | null;
  /** Liên thông steps opened for the dossier (`dossier_steps.step_seq`): which agency, still open or not. */
  graphSteps?: GraphStepRef[];
  /** How many inter-agency steps the frozen version defines (`dispatch` is offered only when known and > 0). */
  interagencySteps?: number;
  /** The appointment and whether the one apology (Mẫu 04) was sent: the overdue conditions read them. */
  dueAt?: Date | null;
  extended?: boolean;
  /** The instant the conditions are judged at (the request's "now"); without it nothing counts as overdue. */
  now?: Date;
}

export interface GraphStepRef {
  step: number;
  agency: string;
  open: boolean;
  /** The step's sub-deadline (recall is offered once an open step has passed it). */
  subDueAt?: Date | string | null;
}

/** Open liên thông steps of another agency than the lead, past their sub-deadline at `now`. */
export const lateSteps = (d: DossierParties): GraphStepRef[] =>
  (d.graphSteps ?? []).filter(
    (s) => s.open && s.agency !== d.competentAgency && !!d.now && !!s.subDueAt && new Date(s.subDueAt).getTime() < d.now.getTime(),
  );

const graphOpen = (d: DossierParties) => (d.graphSteps ?? []).some((s) => s.open);
/** The appointment has passed while the agency holds the clock. */
const isOverdue = (d: DossierParties) => !!d.now && !!d.dueAt && d.now.getTime() > d.dueAt.getTime();

interface ActionCondition {
  holds: (d: DossierParties) => boolean;
  failure: ActionConditionFailure;
}

/**
 * Conditions beyond the status, in this one place: an action the status allows may still wait
 * for something (409 with the first failing condition's code, and absent from `allowedActions`).
 */
export const actionConditions: Partial<Record<DossierAction, ActionCondition[]>> = {
  // issuance 'by_clerk': the desk returns only a result the clerk has issued (numbered, dated, signed)
  return_result: [{ holds: (d) => d.awaitingIssueBy === null, failure: 'RESULT_NOT_ISSUED' }],
  issue_result: [{ holds: (d) => d.awaitingIssueBy !== null, failure: 'RESULT_ALREADY_ISSUED' }],
  approve: [
    // liên thông: the lead decides, or hands over elsewhere, only once every open step is done
    { holds: (d) => !graphOpen(d), failure: 'STEPS_PENDING' },
    // a late dossier closes only with the apology and new appointment (Mẫu 04) sent (NĐ 61 Art. 19.9)
    { holds: (d) => !isOverdue(d) || d.extended === true, failure: 'APOLOGY_REQUIRED' },
  ],
  forward: [{ holds: (d) => !graphOpen(d), failure: 'STEPS_PENDING' }],
  dispatch: [{ holds: (d) => (d.graphSteps ?? []).length === 0, failure: 'STEPS_ALREADY_DISPATCHED' }],
  // thu hồi: only a step that has passed its sub-deadline at another agency
  recall_step: [{ holds: (d) => lateSteps(d).length > 0, failure: 'NO_LATE_STEP' }],
  // the apology and new appointment: once per dossier (a late one is still allowed, and recorded as late)
  extend: [{ holds: (d) => d.extended !== true, failure: 'EXTENSION_ALREADY_USED' }],
  // refusal after appraisal within the deadline (NĐ 61 Art. 19.8): not while the clock runs past it
  stop: [{ holds: (d) => d.status !== 'IN_PROCESSING' || !isOverdue(d), failure: 'DEADLINE_PASSED' }],
};
export type ActionConditionFailure =
  | 'RESULT_NOT_ISSUED'
  | 'RESULT_ALREADY_ISSUED'
  | 'STEPS_PENDING'
  | 'STEPS_ALREADY_DISPATCHED'
  | 'APOLOGY_REQUIRED'
  | 'EXTENSION_ALREADY_USED'
  | 'DEADLINE_PASSED'
  | 'NO_LATE_STEP';

/** The condition of `action` that does not hold for the dossier now, if any. */
export function unmetCondition(action: DossierAction, d: DossierParties): ActionConditionFailure | null {
  return (actionConditions[action] ?? []).find((c) => !c.holds(d))?.failure ?? null;
}

export function actionsInStatus(status: DossierStatus): DossierAction[] {
  return Object.keys(allowedActions[status]) as DossierAction[];
}

/** Who may take `action` in the dossier's status (empty when the status does not allow it). */
export function whoMay(status: DossierStatus, action: DossierAction): readonly Who[] {
  return (allowedActions[status] as Partial<Record<DossierAction, readonly Who[]>>)[action] ?? [];
}
