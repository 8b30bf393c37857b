import { describe, expect, it } from 'vitest';
import type { Actor, Grant } from '#platform/actor.ts';
import { type DossierAction, type DossierParties, allowedActions, unmetCondition } from './actions.ts';
import { allowedActionsFor, mayTake } from './policy.ts';
import { type ActionRecord, applyToState, reduceLog } from './reducer.ts';
import { DOSSIER_STATUSES, type DossierStatus, statusInfo } from './statuses.ts';

/** domain.md §2.9 "Allowed transitions", written out independently of the code. */
const lawfulTransitions: Record<DossierStatus, DossierStatus[]> = {
  SUBMITTED: ['RECEIVED', 'REJECTED_AT_INTAKE', 'AWAITING_SUPPLEMENT', 'WITHDRAWN'],
  RECEIVED: ['IN_PROCESSING', 'WITHDRAWN'],
  IN_PROCESSING: ['IN_PROCESSING', 'AWAITING_SUPPLEMENT', 'AWAITING_PAYMENT', 'STOPPED', 'RESULT_READY', 'WITHDRAWN'],
  AWAITING_SUPPLEMENT: ['IN_PROCESSING', 'SUBMITTED', 'STOPPED', 'WITHDRAWN'],
  AWAITING_PAYMENT: ['IN_PROCESSING', 'STOPPED', 'WITHDRAWN'],
  RESULT_READY: ['RESULT_READY', 'RESULT_RETURNED'], // issue_result: the clerk issues, the status stays 9
  REJECTED_AT_INTAKE: [],
  WITHDRAWN: [],
  STOPPED: [],
  RESULT_RETURNED: [],
};

const grant = (role: Grant['role'], agencyCode: string | null, provinceCode: string | null = '01'): Grant => ({ role, agencyCode, provinceCode });
const actor = (id: string, grants: Grant[], idNumber: string | null = null): Actor => ({
  id,
  username: id,
  fullName: id,
  idNumber,
  grants,
  sessionId: 's',
});
const HK = 'HK';
const BD = 'BD';
const citizen = actor('citizen', [grant('citizen', null, null)], '001190012345');
const desk = actor('desk', [grant('desk_officer', HK)]);
const specialist = actor('specialist', [grant('specialist', HK)]);
const leader = actor('leader', [grant('leader', HK)]);
const otherDesk = actor('otherDesk', [grant('desk_officer', BD)]);
const admin = actor('admin', [grant('admin', null, null)]);
const province = actor('province', [grant('provincial_leader', 'HN', '01')]);

const parties = (status: DossierStatus): DossierParties => ({
  status,
  applicantUserId: 'citizen',
  applicant: { idNumber: '001190012345' },
  receivingAgency: HK,
  competentAgency: HK,
  currentAgency: HK,
  assignee: 'specialist',
  awaitingIssueBy: null,
});

const fakeData: Record<string, Record<string, unknown>> = {
  receive: { code: 'X-260309-0001', dueAt: '2026-03-12T10:00:00Z', dueDate: '2026-03-12' },
  assign: { assignee: 'specialist' },
  forward: { toAgency: BD },
};

