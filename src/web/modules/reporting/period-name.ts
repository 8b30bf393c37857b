import type { TFunction } from 'i18next';

/**
 * A reporting period's name in the screen's language, from its code (src/modules/reporting/periods.ts):
 * `2026-11` "Tháng 11/2026" / "November 2026", `2026-Q4` "Quý IV/2026" / "Q4 2026", `2026-H1`,
 * `2026-9M`, `2026`, and an ad hoc request's own code ("Đợt DX-2026-…"). The API's `periodLabel`
 * stays Vietnamese, as the official forms (Excel, print) that carry it; the Vietnamese names here
 * are the same words.
 */
export function periodName(t: TFunction, code: string): string {
  let m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(code);
  if (m) return t(`reporting.periodName.month.${Number(m[2])}`, { year: m[1] });
  m = /^(\d{4})-Q([1-4])$/.exec(code);
  if (m) return t(`reporting.periodName.quarter.${m[2]}`, { year: m[1] });
  m = /^(\d{4})-H1$/.exec(code);
  if (m) return t('reporting.periodName.half', { year: m[1] });
  m = /^(\d{4})-9M$/.exec(code);
  if (m) return t('reporting.periodName.nineMonths', { year: m[1] });
  m = /^(\d{4})$/.exec(code);
  if (m) return t('reporting.periodName.year', { year: m[1] });
  return t('reporting.periodName.adHoc', { code });
}
