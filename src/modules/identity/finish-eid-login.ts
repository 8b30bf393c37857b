import { randomUUID } from 'node:crypto';
import { audit } from '#platform/audit.ts';
import type { Sql } from '#platform/db.ts';
import type { EidClaimMapping } from './eid-settings.ts';
import { EidErrors } from './identity.errors.ts';
import { identityRepository as repo } from './identity.repository.ts';
import { openSession } from './login.ts';

export interface EidFacts {
  idNumber: string;
  fullName: string | null;
  birthDate: string | null;
  address: string | null;
}

function text(value: unknown, max: number): string | null {
  if (typeof value !== 'string') return null;
  const v = value.normalize('NFC').trim();
  return v.length > 0 && v.length <= max ? v : null;
}

/** The facts the e-ID asserts, read through the claim mapping. No valid 12-digit number → EID_NO_IDENTITY_NUMBER. */
export function factsFromClaims(claims: Record<string, unknown>, mapping: EidClaimMapping): EidFacts {
  const idNumber = claims[mapping.idNumber];
  if (typeof idNumber !== 'string' || !/^\d{12}$/.test(idNumber)) throw EidErrors.EID_NO_IDENTITY_NUMBER();
  const birth = text(claims[mapping.birthDate], 10);
  const rawAddress = claims[mapping.address];
  const address =
    rawAddress && typeof rawAddress === 'object' ? text((rawAddress as { formatted?: unknown }).formatted, 500) : text(rawAddress, 500);
  return {
    idNumber,
    fullName: text(claims[mapping.fullName], 120),
    birthDate: birth && /^\d{4}-\d{2}-\d{2}$/.test(birth) && !Number.isNaN(Date.parse(birth)) ? birth : null,
    address,
  };
}

/**
 * After the provider confirmed the identity: finds the citizen account with this identity
 * number or creates it (username = the number, no password, citizen grant), records the facts,
 * opens a session and writes `user.eid_login` in the `users` audit chain. A second sign-in, a
 * replay or two sign-ins at once never create a second account (id_number is unique).
 */
export async function finishEidLogin(
  tx: Sql,
  input: { facts: EidFacts; subject: string; issuer: string; ip: string; userAgent: string | null; now: Date },
) {
  const { facts } = input;
  let created = false;
  let user = await repo.findUserByIdNumber(tx, facts.idNumber);
  if (!user) {
    const id = randomUUID();
    created = await repo.insertEidCitizen(tx, {
      id,
      username: facts.idNumber,
      fullName: facts.fullName ?? facts.idNumber,
      idNumber: facts.idNumber,
    });
    if (created) await repo.replaceGrants(tx, id, [{ role: 'citizen', agencyCode: null, provinceCode: null }]);
    user = await repo.findUserByIdNumber(tx, facts.idNumber);
    if (!user) throw EidErrors.EID_FAILED();
  }
  if (!user.active) throw EidErrors.EID_ACCOUNT_INACTIVE();
  const grants = await repo.listGrants(tx, user.id);
  if (!grants.some((g) => g.role === 'citizen')) throw EidErrors.EID_ACCOUNT_NOT_CITIZEN();

  await repo.updateEidFacts(tx, user.id, { ...facts, subject: input.subject, at: input.now });
  const session = await openSession(tx, { userId: user.id, ip: input.ip, userAgent: input.userAgent, now: input.now });
  await audit(tx, { actor: user, now: input.now }, 'user.eid_login', { chain: 'users', subject: ['user', user.id], data: { created, issuer: input.issuer } });
  return { userId: user.id, created, ...session };
}
