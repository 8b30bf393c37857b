import { describe, expect, it } from 'vitest';
import type { Actor, Grant, Role } from '#platform/actor.ts';
import type { LoadedBody } from './bodies.ts';
import { may, taskAgencies } from './policy.ts';

/** e-Cabinet's grant questions as a table: role × the agency's relation to the body or task. */

const actorOf = (id: string, grants: Omit<Grant, 'provinceCode'>[]): Actor => ({
  id,
  username: id,
  fullName: id,
  idNumber: null,
  grants: grants.map((g) => ({ ...g, provinceCode: '01' })),
  sessionId: 's',
});

const body = { code: 'UBND-HN', name: 'UBND', agencyCode: 'UB01', members: [{ userId: 'van-phong', role: 'secretariat' }, { userId: 'chu-tich', role: 'chair' }] } as unknown as LoadedBody;

const ROLES = ['leader', 'specialist', 'clerk', 'admin', 'national_oversight'] as const satisfies readonly Role[];

describe('cabinet policy', () => {
  it('lets the secretariat and an administrator (everywhere or at the body’s agency) manage a body, nobody else', () => {
    const table: Record<string, boolean> = {};
    for (const role of ROLES) {
      for (const [relation, agencyCode] of [['at the body’s agency', 'UB01'], ['elsewhere', 'HK'], ['everywhere', null]] as const) {
        table[`${role} ${relation}`] = may.manageBody(actorOf('x', [{ role, agencyCode }]), body);
      }
    }
    expect(Object.keys(table).filter((k) => table[k])).toEqual(['admin at the body’s agency', 'admin everywhere']);
    expect(may.manageBody(actorOf('van-phong', []), body)).toBe(true);
    expect(may.manageBody(actorOf('chu-tich', [{ role: 'leader', agencyCode: 'UB01' }]), body)).toBe(false);
  });

  it('lets any officer of the assignee agency, or the body’s secretariat, work a task', () => {
    for (const role of ROLES) {
      const officer = actorOf('x', [{ role, agencyCode: 'HK' }]);
      expect(may.workTask(officer, 'HK', false)).toBe(true);
      expect(may.workTask(officer, 'BD', false)).toBe(false);
      expect(may.workTask(officer, 'BD', true)).toBe(true);
    }
    const everywhere = actorOf('admin', [{ role: 'admin', agencyCode: null }]);
    expect(may.workTask(everywhere, 'HK', false)).toBe(false);
    expect(taskAgencies(actorOf('x', [{ role: 'leader', agencyCode: 'HK' }, { role: 'clerk', agencyCode: 'HK' }, { role: 'specialist', agencyCode: 'BD' }]))).toEqual(['HK', 'BD']);
  });
});
