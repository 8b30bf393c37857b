import type { Actor } from '#platform/actor.ts';
import { appendAudit } from '#platform/audit.ts';
import { localDate } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { findUserById, findUserByUsername } from '#modules/identity/index.ts';
import { type LoadedBody, loadBody, ruleOf } from './bodies.ts';
import { CabinetErrors } from './cabinet.errors.ts';
import * as repo from './cabinet.repository.ts';
import { may } from './policy.ts';

/**
 * Who may manage a body's members and rule: its secretariat (Văn phòng), or a system
 * administrator (an `admin` grant everywhere or at the body's agency). Members read the body;
 * anyone else gets 404 (they may not learn who sits on it).
 */
export const mayManage = (actor: Actor, body: LoadedBody) => may.manageBody(actor, body);

export async function bodyForManager(tx: Sql, actor: Actor, code: string, options: { lock?: boolean } = {}): Promise<LoadedBody> {
  // changes of one body's membership are serialised on its row (one chair, the last secretariat)
  if (options.lock) await repo.lockBody(tx, code);
  const body = await loadBody(tx, code);
  if (mayManage(actor, body)) return body;
  if (body.members.some((m) => m.userId === actor.id)) throw CabinetErrors.SECRETARIAT_ONLY();
  throw CabinetErrors.BODY_NOT_FOUND();
}

/** The bodies the actor manages (every body for a system administrator). */
export async function listManagedBodies(tx: Sql, actor: Actor) {
  const out = [];
  for (const b of await repo.listBodies(tx)) {
    const body = await loadBody(tx, b.code);
    if (mayManage(actor, body)) out.push({ code: body.code, name: body.name, members: body.members.length });
  }
  return out;
}

/** An official's account for a membership: exists, active, not a citizen's account. */
export async function officialAccount(tx: Sql, username: string) {
  const user = await findUserByUsername(tx, username.trim().toLowerCase());
  if (!user?.active || (user.grants.length > 0 && user.grants.every((g) => g.role === 'citizen'))) throw CabinetErrors.USER_UNKNOWN({}, { username });
  return user;
}

/** A body as its members and managers see it: members with substitutes, the rule today and the rules' history. */
export async function readBody(tx: Sql, actor: Actor, code: string, today: Date) {
  const body = await loadBody(tx, code);
  const manager = mayManage(actor, body);
  if (!manager && !body.members.some((m) => m.userId === actor.id)) throw CabinetErrors.BODY_NOT_FOUND();
  const usernameOf = async (id: string | null) => (id ? ((await findUserById(tx, id))?.username ?? null) : null);
  const members = [];
  for (const m of body.members) members.push({ username: m.username, fullName: m.fullName, title: m.title, role: m.role, substitute: await usernameOf(m.substituteUserId) });
  return {
    code: body.code,
    name: body.name,
    agencyCode: body.agencyCode,
    rule: await ruleOf(tx, body.code, localDate(today)),
    rules: await repo.listRules(tx, body.code),
    canManage: manager,
    substituteRoles: body.substituteRoles,
    members,
  };
}

/** A change of a body, in its audit chain `cabinet-body:<code>`. */
export const auditBody = (tx: Sql, actor: Actor, code: string, action: string, data: Record<string, unknown>, at: Date) =>
  appendAudit(tx, { chain: `cabinet-body:${code}`, actorId: actor.id, action, subjectType: 'cabinet_body', subjectId: code, data, at });
