import { type Actor, agenciesWhere, holds, provincesWhere, type Role } from '#platform/actor.ts';
import { CommonErrors } from '#platform/errors.ts';
import type { Agency } from '#modules/places/index.ts';
import {
  type ActionConditionFailure,
  actionsInStatus,
  type DossierAction,
  type DossierParties,
  unmetCondition,
  type Who,
  whoMay,
} from './actions.ts';
import type { Dossier } from './dossiers.types.ts';
import type { QueueScope } from './queues.repository.ts';
import { DossierErrors } from './dossiers.errors.ts';

/**
 * The dossiers module's policy: may this actor do X to this object. Answers from the grants
 * (`#platform/actor.ts`) and the action table (`actions.ts`); routes, use cases, queues and the
 * `allowedActions` of every answer ask here and nowhere else. `policy.test.ts` is its table
 * test (role × action × the agency's relation to the dossier).
 */

/** Roles that work dossiers at an agency (read what passed through it, take the table's actions). */
export const OFFICER_ROLES = ['desk_officer', 'specialist', 'leader', 'clerk'] as const satisfies readonly Role[];
/** Roles that work a liên thông step at their agency (complete it; opening the dossier accepts it). */
const STEP_ROLES = ['specialist', 'leader'] as const satisfies readonly Role[];

// ── Reading ────────────────────────────────────────────────────────────────────────────────

/** The agencies a dossier has passed through: their officers may read it. */
function involvedAgencies(d: Dossier): string[] {
  return [...new Set([d.receivingAgency, d.competentAgency, d.currentAgency, ...d.stepAgencies])];
}

export function isApplicant(actor: Actor, d: Pick<DossierParties, 'applicantUserId' | 'applicant'>): boolean {
  if (d.applicantUserId && actor.id === d.applicantUserId) return true;
  return !!actor.idNumber && actor.idNumber === d.applicant.idNumber && holds(actor, 'citizen');
}

/** How an actor may see a dossier: as its applicant, as an officer of an involved agency, or as oversight. */
export function readerKind(actor: Actor | null, d: Dossier): 'applicant' | 'officer' | 'oversight' | null {
  if (!actor) return null;
  if (isApplicant(actor, d)) return 'applicant';
  const agencies = involvedAgencies(d);
  if (agencies.some((a) => holds(actor, OFFICER_ROLES, a))) return 'officer';
  if (provincesWhere(actor, 'provincial_leader').includes(d.provinceCode)) return 'oversight';
  if (holds(actor, 'payment_gateway', d.receivingAgency)) return 'officer';
  return null;
}

/** The dossier when the actor may read it; otherwise 404 (its existence is not revealed). */
export function assertReadable(actor: Actor | null, d: Dossier | null): Dossier {
  if (!d || !readerKind(actor, d)) throw DossierErrors.DOSSIER_NOT_FOUND();
  return d;
}

/** The dossier when an officer (not its applicant) may read it: the officers' tools (step options). */
export function assertOfficerReadable(actor: Actor, d: Dossier | null): Dossier {
  const kind = readerKind(actor, assertReadable(actor, d));
  if (kind === 'applicant') throw CommonErrors.FORBIDDEN();
  return d as Dossier;
}

/** The involved agency an officer reads for (for the access log). */
export function readerAgency(actor: Actor, d: Dossier): string | null {
  const agencies = involvedAgencies(d);
  return (
    actor.grants.find((g) => g.agencyCode && agencies.includes(g.agencyCode))?.agencyCode ??
    actor.grants.find((g) => g.role === 'provincial_leader')?.agencyCode ??
    null
  );
}

/**
 * What an officer may list: dossiers of the agencies where they hold an officer role, and for
 * provincial leaders every agency of their province (read-only). Null for everyone else
 * (citizens, administrators).
 */
export function listingScope(actor: Actor): QueueScope | null {
  const agencies = agenciesWhere(actor, OFFICER_ROLES);
  const provinces = provincesWhere(actor, 'provincial_leader');
  return agencies.length + provinces.length > 0 ? { agencies, provinces } : null;
}

/** The agency a listing is logged under: the filtered one, else the first in scope. */
export function listingAgency(actor: Actor, scope: QueueScope, filtered?: string | null): string | null {
  return filtered ?? scope.agencies[0] ?? actor.grants.find((g) => g.role === 'provincial_leader')?.agencyCode ?? null;
}

// ── The action table ───────────────────────────────────────────────────────────────────────

const sideAgency = {
  receiving: 'receivingAgency',
  competent: 'competentAgency',
  current: 'currentAgency',
  issuing: 'awaitingIssueBy',
} as const;

/** Whether the actor is the `who` of a row of the action table for this dossier. */
export function fits(actor: Actor, who: Who, d: DossierParties): boolean {
  if (who.role === 'applicant') return isApplicant(actor, d);
  if (who.at === 'assignee') return d.assignee === actor.id && holds(actor, who.role, d.currentAgency);
  if (who.at === 'step') return (d.graphSteps ?? []).some((s) => holds(actor, who.role, s.agency));
  return holds(actor, who.role, d[sideAgency[who.at]]);
}

