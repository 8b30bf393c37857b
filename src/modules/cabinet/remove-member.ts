import type { AppContext } from '#platform/context.ts';
import type { Actor } from '#platform/actor.ts';
import type { Sql } from '#platform/db.ts';
import { findUserByUsername } from '#modules/identity/index.ts';
import { CabinetErrors } from './cabinet.errors.ts';
import * as repo from './cabinet.repository.ts';
import { auditBody, bodyForManager } from './manage-body.ts';

/**
 * The secretariat (or an administrator) removes a member from the body. Removing someone who is
 * no longer a member is a retry (nothing written). The last secretariat member stays. Sent forms
 * and opened votes keep the membership they froze (the member may still answer a form sent to
 * them); drafts not yet sent drop the member from their recipients when they are sent.
 */
export async function removeMember(ctx: Pick<AppContext, 'clock'>, tx: Sql, actor: Actor, code: string, username: string): Promise<{ removed: boolean }> {
  const body = await bodyForManager(tx, actor, code, { lock: true });
  const user = await findUserByUsername(tx, username.trim().toLowerCase());
  const member = user ? await repo.findMember(tx, body.code, user.id) : null;
  if (!user || !member) return { removed: false };
  if (member.role === 'secretariat' && body.members.filter((m) => m.role === 'secretariat').length === 1) throw CabinetErrors.LAST_SECRETARIAT();
  await repo.deleteMember(tx, body.code, user.id);
  await auditBody(tx, actor, body.code, 'cabinet.body.member.remove', { username: user.username, role: member.role, title: member.title }, ctx.clock.now());
  return { removed: true };
}
