import { z } from 'zod';
import { IsoDate, IsoDateTime } from '#platform/contract.ts';
// the contract, not the module's index: a contract's schemas are built while modules load, and the
// index's import graph runs back here (normalizePhone was undefined when another module loaded first)
import { Phone } from '#modules/dossiers/dossiers.contract.ts';

/** Every request and answer of the appointment routes (đặt lịch hẹn nộp hồ sơ tại quầy). */

const date = z.iso.date();
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
export const AgencyParams = z.object({ code: z.string().trim().min(1).max(60) });
export const BookingParams = z.object({ code: z.string().trim().min(4).max(20) });
/** The last four digits of the phone the booking was made with (as on the tracking page). */
const phoneTail = z.string().trim().regex(/^\d{4}$/, '4 chữ số cuối của số điện thoại');

export const SlotsQuery = z.object({ date });
export const DeskDayQuery = z.object({ date: date.optional() });
export const PhoneQuery = z.object({ phone: phoneTail.optional() });
export const BookBody = z.object({
  agencyCode: z.string().trim().min(1).max(60),
  procedureCode: z.string().trim().min(1).max(60),
  date,
  start: hhmm,
  phone: Phone,
});
/** The desk's reason for moving or cancelling a citizen's booking (sent to the citizen). */
const reason = z.string().trim().max(500).optional();
export const CancelBody = z.object({ phone: phoneTail.optional(), reason }).default({});
export const MoveBody = z.object({ date, start: hhmm, phone: phoneTail.optional(), reason });
export const AttendanceBody = z.object({ outcome: z.enum(['arrived', 'no_show']) });
export const SettingsBody = z.object({ slotMinutes: z.number().int().min(10).max(240), capacity: z.number().int().min(1).max(100) });

// ─── Answers ──────────────────────────────────────────────────────────────────────────────

/** An agency's slots of a day (office hours of the working calendar), with the places left. */
export const DaySlots = z.object({
  agencyCode: z.string(),
  agencyName: z.string(),
  date: IsoDate,
  workingDay: z.boolean(),
  slotMinutes: z.number().int(),
  capacity: z.number().int(),
  slots: z.array(z.object({ start: z.string(), end: z.string(), booked: z.number().int(), free: z.number().int(), past: z.boolean() })),
});
export type DaySlots = z.infer<typeof DaySlots>;

/** A booking; found with the code and phone digits only, the name is masked and the phone shortened. */
export const Booking = z.object({
  id: z.string(),
  code: z.string(),
  agencyCode: z.string(),
  procedureCode: z.string(),
  date: IsoDate,
  start: z.string(),
  end: z.string(),
  fullName: z.string(),
  phone: z.string(),
  /** booked → cancelled (the citizen), arrived / no_show (the desk). */
  status: z.enum(['booked', 'cancelled', 'arrived', 'no_show']),
  agencyName: z.string().nullable(),
  procedureName: z.string().nullable(),
  createdAt: IsoDateTime,
  statusAt: IsoDateTime.nullable(),
});
export type Booking = z.infer<typeof Booking>;
export const BookingList = z.object({ items: z.array(Booking) });
export const DeskDay = z.object({ date: IsoDate, items: z.array(Booking) });

/** An agency's slot length and capacity (`isDefault` while it has none of its own). */
export const SlotSettings = z.object({
  agencyCode: z.string(),
  agencyName: z.string().optional(),
  slotMinutes: z.number().int(),
  capacity: z.number().int(),
  isDefault: z.boolean().optional(),
});
export type SlotSettings = z.infer<typeof SlotSettings>;
