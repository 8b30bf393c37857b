import type { Actor } from '#platform/actor.ts';
import { appendAudit } from '#platform/audit.ts';
import { localInstant } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { AppointmentErrors } from './appointments.errors.ts';
import { appointmentEvents } from './appointments.events.ts';
import * as repo from './appointments.repository.ts';
import { changedBy, changePayload, findBookingToChange } from './booking-access.ts';
import { listSlots } from './list-slots.ts';

/**
 * Đổi giờ hẹn: the same booking (same code, desk and procedure) takes another slot, on the
 * same day or another. The new slot is checked as a new booking is (offered, not past, not
 * full, under its lock); the old place is freed by the same change. Asking again for the slot
 * the booking already has answers the booking (a retry). A day that already holds another
 * booking of this citizen for this procedure at this desk is refused (`ALREADY_BOOKED`). The
 * desk of the agency may move it too, with a reason. The citizen is told (`appointment.moved`).
 */
export async function moveAppointment(
  tx: Sql,
  input: { code: string; actor: Actor | null; phoneTail?: string | null; reason?: string | null; date: string; start: string; now: Date },
) {
  const found = await findBookingToChange(tx, input);
  await repo.lockBooking(tx, found.id);
  const booking = (await repo.findByCode(tx, found.code)) as repo.Appointment;
  if (booking.status === 'cancelled') throw AppointmentErrors.BOOKING_CANCELLED();
  if (booking.date === input.date && booking.startTime === input.start) return booking;
  if (booking.status !== 'booked' || localInstant(booking.date, booking.startTime) <= input.now) throw AppointmentErrors.BOOKING_CLOSED();

  await repo.lockSlot(tx, booking.agencyCode, input.date, input.start);
  if (input.date !== booking.date) {
    const other = await repo.findBooked(tx, booking.userId, booking.agencyCode, booking.procedureCode, input.date);
    if (other) throw AppointmentErrors.ALREADY_BOOKED({}, { code: other.code });
  }
  const day = await listSlots(tx, { agencyCode: booking.agencyCode, date: input.date, now: input.now });
  const slot = day.slots.find((s) => s.start === input.start);
  if (!slot) throw AppointmentErrors.SLOT_NOT_OFFERED({}, { start: input.start, date: input.date });
  if (slot.past) throw AppointmentErrors.SLOT_IN_PAST();
  if (slot.free <= 0) throw AppointmentErrors.SLOT_FULL();

  await repo.moveTo(tx, booking.id, { date: input.date, startTime: slot.start, endTime: slot.end }, changedBy(input.actor, found), input.now);
  await appendAudit(tx, {
    chain: `appointments:${booking.agencyCode}`,
    actorId: input.actor?.id ?? null,
    action: 'appointment.move',
    subjectType: 'appointment',
    subjectId: booking.id,
    data: {
      code: booking.code,
      from: { date: booking.date, start: booking.startTime },
      to: { date: input.date, start: slot.start },
      by: found.by === 'desk' ? 'desk' : found.byOwner ? 'account' : 'phone',
      reason: changePayload(booking, found.by, input.reason).reason,
    },
    at: input.now,
  });
  const moved = { ...booking, date: input.date, startTime: slot.start, endTime: slot.end };
  await appointmentEvents.emit(tx, 'appointment.moved', {
    key: `${booking.id}:moved:${input.now.toISOString()}`,
    at: input.now,
    payload: { ...changePayload(moved, found.by, input.reason), previous: { date: booking.date, startTime: booking.startTime, endTime: booking.endTime } },
  });
  return { ...booking, date: input.date, startTime: slot.start, endTime: slot.end, statusAt: input.now };
}
