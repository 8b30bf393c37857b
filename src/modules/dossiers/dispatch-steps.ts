import type { ActionHandler } from './act-on-dossier.ts';
import { DossierErrors } from './dossiers.errors.ts';
import { openSteps, readySteps } from './interagency-graph.ts';

/**
 * Chuyển liên thông: the lead (competent) agency — its desk, leader or assigned specialist —
 * opens every step of the frozen version's graph that depends on nothing yet, each at an
 * agency of the step's kind for the dossier's place (the caller may choose when several fit),
 * each with its own sub-deadline. Parallel branches open together. Open plain hand-overs (the
 * reception's hand-over to the lead) are closed: the lead has taken the dossier up.
 */
export const dispatchSteps: ActionHandler<'dispatch'> = async ({ tx, actor, dossier, procedure, now, input }) => {
  const steps = procedure.interagencySteps;
  if (steps.length === 0) throw DossierErrors.NO_INTERAGENCY_STEPS();
  if (dossier.graphSteps.length > 0) throw DossierErrors.STEPS_ALREADY_DISPATCHED();
  const ready = readySteps(steps, new Set(), new Set());
  const { opened, rows } = await openSteps(tx, {
    dossier,
    ready,
    choices: input.agencies,
    from: dossier.competentAgency,
    actor,
    now,
  });
  return {
    data: { note: input.note ?? null, opened: opened.map((o) => ({ ...o, subDueAt: o.subDueAt?.toISOString() ?? null })) },
    graph: { closeHandOvers: true, open: rows },
  };
};
