import { defineErrors } from '#platform/errors.ts';
import catalogue from './inspection.errors.json' with { type: 'json' };

/** Failures of the post-inspection module (stable codes, Vietnamese and English). */
export const InspectionErrors = defineErrors(catalogue);
