import type { Role } from '#platform/actor.ts';
import type { Sql } from '#platform/db.ts';
import { defineModule } from '#platform/module.ts';
import { identityEvents } from './identity.events.ts';
import { identityRepository as repo } from './identity.repository.ts';
import { identityRoutes } from './identity.routes.ts';
import { resolveActor } from './resolve-actor.ts';
import { refuseDemoPasswordsInProduction, seedIdentity } from './seed-identity.ts';

export { identityEvents, type PasswordChangedPayload, type PasswordResetPayload } from './identity.events.ts';
export { registerStartPage, type StartPage } from './start-page.ts';
export { runImportUsersCommand } from './import-users-command.ts';
export { DEMO_PASSWORD, demoAccounts, demoMemberAccounts, demoReportingAccounts, ensureDemoAccount, ensureDemoUsers } from './seed-identity.ts';

/** A user with grants (dossiers use it to check an assignee); null when unknown. */
export async function findUserByUsername(tx: Sql, username: string) {
  const user = await repo.findUserByUsername(tx, username);
  if (!user) return null;
  return {
    id: user.id,
    username: user.username,
    fullName: user.fullName,
    idNumber: user.idNumber,
    email: user.email,
    active: user.active,
    grants: await repo.listGrants(tx, user.id),
  };
}

export async function findUserById(tx: Sql, id: string) {
  const user = await repo.findUserById(tx, id);
  return user ? { id: user.id, username: user.username, fullName: user.fullName, idNumber: user.idNumber, email: user.email } : null;
}

/**
 * Active users holding one of `roles` at an agency in the province of `agencyCode`, with that
 * agency's name (e-Cabinet offers them as the people a member may send to a meeting instead, and
 * checks the one named with `userId`).
 */
export async function listRolesInProvinceOf(tx: Sql, agencyCode: string, roles: readonly Role[], userId?: string) {
  return repo.listRolesInProvinceOf(tx, agencyCode, roles, userId);
}

/** Active users holding `role` (or one of the roles) at an agency (the dossiers module offers them as assignees). */
export async function listUsersWithRole(tx: Sql, agencyCode: string, role: Role | readonly Role[]) {
  const roles: readonly Role[] = typeof role === 'string' ? [role] : role;
  const users = await repo.listUsers(tx, { agencyCode });
  return users
    .filter((u) => u.active !== false && u.grants.some((g) => roles.includes(g.role) && g.agencyCode === agencyCode))
    .map((u) => ({ id: u.id, username: u.username, fullName: u.fullName }));
}

export const module = defineModule({
  name: 'identity',
  routes: identityRoutes,
  seed: seedIdentity,
  onStart: refuseDemoPasswordsInProduction,
  resolveActor,
  events: identityEvents,
});
