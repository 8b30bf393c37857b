import { describe, expect, it } from 'vitest';
import { configSchema } from '../src/config.ts';
import { APPLICANT_LIMITS, idNumberProblem, normalizePhone, normalizeTrackingCode, PHONE_PATTERN } from '../src/modules/dossiers/applicant-rules.ts';
import { Applicant } from '../src/modules/dossiers/dossiers.schemas.ts';
import { MAX_UPLOAD_BYTES } from '../src/web/modules/dossiers/dossiers.api.ts';
import { checkField, formFields } from '../src/web/modules/dossiers/form-schema.ts';

/** Issue 12 item 6: every browser-side limit equals the server's, and input is read as people type it. */

describe('browser limits = server limits', () => {
  it('the upload limit is the server default (20 MB)', () => {
    expect(MAX_UPLOAD_BYTES).toBe(configSchema.shape.MOTCUA_MAX_UPLOAD_BYTES.parse(undefined));
    expect(MAX_UPLOAD_BYTES).toBe(20 * 1024 * 1024);
  });

  it('the applicant lengths are the API schema’s', () => {
    const over = (n: number) => 'a'.repeat(n + 1);
    const base = { fullName: 'A', idNumber: '001190012345', phone: '0912345678', address: { communeCode: '00070', detail: 'x' } };
    expect(Applicant.safeParse({ ...base, fullName: 'a'.repeat(APPLICANT_LIMITS.fullName) }).success).toBe(true);
    expect(Applicant.safeParse({ ...base, fullName: over(APPLICANT_LIMITS.fullName) }).success).toBe(false);
    expect(Applicant.safeParse({ ...base, address: { communeCode: '00070', detail: 'a'.repeat(APPLICANT_LIMITS.addressDetail) } }).success).toBe(true);
    expect(Applicant.safeParse({ ...base, address: { communeCode: '00070', detail: over(APPLICANT_LIMITS.addressDetail) } }).success).toBe(false);
  });
});

describe('input as typed', () => {
  it('reads phones with spaces, dots, dashes and +84', () => {
    for (const typed of ['0912345678', '0912 345 678', '091.234.5678', '+84 912 345 678', '+84912345678', '84912345678', '(091) 234-5678']) {
      expect(PHONE_PATTERN.test(normalizePhone(typed)), typed).toBe(true);
      expect(normalizePhone(typed)).toBe('0912345678');
    }
    expect(PHONE_PATTERN.test(normalizePhone('0123'))).toBe(false);
  });

  it('checks the province prefix of a 12-digit identity number', () => {
    expect(idNumberProblem('001190012345')).toBeNull();
    expect(idNumberProblem('079190012345')).toBeNull();
    expect(idNumberProblem('096190012345')).toBeNull();
    expect(idNumberProblem('003190012345')).toBe('province'); // 003 was never a province code
    expect(idNumberProblem('100190012345')).toBe('province');
    expect(idNumberProblem('12345')).toBe('format');
    expect(idNumberProblem('0101234567')).toBeNull(); // a tax code
  });

  it('reads tracking codes in any case with spaces around', () => {
    expect(normalizeTrackingCode('  000.00.00.h41-250701-0001 ')).toBe('000.00.00.H41-250701-0001');
    expect(normalizeTrackingCode('hs-7k3m9q2xab')).toBe('HS-7K3M9Q2XAB');
  });

  it('refuses a birth date in the future in the browser', () => {
    const [field] = formFields({ type: 'object', properties: { childBirthDate: { type: 'string', format: 'date', title: 'Ngày, tháng, năm sinh' } } });
    expect(field.notAfterToday).toBe(true);
    expect(checkField(field, '2999-01-01', true)).toEqual({ key: 'future' });
    expect(checkField(field, '2000-01-01', true)).toBeNull();
  });
});
