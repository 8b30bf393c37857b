import type { Actor, Role } from '#platform/actor.ts';
import { isApplicant } from './actions.ts';
import type { Dossier, QueueScope } from './dossiers.repository.ts';
import { DossierErrors } from './dossiers.errors.ts';

const OFFICER_ROLES: readonly Role[] = ['desk_officer', 'specialist', 'leader', 'clerk'];

/** The agencies a dossier has passed through: their officers may read it. */
export function involvedAgencies(d: Dossier): string[] {
  return [...new Set([d.receivingAgency, d.competentAgency, d.currentAgency, ...d.stepAgencies])];
}

/** How an actor may see a dossier: as its applicant, as an officer of an involved agency, or as oversight. */
export function readerKind(actor: Actor | null, d: Dossier): 'applicant' | 'officer' | 'oversight' | null {
  if (!actor) return null;
  if (isApplicant(actor, d)) return 'applicant';
  const agencies = involvedAgencies(d);
  if (actor.grants.some((g) => OFFICER_ROLES.includes(g.role) && g.agencyCode && agencies.includes(g.agencyCode))) {
    return 'officer';
  }
  if (actor.grants.some((g) => g.role === 'provincial_leader' && g.provinceCode === d.provinceCode)) return 'oversight';
  if (actor.grants.some((g) => g.role === 'payment_gateway' && g.agencyCode === d.receivingAgency)) return 'officer';
  return null;
}

/** The dossier when the actor may read it; otherwise 404 (its existence is not revealed). */
export function assertReadable(actor: Actor | null, d: Dossier | null): Dossier {
  if (!d || !readerKind(actor, d)) throw DossierErrors.DOSSIER_NOT_FOUND();
  return d;
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
  const agencies = [...new Set(actor.grants.flatMap((g) => (OFFICER_ROLES.includes(g.role) && g.agencyCode ? [g.agencyCode] : [])))];
  const provinces = [...new Set(actor.grants.flatMap((g) => (g.role === 'provincial_leader' && g.provinceCode ? [g.provinceCode] : [])))];
  return agencies.length + provinces.length > 0 ? { agencies, provinces } : null;
}
