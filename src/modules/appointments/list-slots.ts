import type { Sql } from '#platform/db.ts';
import { localDate, localInstant } from '#platform/clock.ts';
import { loadCalendar } from '#modules/calendar/index.ts';
import { findAgency } from '#modules/places/index.ts';
import { AppointmentErrors } from './appointments.errors.ts';
import * as repo from './appointments.repository.ts';
import { DEFAULT_SETTINGS, slotsOf } from './slots.ts';

export type { DaySlots } from './appointments.contract.ts';
import type { DaySlots } from './appointments.contract.ts';

/** The agency's slots of a day (office hours of the working calendar), with how many places are left. */
export async function listSlots(tx: Sql, input: { agencyCode: string; date: string; now: Date }): Promise<DaySlots> {
  const agency = await findAgency(tx, input.agencyCode);
  if (!agency) throw AppointmentErrors.AGENCY_NOT_FOUND();
  const settings = (await repo.findSettings(tx, agency.code)) ?? DEFAULT_SETTINGS;
  const base = { agencyCode: agency.code, agencyName: agency.name, date: input.date, ...settings };
  const calendar = await loadCalendar(tx);
  let ranges: [number, number][];
  try {
    if (!calendar.isWorkingDay(input.date)) return { ...base, workingDay: false, slots: [] };
    ranges = calendar.officeRanges(input.date);
  } catch {
    return { ...base, workingDay: false, slots: [] }; // a year the calendar does not have yet
  }
  const booked = await repo.countBooked(tx, agency.code, input.date);
  const today = localDate(input.now);
  return {
    ...base,
    workingDay: true,
    slots: slotsOf(ranges, settings.slotMinutes).map((s) => {
      const n = booked.get(s.start) ?? 0;
      const past = input.date < today || (input.date === today && localInstant(input.date, s.start) <= input.now);
      return { ...s, booked: n, free: Math.max(0, settings.capacity - n), past };
    }),
  };
}
