import type { Actor, Role } from '#platform/actor.ts';
import type { Sql } from '#platform/db.ts';
import { findUserById, listRolesInProvinceOf } from '#modules/identity/index.ts';
import { type LoadedBody, votingMembers } from './bodies.ts';
import { CabinetErrors } from './cabinet.errors.ts';
import type { SUBSTITUTE_ROLES } from './cabinet.contract.ts';
import * as repo from './cabinet.repository.ts';
import { auditBody, bodyForManager } from './manage-body.ts';

export type SubstituteRole = (typeof SUBSTITUTE_ROLES)[number];

export interface SubstituteCandidate {
  id: string;
  username: string;
  fullName: string;
  /** The agency where the candidate holds an allowed role (empty for a standing substitute holding none). */
  title: string;
}

/**
 * Whom an invited member may send to a meeting instead (người dự họp thay) — one rule for the list
 * the room offers and for the server's check of the one named: the member's standing substitute
 * (named by the secretariat), and the active officials holding one of the body's
 * `substituteRoles` (data; default: the agencies' leaders) at an active agency of the province of
 * the body's agency — never a voting member of the body (they have their own ballot) nor the
 * member. `only`: is this one user eligible (the list has at most that user)?
 */
export async function substituteCandidates(tx: Sql, body: LoadedBody, actor: Actor, only?: string): Promise<SubstituteCandidate[]> {
  const voting = new Set(votingMembers(body).map((m) => m.userId));
  const standingId = body.members.find((m) => m.userId === actor.id)?.substituteUserId ?? null;
  const holders = await listRolesInProvinceOf(tx, body.agencyCode, body.substituteRoles as Role[], only);
  const standing = standingId && (!only || only === standingId) ? await findUserById(tx, standingId) : null;
  const first = standing && !holders.some((l) => l.id === standing.id) ? [{ id: standing.id, username: standing.username, fullName: standing.fullName, agencyName: '' }] : [];
  return [...first, ...holders]
    .sort((a, b) => Number(b.id === standingId) - Number(a.id === standingId))
    .filter((u) => u.id !== actor.id && !voting.has(u.id))
    .map((u) => ({ id: u.id, username: u.username, fullName: u.fullName, title: u.agencyName }));
}

/** Refuses (400 SUBSTITUTE_NOT_ELIGIBLE) a substitute the body's rule does not allow. */
export async function checkSubstitute(tx: Sql, body: LoadedBody, actor: Actor, userId: string): Promise<void> {
  if ((await substituteCandidates(tx, body, actor, userId)).length === 0) throw CabinetErrors.SUBSTITUTE_NOT_ELIGIBLE();
}

/**
 * The body's secretariat (or an administrator) sets which roles may be sent instead of a member.
 * The same roles again are a retry; a change is audited (`cabinet.body.substitutes`, with the
 * roles it replaced). An empty list leaves only the members' standing substitutes.
 */
export async function setSubstituteRoles(tx: Sql, actor: Actor, code: string, roles: SubstituteRole[], now: Date): Promise<{ changed: boolean }> {
  const body = await bodyForManager(tx, actor, code, { lock: true });
  const next = [...new Set(roles)].sort();
  if (next.join() === [...body.substituteRoles].sort().join()) return { changed: false };
  await repo.setSubstituteRoles(tx, body.code, next);
  await auditBody(tx, actor, body.code, 'cabinet.body.substitutes', { roles: next, replaced: body.substituteRoles }, now);
  return { changed: true };
}
