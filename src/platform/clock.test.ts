import { describe, expect, it } from 'vitest';
import { calendarDate, localDate, localInstant, localTime, toLocalIso, weekdayVi } from './clock.ts';

describe('Asia/Ho_Chi_Minh helpers', () => {
  it('read an instant as the local date and time, across the UTC midnight', () => {
    const instant = new Date('2026-12-04T18:30:45Z');
    expect(localDate(instant)).toBe('2026-12-05');
    expect(localTime(instant)).toBe('01:30');
    expect(toLocalIso(instant)).toBe('2026-12-05T01:30:45+07:00');
  });

  it('turn a local date and time (minutes or seconds) back into the instant', () => {
    expect(localInstant('2026-12-05').toISOString()).toBe('2026-12-04T17:00:00.000Z');
    expect(localInstant('2026-12-05', '01:30').toISOString()).toBe('2026-12-04T18:30:00.000Z');
    expect(localInstant('2026-12-05', '01:30:45').toISOString()).toBe('2026-12-04T18:30:45.000Z');
  });
});

describe('calendarDate', () => {
  it('carries months over the year and reads day 0 as the last day of the month before', () => {
    expect(calendarDate(2026, 1, 15)).toBe('2026-01-15');
    expect(calendarDate(2026, 0, 15)).toBe('2025-12-15'); // a January report starts on 15/12 of the year before
    expect(calendarDate(2026, 13, 1)).toBe('2027-01-01');
    expect(calendarDate(2026, 3, 0)).toBe('2026-02-28');
    expect(calendarDate(2028, 3, 0)).toBe('2028-02-29');
    expect(calendarDate(2026, 12, 31 + 1)).toBe('2027-01-01');
  });
});

describe('weekdayVi', () => {
  it('names the day of a local date in Vietnamese, Sunday capitalised', () => {
    expect(weekdayVi('2026-12-12')).toBe('thứ Bảy');
    expect(weekdayVi('2026-12-13')).toBe('Chủ nhật');
    expect(weekdayVi('2026-12-14')).toBe('thứ Hai');
  });
});
