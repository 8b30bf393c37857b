import { defineErrors } from '#platform/errors.ts';
import catalogue from './auditing.errors.json' with { type: 'json' };

export const AuditingErrors = defineErrors(catalogue);
