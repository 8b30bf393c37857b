import type { AppContext, RoutesPlugin } from '../../http/context.ts';
import { appointmentRoutes } from './appointments.routes.ts';
import { scheduleReminders } from './remind-appointments.ts';

/** Đặt lịch hẹn nộp hồ sơ tại quầy: slots, bookings, the desk's day, reminders. */
export { remindAppointments } from './remind-appointments.ts';

export const appointmentsRoutes: RoutesPlugin = async (app, ctx: AppContext) => {
  await appointmentRoutes(app, ctx);
  await scheduleReminders(ctx);
};
