import type { Actor } from '#platform/actor.ts';
import { audit } from '#platform/audit.ts';
import type { Sql } from '#platform/db.ts';
import { IdentityErrors } from './identity.errors.ts';
import { identityRepository as repo } from './identity.repository.ts';

/** The same e-mail address, trimmed and case aside. */
const sameAddress = (a: string | null, b: string | null) => (a ?? '').trim().toLowerCase() === (b ?? '').trim().toLowerCase();

export type UserDetails = { fullName?: string; email?: string | null; phone?: string | null };

/**
 * Sửa thông tin tài khoản: an administrator corrects a full name (NFC, trimmed), an e-mail or a
 * phone (null clears it). An e-mail address another account holds (trimmed, case aside) is refused
 * (`EMAIL_TAKEN`); the account's own address, kept or re-cased, is not checked again (an older
 * installation may hold duplicates). What is already so changes nothing and writes no audit row
 * (safe to retry); otherwise `user.update` in the `users` chain names the fields changed, not their values.
 */
export async function updateUser(tx: Sql, input: { actor: Actor; now: Date; userId: string; details: UserDetails }): Promise<{ changed: boolean }> {
  const user = await repo.findUserById(tx, input.userId);
  if (!user) throw IdentityErrors.USER_NOT_FOUND();
  const wanted: Required<UserDetails> = {
    fullName: input.details.fullName === undefined ? user.fullName : input.details.fullName.normalize('NFC').trim(),
    email: input.details.email === undefined ? user.email : input.details.email,
    phone: input.details.phone === undefined ? user.phone : input.details.phone,
  };
  const fields = (['fullName', 'email', 'phone'] as const).filter((f) => wanted[f] !== user[f]);
  if (fields.length === 0) return { changed: false };
  if (wanted.email && !sameAddress(wanted.email, user.email) && (await repo.emailTaken(tx, wanted.email, user.id))) throw IdentityErrors.EMAIL_TAKEN();
  await repo.updateDetails(tx, input.userId, wanted);
  await audit(tx, input, 'user.update', { chain: 'users', subject: ['user', input.userId], data: { fields } });
  return { changed: true };
}
