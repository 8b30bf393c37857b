import { TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** 'yyyy-mm-dd' → 'dd/mm/yyyy' (empty stays empty). */
export const dayText = (iso: string) => (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso.split('-').reverse().join('/') : '');

/**
 * A day typed the Vietnamese way — dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy or 8 digits
 * ddmmyyyy) — as 'yyyy-mm-dd'; null when it is not a real day of the calendar.
 */
export function parseDayText(text: string): string | null {
  const t = text.trim();
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(t);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * A date field shown and typed as dd/mm/yyyy whatever the browser's language (a native date input
 * follows the browser's locale: mm/dd/yyyy in an English browser). The value is 'yyyy-mm-dd', or
 * '' while what is typed is not a day; a typed text that is not a day is flagged when leaving it.
 */
export function DayInput(props: { label: string; value: string; onChange: (iso: string) => void; required?: boolean; w?: number }) {
  const { t } = useTranslation();
  const [text, setText] = useState(dayText(props.value));
  const [touched, setTouched] = useState(false);
  useEffect(() => {
    if (props.value && props.value !== parseDayText(text)) setText(dayText(props.value));
  }, [props.value, text]);
  const invalid = touched && text.trim() !== '' && parseDayText(text) === null;
  return (
    <TextInput
      label={props.label}
      required={props.required}
      w={props.w ?? 200}
      inputMode="numeric"
      autoComplete="off"
      placeholder={t('dayInput.placeholder')}
      description={t('dayInput.format')}
      value={text}
      error={invalid ? t('dayInput.invalid') : undefined}
      onChange={(e) => {
        const v = e.currentTarget.value;
        setText(v);
        props.onChange(parseDayText(v) ?? '');
      }}
      onBlur={() => setTouched(true)}
    />
  );
}
