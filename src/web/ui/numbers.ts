/**
 * Numbers as the reader's language writes them: 2.853 and 0,1% in Vietnamese, 2,853 and 0.1% in
 * English. A missing figure (null) is a dash. One formatter per language and style, made once.
 */
const STYLES = {
  count: {},
  percent: { style: 'percent', maximumFractionDigits: 1 },
  /** One decimal always (scores: 1,5 / 2,0). */
  score: { minimumFractionDigits: 1, maximumFractionDigits: 1 },
  /** Up to one decimal (sizes: 1,2 MB / 3 KB). */
  decimal: { maximumFractionDigits: 1 },
} satisfies Record<string, Intl.NumberFormatOptions>;

type Style = keyof typeof STYLES;
const made = new Map<string, Intl.NumberFormat>();

export function formatNumber(value: number | null | undefined, language: string, style: Style = 'count'): string {
  if (value === null || value === undefined) return '—';
  const locale = language === 'en' ? 'en-GB' : 'vi-VN';
  const key = `${locale}:${style}`;
  let format = made.get(key);
  if (!format) made.set(key, (format = new Intl.NumberFormat(locale, STYLES[style])));
  return format.format(value);
}
