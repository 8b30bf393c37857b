import type { Actor } from '#platform/actor.ts';
import type { Sql } from '#platform/db.ts';
import { listUsersWithRole } from '#modules/identity/index.ts';
import { DossierErrors } from './dossiers.errors.ts';
import { may } from './policy.ts';

/** The specialists of an agency a dossier may be assigned to (and the queues filtered by); for that agency's leaders and specialists. */
export async function listAssignees(tx: Sql, input: { actor: Actor; code: string }) {
  if (!may.listAssignees(input.actor, input.code)) throw DossierErrors.AGENCY_NOT_IN_SCOPE();
  const users = await listUsersWithRole(tx, input.code, 'specialist');
  return { items: users.map((u) => ({ id: u.id, username: u.username, fullName: u.fullName })) };
}
