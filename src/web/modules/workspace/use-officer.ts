import { useMe } from '../identity/identity.api.ts';
import { type Grant, isOfficer } from './workspace.format.ts';

/** The signed-in user with grants; `officer` when they hold a role in an agency. */
export function useOfficer() {
  const me = useMe();
  const grants = (me.data as { grants?: Grant[] } | null | undefined)?.grants ?? [];
  return { me, user: me.data ?? null, grants, officer: isOfficer(grants) };
}
