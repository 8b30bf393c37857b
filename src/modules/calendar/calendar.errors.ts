import { defineErrors } from '#platform/errors.ts';
import catalogue from './calendar.errors.json' with { type: 'json' };

export const CalendarErrors = defineErrors(catalogue);
