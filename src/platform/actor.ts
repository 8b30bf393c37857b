/**
 * Who is acting. Roles are granted per agency; a grant with `agencyCode: null` applies
 * everywhere (system administrator) and a provincial leader's grant names the province's
 * People's Committee agency, covering every agency of that province.
 */
export const ROLES = [
  'citizen',
  'desk_officer',
  'specialist',
  'leader',
  'clerk',
  'provincial_leader',
  'inspector',
  'admin',
] as const;
/**
 * Roles no administrator can grant: held only by actors the system builds itself, such as the
 * payment gateway confirming a payment it has signed for.
 */
export const SYSTEM_ROLES = ['payment_gateway'] as const;
export type Role = (typeof ROLES)[number] | (typeof SYSTEM_ROLES)[number];

export interface Grant {
  role: Role;
  /** Agency code the role applies to; null = everywhere. */
  agencyCode: string | null;
  /** Province code of that agency (for provincial oversight roles). */
  provinceCode: string | null;
}

export interface Actor {
  id: string;
  username: string;
  fullName: string;
  /** 12-digit identity number of a citizen (CCCD), when known. */
  idNumber: string | null;
  grants: Grant[];
  sessionId: string;
}

export function hasRole(actor: Actor | null | undefined, role: Role): boolean {
  return !!actor?.grants.some((g) => g.role === role);
}

export function isAdmin(actor: Actor | null | undefined): boolean {
  return hasRole(actor, 'admin');
}

/** Agency codes where the actor holds any of the given roles (null grant = all agencies). */
export function agenciesWithRole(actor: Actor, roles: readonly Role[]): { all: boolean; codes: string[] } {
  const grants = actor.grants.filter((g) => roles.includes(g.role));
  return {
    all: grants.some((g) => g.agencyCode === null),
    codes: grants.flatMap((g) => (g.agencyCode ? [g.agencyCode] : [])),
  };
}
