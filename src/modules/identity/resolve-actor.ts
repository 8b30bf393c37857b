import type { AppContext } from '#platform/context.ts';
import type { Actor } from '#platform/actor.ts';
import { identityRepository as repo } from './identity.repository.ts';
import { tokenHash } from './login.ts';

/** The actor behind a bearer token or session cookie; null when unknown, expired or revoked. */
export async function resolveActor(ctx: AppContext, token: string): Promise<Actor | null> {
  if (token.length < 20 || token.length > 200) return null;
  const row = await repo.findSessionActor(ctx.db, tokenHash(token), ctx.clock.now());
  if (!row) return null;
  const { sessionId, expiresAt: _, ...user } = row;
  return { ...user, sessionId };
}
