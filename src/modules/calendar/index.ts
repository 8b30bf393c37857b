export type { Deadline, DeadlineUnit } from './working-calendar.ts';
export { WorkingCalendar } from './working-calendar.ts';
export { calendarRoutes } from './calendar.routes.ts';
export { addWorkingDays, computeDue, isWorkingDay, loadCalendar, seedCalendar, workingDaysBetween } from './calendar-service.ts';
