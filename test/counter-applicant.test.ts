import { describe, expect, it } from 'vitest';
import { Applicant } from '#modules/dossiers/dossiers.contract.ts';
import vi from '../src/web/i18n/vi.json' with { type: 'json' };
import en from '../src/web/i18n/en.json' with { type: 'json' };
import { counterApplicantProblems, counterIdNumber, counterPhone } from '../src/web/modules/workspace/counter-applicant.ts';

/** Issue 14: the counter accepts what the API accepts — tax codes too — and refuses what it refuses. */
const server = (idNumber: string, phone = '0912345678') =>
  Applicant.safeParse({ fullName: 'Nguyễn Văn A', idNumber, phone, address: { communeCode: '00070', detail: 'Số 1' } }).success;

const key = (path: string, messages: unknown) => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], messages);

describe('the counter’s applicant check = the server’s', () => {
  const samples = [
    '001190012345', // personal identification number, Hà Nội
    '001 190 012 345', // typed with spaces
    '001.190.012.345', // with dots
    '0101234567', // tax code, 10 digits
    '0101234567001', // tax code, 13 digits
    '0101234567-001', // tax code of a branch, as printed
    '003190012345', // 12 digits, no province 003
    '00119001234', // 11 digits
    '12345',
    'abcdefghijkl',
    '',
  ];
  it.each(samples)('%s', (typed) => {
    const browser = counterApplicantProblems({ idNumber: typed, phone: '0912345678' });
    expect(browser.idNumber === undefined).toBe(server(typed));
    if (browser.idNumber === undefined) expect(server(counterIdNumber(typed))).toBe(true);
  });

  it('takes a 10- and a 13-digit tax code (an organisation at the counter)', () => {
    expect(counterApplicantProblems({ idNumber: '0101234567', phone: '0912345678' })).toEqual({});
    expect(counterApplicantProblems({ idNumber: '0101234567-001', phone: '0912345678' })).toEqual({});
  });

  it('says why a 12-digit number is refused: its shape or its province', () => {
    expect(counterApplicantProblems({ idNumber: '003190012345', phone: '0912345678' }).idNumber).toBe('workspace.reception.idProvince');
    expect(counterApplicantProblems({ idNumber: '00119001234', phone: '0912345678' }).idNumber).toBe('workspace.reception.idNumberInvalid');
  });

  it('reads phones as typed, like the server', () => {
    for (const phone of ['+84 912 345 678', '0912.345.678', '0123', '']) {
      const browser = counterApplicantProblems({ idNumber: '001190012345', phone });
      expect(browser.phone === undefined, phone).toBe(server('001190012345', phone));
      if (browser.phone === undefined) expect(counterPhone(phone)).toBe('0912345678');
    }
  });

  it('has every message in Vietnamese and English', () => {
    for (const k of ['workspace.reception.idProvince', 'workspace.reception.idNumberInvalid', 'workspace.reception.phoneInvalid']) {
      expect(typeof key(k, vi), k).toBe('string');
      expect(typeof key(k, en), k).toBe('string');
    }
  });
});
