import { defineErrors } from '#platform/errors.ts';
import catalogue from './payments.errors.json' with { type: 'json' };

export const PaymentErrors = defineErrors(catalogue);
