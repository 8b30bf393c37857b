import type { Locale } from './errors.ts';

/** Vietnamese is the default; English when the client asks for it first. */
export function pickLocale(acceptLanguage: string | undefined, explicit?: string): Locale {
  if (explicit === 'en' || explicit === 'vi') return explicit;
  if (!acceptLanguage) return 'vi';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'vi';
}

/** Vietnamese text is stored and compared in NFC. */
export function nfc(text: string): string {
  return text.normalize('NFC');
}
