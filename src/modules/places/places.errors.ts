import { defineErrors } from '#platform/errors.ts';
import catalogue from './places.errors.json' with { type: 'json' };

export const PlacesErrors = defineErrors(catalogue);
