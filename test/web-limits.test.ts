import { describe, expect, it } from 'vitest';
import { configSchema } from '../src/config.ts';
import { APPLICANT_LIMITS, idNumberProblem, normalizePhone, normalizeTrackingCode, PHONE_PATTERN } from '../src/modules/dossiers/applicant-rules.ts';
import { Applicant } from '../src/modules/dossiers/dossiers.contract.ts';
import { MAX_UPLOAD_BYTES } from '../src/web/modules/dossiers/dossiers.api.ts';
import { checkField, formFields } from '../src/web/modules/dossiers/form-schema.ts';
import adminUnits from '../seed/admin-units-2025.json' with { type: 'json' };
import prefixData from '../seed/id-province-prefixes.json' with { type: 'json' };

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

  it('takes the CCCD province prefixes from the data file, the browser rule and the API schema alike', () => {
    const inFile = new Set(prefixData.prefixes.map((p) => p.code));
    expect(inFile.size).toBe(63); // the 63 provinces before the 2025 mergers
    expect(prefixData.source).toMatch(/07\/2016\/TT-BCA/);
    const applicant = (idNumber: string) =>
      Applicant.safeParse({ fullName: 'A', idNumber, phone: '0912345678', address: { communeCode: '00070', detail: 'x' } }).success;
    for (let n = 0; n < 1000; n++) {
      const prefix = String(n).padStart(3, '0');
      const id = `${prefix}190012345`;
      expect(idNumberProblem(id) === null, `browser ${prefix}`).toBe(inFile.has(prefix));
      expect(applicant(id), `server ${prefix}`).toBe(inFile.has(prefix));
    }
    // Every province of 2025 kept one of the old codes (national statistical codes): each is in the list.
    for (const p of adminUnits.provinces) expect(inFile.has(`0${p.code}`), p.name).toBe(true);
    for (const p of prefixData.prefixes) {
      expect(['V', 'S', 'R', '?']).toContain(p.tag);
      if ('code2025' in p) expect(adminUnits.provinces.find((q) => q.code === p.code2025)?.name).toBe(p.province2025);
    }
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
