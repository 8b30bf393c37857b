import type { TFunction } from 'i18next';
import { localInstant, toLocalIso } from '../../../platform/clock.ts';
import type { Timeliness } from './workspace.api.ts';
import type { Grant } from '#modules/identity/identity.contract.ts';

/** "09:00, 09/03/2026" in Hà Nội time, whatever the browser's zone. */
export function dateTime(iso: string | null | undefined, language: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'vi-VN', {
    hour: '2-digit',
    minute: '2-digit',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'Asia/Ho_Chi_Minh',
  }).format(new Date(iso));
}

/** Dark shades: white text on them stays above 4.5:1. The text always says it too. */
export const TIMELINESS_COLOR: Record<Timeliness, string> = {
  trong_han: '#237032',
  qua_han: 'red.9',
  truoc_han: 'teal.9',
  dung_han: 'blue.9',
};

/** A `datetime-local` value ("2026-03-20T17:00") read as Hà Nội time → ISO with +07:00. */
export function localInputToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  return toLocalIso(localInstant(value.slice(0, 10), value.slice(11, 16)));
}

export const agenciesWith = (grants: Grant[] | undefined, role: string) =>
  [...new Set((grants ?? []).filter((g) => g.role === role && g.agencyCode).map((g) => g.agencyCode!))];

/**
 * What a queue line calls its dossier: the dossier code, and before reception gives one the mã
 * tra cứu ("Mã tra cứu HS-…", unique: what an online applicant reads out at the desk or on the
 * phone). Only a dossier from before references existed has neither.
 */
export function dossierLabel(t: TFunction, d: { code: string | null; reference: string | null }): string {
  if (d.code) return d.code;
  return d.reference ? t('workspace.queues.byReference', { reference: d.reference }) : t('workspace.noCode');
}
