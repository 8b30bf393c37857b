import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dvcqgTime, formatDossierCode, maskName, parseDossierCode } from './dossier-code.ts';

describe('dossier code', () => {
  it('formats <agencyCode>-YYMMDD-NNNN from the local reception date and the daily sequence', () => {
    expect(formatDossierCode('000.00.07.H01', '2026-03-09', 7)).toBe('000.00.07.H01-260309-0007');
    expect(formatDossierCode('000.00.07.H01', '2026-12-31', 9999)).toBe('000.00.07.H01-261231-9999');
  });

  it('parses both observed formats (TT 01/2018 and the newer 8-digit date / 7-digit sequence)', () => {
    expect(parseDossierCode('000.00.00.H41-250701-0001')).toEqual({ agencyCode: '000.00.00.H41', date: '2025-07-01', sequence: 1 });
    expect(parseDossierCode('G09.20-20260609-0092637')).toEqual({ agencyCode: 'G09.20', date: '2026-06-09', sequence: 92637 });
    expect(parseDossierCode('H41-2507-01')).toBeNull();
    expect(parseDossierCode('000.00.00.H41-250701-001')).toBeNull();
  });

  it('round-trips every generated code', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 9999 }),
        fc.stringMatching(/^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/),
        (day, seq, agency) => {
          const date = day.toISOString().slice(0, 10);
          expect(parseDossierCode(formatDossierCode(agency, date, seq))).toEqual({ agencyCode: agency, date, sequence: seq });
        },
      ),
    );
  });
});

describe('public masking and national formats', () => {
  it('keeps the family name and masks the rest', () => {
    expect(maskName('Nguyễn Thị Ánh Tuyết')).toBe('Nguyễn T*** Á*** T***');
    expect(maskName('  Lê   Văn  Đức ')).toBe('Lê V*** Đ***');
    expect(maskName('Mai')).toBe('Mai');
  });

  it('writes DVCQG instants as local yyyyMMddHHmmss', () => {
    expect(dvcqgTime(new Date('2026-03-09T02:05:09Z'))).toBe('20260309090509');
    expect(dvcqgTime(new Date('2026-03-09T20:00:00Z'))).toBe('20260310030000');
    expect(dvcqgTime(null)).toBe('');
  });
});
