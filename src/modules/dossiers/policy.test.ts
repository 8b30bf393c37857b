import { describe, expect, it } from 'vitest';
import type { Actor, Grant, Role } from '#platform/actor.ts';
import { DOSSIER_ACTIONS, type DossierAction } from './actions.ts';
import type { Dossier } from './dossiers.types.ts';
import { may, mayTake, readerKind } from './policy.ts';
import type { DossierStatus } from './statuses.ts';

/**
 * The policy's table test: every officer role × every action × the agency's relation to the
 * dossier (its own agency, another agency of the same province, an agency of another province).
 * The expectations are written out from domain.md §2.9 (who acts at which step), not read from
 * the action table, so a wrong row in the table fails here.
 */

const OWN = { agency: 'HK', province: '01' };
const SAME_PROVINCE = { agency: 'BD', province: '01' };
const OTHER_PROVINCE = { agency: 'HC', province: '79' };
const RELATIONS = { own: OWN, sameProvince: SAME_PROVINCE, otherProvince: OTHER_PROVINCE } as const;
type Relation = keyof typeof RELATIONS;

const ROLES = ['desk_officer', 'specialist', 'leader', 'clerk', 'provincial_leader', 'payment_gateway', 'auditor'] as const satisfies readonly Role[];
type OfficerRole = (typeof ROLES)[number];

const actorOf = (role: OfficerRole, at: { agency: string; province: string }): Actor => {
  const grant: Grant = { role, agencyCode: role === 'provincial_leader' ? `UB${at.province}` : at.agency, provinceCode: at.province };
  return { id: `${role}@${at.agency}`, username: role, fullName: role, idNumber: null, grants: [grant], sessionId: 's' };
};

/** A dossier of Phường Hoàn Kiếm (HK, Hà Nội 01), assigned to HK's specialist. */
const dossierIn = (status: DossierStatus, extra: Partial<Dossier> = {}): Dossier =>
  ({
    status,
    applicantUserId: 'citizen',
    applicant: { idNumber: '001190012345' },
    receivingAgency: OWN.agency,
    competentAgency: OWN.agency,
    currentAgency: OWN.agency,
    provinceCode: OWN.province,
    assignee: `specialist@${OWN.agency}`,
    awaitingIssueBy: null,
    stepAgencies: [],
    graphSteps: [],
    interagencySteps: 1,
    ...extra,
  }) as unknown as Dossier;

/** Per status, what each role of the dossier's own agency may do (domain.md §2.9); nobody else may do anything. */
const OWN_AGENCY: Record<DossierStatus, Partial<Record<OfficerRole, DossierAction[]>>> = {
  SUBMITTED: { desk_officer: ['receive', 'reject', 'request_supplement'] },
  RECEIVED: { desk_officer: ['forward', 'dispatch'], leader: ['assign', 'forward', 'dispatch'] },
  IN_PROCESSING: {
    specialist: ['request_supplement', 'request_payment', 'forward', 'dispatch'],
    leader: ['assign', 'forward', 'dispatch', 'approve', 'extend', 'stop'],
  },
  AWAITING_SUPPLEMENT: { desk_officer: ['submit_supplement'], leader: ['stop'] },
  AWAITING_PAYMENT: { desk_officer: ['confirm_payment'], specialist: ['confirm_payment'], leader: ['stop'], payment_gateway: ['confirm_payment'] },
  RESULT_READY: { desk_officer: ['return_result'] },
  REJECTED_AT_INTAKE: {},
  WITHDRAWN: {},
  STOPPED: {},
  RESULT_RETURNED: {},
};

const sorted = (a: readonly string[]) => [...a].sort();
const actionsOf = (actor: Actor, d: Dossier) => DOSSIER_ACTIONS.filter((a) => mayTake(actor, a, d));

describe('dossier policy: role × action × agency relation', () => {
  for (const [status, byRole] of Object.entries(OWN_AGENCY) as [DossierStatus, Partial<Record<OfficerRole, DossierAction[]>>][]) {
    for (const role of ROLES) {
      for (const relation of Object.keys(RELATIONS) as Relation[]) {
        const expected = relation === 'own' ? (byRole[role] ?? []) : [];
        it(`${status}: ${role} of ${relation === 'own' ? 'the own agency' : relation === 'sameProvince' ? 'another agency of the province' : 'another province'} may ${expected.join(', ') || 'nothing'}`, () => {
          expect(sorted(actionsOf(actorOf(role, RELATIONS[relation]), dossierIn(status)))).toEqual(sorted(expected));
        });
      }
    }
  }

  it('the specialist acts only on the dossiers assigned to them', () => {
    const colleague = { ...actorOf('specialist', OWN), id: 'another-specialist' };
    expect(actionsOf(colleague, dossierIn('IN_PROCESSING'))).toEqual([]);
  });

  it('the clerk issues a result awaiting issuance at their agency; the desk returns it only once issued', () => {
    const awaiting = dossierIn('RESULT_READY', { awaitingIssueBy: OWN.agency });
    expect(actionsOf(actorOf('clerk', OWN), awaiting)).toEqual(['issue_result']);
    expect(actionsOf(actorOf('clerk', SAME_PROVINCE), awaiting)).toEqual([]);
    expect(actionsOf(actorOf('desk_officer', OWN), awaiting)).toEqual([]);
  });

  it("a liên thông step's agency (same province) completes its step; the lead's leader recalls it only when late", () => {
    const now = new Date('2026-03-20T03:00:00Z');
    const step = { step: 1, agency: SAME_PROVINCE.agency, open: true, subDueAt: new Date('2026-03-19T10:00:00Z') };
    const d = dossierIn('IN_PROCESSING', { graphSteps: [step], stepAgencies: [SAME_PROVINCE.agency], now } as Partial<Dossier>);
    expect(actionsOf(actorOf('specialist', SAME_PROVINCE), d)).toEqual(['complete_step']);
    expect(actionsOf(actorOf('leader', SAME_PROVINCE), d)).toEqual(['complete_step']);
    expect(actionsOf(actorOf('desk_officer', SAME_PROVINCE), d)).toEqual([]);
    expect(actionsOf(actorOf('leader', OWN), d)).toContain('recall_step');
    expect(actionsOf(actorOf('leader', OWN), d)).not.toContain('approve'); // a step is still open
    expect(actionsOf(actorOf('specialist', OTHER_PROVINCE), d)).toEqual([]);
  });
});

