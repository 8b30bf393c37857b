import { type Actor, agenciesWhere, holds, provincesWhere } from '#platform/actor.ts';

/** The roles that read the command center at all. */
export const VIEWER_ROLES = ['national_oversight', 'provincial_leader', 'leader'] as const;

/** What the policy needs of a unit (units.ts `Unit`). */
interface UnitScope {
  code: string;
  kind: 'national' | 'province' | 'commune' | 'agency';
  provinceCode: string | null;
}

/** What the policy needs of a dossier line behind a figure. */
interface DossierScope {
  agency: string;
  provinceCode: string | null;
}

const inProvince = (actor: Actor, province: string | null) => province !== null && provincesWhere(actor, 'provincial_leader').includes(province);

/**
 * Who reads the command center (domain.md §8): national oversight everywhere, a provincial
 * leader inside the province, a leader at the agency. Routes and use cases ask here, never the
 * grants.
 */
export const may = {
  /** Open the command center at all (else 403 INDICATORS_NOT_ALLOWED). */
  view: (actor: Actor) => holds(actor, VIEWER_ROLES),
  /** Read a unit's figures. */
  viewUnit: (actor: Actor, unit: UnitScope) =>
    holds(actor, 'national_oversight') ||
    (unit.kind !== 'national' && inProvince(actor, unit.provinceCode)) ||
    (unit.kind === 'agency' && holds(actor, 'leader', unit.code)),
  /** Learn that a unit code does not exist (404); others get 403 so codes cannot be probed. */
  knowAllUnits: (actor: Actor) => holds(actor, 'national_oversight'),
  /** See the applicant's name on a dossier behind a figure (its agency's leader, its province's leader); the read is logged. */
  readPersonal: (actor: Actor, row: DossierScope) => holds(actor, 'leader', row.agency) || inProvince(actor, row.provinceCode),
} as const;

/** The unit a viewer starts on: the nation, their province, or their agency (null: none). */
export function homeUnitOf(actor: Actor, national: string): string | null {
  if (holds(actor, 'national_oversight')) return national;
  return provincesWhere(actor, 'provincial_leader')[0] ?? agenciesWhere(actor, 'leader')[0] ?? null;
}

/** The agency the access log names for the reader (the first agency of any grant). */
export const readerAgency = (actor: Actor): string | null => agenciesWhere(actor, 'any')[0] ?? null;
