import { describe, expect, it } from 'vitest';
import { localDate, localInstant, localTime, toLocalIso } from './clock.ts';

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