describe('dossier policy: who reads', () => {
  const expectedReader: Record<OfficerRole, Record<Relation, ReturnType<typeof readerKind>>> = {
    desk_officer: { own: 'officer', sameProvince: null, otherProvince: null },
    specialist: { own: 'officer', sameProvince: null, otherProvince: null },
    leader: { own: 'officer', sameProvince: null, otherProvince: null },
    clerk: { own: 'officer', sameProvince: null, otherProvince: null },
    provincial_leader: { own: 'oversight', sameProvince: 'oversight', otherProvince: null },
    payment_gateway: { own: 'officer', sameProvince: null, otherProvince: null },
    // reads the audit trail of its agency (auditing module), never the dossier's personal data
    auditor: { own: null, sameProvince: null, otherProvince: null },
  };
  for (const role of ROLES) {
    for (const relation of Object.keys(RELATIONS) as Relation[]) {
      it(`${role} of ${relation}: ${expectedReader[role][relation] ?? 'not found (404)'}`, () => {
        expect(readerKind(actorOf(role, RELATIONS[relation]), dossierIn('IN_PROCESSING'))).toBe(expectedReader[role][relation]);
      });
    }
  }

  it("an auditor at the province's People's Committee (thanh tra tỉnh, kiemtoan.hanoi) reads the province's audit trail, never a dossier, and takes no action", () => {
    const auditor: Actor = { ...actorOf('auditor', OWN), grants: [{ role: 'auditor', agencyCode: `UB${OWN.province}`, provinceCode: OWN.province }] };
    for (const status of Object.keys(OWN_AGENCY) as DossierStatus[]) {
      expect(readerKind(auditor, dossierIn(status))).toBeNull();
      expect(actionsOf(auditor, dossierIn(status))).toEqual([]);
    }
  });

  it('the applicant reads their own dossier; an agency the dossier passed through reads it too', () => {
    const citizen: Actor = { id: 'citizen', username: 'c', fullName: 'c', idNumber: null, grants: [{ role: 'citizen', agencyCode: null, provinceCode: null }], sessionId: 's' };
    expect(readerKind(citizen, dossierIn('SUBMITTED'))).toBe('applicant');
    expect(readerKind({ ...citizen, id: 'someone-else' }, dossierIn('SUBMITTED'))).toBeNull();
    const forwarded = dossierIn('IN_PROCESSING', { stepAgencies: [SAME_PROVINCE.agency] });
    expect(readerKind(actorOf('specialist', SAME_PROVINCE), forwarded)).toBe('officer');
  });
});

describe('dossier policy: questions outside the action table', () => {
  const table: [string, (a: Actor, d: Dossier) => boolean, OfficerRole[]][] = [
    ['receive at the counter', (a) => may.submitAtDesk(a, OWN.agency), ['desk_officer']],
    ['preview a reception', (a) => may.previewReception(a, OWN.agency), ['desk_officer']],
    ['read the register book', (a) => may.readRegisterBook(a, OWN.agency), ['desk_officer', 'leader']],
    ['list the assignees', (a) => may.listAssignees(a, OWN.agency), ['specialist', 'leader']],
    ['be assigned', (a, d) => may.beAssigned(a, d), ['specialist']],
    ['lock for processing', (a, d) => may.lock(a, d), ['desk_officer', 'specialist', 'leader', 'clerk']],
    ['take the lock over', (a, d) => may.takeOverLock(a, d), ['leader']],
    ['see the overview', (a) => may.seeOverview(a, { code: OWN.agency, provinceCode: OWN.province }), ['leader', 'provincial_leader']],
  ];
  for (const [question, ask, allowed] of table) {
    for (const relation of Object.keys(RELATIONS) as Relation[]) {
      it(`${question}: ${relation}`, () => {
        const d = dossierIn('IN_PROCESSING');
        const answers = ROLES.filter((role) => ask(actorOf(role, RELATIONS[relation]), d));
        const expected = relation === 'own' ? allowed : relation === 'sameProvince' && allowed.includes('provincial_leader') ? ['provincial_leader'] : [];
        expect(answers).toEqual(expected);
      });
    }
  }
});
