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
  /** Read-only oversight of every province (giám sát quốc gia): the command center, no dossier actions. */
  'national_oversight',
  /** Hậu kiểm: inspects declarations of its agency (inspection module). */
  'inspector',
  /** Leads the inspectors of its agency: plans, draws, assigns, revokes (inspection module). */
  'inspection_leader',
  /** Kiểm toán, thanh tra nội bộ: reads the audit trail of its agency (of its whole province at UBND tỉnh; everywhere with no agency), changes nothing. */
  'auditor',
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
  /**
   * The session's account must choose its own password (set by an administrator or printed at the
   * first start): it may only read /api/v1/me, change the password and sign out (http/auth.ts).
   */
  mustChangePassword?: boolean;
}

type Roles = Role | readonly Role[];
const matches = (roles: Roles, role: Role) => (typeof roles === 'string' ? roles === role : roles.includes(role));

/**
 * The grant primitives every module's policy is written with (a module's `policy.ts` names the
 * questions; routes and use cases ask the policy, not the grants).
 * `holds`: the actor holds one of `roles` — at exactly `agency` when one is named.
 */
export function holds(actor: Actor | null | undefined, roles: Roles, agency?: string | null): boolean {
  return !!actor?.grants.some((g) => matches(roles, g.role) && (agency === undefined || (g.agencyCode !== null && g.agencyCode === agency)));
}

/** `holdsAt`: the actor holds one of `roles` at `agency`, or everywhere (a grant naming no agency, e.g. a system administrator). */
export function holdsAt(actor: Actor | null | undefined, roles: Roles, agency: string): boolean {
  return !!actor?.grants.some((g) => matches(roles, g.role) && (g.agencyCode === null || g.agencyCode === agency));
}

/** The agencies named by the actor's grants of one of `roles` ('any': of any role). */
export function agenciesWhere(actor: Actor, roles: Roles | 'any'): string[] {
  return [...new Set(actor.grants.flatMap((g) => ((roles === 'any' || matches(roles, g.role)) && g.agencyCode ? [g.agencyCode] : [])))];
}

/** The provinces named by the actor's grants of one of `roles`. */
export function provincesWhere(actor: Actor, roles: Roles): string[] {
  return [...new Set(actor.grants.flatMap((g) => (matches(roles, g.role) && g.provinceCode ? [g.provinceCode] : [])))];
}
