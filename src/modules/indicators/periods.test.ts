import { describe, expect, it } from 'vitest';
import { periodRange, reportingMonthOf } from './periods.ts';

describe('reporting periods (NĐ 09/2019 cut-off) and calendar periods', () => {
  it('cuts a reporting month, quarter, 6 and 9 months and year at the 14th', () => {
    expect(periodRange('2026-03', 'reporting')).toEqual({ from: '2026-02-15', to: '2026-03-14' });
    expect(periodRange('2026-01', 'reporting')).toEqual({ from: '2025-12-15', to: '2026-01-14' });
    expect(periodRange('2026-Q1', 'reporting')).toEqual({ from: '2025-12-15', to: '2026-03-14' });
    expect(periodRange('2026-Q3', 'reporting')).toEqual({ from: '2026-06-15', to: '2026-09-14' });
    expect(periodRange('2026-H1', 'reporting')).toEqual({ from: '2025-12-15', to: '2026-06-14' });
    expect(periodRange('2026-9M', 'reporting')).toEqual({ from: '2025-12-15', to: '2026-09-14' });
    expect(periodRange('2026', 'reporting')).toEqual({ from: '2025-12-15', to: '2026-12-14' });
  });
  it('gives calendar periods for the 766 index, leap years included', () => {
    expect(periodRange('2028-02', 'calendar')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(periodRange('2026-Q1', 'calendar')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(periodRange('2026-H2', 'calendar')).toEqual({ from: '2026-07-01', to: '2026-12-31' });
    expect(periodRange('2026', 'calendar')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });
  it('refuses malformed codes and places a date in its reporting month', () => {
    for (const bad of ['2026-13', '2026-Q5', '26-03', '2026-H3', '']) expect(periodRange(bad, 'calendar')).toBeNull();
    expect(reportingMonthOf('2026-03-14')).toBe('2026-03');
    expect(reportingMonthOf('2026-03-15')).toBe('2026-04');
    expect(reportingMonthOf('2026-12-20')).toBe('2027-01');
  });
});
