import type { AppContext } from '#platform/context.ts';
import { localDate } from '#platform/clock.ts';
import type { PeriodicJob } from '#platform/module.ts';
import { findAgency } from '#modules/places/index.ts';
import { appointmentEvents } from './appointments.events.ts';
import * as repo from './appointments.repository.ts';

/**
 * The reminder (nhắc lịch hẹn): on the morning of the day, each booking of that day gets one
 * `appointment.reminder` event (an in-app notice). Once per booking, whenever the scan runs.
 */
export async function remindAppointments(ctx: Pick<AppContext, 'db'>, now: Date): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const due = await repo.takeDueReminders(tx, localDate(now), now);
    for (const a of due) {
      const agency = await findAgency(tx, a.agencyCode);
      await appointmentEvents.emit(tx, 'appointment.reminder', {
        key: a.id,
        at: now,
        payload: { id: a.id, code: a.code, userId: a.userId, date: a.date, startTime: a.startTime, endTime: a.endTime, agencyName: agency?.name ?? a.agencyCode, procedureCode: a.procedureCode },
      });
    }
    return due.length;
  });
}

/** Every 15 minutes from 6:00 to 17:45, Vietnam time. */
export const remindersJob: PeriodicJob = {
  queue: 'appointments.remind',
  cron: '*/15 23,0-10 * * *',
  run: async (ctx) => void (await remindAppointments(ctx, ctx.clock.now())),
};
