import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { periodOf, periodsOfYear } from '../src/modules/reporting/periods.ts';
import { PERIOD_TYPES } from '../src/modules/reporting/regime-definition.ts';
import en from '../src/web/i18n/en.json' with { type: 'json' };
import vi from '../src/web/i18n/vi.json' with { type: 'json' };
import { periodName } from '../src/web/modules/reporting/period-name.ts';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({ lng: 'vi', fallbackLng: 'vi', resources: { vi: { translation: vi }, en: { translation: en } }, interpolation: { escapeValue: false } });
});
const name = (lang: 'vi' | 'en', code: string) => periodName(i18n.getFixedT(lang), code);

/** The reporting pages named the period in Vietnamese ("Quý IV/2026") with English chosen: the API's periodLabel, shown as is. */
describe('a reporting period’s name in the screen’s language (modules/reporting/period-name.ts)', () => {
  it.each([
    // code, Vietnamese (the API's periodLabel, unchanged), English
    ['2026-01', 'Tháng 01/2026', 'January 2026'],
    ['2026-11', 'Tháng 11/2026', 'November 2026'],
    ['2026-12', 'Tháng 12/2026', 'December 2026'],
    ['2026-Q1', 'Quý I/2026', 'Q1 2026'],
    ['2026-Q4', 'Quý IV/2026', 'Q4 2026'],
    ['2026-H1', '6 tháng đầu năm 2026', 'First half of 2026'],
    ['2026-9M', '9 tháng năm 2026', 'First nine months of 2026'],
    ['2026', 'Năm 2026', 'Year 2026'],
    ['DX-2026-A1B2C3', 'Đợt DX-2026-A1B2C3', 'Ad hoc request DX-2026-A1B2C3'],
  ])('%s: “%s”, in English “%s”', (code, vietnamese, english) => {
    expect(name('vi', code)).toBe(vietnamese);
    expect(name('en', code)).toBe(english);
  });

  it('says in Vietnamese exactly what the server’s label says, for every period of every kind', () => {
    const adHoc = { period: 'DX-2026-0F9E8D', from: '2026-10-01', to: '2026-10-31', dueDate: '2026-11-06', units: ['x'], requestedBy: 'lanhdao' };
    const periods = periodsOfYear({ periodTypes: [...PERIOD_TYPES], cutoffDay: 15, adHoc }, 2026);
    // every kind is there: 12 months, 4 quarters, the half, nine months, the year, the ad hoc round
    expect(new Set(periods.map((p) => p.type))).toEqual(new Set(PERIOD_TYPES));
    expect(periods).toHaveLength(12 + 4 + 4);
    for (const p of periods) {
      expect(name('vi', p.period), p.period).toBe(p.label);
      expect(name('vi', p.period)).toBe(name('vi', p.period).normalize('NFC'));
      // English never falls back to the Vietnamese words nor shows a key
      expect(name('en', p.period), p.period).not.toMatch(/Tháng|Quý|tháng|Năm|Đợt|reporting\./);
    }
    expect(periodOf({ periodTypes: ['quarter'], cutoffDay: 1 }, '2027-Q2')?.label).toBe(name('vi', '2027-Q2'));
  });
});
