import type { Actor } from '#platform/actor.ts';
import { audit } from '#platform/audit.ts';
import { localDate, localInstant } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { AppointmentErrors } from './appointments.errors.ts';
import * as repo from './appointments.repository.ts';
import { normalizeBookingCode } from './booking-access.ts';
import { may } from './policy.ts';

export type Attendance = 'arrived' | 'no_show';

/**
 * Đã đến / không đến: the desk marks a booking of its own agency on its day (not before): the
 * person came, or did not come once the slot has begun. The same mark again answers the
 * booking; a wrong mark can be corrected the same way. A cancelled booking cannot be marked.
 */
export async function markAttendance(tx: Sql, input: { code: string; actor: Actor; outcome: Attendance; now: Date }) {
  const found = await repo.findByCode(tx, normalizeBookingCode(input.code));
  if (!found || !may.serve(input.actor, found.agencyCode)) throw AppointmentErrors.BOOKING_NOT_FOUND();
  await repo.lockBooking(tx, found.id);
  const booking = (await repo.findByCode(tx, found.code)) as repo.Appointment;
  if (booking.status === 'cancelled') throw AppointmentErrors.BOOKING_CANCELLED();
  if (booking.status === input.outcome) return booking;
  const today = localDate(input.now);
  if (booking.date > today || (input.outcome === 'no_show' && localInstant(booking.date, booking.startTime) > input.now)) {
    throw AppointmentErrors.ATTENDANCE_TOO_EARLY();
  }
  await repo.setStatus(tx, booking.id, input.outcome, input.actor.id, input.now);
  await audit(tx, input, 'appointment.attendance', {
    chain: `appointments:${booking.agencyCode}`,
    subject: ['appointment', booking.id],
    data: { code: booking.code, outcome: input.outcome, before: booking.status },
  });
  return { ...booking, status: input.outcome, statusAt: input.now };
}
