import { localDate } from '#platform/clock.ts';
import { validationFailed } from '#platform/errors.ts';
import type { ActionHandler } from './act-on-dossier.ts';
import { DossierErrors } from './dossiers.errors.ts';

/**
 * Xin lỗi và hẹn lại (Mẫu 04): the leader gives a reason and a later appointment, before the
 * current one has passed; allowed once per dossier (NĐ 61 Art. 19.9).
 */
export const extendDeadline: ActionHandler<'extend'> = async ({ dossier, now, input }) => {
  if (dossier.extended) throw DossierErrors.EXTENSION_ALREADY_USED();
  if (!dossier.dueAt || now.getTime() >= dossier.dueAt.getTime()) throw DossierErrors.EXTENSION_TOO_LATE();
  const newDueAt = new Date(input.newDueAt);
  if (newDueAt.getTime() <= dossier.dueAt.getTime()) {
    throw validationFailed([{ field: 'newDueAt', message: 'ngày hẹn mới phải sau ngày hẹn hiện tại' }]);
  }
  return {
    data: {
      reason: input.reason,
      previousDueAt: dossier.dueAt.toISOString(),
      dueAt: newDueAt.toISOString(),
      dueDate: localDate(newDueAt),
    },
  };
};
