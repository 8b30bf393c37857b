import { defineErrors } from '#platform/errors.ts';
import catalogue from './dossiers.errors.json' with { type: 'json' };

export const DossierErrors = defineErrors(catalogue);
