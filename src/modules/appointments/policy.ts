import { type Actor, holds } from '#platform/actor.ts';

/** Who may book and who sees a desk's bookings. */
export const may = {
  /** Book a time slot: citizens. */
  book: (actor: Actor) => holds(actor, 'citizen'),
  /** Serve `agency`'s desk: see its bookings (names, phones), mark who came. Its desk officers and leaders; anyone else gets 404. */
  serve: (actor: Actor, agency: string) => holds(actor, ['desk_officer', 'leader'], agency),
} as const;
