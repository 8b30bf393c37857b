import type { Role } from '#platform/actor.ts';

/**
 * Roles an administrator may grant with no agency (everywhere): the system administrator, national
 * oversight, an auditor of the whole installation, a citizen. Every other role is an office held at
 * an agency: granted with none it would act everywhere. Shared by the API's check and the form.
 */
export const ROLES_WITHOUT_AGENCY: readonly Role[] = ['admin', 'national_oversight', 'auditor', 'citizen'];
