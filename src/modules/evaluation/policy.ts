import { type Actor, agenciesWhere, holds } from '#platform/actor.ts';

/** Who may answer and read feedback (phản ánh, kiến nghị) sent to an agency. */
export const may = {
  /** Answer feedback to `agency`: its leaders and desk officers. */
  answerFeedback: (actor: Actor, agency: string) => holds(actor, ['leader', 'desk_officer'], agency),
} as const;

/** The agencies whose feedback the officer reads (any officer role there). */
export const feedbackAgencies = (actor: Actor) => agenciesWhere(actor, ['leader', 'desk_officer', 'specialist', 'clerk']);
