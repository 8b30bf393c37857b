import type { Actor } from '#platform/actor.ts';
import { DossierErrors } from './dossiers.errors.ts';
import { may } from './policy.ts';

/**
 * The live topic of an agency's queues, `agency:<code>`: every transition of a dossier the agency
 * then holds (`{ dossierId, status, action }`, dossier-events.ts), for the workspace to refresh.
 * Only the agency's own officers may follow it; anyone else gets 404, as for an agency that does
 * not exist (its activity is not revealed). No personal data: not an access-logged read.
 */
export function agencyLiveTopic(actor: Actor, code: string): string {
  if (!may.watchAgency(actor, code)) throw DossierErrors.AGENCY_NOT_FOUND();
  return `agency:${code}`;
}
