import { type Actor, holds } from '#platform/actor.ts';

export const may = {
  /** Revoke a result issued by `agency`: its leaders. */
  revokeResult: (actor: Actor, agency: string) => holds(actor, 'leader', agency),
} as const;
