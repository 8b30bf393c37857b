/**
 * The only source of "now". Production uses the system clock; with MOTCUA_DEV_CLOCK=1 (or in
 * tests) the clock can be set to an instant, after which it runs on in real time.
 */
export interface Clock {
  now(): Date;
}

export class SettableClock implements Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  set(instant: Date): void {
    this.offsetMs = instant.getTime() - Date.now();
  }
  reset(): void {
    this.offsetMs = 0;
  }
}

export const systemClock: Clock = { now: () => new Date() };

/** Viet Nam's offset from UTC, the only place it is written (no daylight saving time). */
const VN_OFFSET = '+07:00';
const VN_OFFSET_MS = 7 * 3600 * 1000;

/** Local calendar date (YYYY-MM-DD) of an instant in Asia/Ho_Chi_Minh. */
export function localDate(instant: Date): string {
  return new Date(instant.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** Local wall-clock time (HH:MM) of an instant in Asia/Ho_Chi_Minh. */
export function localTime(instant: Date): string {
  return new Date(instant.getTime() + VN_OFFSET_MS).toISOString().slice(11, 16);
}

/** The instant of a local date and time (HH:MM or HH:MM:SS) in Asia/Ho_Chi_Minh. */
export function localInstant(date: string, time = '00:00'): Date {
  return new Date(`${date}T${time.length === 5 ? `${time}:00` : time}${VN_OFFSET}`);
}

/** ISO 8601 with the +07:00 offset, for API output. */
export function toLocalIso(instant: Date): string {
  return `${new Date(instant.getTime() + VN_OFFSET_MS).toISOString().slice(0, 19)}${VN_OFFSET}`;
}

/**
 * The calendar date (YYYY-MM-DD) of day `d` of month `m` of year `y`, for period arithmetic:
 * `m` may run outside 1..12 (0 is December of the year before) and `d` = 0 is the last day of
 * the month before.
 */
export function calendarDate(y: number, m: number, d: number): string {
  return new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
}

/** The day of the week of a local date 'YYYY-MM-DD': 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** Vietnamese day names, Sunday first (as `getUTCDay`): "Chủ nhật", "thứ Hai" … "thứ Bảy". */
const VI_WEEKDAYS = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'];

/** The Vietnamese name of the day of a local date 'YYYY-MM-DD': "thứ Bảy", "Chủ nhật". */
export function weekdayVi(date: string): string {
  return VI_WEEKDAYS[weekdayOf(date)];
}
