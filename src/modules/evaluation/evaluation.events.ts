import { defineEvents } from '#platform/events.ts';

/** `dossier.rated`: the applicant rated a finished dossier; the competent agency is the one rated. */
export interface DossierRatedPayload {
  dossierId: string;
  agencyCode: string;
}

/** The events the evaluation module produces (the indicators' satisfaction figures follow them in the transaction). */
export const evaluationEvents = defineEvents<{ 'dossier.rated': DossierRatedPayload }>({ 'dossier.rated': true });
