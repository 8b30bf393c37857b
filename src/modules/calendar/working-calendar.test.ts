import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeDueWith } from './compute-due.ts';
import { addDays, type CalendarYear, CalendarYearMissing, WorkingCalendar } from './working-calendar.ts';

const load = (year: number) => JSON.parse(fs.readFileSync(`seed/calendar-${year}.json`, 'utf8')) as CalendarYear;
const official = new WorkingCalendar([load(2025), load(2026)]);
const plain = new WorkingCalendar(
  [2025, 2026].map((year) => ({ ...load(year), days: [] })),
); // Mon–Fri, no holidays
const at = (local: string) => new Date(`${local}+07:00`);
const due = (cal: WorkingCalendar, local: string, value: number, unit: 'working_days' | 'same_day' | 'calendar_days' | 'working_hours') =>
  computeDueWith(cal, { receivedAt: at(local), deadline: { value, unit }, cutoffTime: '15:00' });

describe('domain.md §3 test vectors (Mon–Fri, no holidays, cut-off 15:00)', () => {
  it('received Friday 16:10, 3 working days → due Wednesday', () => {
    expect(due(plain, '2026-03-06T16:10:00', 3, 'working_days').dueDate).toBe('2026-03-11');
  });
  it('same-day procedure received Thursday 15:20 → due Friday', () => {
    expect(due(plain, '2026-03-05T15:20:00', 0, 'same_day').dueDate).toBe('2026-03-06');
  });
  it('same-day at 14:59 is due the same day, at 15:01 the next working day', () => {
    expect(due(plain, '2026-03-05T14:59:00', 0, 'same_day').dueDate).toBe('2026-03-05');
    expect(due(plain, '2026-03-05T15:01:00', 0, 'same_day').dueDate).toBe('2026-03-06');
  });
  it('same-day received on Saturday → Monday', () => {
    expect(due(plain, '2026-03-07T09:00:00', 0, 'same_day').dueDate).toBe('2026-03-09');
  });
  it('dueAt is the end of office hours of the due day, with hours and minutes', () => {
    expect(due(plain, '2026-03-06T16:10:00', 3, 'working_days').dueAt.toISOString()).toBe('2026-03-11T10:00:00.000Z');
  });
});

describe('official calendar', () => {
  it.each([
    ['across Tết 2026 (off 14–22 Feb)', '2026-02-12T10:00:00', 3, 'working_days', '2026-02-24'],
    ['received on the last day before Tết', '2026-02-13T10:00:00', 1, 'working_days', '2026-02-23'],
    ['across 30/4–1/5 2026 and the Giỗ Tổ compensatory Monday 27/4', '2026-04-24T10:00:00', 3, 'working_days', '2026-05-04'],
    ['the swapped Saturday 26/4/2025 is a working day', '2025-04-25T10:00:00', 1, 'working_days', '2025-04-26'],
    ['Friday 2/5/2025 is off (swapped)', '2025-04-29T10:00:00', 1, 'working_days', '2025-05-05'],
    ['across Tết 2025', '2025-01-24T10:00:00', 2, 'working_days', '2025-02-04'],
    ['same day on a holiday → next working day', '2026-09-02T09:00:00', 0, 'same_day', '2026-09-03'],
    ['calendar days ending on a Sunday move to Monday', '2026-03-05T09:00:00', 10, 'calendar_days', '2026-03-16'],
  ] as const)('%s', (_name, local, value, unit, expected) => {
    expect(due(official, local, value, unit).dueDate).toBe(expected);
  });

  it('counts working hours inside office hours (8 h a day)', () => {
    const r = due(official, '2026-03-05T16:00:00', 8, 'working_hours');
    expect(r.dueDate).toBe('2026-03-06');
    expect(r.dueAt.toISOString()).toBe(new Date('2026-03-06T16:00:00+07:00').toISOString());
  });

  it('refuses a year with no calendar instead of guessing', () => {
    expect(() => official.addWorkingDays('2026-12-28', 5)).toThrow(CalendarYearMissing);
  });
});

describe('properties', () => {
  const dates = fc.integer({ min: 0, max: 600 }).map((n) => addDays('2025-01-01', n));
  const counts = fc.integer({ min: 0, max: 60 });

  it('the result is always a working day and exactly N working days later', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: 1, max: 60 }), (from, n) => {
        const to = official.addWorkingDays(from, n);
        return official.isWorkingDay(to) && official.workingDaysBetween(from, to) === n && to > from;
      }),
    );
  });

  it('adding a then b equals adding a + b (for a ≥ 1)', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: 1, max: 30 }), counts, (from, a, b) => {
        return official.addWorkingDays(official.addWorkingDays(from, a), b) === official.addWorkingDays(from, a + b);
      }),
    );
  });

  it('is monotonic in the number of days', () => {
    fc.assert(
      fc.property(dates, counts, counts, (from, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        return official.addWorkingDays(from, lo) <= official.addWorkingDays(from, hi);
      }),
    );
  });

  it('a dossier is never due before it is received', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 0, max: 30 }), (date, minute, n) => {
        const receivedAt = new Date(`${date}T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00+07:00`);
        for (const unit of ['working_days', 'same_day', 'calendar_days'] as const) {
          const r = computeDueWith(official, { receivedAt, deadline: { value: n, unit }, cutoffTime: '15:00' });
          if (r.dueDate < date || !official.isWorkingDay(r.dueDate)) return false;
        }
        return true;
      }),
    );
  });
});
