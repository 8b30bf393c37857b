import { defineErrors } from '#platform/errors.ts';
import eidCatalogue from './eid.errors.json' with { type: 'json' };
import catalogue from './identity.errors.json' with { type: 'json' };
import importCatalogue from './user-import.errors.json' with { type: 'json' };

export const IdentityErrors = defineErrors(catalogue);

/**
 * Failures of sign-in with the national e-ID. The browser is sent back to the login page with
 * `?eid_error=CODE` (never a 5xx); the web app shows the message of the code.
 */
export const EidErrors = defineErrors(eidCatalogue);
export type EidErrorCode = keyof typeof EidErrors;

/** Failures of a bulk account import (import-users.ts): the file, its size, its rows. */
export const UserImportErrors = defineErrors(importCatalogue);
