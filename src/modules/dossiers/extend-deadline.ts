import { localDate } from '#platform/clock.ts';
import { validationFailed } from '#platform/errors.ts';
import { workingDaysBetween } from '#modules/calendar/index.ts';
import type { ActionHandler } from './act-on-dossier.ts';
import { DossierErrors } from './dossiers.errors.ts';

/**
 * Xin lỗi và hẹn lại (Mẫu 04): the leader gives a reason and a later appointment, once per
 * dossier (NĐ 61 Art. 19.9; the guard answers 409 EXTENSION_ALREADY_USED to a second one). The
 * apology is due at the latest one working day before the appointment (domain.md §2.4.9, §3.6);
 * one sent later — on the due day or after the appointment — is still allowed once and is
 * recorded as late (`lateApology`, and `overdue` when the appointment had passed). Once sent, an
 * overdue dossier may be approved again.
 */
export const extendDeadline: ActionHandler<'extend'> = async ({ tx, dossier, now, input }) => {
  if (dossier.extended) throw DossierErrors.EXTENSION_ALREADY_USED();
  const newDueAt = new Date(input.newDueAt);
  if (dossier.dueAt && newDueAt.getTime() <= dossier.dueAt.getTime()) {
    throw validationFailed([{ field: 'newDueAt', message: 'ngày hẹn mới phải sau ngày hẹn hiện tại' }]);
  }
  if (newDueAt.getTime() <= now.getTime()) {
    throw validationFailed([{ field: 'newDueAt', message: 'ngày hẹn mới phải sau thời điểm hiện tại' }]);
  }
  const overdue = !!dossier.dueAt && now.getTime() > dossier.dueAt.getTime();
  // on time: sent on a day with at least one working day left before the due date
  const lateApology = overdue || !dossier.dueDate || (await workingDaysBetween(tx, localDate(now), dossier.dueDate)) < 1;
  return {
    data: {
      reason: input.reason,
      previousDueAt: dossier.dueAt?.toISOString() ?? null,
      dueAt: newDueAt.toISOString(),
      dueDate: localDate(newDueAt),
      lateApology,
      overdue,
    },
  };
};
