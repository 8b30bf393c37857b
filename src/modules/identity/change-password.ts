import type { Actor } from '#platform/actor.ts';
import { audit } from '#platform/audit.ts';
import { toLocalIso } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { IdentityErrors } from './identity.errors.ts';
import { identityEvents } from './identity.events.ts';
import { identityRepository as repo } from './identity.repository.ts';
import { checkLoginAttempts } from './login.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

/**
 * Đổi mật khẩu: the signed-in user chooses a new password, giving the current one. A wrong current
 * password is a failed sign-in of the account (`wrongCurrent`: the route records it in its own
 * transaction, and the same count refuses further attempts with 429, login.ts). The new password
 * follows the rule of account creation (length, in the contract) and is neither the username nor
 * the current password. Clears the must-change flag, ends the account's other sessions (this one
 * stays signed in) and is audited as `user.password.change` — never with a password. The account is
 * told (`user.password_changed`, in this transaction: an in-app notice and an e-mail to its address),
 * so that a change someone else made with a stolen password does not go unnoticed.
 */
export async function changePassword(
  tx: Sql,
  input: { actor: Actor; now: Date; ip: string; currentPassword: string; newPassword: string },
): Promise<{ ok: true; otherSessionsEnded: number } | { ok: false; username: string }> {
  const user = await repo.findUserById(tx, input.actor.id);
  if (!user) throw IdentityErrors.USER_NOT_FOUND();
  // a citizen known only through the e-ID has no password: nothing to guess, nothing counted
  if (!user.passwordHash) throw IdentityErrors.PASSWORD_NOT_SET();
  await checkLoginAttempts(tx, { username: user.username, ip: input.ip, now: input.now });
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) return { ok: false, username: user.username };
  if (input.newPassword.trim().toLowerCase() === user.username.toLowerCase()) throw IdentityErrors.PASSWORD_SAME_AS_USERNAME();
  if (input.newPassword === input.currentPassword) throw IdentityErrors.PASSWORD_UNCHANGED();
  await repo.setPassword(tx, user.id, { passwordHash: await hashPassword(input.newPassword), mustChangePassword: false });
  const otherSessionsEnded = await repo.revokeUserSessions(tx, user.id, input.now, input.actor.sessionId);
  await repo.clearFailures(tx, user.username);
  await audit(tx, input, 'user.password.change', {
    chain: 'users',
    subject: ['user', user.id],
    data: { wasRequired: user.mustChangePassword, otherSessionsEnded },
  });
  await identityEvents.emit(tx, 'user.password_changed', {
    key: user.id,
    at: input.now,
    payload: { userId: user.id, username: user.username, fullName: user.fullName, email: user.email, at: toLocalIso(input.now) },
  });
  return { ok: true, otherSessionsEnded };
}
