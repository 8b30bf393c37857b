import { defineErrors } from '#platform/errors.ts';
import catalogue from './cabinet.errors.json' with { type: 'json' };

/** Failures of the e-Cabinet module (stable codes, Vietnamese and English). */
export const CabinetErrors = defineErrors(catalogue);
