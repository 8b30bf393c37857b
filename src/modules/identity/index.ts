// SCAFFOLD: replaced by the identity module (issue 3). Contract other modules rely on:
import type { RoutesPlugin, AppContext } from '../../http/context.ts';
import type { Actor } from '#platform/actor.ts';

export const identityRoutes: RoutesPlugin = () => {};
export async function seedIdentity(_ctx: AppContext, _options: { demo: boolean }): Promise<void> {}
/** The actor of a bearer token / session cookie, or null when unknown or expired. */
export async function resolveActor(_ctx: AppContext, _token: string): Promise<Actor | null> {
  return null;
}
