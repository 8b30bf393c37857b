import { calendarDate } from '#platform/clock.ts';
import { parsePeriodCode } from './period-codes.ts';
import type { PeriodType, RegimeDefinition } from './regime-definition.ts';

/**
 * Reporting periods and their data cut-off (NĐ 09/2019 Art. 12, domain.md §10), with the cut-off
 * day as the regime's data: with day 15 a month runs from the 15th of the month before to the
 * 14th (the report of January 2026 covers 15/12/2025–14/01/2026); a quarter from the 15th of the
 * month before it to the 14th of its last month; the 6-month report 15/12 → 14/06, the 9-month
 * report 15/12 → 14/09, the annual report 15/12 → 14/12. Day 1 gives calendar periods.
 * Dates are local YYYY-MM-DD, both ends inclusive. Pure; the due date needs the calendar (periods-service).
 */
export interface Period {
  period: string;
  type: PeriodType;
  label: string;
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const ROMAN = ['I', 'II', 'III', 'IV'];

function build(type: PeriodType, year: number, n: number, cutoffDay: number): Period {
  const [first, last, code, label] =
    type === 'month'
      ? [n, n, `${year}-${pad(n)}`, `Tháng ${pad(n)}/${year}`]
      : type === 'quarter'
        ? [(n - 1) * 3 + 1, n * 3, `${year}-Q${n}`, `Quý ${ROMAN[n - 1]}/${year}`]
        : type === 'half'
          ? [1, 6, `${year}-H1`, `6 tháng đầu năm ${year}`]
          : type === 'nine_months'
            ? [1, 9, `${year}-9M`, `9 tháng năm ${year}`]
            : [1, 12, String(year), `Năm ${year}`];
  const off = cutoffDay === 1 ? 1 : 0;
  return { period: code, type, label, from: calendarDate(year, first - 1 + off, cutoffDay), to: calendarDate(year, last + off, cutoffDay - 1) };
}

/** The period of a code under a regime; null when the code is malformed or not one of the regime's period types. */
export function periodOf(def: Pick<RegimeDefinition, 'periodTypes' | 'cutoffDay' | 'adHoc'>, code: string): Period | null {
  if (def.adHoc && code === def.adHoc.period) return { period: code, type: 'ad_hoc', label: `Đợt ${code}`, from: def.adHoc.from, to: def.adHoc.to };
  const parsed = parsePeriodCode(code);
  if (!parsed || !def.periodTypes.includes(parsed.type)) return null;
  return build(parsed.type, parsed.year, parsed.n, def.cutoffDay);
}

/** Every period of a year under a regime, in the order they end (a month before the quarter it closes). */
export function periodsOfYear(def: Pick<RegimeDefinition, 'periodTypes' | 'cutoffDay' | 'adHoc'>, year: number): Period[] {
  const out: Period[] = [];
  for (const type of def.periodTypes) {
    if (type === 'ad_hoc') {
      if (def.adHoc && Number(def.adHoc.to.slice(0, 4)) === year) out.push(periodOf(def, def.adHoc.period)!);
      continue;
    }
    const count = type === 'month' ? 12 : type === 'quarter' ? 4 : 1;
    for (let n = 1; n <= count; n++) out.push(build(type, year, n, def.cutoffDay));
  }
  const rank: Record<PeriodType, number> = { month: 0, quarter: 1, half: 2, nine_months: 3, year: 4, ad_hoc: 5 };
  return out.sort((a, b) => a.to.localeCompare(b.to) || rank[a.type] - rank[b.type]);
}

/** The due date: N working days after the period's last day (the regime's due rule), or the ad hoc request's own date. */
export function dueDateOf<R extends string | Promise<string>>(
  def: Pick<RegimeDefinition, 'due' | 'adHoc'>,
  period: Period,
  addWorkingDays: (date: string, days: number) => R,
): R | string {
  if (period.type === 'ad_hoc' && def.adHoc) return def.adHoc.dueDate;
  return addWorkingDays(period.to, def.due.workingDaysAfterCutoff);
}
