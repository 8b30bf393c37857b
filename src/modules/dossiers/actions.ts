import type { Actor, Role } from '#platform/actor.ts';
import type { DossierStatus } from './statuses.ts';

/** Every action the API accepts (api.md §5), plus `submit`, the first entry of every log. */
export const DOSSIER_ACTIONS = [
  'receive',
  'reject',
  'request_supplement',
  'submit_supplement',
  'assign',
  'forward',
  'approve',
  'stop',
  'request_payment',
  'confirm_payment',
  'extend',
  'return_result',
  'withdraw',
] as const;
export type DossierAction = (typeof DOSSIER_ACTIONS)[number];
export type LoggedAction = DossierAction | 'submit';

/** Which agency of the dossier a grant must name, or the assigned specialist himself. */
export type Side = 'receiving' | 'competent' | 'current' | 'assignee';
export type Who = { role: 'applicant' } | { role: Exclude<Role, 'citizen' | 'admin'>; at: Side };

const applicant = { role: 'applicant' } as const;
const desk = { role: 'desk_officer', at: 'receiving' } as const;
const leaderCurrent = { role: 'leader', at: 'current' } as const;
const leaderCompetent = { role: 'leader', at: 'competent' } as const;
const specialist = { role: 'specialist', at: 'assignee' } as const;
const paymentGateway = { role: 'payment_gateway', at: 'receiving' } as const;

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
    withdraw: [applicant],
  },
  IN_PROCESSING: {
    assign: [leaderCurrent],
    forward: [specialist, leaderCurrent],
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
    return_result: [desk],
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
}

export function isApplicant(actor: Actor, d: Pick<DossierParties, 'applicantUserId' | 'applicant'>): boolean {
  if (d.applicantUserId && actor.id === d.applicantUserId) return true;
  return !!actor.idNumber && actor.idNumber === d.applicant.idNumber && actor.grants.some((g) => g.role === 'citizen');
}

const sideAgency = { receiving: 'receivingAgency', competent: 'competentAgency', current: 'currentAgency' } as const;

export function fits(actor: Actor, who: Who, d: DossierParties): boolean {
  if (who.role === 'applicant') return isApplicant(actor, d);
  if (who.at === 'assignee') {
    return d.assignee === actor.id && actor.grants.some((g) => g.role === who.role && g.agencyCode === d.currentAgency);
  }
  const agency = d[sideAgency[who.at]];
  return actor.grants.some((g) => g.role === who.role && g.agencyCode === agency);
}

export function actionsInStatus(status: DossierStatus): DossierAction[] {
  return Object.keys(allowedActions[status]) as DossierAction[];
}

/** Who may take `action` in the dossier's status (empty when the status does not allow it). */
export function whoMay(status: DossierStatus, action: DossierAction): readonly Who[] {
  return (allowedActions[status] as Partial<Record<DossierAction, readonly Who[]>>)[action] ?? [];
}

export function mayTake(actor: Actor | null, action: DossierAction, d: DossierParties): boolean {
  return !!actor && whoMay(d.status, action).some((who) => fits(actor, who, d));
}

/** The actions this actor may take now: what the UI shows as buttons. */
export function allowedActionsFor(actor: Actor | null, d: DossierParties): DossierAction[] {
  return actionsInStatus(d.status).filter((action) => mayTake(actor, action, d));
}
