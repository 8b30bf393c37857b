import type { PeriodType } from './regime-definition.ts';

/**
 * How each kind of regular period is written as a code: `2026-11`, `2026-Q4`, `2026-H1`, `2026-9M`,
 * `2026` (an ad hoc request has a code of its own). Shared by the server (periods.ts) and the web
 * app, which names a period in the screen's language from its code (web/modules/reporting/period-name.ts).
 */
const PATTERNS: [Exclude<PeriodType, 'ad_hoc'>, RegExp][] = [
  ['month', /^(\d{4})-(0[1-9]|1[0-2])$/],
  ['quarter', /^(\d{4})-Q([1-4])$/],
  ['half', /^(\d{4})-H1$/],
  ['nine_months', /^(\d{4})-9M$/],
  ['year', /^(\d{4})$/],
];

/** A regular period's kind, year and number (the month 1–12 or the quarter 1–4; 0 otherwise); null for any other code. */
export function parsePeriodCode(code: string): { type: Exclude<PeriodType, 'ad_hoc'>; year: number; n: number } | null {
  for (const [type, pattern] of PATTERNS) {
    const m = pattern.exec(code);
    if (m) return { type, year: Number(m[1]), n: Number(m[2] ?? 0) };
  }
  return null;
}
