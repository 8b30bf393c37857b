import type { TFunction } from 'i18next';
import { weekdayOf, weekdayVi } from '../../../platform/clock.ts';
import type { Deadline, Level, ProcedureDetail, ProcedureSummary } from './catalog.api.ts';

/** "Trong ngày", "7 ngày làm việc", "5 working days". */
export function deadlineText(t: TFunction, deadline: Deadline): string {
  if (deadline.unit === 'same_day') return t('deadline.same_day');
  if (deadline.value == null) return t('deadline.unknown');
  return t(`deadline.${deadline.unit}`, { count: deadline.value ?? 0 });
}

export function levelText(t: TFunction, level: Level | Level[]): string {
  const levels = Array.isArray(level) ? level : [level];
  return levels.map((l) => t(`levels.${l}`)).join(', ');
}

export function onlineLevelText(t: TFunction, onlineLevel: string | null): string {
  return t(`onlineLevels.${onlineLevel ?? 'none'}`, { defaultValue: onlineLevel ?? t('onlineLevels.none') });
}

/** The English name when the page is in English and the catalogue has one. */
export function procedureName(p: Pick<ProcedureSummary, 'name' | 'nameEn'>, language: string): string {
  return language === 'en' && p.nameEn ? p.nameEn : p.name;
}

const EN_WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * A local date 'YYYY-MM-DD' in words: "thứ Hai, 01/12/2025" / "Monday 1 December 2025".
 * Spelt out by hand, not with Intl: a page's first Intl.DateTimeFormat or NumberFormat loads the
 * browser's locale data, 35–50 ms of main thread in Chromium on the bench machine (×4 on
 * Lighthouse's throttled phone, counted as blocking time), and the procedure page did it on its
 * first render.
 */
export function longDate(isoDate: string, language: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  if (language === 'en') return `${EN_WEEKDAYS[weekdayOf(isoDate)]} ${d} ${EN_MONTHS[m - 1]} ${y}`;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${weekdayVi(isoDate)}, ${pad(d)}/${pad(m)}/${y}`;
}

/** An amount in đồng: "50.000 đồng" / "VND 50,000" (whole đồng grouped by hand, like longDate). */
export function money(amountVnd: number, language: string): string {
  const n = Number.isSafeInteger(amountVnd)
    ? String(amountVnd).replace(/\B(?=(\d{3})+(?!\d))/g, language === 'en' ? ',' : '.')
    : new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'vi-VN').format(amountVnd);
  return language === 'en' ? `VND ${n}` : `${n} đồng`;
}

/** The agency kinds that receive dossiers, from whichever form the catalogue gives them in. */
export function receivingKinds(p: ProcedureDetail): string[] | undefined {
  const raw = p.receivingAgencyKinds ?? p.receivingAgencies;
  if (!Array.isArray(raw)) return undefined;
  const kinds = raw.map((x) => (typeof x === 'string' ? x : (x as { kind?: string })?.kind)).filter((x): x is string => !!x);
  return kinds.length ? kinds : undefined;
}

/** Provincial (or ministry) procedures are also received by the province's own agencies. */
export function isProvincial(p: ProcedureDetail): boolean {
  return (Array.isArray(p.level) ? p.level : [p.level]).some((l) => l !== 'xa');
}

/** A deadline an appointment can be counted from (same day, or a published number). */
export function isProcedureKnownDeadline(deadline: Deadline): boolean {
  return deadline.unit === 'same_day' || deadline.value != null;
}
