import { TextInput, type TextInputProps } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localDate, localTime } from '../../platform/clock.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_DAY_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
/** An instant as the server writes it: with seconds or not, with its offset (+07:00, or Z). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** An instant's 'yyyy-mm-ddThh:mm' in Vietnam's time, whatever offset it was written with; null when it is not one. */
const vietnamDayTime = (iso: string) => {
  if (!INSTANT.test(iso)) return null;
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? null : `${localDate(at)}T${localTime(at)}`;
};

/**
 * The one way the web app writes a day: 'yyyy-mm-dd' → 'dd/mm/yyyy'; an instant ('2026-12-07T23:30:00+07:00',
 * also one written in UTC) → its day in Vietnam; nothing (null, '', what is neither) → ''.
 */
export const dayText = (iso: string | null | undefined): string => {
  if (!iso) return '';
  if (DAY.test(iso)) return iso.split('-').reverse().join('/');
  const local = vietnamDayTime(iso);
  return local ? dayText(local.slice(0, 10)) : '';
};

/** 'yyyy-mm-ddThh:mm' → 'dd/mm/yyyy hh:mm'; an instant with its offset → the same in Vietnam's time; anything else → ''. */
export const dayTimeText = (iso: string | null | undefined): string => {
  if (!iso) return '';
  const local = LOCAL_DAY_TIME.test(iso) ? iso : vietnamDayTime(iso);
  return local ? `${dayText(local.slice(0, 10))} ${local.slice(11, 16)}` : '';
};

/** A day and a 24-hour time typed the Vietnamese way ('25/12/2026 17:00', also '17h00' or '17h') as 'yyyy-mm-ddThh:mm'; null when either is not real. */
export function parseDayTimeText(text: string): string | null {
  const m = /^(\S+)\s+(\d{1,2})(?:[:hH](\d{2})?)?$/.exec(text.trim());
  if (!m) return null;
  const day = parseDayText(m[1]);
  const [hour, minute] = [Number(m[2]), Number(m[3] ?? 0)];
  if (!day || hour > 23 || minute > 59) return null;
  return `${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

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
 * With `time`, a day and its hour, typed dd/mm/yyyy hh:mm (24 hours): the browser's own
 * datetime-local field showed "12/07/2026, 04:16 AM" for 7 December in an English browser.
 */
export function DayInput({
  value,
  onChange,
  description,
  error,
  time = false,
  w = time ? 240 : 200,
  ...rest
}: Omit<TextInputProps, 'value' | 'onChange' | 'type' | 'defaultValue'> & {
  value: string;
  onChange: (iso: string) => void;
  /** A day and its hour, 'yyyy-mm-ddThh:mm' (typed dd/mm/yyyy hh:mm), for a datetime-local field. */
  time?: boolean;
}) {
  const { t } = useTranslation();
  const [show, parse, key] = time ? [dayTimeText, parseDayTimeText, 'dayTimeInput'] : [dayText, parseDayText, 'dayInput'];
  const [text, setText] = useState(show(value));
  const [touched, setTouched] = useState(false);
  // A value set or cleared from outside (a restored draft, "Bỏ lọc", another day in the address)
  // replaces the text; the field's own answers do not, so a text being typed stays as typed even
  // when the owner keeps its last day while the text is not one yet.
  const answered = useRef(value);
  useEffect(() => {
    if (value === answered.current) return;
    answered.current = value;
    setText(show(value));
  }, [value, show]);
  // A text that is not a day is flagged on leaving the field, or when the form answers with a
  // message of its own (e.g. "required" after Enter): the text, not the form's words, is the problem.
  const invalid = (touched || Boolean(error)) && text.trim() !== '' && parse(text) === null;
  return (
    <TextInput
      {...rest}
      w={w}
      // a phone's number pad has no space or colon for the time
      inputMode={time ? 'text' : 'numeric'}
      autoComplete="off"
      placeholder={t(`${key}.placeholder`)}
      description={
        description ? (
          <>
            {description}
            <br />
            {t(`${key}.format`)}
          </>
        ) : (
          t(`${key}.format`)
        )
      }
      value={text}
      error={invalid ? t(`${key}.invalid`) : error}
      onChange={(e) => {
        const typed = e.currentTarget.value;
        setText(typed);
        answered.current = parse(typed) ?? '';
        onChange(answered.current);
      }}
      onBlur={(e) => {
        setTouched(true);
        rest.onBlur?.(e);
      }}
    />
  );
}
