/** Evaluation (NĐ 61 Art. 27–32): ratings of finished dossiers, published satisfaction, feedback (phản ánh, kiến nghị). */
export { RATING_CRITERIA, RATING_LEVELS } from './criteria.ts';
export { evaluationRoutes } from './evaluation.routes.ts';
