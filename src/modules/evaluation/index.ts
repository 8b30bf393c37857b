import { defineModule } from '#platform/module.ts';
import { evaluationEvents } from './evaluation.events.ts';
import { evaluationRoutes } from './evaluation.routes.ts';

/** Evaluation (NĐ 61 Art. 27–32): ratings of finished dossiers, published satisfaction, feedback (phản ánh, kiến nghị). */
export { RATING_CRITERIA, RATING_LEVELS } from './criteria.ts';
export { type DossierRatedPayload, evaluationEvents } from './evaluation.events.ts';

export const module = defineModule({ name: 'evaluation', routes: evaluationRoutes, events: evaluationEvents });
