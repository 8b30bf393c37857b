import type { TFunction } from 'i18next';
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

/** A local date 'YYYY-MM-DD' in words: "thứ Hai, 01/12/2025" / "Monday 1 December 2025". */
export function longDate(isoDate: string, language: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (language === 'en') {
    return new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
  }
  const text = new Intl.DateTimeFormat('vi-VN', { weekday: 'long', day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(date);
  return text.charAt(0).toLocaleLowerCase('vi') + text.slice(1);
}

export function money(amountVnd: number, language: string): string {
  const n = new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'vi-VN').format(amountVnd);
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
