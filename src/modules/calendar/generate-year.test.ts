import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeDueWith } from './compute-due.ts';
import { generateYear, lunarToSolar, tetOf } from './generate-year.ts';
import { addDays, type CalendarYear, CalendarYearMissing, WorkingCalendar } from './working-calendar.ts';

type SeedYear = Omit<CalendarYear, 'days'> & { days: (CalendarYear['days'][number] & { verified: boolean })[] };
const load = (year: number) => JSON.parse(fs.readFileSync(`seed/calendar-${year}.json`, 'utf8')) as SeedYear;
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
const offDays = (y: CalendarYear) => y.days.filter((d) => d.kind !== 'working_weekend').map((d) => d.date).sort();

describe('Vietnamese lunar calendar (UTC+7)', () => {
  it.each([
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
    [2025, '2025-01-29'],
    // years where the Vietnamese and the Chinese (UTC+8) new year differ
    [1985, '1985-01-21'], // China: 20 February 1985
    [2007, '2007-02-17'], // China: 18 February 2007
  ])('Tết %i is %s', (year, date) => {
    expect(tetOf(year)).toBe(date);
  });

  it('Giỗ Tổ Hùng Vương (10/3 lunar) of 2025, 2026 and 2027', () => {
    expect(lunarToSolar(10, 3, 2025)).toBe('2025-04-07');
    expect(lunarToSolar(10, 3, 2026)).toBe('2026-04-26');
    expect(lunarToSolar(10, 3, 2027)).toBe('2027-04-16');
  });
});

describe('a year generated from the Labour Code (Art. 111–112)', () => {
  it('gives back the official 2026 days off, except the Prime Minister’s New Year swap', () => {
    const official = load(2026);
    const generated = generateYear(2026);
    const swap = official.days.filter((d) => d.kind === 'swap_off' || d.kind === 'working_weekend').map((d) => d.date);
    expect(swap).toEqual(['2026-01-02', '2026-01-10']);
    const a = new WorkingCalendar([generated]);
    const b = new WorkingCalendar([{ ...official, days: official.days.filter((d) => !swap.includes(d.date)) }]);
    const dates = Array.from({ length: 365 }, (_, i) => addDays('2026-01-01', i));
    expect(dates.filter((d) => !a.isWorkingDay(d))).toEqual(dates.filter((d) => !b.isWorkingDay(d)));
    expect(offDays(generated)).toContain('2026-04-27'); // Giỗ Tổ on Sunday 26/04 → nghỉ bù Monday
  });

  it('2027: Tết from the last day of the year, rest-day holidays moved to the next working day', () => {
    const days = Object.fromEntries(generateYear(2027).days.map((d) => [d.date, d.kind]));
    expect(days).toEqual({
      '2027-01-01': 'holiday', // Friday
      '2027-02-05': 'holiday', // 30 Tết (the lunar year's last day), Friday
      '2027-02-06': 'holiday', // mùng 1, Saturday
      '2027-02-07': 'holiday', // mùng 2, Sunday
      '2027-02-08': 'holiday',
      '2027-02-09': 'holiday',
      '2027-02-10': 'compensatory', // for Saturday 06/02
      '2027-02-11': 'compensatory', // for Sunday 07/02
      '2027-04-16': 'holiday', // Giỗ Tổ, Friday
      '2027-04-30': 'holiday',
      '2027-05-01': 'holiday', // Saturday
      '2027-05-03': 'compensatory', // Monday
      '2027-09-02': 'holiday', // Thursday
      '2027-09-03': 'holiday', // the adjacent day that joins the weekend
    });
  });

  it('every generated day is unverified and named in Vietnamese', () => {
    const g = generateYear(2027);
    expect(g.days.every((d) => d.verified === false && d.name.length > 0 && d.name === d.name.normalize('NFC'))).toBe(true);
    expect(g.source).toContain('Bộ luật Lao động 2019 Điều 111–112');
  });

  it.each(Array.from({ length: 16 }, (_, i) => 2025 + i))('%i: 11 holiday days, one compensatory working day per holiday on a weekend', (year) => {
    const g = generateYear(year);
    const holidays = g.days.filter((d) => d.kind === 'holiday');
    const compensatory = g.days.filter((d) => d.kind === 'compensatory');
    expect(holidays).toHaveLength(11);
    expect(new Set(g.days.map((d) => d.date)).size).toBe(g.days.length);
    expect(compensatory).toHaveLength(holidays.filter((d) => [0, 6].includes(weekday(d.date))).length);
    for (const c of compensatory) expect([0, 6]).not.toContain(weekday(c.date));
    expect(g.days.every((d) => d.date.startsWith(String(year)))).toBe(true);
  });

  it('lets a same-day dossier received on 31 December be due in the new year', () => {
    const cal = new WorkingCalendar([load(2026), generateYear(2027)]);
    const due = computeDueWith(cal, { receivedAt: new Date('2026-12-31T16:00:00+07:00'), deadline: { value: 0, unit: 'same_day' }, cutoffTime: '15:00' });
    expect(due.dueDate).toBe('2027-01-04'); // 01/01 holiday (Friday), then the weekend
    expect(() => cal.addWorkingDays('2027-12-28', 5)).toThrow(CalendarYearMissing);
  });
});

describe('the official 2026 calendar (verified)', () => {
  const cal = new WorkingCalendar([load(2025), load(2026)]);
  it('New Year: off Thursday 1 to Sunday 4 January; Saturday 10 January is worked for Friday 2', () => {
    expect(['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04'].map((d) => cal.isWorkingDay(d))).toEqual([false, false, false, false]);
    expect(cal.isWorkingDay('2026-01-10')).toBe(true);
    expect(cal.addWorkingDays('2025-12-31', 1)).toBe('2026-01-05');
    expect(cal.addWorkingDays('2026-01-09', 1)).toBe('2026-01-10');
  });
  it('Tết: off Saturday 14 to Sunday 22 February, every day verified', () => {
    const days = load(2026).days.filter((d) => d.name === 'Tết Nguyên đán');
    expect(days.map((d) => d.date)).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
    expect(days.every((d) => d.verified)).toBe(true);
    expect(cal.addWorkingDays('2026-02-13', 1)).toBe('2026-02-23');
  });
});
