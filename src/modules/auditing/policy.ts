import { type Actor, agenciesWhere } from '#platform/actor.ts';

/**
 * Where the actor may read the audit trail: `null` everywhere (an auditor or administrator whose
 * grant names no agency), the agencies of their auditor grants (rows about those agencies'
 * dossiers, or by their staff), or `false`: not at all.
 */
export function auditScope(actor: Actor): string[] | null | false {
  if (actor.grants.some((g) => (g.role === 'auditor' || g.role === 'admin') && g.agencyCode === null)) return null;
  const agencies = agenciesWhere(actor, 'auditor');
  return agencies.length > 0 ? agencies : false;
}

/** Whether a dossier handled by `agencies` lies within `scope`. */
export const inScope = (scope: string[] | null, agencies: string[]): boolean => scope === null || agencies.some((a) => scope.includes(a));


