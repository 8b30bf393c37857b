import { defineModule } from '#platform/module.ts';
import { calendarYearsJob, seedCalendar } from './calendar-service.ts';
import { calendarRoutes } from './calendar.routes.ts';

export type { Deadline, DeadlineUnit } from './working-calendar.ts';
export { WorkingCalendar } from './working-calendar.ts';
export {
  addWorkingDays,
  computeDue,
  ensureCalendarYears,
  isWorkingDay,
  loadCalendar,
  officeHours,
  workingDaysBetween,
} from './calendar-service.ts';
export { generateYear, tetOf } from './generate-year.ts';

export const module = defineModule({ name: 'calendar', routes: calendarRoutes, jobs: [calendarYearsJob], seed: seedCalendar });
