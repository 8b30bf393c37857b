import { randomUUID } from 'node:crypto';
import type { Actor } from '#platform/actor.ts';
import { audit } from '#platform/audit.ts';
import type { Sql } from '#platform/db.ts';
import { getProcedureVersionInForce } from '#modules/catalog/index.ts';
import { AppointmentErrors } from './appointments.errors.ts';
import { appointmentEvents } from './appointments.events.ts';
import * as repo from './appointments.repository.ts';
import { listSlots } from './list-slots.ts';
import { may } from './policy.ts';

/** Crockford base32: a code read over the counter is not mistaken. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const newBookingCode = () => `LH-${[...crypto.getRandomValues(new Uint8Array(6))].map((b) => ALPHABET[b & 31]).join('')}`;

/**
 * Đặt lịch: a citizen takes a place in one slot of a desk's day for a procedure submitted in
 * person. The slot must be offered (office hours, working day), not past and not full (the
 * slot is locked while counting); one booking per citizen, procedure, desk and day. The
 * booking's code goes back at once; a notice now and a reminder on the day follow (outbox).
 */
export async function bookAppointment(
  tx: Sql,
  input: { actor: Actor; agencyCode: string; procedureCode: string; date: string; start: string; phone: string; now: Date },
) {
  const { actor } = input;
  if (!may.book(actor)) throw AppointmentErrors.BOOKING_FOR_CITIZENS();
  const procedure = await getProcedureVersionInForce(tx, input.procedureCode, input.now);
  await repo.lockSlot(tx, input.agencyCode, input.date, input.start);
  const existing = await repo.findBooked(tx, actor.id, input.agencyCode, procedure.procedureCode, input.date);
  if (existing) {
    if (existing.startTime === input.start) return existing; // the same booking again: the first answer
    throw AppointmentErrors.ALREADY_BOOKED({}, { code: existing.code });
  }
  const day = await listSlots(tx, { agencyCode: input.agencyCode, date: input.date, now: input.now });
  const slot = day.slots.find((s) => s.start === input.start);
  if (!slot) throw AppointmentErrors.SLOT_NOT_OFFERED({}, { start: input.start, date: input.date });
  if (slot.past) throw AppointmentErrors.SLOT_IN_PAST();
  if (slot.free <= 0) throw AppointmentErrors.SLOT_FULL();

  const appointment = {
    id: randomUUID(),
    code: newBookingCode(),
    agencyCode: day.agencyCode,
    procedureCode: procedure.procedureCode,
    date: input.date,
    startTime: slot.start,
    endTime: slot.end,
    userId: actor.id,
    fullName: actor.fullName,
    phone: input.phone,
    createdAt: input.now,
  };
  await repo.insertAppointment(tx, appointment);
  await audit(tx, { actor, now: input.now }, 'appointment.book', {
    chain: `appointments:${day.agencyCode}`,
    subject: ['appointment', appointment.id],
    data: { code: appointment.code, date: input.date, start: slot.start, procedureCode: procedure.procedureCode },
  });
  await appointmentEvents.emit(tx, 'appointment.booked', {
    key: appointment.id,
    at: input.now,
    payload: { ...appointment, createdAt: input.now.toISOString(), agencyName: day.agencyName, procedureName: procedure.name },
  });
  return { ...appointment, status: 'booked' as const, remindedAt: null };
}
