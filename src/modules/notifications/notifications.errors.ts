import { defineErrors } from '#platform/errors.ts';
import catalogue from './notifications.errors.json' with { type: 'json' };

export const NotificationErrors = defineErrors(catalogue);
