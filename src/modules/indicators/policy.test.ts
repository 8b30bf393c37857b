import { describe, expect, it } from 'vitest';
import type { Actor, Grant, Role } from '#platform/actor.ts';
import { homeUnitOf, may, readerAgency } from './policy.ts';

/**
 * The command center's policy as a table: every role × every unit kind × the unit's relation to
 * the grant (its own agency / province, another of the same province, another province). The
 * expectations are written from domain.md §8 (who oversees what), not derived from the code.
 */

const ROLES = ['citizen', 'desk_officer', 'specialist', 'leader', 'clerk', 'provincial_leader', 'national_oversight', 'inspector', 'admin'] as const satisfies readonly Role[];
type R = (typeof ROLES)[number];

/** Every grant sits at agency HK of province 01 (a provincial leader's at UB01, the province's People's Committee). */
const actorOf = (role: R, extra: Partial<Grant> = {}): Actor => ({
  id: role,
  username: role,
  fullName: role,
  idNumber: null,
  grants: [{ role, agencyCode: role === 'provincial_leader' ? 'UB01' : role === 'national_oversight' ? null : 'HK', provinceCode: role === 'national_oversight' ? null : '01', ...extra }],
  sessionId: 's',
});

const UNITS = {
  nation: { code: 'VN', kind: 'national', provinceCode: null },
  ownProvince: { code: '01', kind: 'province', provinceCode: '01' },
  otherProvince: { code: '79', kind: 'province', provinceCode: '79' },
  ownCommune: { code: '00070', kind: 'commune', provinceCode: '01' },
  otherCommune: { code: '26734', kind: 'commune', provinceCode: '79' },
  ownAgency: { code: 'HK', kind: 'agency', provinceCode: '01' },
  sameProvinceAgency: { code: 'BD', kind: 'agency', provinceCode: '01' },
  otherProvinceAgency: { code: 'HC', kind: 'agency', provinceCode: '79' },
  centralAgency: { code: 'BYT', kind: 'agency', provinceCode: null },
} as const;
type U = keyof typeof UNITS;

/** Which units each role reads; every role not listed reads none. */
const VIEWS: Partial<Record<R, U[]>> = {
  national_oversight: Object.keys(UNITS) as U[],
  provincial_leader: ['ownProvince', 'ownCommune', 'ownAgency', 'sameProvinceAgency'],
  leader: ['ownAgency'],
};

describe('indicators policy', () => {
  for (const role of ROLES) {
    for (const [name, unit] of Object.entries(UNITS) as [U, (typeof UNITS)[U]][]) {
      const expected = VIEWS[role]?.includes(name) ?? false;
      it(`${role} ${expected ? 'reads' : 'does not read'} ${name}`, () => {
        expect(may.viewUnit(actorOf(role), unit)).toBe(expected);
      });
    }
    it(`${role} ${VIEWS[role] ? 'opens' : 'does not open'} the command center; ${role === 'national_oversight' ? 'learns' : 'does not learn'} unknown codes`, () => {
      expect(may.view(actorOf(role))).toBe(!!VIEWS[role]);
      expect(may.knowAllUnits(actorOf(role))).toBe(role === 'national_oversight');
    });
  }

  it('shows the applicant only to the dossier agency’s leader and its province’s leader', () => {
    const rows = { own: { agency: 'HK', provinceCode: '01' }, sameProvince: { agency: 'BD', provinceCode: '01' }, otherProvince: { agency: 'HC', provinceCode: '79' } };
    const table = Object.fromEntries(ROLES.map((role) => [role, Object.entries(rows).filter(([, row]) => may.readPersonal(actorOf(role), row)).map(([k]) => k)]));
    expect(table).toEqual({
      citizen: [],
      desk_officer: [],
      specialist: [],
      leader: ['own'],
      clerk: [],
      provincial_leader: ['own', 'sameProvince'],
      national_oversight: [],
      inspector: [],
      admin: [],
    });
  });

  it('a grant without a province reaches no province (not the central agencies either)', () => {
    const stray = actorOf('provincial_leader', { provinceCode: null });
    expect(may.viewUnit(stray, UNITS.centralAgency)).toBe(false);
    expect(may.readPersonal(stray, { agency: 'BYT', provinceCode: null })).toBe(false);
  });

  it('starts each viewer on their own unit and names their agency in the access log', () => {
    expect(homeUnitOf(actorOf('national_oversight'), 'VN')).toBe('VN');
    expect(homeUnitOf(actorOf('provincial_leader'), 'VN')).toBe('01');
    expect(homeUnitOf(actorOf('leader'), 'VN')).toBe('HK');
    expect(homeUnitOf(actorOf('specialist'), 'VN')).toBeNull();
    expect(readerAgency(actorOf('provincial_leader'))).toBe('UB01');
    expect(readerAgency(actorOf('national_oversight'))).toBeNull();
  });
});
