import { useMe } from '../identity/identity.api.ts';
import type { Grant, User } from '#modules/identity/identity.contract.ts';
import { isOfficer } from '../identity/officer-roles.ts';

/** The signed-in user with grants; `officer` when they hold a role in an agency. */
export function useOfficer() {
  const me = useMe();
  const grants = me.data?.grants ?? [];
  return { me, user: me.data ?? null, grants, officer: isOfficer(grants) };
}

/** The agencies in which the user holds one of `roles`, with their names (the code when the name is unknown). */
export function officerAgencies(user: Pick<User, 'agencies'> | null, grants: Grant[], roles: readonly string[]) {
  return [...new Set(grants.filter((g) => roles.includes(g.role) && g.agencyCode).map((g) => g.agencyCode!))].map((code) => ({
    code,
    name: user?.agencies.find((a) => a.code === code)?.name ?? code,
  }));
}
