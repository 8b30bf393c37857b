import { defineModule } from '#platform/module.ts';
import { appointmentRoutes } from './appointments.routes.ts';
import { appointmentEvents } from './appointments.events.ts';
import { remindersJob } from './remind-appointments.ts';

/** Đặt lịch hẹn nộp hồ sơ tại quầy: slots, bookings, the desk's day, reminders. */
export { remindAppointments } from './remind-appointments.ts';
export { type AppointmentChangePayload, type AppointmentPayload, appointmentEvents } from './appointments.events.ts';

export const module = defineModule({
  name: 'appointments',
  routes: appointmentRoutes,
  jobs: [remindersJob],
  events: appointmentEvents,
});
