export type { Deadline, DeadlineUnit } from './working-calendar.ts';
export { WorkingCalendar } from './working-calendar.ts';
export { calendarRoutes } from './calendar.routes.ts';
export {
  addWorkingDays,
  computeDue,
  ensureCalendarYears,
  isWorkingDay,
  loadCalendar,
  scheduleCalendarYears,
  seedCalendar,
  workingDaysBetween,
} from './calendar-service.ts';
export { generateYear, tetOf } from './generate-year.ts';
