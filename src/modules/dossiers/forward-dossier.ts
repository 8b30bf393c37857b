import { validationFailed } from '#platform/errors.ts';
import { findAgency } from '#modules/places/index.ts';
import type { ActionHandler } from './act-on-dossier.ts';

/**
 * Chuyển xử lý: hand-over to another agency (the competent one, or the next of a liên thông
 * chain). The dossier stays "Đang xử lý"; the receiving agency's leader assigns it next.
 */
export const forwardDossier: ActionHandler<'forward'> = async ({ tx, actor, dossier, now, input }) => {
  const to = await findAgency(tx, input.toAgency);
  if (!to) throw validationFailed([{ field: 'toAgency', message: 'cơ quan không tồn tại' }]);
  return {
    data: { toAgency: to.code, fromAgency: dossier.currentAgency, note: input.note ?? null },
    openStep: (state) => ({
      fromAgency: dossier.currentAgency,
      fromUser: actor.id,
      toAgency: to.code,
      toUser: null,
      sentAt: now,
      acceptedAt: null,
      subDueAt: state.dueAt,
      note: input.note ?? null,
    }),
  };
};
