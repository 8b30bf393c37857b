import { defineErrors } from '#platform/errors.ts';
import catalogue from './signatures.errors.json' with { type: 'json' };

export const SignatureErrors = defineErrors(catalogue);