/** The agency the actor acts for under row `who` (null for the applicant); a step: one holding an open step, else any step of theirs. */
export function actingAgency(actor: Actor, who: Who, d: Dossier): string | null {
  if (who.role === 'applicant') return null;
  if (who.at === 'step') {
    const steps = d.graphSteps.filter((s) => holds(actor, who.role, s.agency));
    return (steps.find((s) => s.open) ?? steps[0])?.agency ?? null;
  }
  if (who.at === 'assignee') return d.currentAgency;
  return d[sideAgency[who.at]];
}

export function mayTake(actor: Actor | null, action: DossierAction, d: DossierParties): boolean {
  return !!actor && !unmetCondition(action, d) && whoMay(d.status, action).some((who) => fits(actor, who, d));
}

/** The actions this actor may take now: what the UI shows as buttons. */
export function allowedActionsFor(actor: Actor | null, d: DossierParties): DossierAction[] {
  return actionsInStatus(d.status).filter((action) => mayTake(actor, action, d) && worthShowing(actor, action, d));
}

/**
 * Actions the table gives this actor in this status that wait for a condition: the UI says why
 * the button is absent (e.g. `approve` of an overdue dossier without its apology).
 */
export function blockedActionsFor(actor: Actor | null, d: DossierParties): { action: DossierAction; reason: ActionConditionFailure }[] {
  if (!actor) return [];
  return actionsInStatus(d.status).flatMap((action) => {
    const reason = unmetCondition(action, d);
    return reason && whoMay(d.status, action).some((who) => fits(actor, who, d)) && worthShowing(actor, action, d) ? [{ action, reason }] : [];
  });
}

/**
 * Buttons that would only fail: `dispatch` for a version without inter-agency steps, and
 * `complete_step` for an agency whose steps are all completed (the guard answers 409 to them).
 */
function worthShowing(actor: Actor | null, action: DossierAction, d: DossierParties): boolean {
  if (action === 'dispatch') return (d.interagencySteps ?? 0) > 0;
  if (action === 'complete_step') return !!actor && (d.graphSteps ?? []).some((s) => s.open && grantAgencies(actor).includes(s.agency));
  return true;
}

// ── Questions outside the action table ─────────────────────────────────────────────────────

/** Named questions: each answers from the grants only; the caller turns `false` into its error. */
export const may = {
  /** Receive at the counter of `agency` (in person or by post). */
  submitAtDesk: (actor: Actor, agency: string) => holds(actor, 'desk_officer', agency),
  /** Submit online, keep drafts, as a citizen. */
  submitOnline: (actor: Actor) => holds(actor, 'citizen'),
  /** See which agency a reception at `agency`'s counter would go to. */
  previewReception: (actor: Actor, agency: string) => holds(actor, 'desk_officer', agency),
  /** Read the register book (Mẫu 06) of `agency`. */
  readRegisterBook: (actor: Actor, agency: string) => holds(actor, ['desk_officer', 'leader'], agency),
  /** List the specialists of `agency` (to assign, or to filter a queue). */
  listAssignees: (actor: Actor, agency: string) => holds(actor, ['leader', 'specialist'], agency),
  /** Be given a dossier to handle: a specialist of the agency holding it. */
  beAssigned: (user: Pick<Actor, 'grants'>, d: Pick<DossierParties, 'currentAgency'>) => holds(user as Actor, 'specialist', d.currentAgency),
  /** See an agency's overview: its leaders, and the provincial leaders of its province. */
  seeOverview: (actor: Actor, agency: Pick<Agency, 'code' | 'provinceCode'>) =>
    holds(actor, 'leader', agency.code) || provincesWhere(actor, 'provincial_leader').includes(agency.provinceCode),
  /** Could see some agency's overview (before the agency is looked up). */
  seeAnyOverview: (actor: Actor) => holds(actor, ['leader', 'provincial_leader']),
  /** Follow an agency's live queue updates (`agency:<code>`): its own officers. */
  watchAgency: (actor: Actor, agency: string) => holds(actor, OFFICER_ROLES, agency),
  /** Hold the processing lock of a dossier: an officer of an involved agency. */
  lock: (actor: Actor, d: Dossier) => involvedAgencies(d).some((a) => holds(actor, OFFICER_ROLES, a)),
  /** Take the lock over from its holder: a leader of the agency holding the dossier. */
  takeOverLock: (actor: Actor, d: Pick<DossierParties, 'currentAgency'>) => holds(actor, 'leader', d.currentAgency),
} as const;

/** The desks where the actor receives (the applicant look-up searches their dossiers only). */
export const deskAgencies = (actor: Actor) => agenciesWhere(actor, 'desk_officer');
/** The agencies whose liên thông steps the actor works. */
export const stepAgencies = (actor: Actor) => agenciesWhere(actor, STEP_ROLES);
/** Every agency the actor holds a grant at (a step of one of them counts as theirs in the step options). */
export const grantAgencies = (actor: Actor) => agenciesWhere(actor, 'any');
