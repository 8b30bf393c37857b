import type { Actor } from '#platform/actor.ts';
import type { Sql } from '#platform/db.ts';
import { findUserById } from '#modules/identity/index.ts';
import { CabinetErrors } from './cabinet.errors.ts';
import * as repo from './cabinet.repository.ts';
import type { DecisionRule, Voter } from './decision-rule.ts';

export interface Member extends repo.MemberRow {
  username: string;
  fullName: string;
}

export interface LoadedBody extends repo.Body {
  members: Member[];
}

/** The roles that vote and answer opinion forms; the secretariat serves but does not vote. */
export const VOTING_ROLES: repo.MemberRole[] = ['chair', 'vice_chair', 'member'];

export async function loadBody(tx: Sql, code: string): Promise<LoadedBody> {
  const body = await repo.findBody(tx, code);
  if (!body) throw CabinetErrors.BODY_NOT_FOUND();
  const rows = await repo.listMembers(tx, code);
  const members: Member[] = [];
  for (const m of rows) {
    const user = await findUserById(tx, m.userId);
    members.push({ ...m, username: user?.username ?? m.userId, fullName: user?.fullName ?? m.userId });
  }
  // chair, vice-chairs, members, then the secretariat; in each, the order they were listed in
  members.sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.position - b.position);
  return { ...body, members };
}

const ROLE_ORDER: repo.MemberRole[] = ['chair', 'vice_chair', 'member', 'secretariat'];

export const roleOf = (body: LoadedBody, userId: string): repo.MemberRole | null => body.members.find((m) => m.userId === userId)?.role ?? null;
export const isSecretariat = (body: LoadedBody, userId: string) => roleOf(body, userId) === 'secretariat';
export const isChair = (body: LoadedBody, userId: string) => roleOf(body, userId) === 'chair';
export const votingMembers = (body: LoadedBody) => body.members.filter((m) => VOTING_ROLES.includes(m.role));
export const votersOf = (body: LoadedBody): Voter[] => votingMembers(body).map((m) => ({ userId: m.userId, isChair: m.role === 'chair' }));

/** The voting members of this moment, frozen on a form when it is sent and on a vote when it opens. */
export const freezeVoters = (body: LoadedBody): repo.FrozenVoter[] =>
  votingMembers(body).map((m) => ({ userId: m.userId, username: m.username, fullName: m.fullName, title: m.title, role: m.role }));
/** The voters the rule counts: the frozen list when there is one, else today's voting members. */
export const votersFrom = (frozen: repo.FrozenVoter[] | null, body: LoadedBody): Voter[] =>
  frozen ? frozen.map((v) => ({ userId: v.userId, isChair: v.role === 'chair' })) : votersOf(body);
export const memberBrief = (m: Member) => ({ username: m.username, fullName: m.fullName, title: m.title, role: m.role });

export async function ruleOf(tx: Sql, bodyCode: string, date: string): Promise<DecisionRule> {
  const rule = await repo.ruleOn(tx, bodyCode, date);
  // A body without a rule row decides by the general rule: majority of all, chair breaks ties, no deemed agreement.
  return rule ?? { deemedAgreement: false, tieBreak: 'chair', legalBasis: 'Quy tắc chung: quá nửa tổng số thành viên', validFrom: '1970-01-01' };
}

/**
 * The body the secretariat acts for: the one named, or — when omitted — the only body where the
 * actor is in the secretariat. Someone outside the secretariat gets 403 (never 404: they named
 * a body, not an object of it).
 */
export async function bodyForSecretariat(tx: Sql, actor: Actor, code: string | undefined): Promise<LoadedBody> {
  const memberships = (await repo.membershipsOf(tx, actor.id)).filter((m) => m.role === 'secretariat');
  const chosen = code ? memberships.find((m) => m.bodyCode === code) : memberships.length === 1 ? memberships[0] : undefined;
  if (!chosen) {
    if (!code && memberships.length > 1) throw CabinetErrors.BODY_REQUIRED();
    throw CabinetErrors.SECRETARIAT_ONLY();
  }
  return loadBody(tx, chosen.bodyCode);
}

/** The person a member signs as (their personal certificate's subject). */
export const signingPerson = (body: LoadedBody, m: Pick<Member, 'userId' | 'username' | 'fullName' | 'title'>) => ({
  userId: m.userId,
  username: m.username,
  fullName: m.fullName,
  title: m.title,
  organisation: body.name,
});
