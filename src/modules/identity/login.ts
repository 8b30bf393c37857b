import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Sql } from '#platform/db.ts';
import { CommonErrors } from '#platform/errors.ts';
import { IdentityErrors } from './identity.errors.ts';
import { identityRepository as repo } from './identity.repository.ts';
import { dummyPasswordHash, verifyPassword } from './passwords.ts';

/** Law of the login screen: how many failures in which window before 429. */
const loginPolicy = { windowMinutes: 15, maxPerUsername: 5, maxPerIp: 20, sessionHours: 12 };

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export async function login(
  tx: Sql,
  input: { username: string; password: string; ip: string; userAgent: string | null; now: Date },
) {
  const username = input.username.trim().toLowerCase();
  await checkLoginAttempts(tx, { username, ip: input.ip, now: input.now });
  const user = await repo.findUserByUsername(tx, username);
  const ok = await passwordMatches(user, input.password);
  if (!user || !ok) return { ok: false as const, username };
  await repo.clearFailures(tx, username);
  const { token, expiresAt } = await openSession(tx, { userId: user.id, ip: input.ip, userAgent: input.userAgent, now: input.now });
  return { ok: true as const, token, user, expiresAt };
}

/**
 * 429 once the username or the address has failed too often within the window (a wrong password at
 * sign-in, or a wrong current password at đổi mật khẩu: change-password.ts).
 */
export async function checkLoginAttempts(tx: Sql, input: { username: string; ip: string; now: Date }): Promise<void> {
  const since = new Date(input.now.getTime() - loginPolicy.windowMinutes * 60_000);
  const failures = await repo.countFailures(tx, { username: input.username, ip: input.ip }, since);
  if (failures.byUser >= loginPolicy.maxPerUsername || failures.byIp >= loginPolicy.maxPerIp) {
    throw CommonErrors.RATE_LIMITED();
  }
}

/** A new server session (password or e-ID sign-in): only the token's hash is stored. */
export async function openSession(tx: Sql, input: { userId: string; ip: string; userAgent: string | null; now: Date }) {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(input.now.getTime() + loginPolicy.sessionHours * 3600_000);
  await repo.insertSession(tx, {
    id: randomUUID(),
    tokenHash: tokenHash(token),
    userId: input.userId,
    createdAt: input.now,
    expiresAt,
    ip: input.ip,
    userAgent: input.userAgent,
  });
  return { token, expiresAt };
}

/** A failed attempt is recorded in its own transaction, so it counts even though the login fails. */
export async function recordFailedLogin(tx: Sql, f: { username: string; ip: string; at: Date }) {
  await repo.recordFailure(tx, f);
}

export function invalidCredentials() {
  return IdentityErrors.INVALID_CREDENTIALS();
}

/** Checks the password; an unknown or inactive account still costs one argon2 verification (no timing oracle). */
async function passwordMatches(user: { active: boolean; passwordHash: string | null } | null, password: string): Promise<boolean> {
  if (user?.active && user.passwordHash) return verifyPassword(user.passwordHash, password);
  await verifyPassword(await dummyPasswordHash(), password);
  return false;
}
