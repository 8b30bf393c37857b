import { defineErrors } from '#platform/errors.ts';
import catalogue from './catalog.errors.json' with { type: 'json' };

export const CatalogErrors = defineErrors(catalogue);
