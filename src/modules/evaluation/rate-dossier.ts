import type { Actor } from '#platform/actor.ts';
import { audit, onDossier } from '#platform/audit.ts';
import { toLocalIso } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { isApplicant, readDossier } from '#modules/dossiers/index.ts';
import { RATEABLE_STATUSES } from './criteria.ts';
import { EvaluationErrors } from './evaluation.errors.ts';
import { evaluationEvents } from './evaluation.events.ts';
import { evaluationRepository as repo, type Rating } from './evaluation.repository.ts';
import type { RatingBody, Rating as RatingView } from './evaluation.contract.ts';

const presentRating = (r: Rating): RatingView => ({ scores: r.scores, comment: r.comment, ratedAt: toLocalIso(r.ratedAt) });

/**
 * The applicant rates a finished dossier once (NĐ 61 Art. 29): the competent agency is the one
 * rated. Officers and others cannot rate; a second rating is refused.
 */
export async function rateDossier(tx: Sql, input: { actor: Actor; dossierId: string; body: RatingBody; now: Date }) {
  const dossier = await readDossier(tx, { actor: input.actor, id: input.dossierId, what: 'rating', now: input.now });
  if (!isApplicant(input.actor, dossier)) throw EvaluationErrors.RATING_NOT_ALLOWED();
  if (!(RATEABLE_STATUSES as readonly string[]).includes(dossier.status)) throw EvaluationErrors.DOSSIER_NOT_FINISHED();
  const rating: Rating = {
    dossierId: dossier.id,
    agencyCode: dossier.competentAgency,
    scores: input.body.scores,
    comment: input.body.comment?.normalize('NFC') || null,
    ratedAt: input.now,
  };
  if (!(await repo.insertRating(tx, { ...rating, ratedBy: input.actor.id }))) throw EvaluationErrors.ALREADY_RATED();
  await audit(tx, input, 'dossier.rated', onDossier(dossier.id, { agencyCode: rating.agencyCode, scores: rating.scores }));
  // read models (the indicators' satisfaction figures) follow the rating in this transaction
  await evaluationEvents.emit(tx, 'dossier.rated', { key: dossier.id, payload: { dossierId: dossier.id, agencyCode: rating.agencyCode }, at: input.now });
  return presentRating(rating);
}

/** The rating of a dossier, for whoever may read the dossier (null when not rated yet). */
export async function dossierRating(tx: Sql, input: { actor: Actor; dossierId: string; now: Date }) {
  const dossier = await readDossier(tx, { actor: input.actor, id: input.dossierId, what: 'rating', now: input.now });
  const rating = await repo.findRating(tx, dossier.id);
  return { rating: rating ? presentRating(rating) : null };
}
