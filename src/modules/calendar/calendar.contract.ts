import { z } from 'zod';

/** Every request and answer of the calendar routes (api.md §4) and the administrator's calendar editor. */

export const IsoDate = z.iso.date();
export const Year = z.coerce.number().int().min(2000).max(2100);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
export const DayKind = z.enum(['holiday', 'compensatory', 'swap_off', 'working_weekend']);

export const AddWorkingDaysQuery = z.object({ from: IsoDate, days: z.coerce.number().int().min(0).max(3650) });
export const AddedDate = z.object({ date: z.string() });

export const YearParams = z.object({ year: Year });
export const CalendarYear = z.object({
  year: z.number().int(),
  version: z.number().int(),
  provisional: z.boolean().meta({ description: 'sinh từ Bộ luật Lao động, chưa được xác nhận / generated, not yet confirmed' }),
  source: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  holidays: z.array(z.object({ date: z.string(), name: z.string(), kind: DayKind, verified: z.boolean() })),
  workingWeekendDays: z.array(z.string()),
  workingWeekends: z.array(z.object({ date: z.string(), name: z.string(), verified: z.boolean() })),
});
export type CalendarYear = z.infer<typeof CalendarYear>;

const YearState = z.object({ year: z.number().int(), state: z.enum(['missing', 'provisional', 'official']) });
export const CalendarStatus = z.object({
  today: z.string(),
  current: YearState,
  next: YearState,
  warning: z.boolean().meta({ description: 'năm nay chưa chính thức, hoặc từ 1/10 năm sau chưa chính thức / a calendar needs confirming' }),
});
export type CalendarStatus = z.infer<typeof CalendarStatus>;

/** What the administrator checked the year against (the official notice of the days off); optional for older clients. */
export const ConfirmBody = z
  .object({ source: z.string().trim().min(3).max(500).optional() })
  .nullable()
  .transform((b) => b ?? {});
export const Confirmed = z.object({ year: z.number().int(), provisional: z.boolean(), version: z.number().int().optional() });
export const CreateYearBody = z.object({
  weekendDays: z.array(z.number().int().min(0).max(6)).max(3).default([6, 0]),
  officeHours: z
    .object({ morning: z.tuple([hhmm, hhmm]), afternoon: z.tuple([hhmm, hhmm]) })
    .default({ morning: ['07:30', '11:30'], afternoon: ['13:00', '17:00'] }),
  source: z.string().max(500).nullable().default(null),
});
export const YearCreated = z.object({ year: z.number().int() });
export const DayParams = z.object({ year: Year, date: IsoDate });
export const DayBody = z.object({ kind: DayKind, name: z.string().trim().min(1).max(200), verified: z.boolean().default(false) });
export const DaySet = z.object({ date: z.string(), kind: DayKind, name: z.string(), verified: z.boolean() });
export const DayRemoved = z.object({ date: z.string(), removed: z.literal(true) });
