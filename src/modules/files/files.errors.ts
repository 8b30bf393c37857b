import { defineErrors } from '#platform/errors.ts';
import catalogue from './files.errors.json' with { type: 'json' };

export const FileErrors = defineErrors(catalogue);
