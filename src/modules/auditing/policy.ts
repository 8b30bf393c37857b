import { type Actor, agenciesWhere } from '#platform/actor.ts';
import type { Sql } from '#platform/db.ts';
import { CommonErrors } from '#platform/errors.ts';
import * as repo from './auditing.repository.ts';

/** Where a reader of the audit trail may look: the agencies of their auditor grants, and every agency those grants cover. */
export interface AuditScope {
  granted: string[];
  agencies: string[];
}

/**
 * Where the actor may read the audit trail: `null` everywhere (an auditor or administrator whose
 * grant names no agency), else the agencies of their auditor grants (rows about those agencies'
 * dossiers, or by their staff). A grant at a provincial agency (UBND tỉnh: the province's
 * inspectorate) covers every agency of its province, as a provincial leader's grant at the
 * People's Committee covers the province's dossiers. Anyone else: 403.
 */
export async function auditScope(tx: Sql, actor: Actor): Promise<AuditScope | null> {
  if (actor.grants.some((g) => (g.role === 'auditor' || g.role === 'admin') && g.agencyCode === null)) return null;
  const granted = agenciesWhere(actor, 'auditor');
  if (granted.length === 0) throw CommonErrors.FORBIDDEN();
  return { granted, agencies: await repo.agenciesCovered(tx, granted) };
}

/** Whether a dossier handled by `agencies` lies within `scope`. */
export const inScope = (scope: AuditScope | null, agencies: string[]): boolean => scope === null || agencies.some((a) => scope.agencies.includes(a));
