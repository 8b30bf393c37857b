import { calendarDate } from '#platform/clock.ts';

/**
 * Reporting periods. Two conventions:
 * - `reporting` (NĐ 09/2019 Art. 12, domain.md §10 [S]): month = 15th of the previous month →
 *   14th; quarter = 15th of the month before → 14th of its last month; 6 months = 15/12 → 14/06;
 *   9 months = 15/12 → 14/09; year = 15/12 of the previous year → 14/12.
 * - `calendar` (the Decision 766 index as DVCQG shows it, by calendar month [?]).
 * Dates are local (Asia/Ho_Chi_Minh) YYYY-MM-DD, both ends inclusive.
 */
export const PERIOD_PATTERN = /^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4])|-(H[12])|-(9M))?$/;

export type Convention = 'reporting' | 'calendar';
export interface Range {
  from: string;
  to: string;
}

const lastDay = (y: number, m: number) => calendarDate(y, m + 1, 0);

/** The inclusive date range of a period code (`2026-03`, `2026-Q1`, `2026-H1`, `2026-9M`, `2026`); null if malformed. */
export function periodRange(code: string, convention: Convention): Range | null {
  const m = PERIOD_PATTERN.exec(code);
  if (!m) return null;
  const year = Number(m[1]);
  let first: number; // first month
  let last: number; // last month
  if (m[2]) first = last = Number(m[2]);
  else if (m[3]) [first, last] = [(Number(m[3]) - 1) * 3 + 1, Number(m[3]) * 3];
  else if (m[4]) [first, last] = m[4] === 'H1' ? [1, 6] : [7, 12];
  else if (m[5]) [first, last] = [1, 9];
  else [first, last] = [1, 12];
  if (convention === 'calendar') return { from: calendarDate(year, first, 1), to: lastDay(year, last) };
  return { from: calendarDate(year, first - 1, 15), to: calendarDate(year, last, 14) };
}

/** The reporting month a local date falls in (cut-off on the 15th): 2026-03-15 → 2026-04. */
export function reportingMonthOf(date: string): string {
  const [y, mo, d] = date.split('-').map(Number);
  return calendarDate(y, mo + (d >= 15 ? 1 : 0), 1).slice(0, 7);
}

export const addDays = (date: string, days: number) => {
  const [y, m, d] = date.split('-').map(Number);
  return calendarDate(y, m, d + days);
};
