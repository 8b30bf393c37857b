import type { Grant } from '#modules/identity/identity.contract.ts';

/** Roles that work in the officer workspace (/can-bo). Its own small file: the page shell (app/layout.tsx) reads it too. */
export const OFFICER_ROLES = ['desk_officer', 'specialist', 'leader', 'clerk', 'provincial_leader'];
export const isOfficer = (grants: Grant[] | undefined) => !!grants?.some((g) => OFFICER_ROLES.includes(g.role));
