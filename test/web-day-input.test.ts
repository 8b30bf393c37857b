import { describe, expect, it } from 'vitest';
import { dayText, dayTimeText, parseDayText, parseDayTimeText } from '../src/web/ui/day-input.tsx';

describe('a day typed the Vietnamese way (ui/day-input.tsx)', () => {
  it('reads day first, with slashes, dots, dashes or eight digits', () => {
    expect(parseDayText('03/01/2026')).toBe('2026-01-03');
    expect(parseDayText('3/1/2026')).toBe('2026-01-03');
    expect(parseDayText(' 03.01.2026 ')).toBe('2026-01-03');
    expect(parseDayText('03-01-2026')).toBe('2026-01-03');
    expect(parseDayText('01032026')).toBe('2026-03-01');
  });

  it('refuses what is not a day of the calendar', () => {
    for (const text of ['31/02/2026', '29/02/2025', '00/01/2026', '01/13/2026', '2026-01-03', '1/1/26', '0103202', '01/01/1899', '']) {
      expect(parseDayText(text), text).toBeNull();
    }
    expect(parseDayText('29/02/2028')).toBe('2028-02-29');
  });

  it('shows a stored day as dd/mm/yyyy, and nothing for what is not one', () => {
    expect(dayText('2026-03-01')).toBe('01/03/2026');
    expect(dayText('')).toBe('');
    expect(dayText('01/03/2026')).toBe('');
  });

  it('shows the day of an instant as it is in Vietnam, whatever offset the instant was written with', () => {
    // the screens' own copies took the first ten characters: 23:30 UTC on 7 December read 07/12,
    // while in Hà Nội it is already 06:30 on 8 December
    expect(dayText('2026-12-07T23:30:00.000Z')).toBe('08/12/2026');
    expect(dayText('2026-12-08T06:30:00+07:00')).toBe('08/12/2026');
    expect(dayText('2026-12-08T06:30+07:00')).toBe('08/12/2026');
    expect(dayTimeText('2026-12-07T23:30:00.000Z')).toBe('08/12/2026 06:30');
    expect(dayTimeText('2026-12-08T06:30:00+07:00')).toBe('08/12/2026 06:30');
    // nothing, or what is not a day, shows nothing (not "null", not the reversed text)
    for (const v of [null, undefined, '', 'hôm qua', '2026-12-08 06:30', '2026-13-45T99:99:00Z']) {
      expect(dayText(v), String(v)).toBe('');
      expect(dayTimeText(v), String(v)).toBe('');
    }
  });

  it('reads a day and a 24-hour time, and shows a stored one the same way', () => {
    expect(parseDayTimeText('25/12/2026 17:00')).toBe('2026-12-25T17:00');
    expect(parseDayTimeText(' 5/1/2027  8:05 ')).toBe('2027-01-05T08:05');
    expect(parseDayTimeText('25122026 17h30')).toBe('2026-12-25T17:30');
    expect(parseDayTimeText('25/12/2026 17h')).toBe('2026-12-25T17:00');
    for (const text of ['25/12/2026', '25/12/2026 24:00', '25/12/2026 17:60', '31/02/2026 08:00', '2026-12-25T17:00', '25/12/2026 5pm', '']) {
      expect(parseDayTimeText(text), text).toBeNull();
    }
    expect(dayTimeText('2026-12-25T17:00')).toBe('25/12/2026 17:00');
    expect(dayTimeText('2026-12-25')).toBe('');
  });
});
