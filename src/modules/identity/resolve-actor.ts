import type { AppContext } from '../../http/context.ts';
import type { Actor } from '#platform/actor.ts';
import { identityRepository as repo } from './identity.repository.ts';
import { tokenHash } from './login.ts';

/** The actor behind a bearer token or session cookie; null when unknown, expired or revoked. */
export async function resolveActor(ctx: AppContext, token: string): Promise<Actor | null> {
  if (token.length < 20 || token.length > 200) return null;
  const session = await repo.findLiveSession(ctx.db, tokenHash(token), ctx.clock.now());
  if (!session) return null;
  const user = await repo.findUserById(ctx.db, session.userId);
  if (!user) return null;
  return {
    id: user.id,
    username: user.username,
    fullName: user.fullName,
    idNumber: user.idNumber,
    grants: await repo.listGrants(ctx.db, user.id),
    sessionId: session.sessionId,
  };
}
