import type { Actor } from '#platform/actor.ts';
import { audit } from '#platform/audit.ts';
import { localInstant } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { AppointmentErrors } from './appointments.errors.ts';
import { appointmentEvents } from './appointments.events.ts';
import * as repo from './appointments.repository.ts';
import { changedBy, changePayload, findBookingToChange } from './booking-access.ts';

/**
 * Hủy lịch hẹn: the citizen gives the place back before the slot starts. Again (a retry, a
 * double click) answers the cancelled booking; a booking whose time has come, or that the desk
 * has already marked, can no longer be cancelled. The desk of the agency may cancel too, with a
 * reason. The citizen is told (`appointment.cancelled`: an in-app notice and an e-mail), once.
 */
export async function cancelAppointment(tx: Sql, input: { code: string; actor: Actor | null; phoneTail?: string | null; reason?: string | null; now: Date }) {
  const found = await findBookingToChange(tx, input);
  await repo.lockBooking(tx, found.id);
  const booking = (await repo.findByCode(tx, found.code)) as repo.Appointment;
  if (booking.status === 'cancelled') return booking;
  if (booking.status !== 'booked' || localInstant(booking.date, booking.startTime) <= input.now) throw AppointmentErrors.BOOKING_CLOSED();
  await repo.setStatus(tx, booking.id, 'cancelled', changedBy(input.actor, found), input.now);
  await audit(tx, input, 'appointment.cancel', {
    chain: `appointments:${booking.agencyCode}`,
    subject: ['appointment', booking.id],
    data: { code: booking.code, date: booking.date, start: booking.startTime, by: found.by === 'desk' ? 'desk' : found.byOwner ? 'account' : 'phone', reason: changePayload(booking, found.by, input.reason).reason },
  });
  await appointmentEvents.emit(tx, 'appointment.cancelled', { key: `${booking.id}:cancelled`, at: input.now, payload: changePayload(booking, found.by, input.reason) });
  return { ...booking, status: 'cancelled' as const, statusAt: input.now };
}
