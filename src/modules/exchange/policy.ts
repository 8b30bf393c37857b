import { type Actor, holds, holdsAt } from '#platform/actor.ts';

/** Who works the interconnection axis: the clerks (văn thư) of an agency, or of every agency (a grant naming none). */
export const may = {
  /** Send, receive and record statuses for `agency`. */
  clerkFor: (actor: Actor, agency: string) => holdsAt(actor, 'clerk', agency),
  /** Read the node registry, the delivery queue and refusals: any clerk, or an administrator. */
  readRegistry: (actor: Actor) => holds(actor, ['clerk', 'admin']),
} as const;