describe('the allowed-actions table', () => {
  it('names every status, and terminal statuses allow nothing', () => {
    expect(Object.keys(allowedActions).sort()).toEqual([...DOSSIER_STATUSES].sort());
    for (const status of DOSSIER_STATUSES) {
      expect(Object.keys(allowedActions[status]).length === 0).toBe(statusInfo[status].terminal);
    }
  });

  it('maps status codes 1–10 one to one', () => {
    expect(DOSSIER_STATUSES.map((s) => statusInfo[s].code).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('only allows actions whose effect is a lawful transition', () => {
    for (const status of DOSSIER_STATUSES) {
      for (const action of Object.keys(allowedActions[status]) as DossierAction[]) {
        const start = reduceLog([
          { seq: 1, action: 'submit', at: new Date(), actorId: 'x', actorName: 'x', actorAgency: null, data: { receivingAgency: HK, competentAgency: HK } } as ActionRecord,
        ]);
        const state = { ...start, status, phase: status === 'AWAITING_SUPPLEMENT' ? ('appraisal' as const) : null };
        const record = { seq: 2, action, at: new Date(), actorId: 'x', actorName: 'x', actorAgency: null, data: fakeData[action] ?? {} } as ActionRecord;
        const next = applyToState(state, record).status;
        expect(lawfulTransitions[status], `${status} --${action}--> ${next}`).toContain(next);
      }
    }
  });

  it('gives each role its own actions and nobody else’s', () => {
    expect(allowedActionsFor(desk, parties('SUBMITTED')).sort()).toEqual(['receive', 'reject', 'request_supplement']);
    expect(allowedActionsFor(citizen, parties('SUBMITTED'))).toEqual(['withdraw']);
    expect(allowedActionsFor(leader, parties('RECEIVED')).sort()).toEqual(['assign', 'forward']);
    expect(allowedActionsFor(specialist, parties('IN_PROCESSING')).sort()).toEqual(['forward', 'request_payment', 'request_supplement']);
    expect(allowedActionsFor(leader, parties('IN_PROCESSING')).sort()).toEqual(['approve', 'assign', 'extend', 'forward', 'stop']);
    expect(allowedActionsFor(desk, parties('RESULT_READY'))).toEqual(['return_result']);
    expect(allowedActionsFor(desk, parties('AWAITING_PAYMENT'))).toEqual(['confirm_payment']);
  });

  it('refuses officers of another agency, administrators, oversight and anonymous callers everywhere', () => {
    for (const status of DOSSIER_STATUSES) {
      for (const who of [otherDesk, admin, province, null]) {
        expect(allowedActionsFor(who, parties(status))).toEqual([]);
      }
    }
  });

  it('offers the liên thông actions only where they can succeed', () => {
    const police = actor('police', [grant('specialist', 'CA')]);
    expect(allowedActionsFor(leader, { ...parties('RECEIVED'), interagencySteps: 3 }).sort()).toEqual(['assign', 'dispatch', 'forward']);
    const open = { ...parties('IN_PROCESSING'), interagencySteps: 3, graphSteps: [{ step: 1, agency: HK, open: false }, { step: 2, agency: 'CA', open: true }] };
    expect(allowedActionsFor(leader, open).sort()).toEqual(['assign', 'extend', 'stop']); // no approve, forward or second dispatch
    expect(unmetCondition('approve', open)).toBe('STEPS_PENDING');
    expect(allowedActionsFor(police, open)).toEqual(['complete_step']);
    const done = { ...open, graphSteps: open.graphSteps.map((s) => ({ ...s, open: false })) };
    expect(allowedActionsFor(police, done)).toEqual([]); // no button, yet the guard lets it through to answer 409
    expect(mayTake(police, 'complete_step', done)).toBe(true);
    expect(allowedActionsFor(leader, done)).toContain('approve');
  });

  it('lets only the assigned specialist act as specialist', () => {
    const colleague = actor('colleague', [grant('specialist', HK)]);
    expect(mayTake(colleague, 'request_payment', parties('IN_PROCESSING'))).toBe(false);
    expect(mayTake(specialist, 'request_payment', parties('IN_PROCESSING'))).toBe(true);
  });

  it('holds the return of a result the clerk has not issued, and lets only that agency’s clerk issue it', () => {
    const clerk = actor('clerk', [grant('clerk', HK)]);
    const otherClerk = actor('otherClerk', [grant('clerk', BD)]);
    const pending = { ...parties('RESULT_READY'), awaitingIssueBy: HK };
    expect(allowedActionsFor(desk, pending)).toEqual([]);
    expect(allowedActionsFor(clerk, pending)).toEqual(['issue_result']);
    expect(allowedActionsFor(otherClerk, pending)).toEqual([]);
    expect(allowedActionsFor(clerk, parties('RESULT_READY'))).toEqual([]);
    expect(unmetCondition('return_result', pending)).toBe('RESULT_NOT_ISSUED');
    expect(unmetCondition('issue_result', parties('RESULT_READY'))).toBe('RESULT_ALREADY_ISSUED');
    expect(unmetCondition('return_result', parties('RESULT_READY'))).toBeNull();
  });

  it('recognises the applicant by identity number for dossiers filed at the counter', () => {
    const counterFiled = { ...parties('SUBMITTED'), applicantUserId: null };
    expect(mayTake(citizen, 'withdraw', counterFiled)).toBe(true);
    const stranger = actor('stranger', [grant('citizen', null, null)], '001190099999');
    expect(mayTake(stranger, 'withdraw', counterFiled)).toBe(false);
  });
});

describe('reducer', () => {
  const t = (s: string) => new Date(s);
  // entries with only the fields the reducer reads
  const rec = (seq: number, action: ActionRecord['action'], at: string, data: Record<string, unknown> = {}) =>
    ({ seq, action, at: t(at), actorId: 'u', actorName: 'u', actorAgency: null, data }) as ActionRecord;

  it('derives status, phase, code and appointment from the log alone, in any storage order', () => {
    const log = [
      rec(1, 'submit', '2026-03-09T01:00:00Z', { receivingAgency: HK, competentAgency: HK }),
      rec(2, 'receive', '2026-03-09T02:00:00Z', { code: 'HK-260309-0001', dueAt: '2026-03-18T10:00:00Z', dueDate: '2026-03-18' }),
      rec(3, 'assign', '2026-03-09T03:00:00Z', { assignee: 'sp' }),
      rec(4, 'request_supplement', '2026-03-10T03:00:00Z', { reason: 'thiếu' }),
    ];
    const s = reduceLog([...log].reverse());
    expect(s).toMatchObject({ status: 'AWAITING_SUPPLEMENT', phase: 'appraisal', code: 'HK-260309-0001', assignee: 'sp', dueDate: '2026-03-18' });
    const restarted = reduceLog([
      ...log,
      rec(5, 'submit_supplement', '2026-03-20T02:00:00Z', { dueAt: '2026-03-31T10:00:00Z', dueDate: '2026-03-31' }),
    ]);
    expect(restarted).toMatchObject({ status: 'IN_PROCESSING', phase: null, dueDate: '2026-03-31' });
    expect(restarted.clockStartedAt).toEqual(t('2026-03-20T02:00:00Z'));
  });

  it('sends an intake supplement back to SUBMITTED without starting the clock', () => {
    const s = reduceLog([
      rec(1, 'submit', '2026-03-09T01:00:00Z', { receivingAgency: HK, competentAgency: HK }),
      rec(2, 'request_supplement', '2026-03-09T02:00:00Z', { reason: 'thiếu' }),
      rec(3, 'submit_supplement', '2026-03-10T02:00:00Z', {}),
    ]);
    expect(s).toMatchObject({ status: 'SUBMITTED', phase: null, clockStartedAt: null, dueAt: null, code: null });
  });

  it('rejects a log that does not start with submit', () => {
    expect(() => reduceLog([rec(1, 'receive', '2026-03-09T01:00:00Z', {})])).toThrow();
  });
});
