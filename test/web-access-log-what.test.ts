import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../src/web/i18n/en.json' with { type: 'json' };
import vi from '../src/web/i18n/vi.json' with { type: 'json' };
import { accessLogWhat } from '../src/web/modules/dossiers/dossier-format.ts';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({ lng: 'vi', resources: { vi: { translation: vi }, en: { translation: en } }, interpolation: { escapeValue: false } });
});
const FILE = '396c3f30-9369-4ed8-9951-61421b212cef';
const names = (id: string) => (id === FILE ? 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân' : undefined);
const what = (w: string, lng = 'vi') => accessLogWhat(i18n.getFixedT(lng), w, names);

describe('"who read my dossier": what the officer read, in words (accessLogWhat)', () => {
  it('says the dossier was listed in a queue, not "list:incoming"', () => {
    expect(what('list:incoming')).toBe('Xem trong danh sách hồ sơ');
    expect(what('list:all', 'en')).toBe('Listed among dossiers');
  });

  it('names the attachment read by its component, not its file id', () => {
    expect(what(`file:${FILE}`)).toBe('Xem giấy tờ: Tờ khai cấp Giấy xác nhận tình trạng hôn nhân');
    expect(what('file:00000000-0000-0000-0000-000000000000')).toBe('Xem thông tin hồ sơ');
  });

  it('says the dossier was listed behind a statistics figure or among the overdue, without the figure’s code', () => {
    expect(what('Danh sách chỉ tiêu: received (procedure 1.004873)')).toBe('Xem trong danh sách hồ sơ');
    expect(what('Danh sách chỉ tiêu: 766 2.1 numerator')).toBe('Xem trong danh sách hồ sơ');
    expect(what('Danh sách hồ sơ quá hạn (chỉ đạo điều hành)', 'en')).toBe('Listed among dossiers');
  });

  it('keeps the known reads, and never shows an unknown code', () => {
    expect(what('detail')).toBe('Xem chi tiết hồ sơ');
    expect(what('payment receipt')).toBe('Xem biên lai điện tử');
    expect(what('document:supplement-notice')).toMatch(/^Xem văn bản: /);
    expect(what('rating')).toBe('Xem thông tin hồ sơ');
    expect(what('something:new')).toBe('Xem thông tin hồ sơ');
  });
});
