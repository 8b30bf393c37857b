// No imports but the platform's clock and one data file: this file is bundled into the web app too.
import idProvincePrefixes from '../../../seed/id-province-prefixes.json' with { type: 'json' };
import { localDate } from '../../platform/clock.ts';

/**
 * How people type what the forms ask for, and the checks both sides make (the web app imports
 * this file, so the browser and the server agree to the character). No dependencies: it is part
 * of the citizen pages' JavaScript.
 */

/**
 * The pre-2025 province codes that open a 12-digit personal identification number (domain.md
 * §4.5): data, `seed/id-province-prefixes.json` (63 provinces, with its source and how far it is
 * verified). Numbers issued before the 2025 mergers keep them.
 */
export const ID_PROVINCE_PREFIXES: ReadonlySet<string> = new Set(idProvincePrefixes.prefixes.map((p) => p.code));

/** Vietnamese mobile or landline number as stored: 0 followed by nine digits (mobile prefixes). */
export const PHONE_PATTERN = /^0(3|5|7|8|9)\d{8}$/;
/** 12-digit citizen identity number, or a 10- / 13-digit tax code (13 may be written 0123456789-001). */
export const ID_NUMBER_PATTERN = /^(\d{12}|\d{10}|\d{13}|\d{10}-\d{3})$/;

/** "+84 912.345.678", "0912 345 678", "(091) 234-5678" → "0912345678". Anything else is left for the check to refuse. */
export function normalizePhone(value: string): string {
  const compact = value.trim().replace(/[\s.\-()]/g, '');
  if (/^\+84\d{9}$/.test(compact)) return `0${compact.slice(3)}`;
  if (/^84\d{9}$/.test(compact)) return `0${compact.slice(2)}`;
  return compact;
}

/** "001 190 012 345" or "001.190.012.345" → "001190012345" (a tax code's dash stays). */
export function normalizeIdNumber(value: string): string {
  return value.trim().replace(/[\s.]/g, '');
}

/** What is wrong with an identity number, after normalizeIdNumber: its shape, or a 12-digit number whose first three digits are no province. */
export function idNumberProblem(value: string): 'format' | 'province' | null {
  if (!ID_NUMBER_PATTERN.test(value)) return 'format';
  if (value.length === 12 && !ID_PROVINCE_PREFIXES.has(value.slice(0, 3))) return 'province';
  return null;
}

/** A dossier code or submission reference as typed: " 000.00.00.h41-250701-0001 " → "000.00.00.H41-250701-0001". */
export function normalizeTrackingCode(value: string): string {
  return value.normalize('NFC').trim().replace(/\s+/g, '').toUpperCase();
}

/** `YYYY-MM-DD` of today in Vietnam (UTC+7), for "not after today" checks. */
export function todayInVietnam(now: Date = new Date()): string {
  return localDate(now);
}

export const APPLICANT_LIMITS = { fullName: 200, email: 200, addressDetail: 500 } as const;

/**
 * A date field that cannot lie in the future: the catalogue says so with `x-notAfterToday: true`,
 * and a birth date (a field named …BirthDate / ngaySinh, or titled "ngày sinh" / "năm sinh") is one by nature.
 */
export function isNotAfterToday(name: string, schema: Record<string, unknown>): boolean {
  if (schema['x-notAfterToday'] === true) return true;
  if (schema['x-notAfterToday'] === false) return false;
  const title = typeof schema.title === 'string' ? schema.title.normalize('NFC').toLowerCase() : '';
  return /birth_?date|ngay_?sinh/i.test(name) || /ngày,? (tháng,? )?(năm )?sinh|năm sinh|date of birth/.test(title);
}
