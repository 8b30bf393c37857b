import { findUserByUsername } from '#modules/identity/index.ts';
import type { ActionHandler } from './act-on-dossier.ts';
import { DossierErrors } from './dossiers.errors.ts';
import { may } from './policy.ts';

/** Phân công thụ lý (NĐ 61 Art. 19.1): the leader gives the dossier to a specialist of the agency. */
export const assignDossier: ActionHandler<'assign'> = async ({ tx, actor, dossier, now, input }) => {
  const user = await findUserByUsername(tx, input.assignee);
  if (!user || user.active === false || !may.beAssigned(user, dossier)) {
    throw DossierErrors.ASSIGNEE_NOT_SPECIALIST({ details: [{ field: 'assignee', message: 'không phải chuyên viên của cơ quan' }] });
  }
  return {
    data: { assignee: user.id, assigneeUsername: user.username, assigneeName: user.fullName },
    openStep: (state) => ({
      fromAgency: dossier.currentAgency,
      fromUser: actor.id,
      toAgency: dossier.currentAgency,
      toUser: user.id,
      sentAt: now,
      acceptedAt: now,
      subDueAt: state.dueAt,
      note: null,
    }),
  };
};
