import { defineErrors } from '#platform/errors.ts';
import catalogue from './exchange.errors.json' with { type: 'json' };

export const ExchangeErrors = defineErrors(catalogue);
