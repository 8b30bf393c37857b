import type { Grant } from '#platform/actor.ts';
import type { Sql } from '#platform/db.ts';
import { findAgency, placeOfAddress } from '#modules/places/index.ts';

/** The user as login and /me present it (api.md §2). Never includes the password hash. */
export async function presentUser(
  tx: Sql,
  user: {
    id: string;
    username: string;
    fullName: string;
    idNumber: string | null;
    birthDate?: string | null;
    address?: string | null;
    mustChangePassword?: boolean;
    /** Whether the account signs in with a password (not a citizen known only through the e-ID). */
    hasPassword: boolean;
  },
  grants: Grant[],
) {
  const agencyCodes = [...new Set(grants.flatMap((g) => (g.agencyCode ? [g.agencyCode] : [])))];
  const agencies = [];
  for (const code of agencyCodes) {
    const agency = await findAgency(tx, code);
    if (agency) agencies.push({ code: agency.code, name: agency.name, adminUnitCode: agency.adminUnitCode });
  }
  return {
    id: user.id,
    username: user.username,
    fullName: user.fullName,
    idNumber: user.idNumber,
    /** What the state already knows (from the e-ID), so forms prefill it ("only once"). */
    birthDate: user.birthDate ?? null,
    address: user.address ?? null,
    /** The same address placed on the map of communes (prefills the residence and where to submit), when it is a current one. */
    residence: user.address ? await placeOfAddress(tx, user.address) : null,
    roles: [...new Set(grants.map((g) => g.role))],
    agencies,
    grants,
    /** Đổi mật khẩu bắt buộc: the password was set by an administrator; nothing else works until it is changed. */
    mustChangePassword: user.mustChangePassword ?? false,
    /** Đổi mật khẩu applies: false for a citizen known only through the e-ID. */
    hasPassword: user.hasPassword,
  };
}
