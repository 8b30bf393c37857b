import { defineErrors } from '#platform/errors.ts';
import catalogue from './appointments.errors.json' with { type: 'json' };

export const AppointmentErrors = defineErrors(catalogue);
