import type { AppContext } from '#platform/context.ts';
import type { Actor } from '#platform/actor.ts';
import type { Sql } from '#platform/db.ts';
import { CabinetErrors } from './cabinet.errors.ts';
import * as repo from './cabinet.repository.ts';
import { auditBody, bodyForManager, officialAccount } from './manage-body.ts';

export interface SetMemberInput {
  role: repo.MemberRole;
  title: string;
  /** The standing substitute (an official's user name), or null for none. */
  substitute?: string | null;
}

/**
 * The secretariat (or an administrator) adds a member or changes a member's role, title or
 * standing substitute. One chair at a time; the last secretariat member stays. Restating the
 * same membership is a retry (nothing written). Forms already sent and votes already opened keep
 * the membership they froze.
 */
export async function setMember(ctx: Pick<AppContext, 'clock'>, tx: Sql, actor: Actor, code: string, username: string, input: SetMemberInput): Promise<{ changed: boolean }> {
  const body = await bodyForManager(tx, actor, code, { lock: true });
  const user = await officialAccount(tx, username);
  const title = input.title.trim().normalize('NFC');
  let substituteUserId: string | null = null;
  if (input.substitute) {
    const sub = await officialAccount(tx, input.substitute);
    if (sub.id === user.id) throw CabinetErrors.SUBSTITUTE_INVALID();
    substituteUserId = sub.id;
  }
  const existing = await repo.findMember(tx, body.code, user.id);
  if (existing && existing.role === input.role && existing.title === title && existing.substituteUserId === substituteUserId) return { changed: false };
  if (input.role === 'chair') {
    const chair = body.members.find((m) => m.role === 'chair' && m.userId !== user.id);
    if (chair) throw CabinetErrors.CHAIR_TAKEN({}, { username: chair.username });
  }
  if (existing?.role === 'secretariat' && input.role !== 'secretariat' && body.members.filter((m) => m.role === 'secretariat').length === 1) throw CabinetErrors.LAST_SECRETARIAT();
  await repo.upsertMember(tx, { bodyCode: body.code, userId: user.id, role: input.role, title, substituteUserId, position: existing?.position ?? (await repo.nextMemberPosition(tx, body.code)) });
  await auditBody(tx, actor, body.code, existing ? 'cabinet.body.member.change' : 'cabinet.body.member.add', { username: user.username, role: input.role, title, substitute: input.substitute ?? null, before: existing ? { role: existing.role, title: existing.title } : null }, ctx.clock.now());
  return { changed: true };
}
