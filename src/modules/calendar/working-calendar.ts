/**
 * Working-day arithmetic over the official calendar (pure: no database, no clock).
 * Dates are local calendar dates 'YYYY-MM-DD' in Asia/Ho_Chi_Minh.
 */
import { weekdayOf } from '#platform/clock.ts';

export type DeadlineUnit = 'working_days' | 'calendar_days' | 'working_hours' | 'same_day';
export interface Deadline {
  value: number;
  unit: DeadlineUnit;
}

export type DayKind = 'holiday' | 'compensatory' | 'swap_off' | 'working_weekend';

export interface CalendarYear {
  year: number;
  weekendDays: number[];
  officeHours: { morning: [string, string]; afternoon: [string, string] };
  days: { date: string; kind: DayKind; name: string }[];
}

export class CalendarYearMissing extends Error {
  constructor(readonly year: number) {
    super(`no working calendar for ${year}`);
  }
}

const DAY_MS = 86_400_000;
export const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export class WorkingCalendar {
  private readonly years = new Map<number, CalendarYear>();
  private readonly special = new Map<string, DayKind>();

  constructor(years: CalendarYear[]) {
    for (const y of years) {
      this.years.set(y.year, y);
      for (const d of y.days) this.special.set(d.date, d.kind);
    }
  }

  private yearOf(date: string): CalendarYear {
    const year = Number(date.slice(0, 4));
    const y = this.years.get(year);
    if (!y) throw new CalendarYearMissing(year);
    return y;
  }

  isWorkingDay(date: string): boolean {
    const y = this.yearOf(date);
    const kind = this.special.get(date);
    if (kind === 'working_weekend') return true;
    if (kind) return false;
    return !y.weekendDays.includes(weekdayOf(date));
  }

  /** The first working day on or after `date`. */
  workingDayOnOrAfter(date: string): string {
    let d = date;
    while (!this.isWorkingDay(d)) d = addDays(d, 1);
    return d;
  }

  /** Day 1 is the first working day strictly after `from`; 0 days → `from` itself if working, else the next. */
  addWorkingDays(from: string, days: number): string {
    if (days === 0) return this.workingDayOnOrAfter(from);
    let d = from;
    let left = days;
    while (left > 0) {
      d = addDays(d, 1);
      if (this.isWorkingDay(d)) left--;
    }
    return d;
  }

  /** Working days strictly after `from` up to and including `to`. */
  workingDaysBetween(from: string, to: string): number {
    let n = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (this.isWorkingDay(d)) n++;
    return n;
  }

  officeHours(date: string) {
    return this.yearOf(date).officeHours;
  }

  /** Working minutes of the day as [start, end) ranges in minutes after local midnight. */
  officeRanges(date: string): [number, number][] {
    const h = this.officeHours(date);
    return [
      [minutes(h.morning[0]), minutes(h.morning[1])],
      [minutes(h.afternoon[0]), minutes(h.afternoon[1])],
    ];
  }

  /** Adds working hours from a local date and minute of the day; returns the local date and minute. */
  addWorkingMinutes(date: string, minuteOfDay: number, amount: number): { date: string; minute: number } {
    let d = date;
    let m = minuteOfDay;
    let left = amount;
    for (;;) {
      if (this.isWorkingDay(d)) {
        for (const [start, end] of this.officeRanges(d)) {
          const from = Math.max(start, m);
          if (from >= end) continue;
          const available = end - from;
          if (left <= available) return { date: d, minute: from + left };
          left -= available;
          m = end;
        }
      }
      d = addDays(d, 1);
      m = 0;
    }
  }
}
