import type { Locale } from '#platform/errors.ts';
import * as en from './messages.en.ts';
import * as vi from './messages.ts';
import type { Message } from './messages.ts';

/** The templates one locale has: the same functions in `messages.ts` (vi) and `messages.en.ts` (en). */
type Wording = typeof en;
const wordings: Record<Locale, Wording> = { vi, en };

/**
 * A notice in both locales, as stored (`notifications.title`/`body` and `title_en`/`body_en`).
 * `en` is null where the writer gave no English (a `notice.users` without it): read in Vietnamese.
 */
export interface Notice {
  vi: Message;
  en: Message | null;
}

/** The same template in each locale: `both((w) => w.statusChangedMessage(p))`. */
export function both<T>(write: (w: Wording) => T): { vi: T; en: T } {
  return { vi: write(wordings.vi), en: write(wordings.en) };
}

/** A stored notice's text in the reader's locale; English falls back to Vietnamese when the row has none. */
export function inLocale(n: { title: string; body: string; titleEn: string | null; bodyEn: string | null }, locale: Locale): Message & { lang: Locale } {
  if (locale === 'en' && n.titleEn !== null && n.bodyEn !== null) return { title: n.titleEn, body: n.bodyEn, lang: 'en' };
  return { title: n.title, body: n.body, lang: 'vi' };
}
