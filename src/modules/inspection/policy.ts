import { type Actor, agenciesWhere, holds } from '#platform/actor.ts';
import { figuresScopeOf } from './figures-scope.ts';

/**
 * Who may what in post-inspection. Inspectors and heads of inspection act for one authority
 * (their grant's agency); anyone else — including another province's inspector — is told 404.
 */
export const may = {
  /** Sees the authority's plans, samples, cases and declarations. */
  see: (actor: Actor | null, agency: string) => holds(actor, ['inspector', 'inspection_leader'], agency),
  /** Plans, draws, assigns, revokes. */
  lead: (actor: Actor | null, agency: string) => holds(actor, 'inspection_leader', agency),
  /** Works a case: the assigned inspector, or the head of inspection. */
  work: (actor: Actor | null, c: { agencyCode: string; inspectorId: string | null }) =>
    holds(actor, 'inspection_leader', c.agencyCode) || (holds(actor, 'inspector', c.agencyCode) && actor?.id === c.inspectorId),
};

/** The authorities whose inspection the actor sees. */
export const inspectionAgencies = (actor: Actor) => agenciesWhere(actor, ['inspector', 'inspection_leader']);

/** Whose post-control figures the actor reads (`figures-scope.ts`, the rule the command center asks by too). `undefined`: none. */
export const figuresScope = (actor: Actor, asked: string | undefined): string | null | undefined => figuresScopeOf(actor.grants, asked);
