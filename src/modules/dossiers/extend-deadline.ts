import { localDate, localTime, weekdayVi } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { validationFailed } from '#platform/errors.ts';
import { addWorkingDays, isWorkingDay, officeHours, workingDaysBetween } from '#modules/calendar/index.ts';
import type { ActionHandler } from './act-on-dossier.ts';
import { DossierErrors } from './dossiers.errors.ts';

/**
 * Xin lỗi và hẹn lại (Mẫu 04): the leader gives a reason and a later appointment, once per
 * dossier (NĐ 61 Art. 19.9; the guard answers 409 EXTENSION_ALREADY_USED to a second one). The
 * apology is due at the latest one working day before the appointment (domain.md §2.4.9, §3.6);
 * one sent later — on the due day or after the appointment — is still allowed once and is
 * recorded as late (`lateApology`, and `overdue` when the appointment had passed). Once sent, an
 * overdue dossier may be approved again. The citizen comes back at the appointment: it falls on a
 * working day of the calendar, within its office hours (either end included).
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
  const closed = await closedAt(tx, newDueAt);
  if (closed) throw validationFailed([{ field: 'newDueAt', message: closed }]);
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

/** A local date as the leader reads it: 'thứ Bảy 12/12/2026'. */
const dayInWords = (date: string) => `${weekdayVi(date)} ${date.split('-').reverse().join('/')}`;

/** Why the office is closed at `at` (a day off, or outside office hours), naming when it is open; null when it is open. */
async function closedAt(tx: Sql, at: Date): Promise<string | null> {
  const date = localDate(at);
  if (!(await isWorkingDay(tx, date))) {
    return `ngày hẹn ${dayInWords(date)} là ngày nghỉ; ngày làm việc gần nhất sau đó là ${dayInWords(await addWorkingDays(tx, date, 1))}`;
  }
  const { morning, afternoon } = await officeHours(tx, date);
  const time = localTime(at);
  if ([morning, afternoon].some(([from, to]) => from <= time && time <= to)) return null;
  return `giờ hẹn ${time} ngoài giờ làm việc; giờ làm việc: sáng ${morning[0]}–${morning[1]}, chiều ${afternoon[0]}–${afternoon[1]}`;
}
