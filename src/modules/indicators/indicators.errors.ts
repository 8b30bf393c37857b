import { defineErrors } from '#platform/errors.ts';
import catalogue from './indicators.errors.json' with { type: 'json' };

export const IndicatorErrors = defineErrors(catalogue);
