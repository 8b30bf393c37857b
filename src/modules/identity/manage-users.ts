import { randomUUID } from 'node:crypto';
import type { Actor, Grant } from '#platform/actor.ts';
import { audit } from '#platform/audit.ts';
import type { Sql } from '#platform/db.ts';
import { findAgency } from '#modules/places/index.ts';
import { IdentityErrors } from './identity.errors.ts';
import { identityRepository as repo } from './identity.repository.ts';
import { hashPassword } from './passwords.ts';

async function checkedGrants(tx: Sql, grants: { role: Grant['role']; agencyCode: string | null }[]): Promise<Grant[]> {
  const out: Grant[] = [];
  for (const g of grants) {
    if (!g.agencyCode) {
      out.push({ role: g.role, agencyCode: null, provinceCode: null });
      continue;
    }
    const agency = await findAgency(tx, g.agencyCode);
    if (!agency) throw IdentityErrors.UNKNOWN_AGENCY({ details: [{ field: 'grants.agencyCode', message: g.agencyCode }] });
    out.push({ role: g.role, agencyCode: agency.code, provinceCode: agency.provinceCode });
  }
  return out;
}

/**
 * An administrator creates an account with its grants; audited in the `users` chain. The password
 * was chosen by the administrator: the user must change it at the first sign-in. An e-mail address
 * another account holds (trimmed, case aside) is refused: notices by e-mail reach one account.
 */
export async function createUser(
  tx: Sql,
  input: {
    actor: Actor;
    now: Date;
    /** `passwordHash`: a bulk import (import-users.ts) hashes before its transaction opens. */
    user: { username: string; fullName: string; idNumber?: string; email?: string; phone?: string } & ({ password: string } | { passwordHash: string });
    grants: { role: Grant['role']; agencyCode: string | null }[];
  },
) {
  if (await repo.findUserByUsername(tx, input.user.username)) throw IdentityErrors.USERNAME_TAKEN();
  // the identity number is unique: a second account with it is a 409, not the database's refusal
  if (input.user.idNumber && (await repo.idNumberTaken(tx, input.user.idNumber))) throw IdentityErrors.ID_NUMBER_TAKEN();
  if (input.user.email && (await repo.emailTaken(tx, input.user.email))) throw IdentityErrors.EMAIL_TAKEN();
  const grants = await checkedGrants(tx, input.grants);
  const id = randomUUID();
  await repo.insertUser(tx, {
    id,
    username: input.user.username,
    fullName: input.user.fullName.normalize('NFC'),
    idNumber: input.user.idNumber ?? null,
    email: input.user.email ?? null,
    phone: input.user.phone ?? null,
    passwordHash: 'passwordHash' in input.user ? input.user.passwordHash : await hashPassword(input.user.password),
    mustChangePassword: true,
  });
  await repo.replaceGrants(tx, id, grants);
  await audit(tx, input, 'user.create', { chain: 'users', subject: ['user', id], data: { username: input.user.username, grants } });
  return id;
}

const grantKey = (g: { role: string; agencyCode: string | null }) => `${g.role}@${g.agencyCode ?? '*'}`;
const sameGrants = (a: Grant[], b: Grant[]) => {
  const keys = new Set(a.map(grantKey));
  return keys.size === new Set(b.map(grantKey)).size && b.every((g) => keys.has(grantKey(g)));
};

/**
 * Replaces a user's grants (roles per agency). Sending the same grants again changes nothing and
 * writes no audit row (safe to retry); an administrator cannot take away their own `admin` role.
 * Audited with the grants before and after.
 */
export async function setGrants(
  tx: Sql,
  input: { actor: Actor; now: Date; userId: string; grants: { role: Grant['role']; agencyCode: string | null }[] },
): Promise<{ changed: boolean }> {
  if (!(await repo.findUserById(tx, input.userId))) throw IdentityErrors.USER_NOT_FOUND();
  const grants = await checkedGrants(tx, input.grants);
  const before = await repo.listGrants(tx, input.userId);
  if (sameGrants(before, grants)) return { changed: false };
  if (input.userId === input.actor.id && !grants.some((g) => g.role === 'admin')) throw IdentityErrors.SELF_LOCKOUT();
  await repo.replaceGrants(tx, input.userId, grants);
  await audit(tx, input, 'user.grants', { chain: 'users', subject: ['user', input.userId], data: { before, grants } });
  return { changed: true };
}

/**
 * Deactivates (khóa) or reactivates (mở khóa) an account; deactivation revokes its sessions.
 * Already in that state: nothing changes and nothing is audited (safe to retry). An
 * administrator cannot deactivate their own account.
 */
export async function setUserActive(tx: Sql, input: { actor: Actor; now: Date; userId: string; active: boolean }): Promise<{ changed: boolean }> {
  const user = await repo.findUserById(tx, input.userId);
  if (!user) throw IdentityErrors.USER_NOT_FOUND();
  if (!input.active && input.userId === input.actor.id) throw IdentityErrors.SELF_LOCKOUT();
  if (user.active === input.active) return { changed: false };
  await repo.setActive(tx, input.userId, input.active);
  await audit(tx, input, input.active ? 'user.reactivate' : 'user.deactivate', { chain: 'users', subject: ['user', input.userId] });
  return { changed: true };
}
