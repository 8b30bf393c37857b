import { localDate, localInstant, localTime } from '#platform/clock.ts';
import { addDays, type Deadline, type WorkingCalendar } from './working-calendar.ts';

const localParts = (instant: Date) => {
  const time = localTime(instant);
  return { date: localDate(instant), minute: Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5)) };
};
const instantOf = (date: string, minute: number) =>
  localInstant(date, `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`);

/**
 * The appointment for a dossier received at `receivedAt` (api.md §4, domain.md §3):
 * - working_days: day 1 is the first working day after the reception date; due on day N;
 * - same_day: the reception date when it is a working day and before the cut-off, else the next working day;
 * - calendar_days: reception date + N days, moved to the next working day when that is not one;
 * - working_hours: N hours counted inside office hours from the reception instant.
 * `dueAt` is the end of office hours on the due date (except working_hours: the exact instant).
 */
export function computeDueWith(
  cal: WorkingCalendar,
  input: { receivedAt: Date; deadline: Deadline; cutoffTime: string },
): { dueAt: Date; dueDate: string } {
  const { date, minute } = localParts(input.receivedAt);
  const { value, unit } = input.deadline;
  let dueDate: string;
  switch (unit) {
    case 'working_days':
      dueDate = cal.addWorkingDays(date, value);
      break;
    case 'same_day': {
      const cutoff = Number(input.cutoffTime.slice(0, 2)) * 60 + Number(input.cutoffTime.slice(3, 5));
      dueDate = cal.isWorkingDay(date) && minute < cutoff ? date : cal.addWorkingDays(date, 1);
      break;
    }
    case 'calendar_days':
      dueDate = cal.workingDayOnOrAfter(addDays(date, value));
      break;
    case 'working_hours': {
      const end = cal.addWorkingMinutes(date, minute, value * 60);
      return { dueAt: instantOf(end.date, end.minute), dueDate: end.date };
    }
  }
  const closing = cal.officeRanges(dueDate)[1][1];
  return { dueAt: instantOf(dueDate, closing), dueDate };
}
