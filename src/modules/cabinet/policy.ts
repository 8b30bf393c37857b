import { type Actor, agenciesWhere, holds, holdsAt } from '#platform/actor.ts';
import { isSecretariat, type LoadedBody } from './bodies.ts';

/**
 * Who may do what in e-Cabinet, from the grants. A body's own roles (chair, secretariat,
 * member) are the module's data (bodies.ts); the questions that read grants are asked here.
 */
export const may = {
  /** Manage a body's members and rule: its secretariat, or an administrator everywhere or at the body's agency. */
  manageBody: (actor: Actor, body: LoadedBody) => isSecretariat(body, actor.id) || holdsAt(actor, 'admin', body.agencyCode),
  /** Create a body of `agency` as an administrator (everywhere or there); without an agency: any administrator. The secretariat of a body of the agency may too (create-body.ts). */
  createBodyAsAdmin: (actor: Actor, agency?: string) => (agency ? holdsAt(actor, 'admin', agency) : holds(actor, 'admin')),
  /** See and report on a task assigned to `agency`: an officer holding any role there (or the body's secretariat, `secretariat`). */
  workTask: (actor: Actor, agency: string, secretariat: boolean) => secretariat || agenciesWhere(actor, 'any').includes(agency),
} as const;

/** The agencies whose assigned tasks the actor sees (any role there). */
export const taskAgencies = (actor: Actor): string[] => agenciesWhere(actor, 'any');
