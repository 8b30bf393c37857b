import { toLocalIso } from '#platform/clock.ts';
import { validationFailed } from '#platform/errors.ts';
import type { ActionHandler } from './act-on-dossier.ts';
import { lateSteps } from './actions.ts';
import { DossierErrors } from './dossiers.errors.ts';

/**
 * Thu hồi bước liên thông quá hạn: the lead (competent) agency's leader takes back a step that
 * another agency has left past its sub-deadline (NĐ 61 Art. 19.5: the lead acts when a consulted
 * body is late). The late row is closed as late (Mẫu 05 keeps it, `qua_han`, with the reason) and
 * the step reopens at the lead, due with the dossier, so the lead completes it (`complete_step`)
 * and the graph goes on. `step` omitted: the most overdue late step.
 */
export const recallStep: ActionHandler<'recall_step'> = async ({ actor, actorAgency, dossier, now, input }) => {
  const late = lateSteps({ ...dossier, now }).sort((a, b) => new Date(a.subDueAt ?? 0).getTime() - new Date(b.subDueAt ?? 0).getTime());
  const chosen = input.step === undefined ? late[0] : late.find((s) => s.step === input.step);
  if (!chosen) {
    if (input.step !== undefined) throw validationFailed([{ field: 'step', message: `bước ${input.step} không phải bước liên thông đang quá hạn` }]);
    throw DossierErrors.NO_LATE_STEP();
  }
  const lead = actorAgency ?? dossier.competentAgency;
  return {
    data: {
      step: chosen.step,
      fromAgency: chosen.agency,
      toAgency: lead,
      subDueAt: chosen.subDueAt ? toLocalIso(new Date(chosen.subDueAt)) : null,
      reason: input.reason,
    },
    graph: {
      recall: { step: chosen.step, by: actor.id, reason: input.reason },
      open: [
        {
          fromAgency: chosen.agency,
          fromUser: actor.id,
          toAgency: lead,
          toUser: null,
          sentAt: now,
          acceptedAt: now,
          subDueAt: dossier.dueAt,
          note: `Bước ${chosen.step}: thu hồi về cơ quan chủ trì`,
          stepSeq: chosen.step,
        },
      ],
    },
  };
};
