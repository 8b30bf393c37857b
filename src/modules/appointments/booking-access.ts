import { timingSafeEqual } from 'node:crypto';
import type { Actor } from '#platform/actor.ts';
import type { Sql } from '#platform/db.ts';
import { AppointmentErrors } from './appointments.errors.ts';
import * as repo from './appointments.repository.ts';
import { may } from './policy.ts';

/** "lh-7k3m9q " → "LH-7K3M9Q". */
export const normalizeBookingCode = (code: string) => code.trim().replace(/\s+/g, '').toUpperCase();

/**
 * The booking behind a code, for the citizen who made it: signed in as that citizen, or anyone
 * giving the last four digits of the phone number it was booked with (as on the tracking page).
 * Anyone else learns nothing: `404 BOOKING_NOT_FOUND`, whether the code exists or not.
 */
export async function findOwnBooking(tx: Sql, input: { code: string; actor: Actor | null; phoneTail?: string | null }): Promise<repo.Appointment & { byOwner: boolean }> {
  const booking = await repo.findByCode(tx, normalizeBookingCode(input.code));
  if (booking && input.actor && booking.userId === input.actor.id) return { ...booking, byOwner: true };
  if (booking && input.phoneTail && sameText(booking.phone.slice(-4), input.phoneTail)) return { ...booking, byOwner: false };
  throw AppointmentErrors.BOOKING_NOT_FOUND();
}

/**
 * The booking behind a code, for whoever may move or cancel it: its citizen (as in
 * findOwnBooking) or the desk of its agency (desk officers and leaders, who must give a reason).
 */
export async function findBookingToChange(
  tx: Sql,
  input: { code: string; actor: Actor | null; phoneTail?: string | null; reason?: string | null },
): Promise<repo.Appointment & { byOwner: boolean; by: 'citizen' | 'desk' }> {
  const booking = await repo.findByCode(tx, normalizeBookingCode(input.code));
  if (booking && input.actor && booking.userId !== input.actor.id && may.serve(input.actor, booking.agencyCode)) {
    if (!input.reason || input.reason.trim().length < 5) throw AppointmentErrors.DESK_REASON_REQUIRED();
    return { ...booking, byOwner: false, by: 'desk' };
  }
  return { ...(await findOwnBooking(tx, input)), by: 'citizen' };
}

/** What the notices of a change say (`appointment.moved`, `appointment.cancelled`). */
export const changePayload = (booking: repo.Appointment, by: 'citizen' | 'desk', reason: string | null | undefined) => ({
  id: booking.id,
  code: booking.code,
  userId: booking.userId,
  date: booking.date,
  startTime: booking.startTime,
  endTime: booking.endTime,
  agencyName: booking.agencyName ?? booking.agencyCode,
  procedureCode: booking.procedureCode,
  procedureName: booking.procedureName ?? undefined,
  by,
  reason: by === 'desk' ? (reason?.trim() ?? null) : null,
});

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Who changed a booking, as stored: the account, the desk officer's account, or "phone" for a change made with the code and phone digits. */
export const changedBy = (actor: Actor | null, booking: repo.Appointment & { by?: 'citizen' | 'desk' }) =>
  actor && (actor.id === booking.userId || booking.by === 'desk') ? actor.id : actor ? `${actor.id} (phone)` : 'phone';
