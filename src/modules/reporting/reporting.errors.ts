import { defineErrors } from '#platform/errors.ts';
import catalogue from './reporting.errors.json' with { type: 'json' };

/** Failures of the reporting module (stable codes, Vietnamese and English). */
export const ReportingErrors = defineErrors(catalogue);
