import { type Actor, holds } from '#platform/actor.ts';

export const may = {
  /** Refund a payment of a dossier: a desk officer of the agency that received it (and took the fee). */
  refund: (actor: Actor, dossier: { receivingAgency: string }) => holds(actor, 'desk_officer', dossier.receivingAgency),
} as const;
