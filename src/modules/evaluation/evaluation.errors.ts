import { defineErrors } from '#platform/errors.ts';
import catalogue from './evaluation.errors.json' with { type: 'json' };

export const EvaluationErrors = defineErrors(catalogue);
