import { TextInput, type TextInputProps } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
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
 * follows the browser's locale: mm/dd/yyyy in an English browser, where 03/01/2026 is 1 March
 * while a Vietnamese reader sees 3 January). The value is 'yyyy-mm-dd', or '' while what is typed
 * is not a day; a typed text that is not a day is flagged when leaving it. Other TextInput
 * properties (id, required, styles, w…) pass through; a `description` comes before the format.
 */
export function DayInput({
  value,
  onChange,
  description,
  error,
  w = 200,
  ...rest
}: Omit<TextInputProps, 'value' | 'onChange' | 'type' | 'defaultValue'> & { value: string; onChange: (iso: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(dayText(value));
  const [touched, setTouched] = useState(false);
  // A value set or cleared from outside (a restored draft, "Bỏ lọc", another day in the address)
  // replaces the text; the field's own answers do not, so a text being typed stays as typed even
  // when the owner keeps its last day while the text is not one yet.
  const answered = useRef(value);
  useEffect(() => {
    if (value === answered.current) return;
    answered.current = value;
    setText(dayText(value));
  }, [value]);
  const invalid = touched && text.trim() !== '' && parseDayText(text) === null;
  return (
    <TextInput
      {...rest}
      w={w}
      inputMode="numeric"
      autoComplete="off"
      placeholder={t('dayInput.placeholder')}
      description={
        description ? (
          <>
            {description}
            <br />
            {t('dayInput.format')}
          </>
        ) : (
          t('dayInput.format')
        )
      }
      value={text}
      error={invalid ? t('dayInput.invalid') : error}
      onChange={(e) => {
        const typed = e.currentTarget.value;
        setText(typed);
        answered.current = parseDayText(typed) ?? '';
        onChange(answered.current);
      }}
      onBlur={(e) => {
        setTouched(true);
        rest.onBlur?.(e);
      }}
    />
  );
}
