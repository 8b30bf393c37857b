import type { Actor } from '#platform/actor.ts';
import { audit } from '#platform/audit.ts';
import { toLocalIso } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { IdentityErrors } from './identity.errors.ts';
import { identityEvents } from './identity.events.ts';
import { identityRepository as repo } from './identity.repository.ts';
import { hashPassword, temporaryPassword } from './passwords.ts';

/**
 * Đặt lại mật khẩu: an administrator gives a user who forgot their password a random temporary one,
 * returned once to be handed over (never stored but as its argon2 hash, never audited, never kept
 * under an Idempotency-Key: the route ignores the key). The account must change it at its next
 * sign-in (must-change flag) and every session it had ends. An administrator changes their own
 * password with đổi mật khẩu instead. Audited as `user.password.reset`. The account is told
 * (`user.password_reset`, in this transaction: an in-app notice and an e-mail to its address), with
 * the administrator's name and never the temporary password.
 */
export async function resetPassword(tx: Sql, input: { actor: Actor; now: Date; userId: string }): Promise<{ temporaryPassword: string }> {
  const user = await repo.findUserById(tx, input.userId);
  if (!user) throw IdentityErrors.USER_NOT_FOUND();
  if (user.id === input.actor.id) throw IdentityErrors.RESET_OWN_PASSWORD();
  const password = temporaryPassword();
  await repo.setPassword(tx, user.id, { passwordHash: await hashPassword(password), mustChangePassword: true });
  const sessionsEnded = await repo.revokeUserSessions(tx, user.id, input.now);
  await repo.clearFailures(tx, user.username);
  await audit(tx, input, 'user.password.reset', { chain: 'users', subject: ['user', user.id], data: { username: user.username, sessionsEnded } });
  await identityEvents.emit(tx, 'user.password_reset', {
    key: user.id,
    at: input.now,
    payload: { userId: user.id, username: user.username, fullName: user.fullName, email: user.email, at: toLocalIso(input.now), byName: input.actor.fullName },
  });
  return { temporaryPassword: password };
}
