import type { TFunction } from 'i18next';
import { parsePeriodCode } from '#modules/reporting/period-codes.ts';

/**
 * A reporting period's name in the screen's language, from its code (src/modules/reporting/periods.ts):
 * `2026-11` "Tháng 11/2026" / "November 2026", `2026-Q4` "Quý IV/2026" / "Q4 2026", `2026-H1`,
 * `2026-9M`, `2026`, and an ad hoc request's own code ("Đợt DX-2026-…"). The API's `periodLabel`
 * stays Vietnamese, as the official forms (Excel, print) that carry it; the Vietnamese names here
 * are the same words.
 */
export function periodName(t: TFunction, code: string): string {
  const p = parsePeriodCode(code);
  switch (p?.type) {
    case 'month':
      return t(`reporting.periodName.month.${p.n}`, { year: p.year });
    case 'quarter':
      return t(`reporting.periodName.quarter.${p.n}`, { year: p.year });
    case 'half':
      return t('reporting.periodName.half', { year: p.year });
    case 'nine_months':
      return t('reporting.periodName.nineMonths', { year: p.year });
    case 'year':
      return t('reporting.periodName.year', { year: p.year });
    default:
      return t('reporting.periodName.adHoc', { code });
  }
}
