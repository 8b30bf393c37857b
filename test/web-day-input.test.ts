import { describe, expect, it } from 'vitest';
import { dayText, parseDayText } from '../src/web/ui/day-input.tsx';

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
});
