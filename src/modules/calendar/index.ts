// SCAFFOLD: replaced by the calendar module (issue 3). Contract other modules rely on:
import type { RoutesPlugin, AppContext } from '../../http/context.ts';
import type { Sql } from '#platform/db.ts';

export type DeadlineUnit = 'working_days' | 'calendar_days' | 'working_hours' | 'same_day';
export interface Deadline {
  value: number;
  unit: DeadlineUnit;
}

export const calendarRoutes: RoutesPlugin = () => {};
export async function seedCalendar(_ctx: AppContext): Promise<void> {}

/**
 * The appointment for a dossier received at `receivedAt` (api.md §4 deadline rules), read from
 * the working calendar in the database. Throws CALENDAR_YEAR_MISSING for a year with no calendar.
 */
export async function computeDue(
  _tx: Sql,
  _input: { receivedAt: Date; deadline: Deadline; cutoffTime: string },
): Promise<{ dueAt: Date; dueDate: string }> {
  throw new Error('calendar module not built yet');
}

/** Day 1 is the first working day after `from` (YYYY-MM-DD). */
export async function addWorkingDays(_tx: Sql, _from: string, _days: number): Promise<string> {
  throw new Error('calendar module not built yet');
}

/** Working days strictly after `from` up to and including `to` (0 when to <= from). */
export async function workingDaysBetween(_tx: Sql, _from: string, _to: string): Promise<number> {
  throw new Error('calendar module not built yet');
}
