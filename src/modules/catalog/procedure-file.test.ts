import { describe, expect, it } from 'vitest';
import { agencyKindOf, parseProcedure, toProcedureContent } from './procedure-file.ts';

describe('agency kinds from the published wording', () => {
  it.each([
    ['UBND cấp xã (commune/ward People\'s Committee; civil-status officer)', 'people_committee'],
    ['Công an cấp xã (commune police) — residence registration authority', 'police'],
    ['Phòng Quản lý xuất nhập cảnh - Công an tỉnh (also Cục Quản lý xuất nhập cảnh, Bộ Công an)', 'police'],
    ['Bảo hiểm xã hội (provincial/commune office)', 'social_insurance'],
    ['Cơ quan đăng ký kinh doanh cấp tỉnh (Phòng Đăng ký kinh doanh, Sở Tài chính …)', 'finance'],
    ['Commune-level business registration authority (since 2025 two-tier reform)', 'people_committee'],
    ['UBND cấp xã (lead, receives) → Công an cấp xã → Bảo hiểm xã hội', 'people_committee'],
    [null, 'people_committee'],
  ])('%s → %s', (wording, kind) => {
    expect(agencyKindOf(wording)).toBe(kind);
  });
});

describe('file entries', () => {
  const base = { code: '1.000001', name_vi: 'Thủ tục', level: 'xa', processing_days: 5, processing_time_unit: 'working_days' };

  it('names the entry and field of a problem', () => {
    expect(parseProcedure({ ...base, processing_days: -1 }, 4)).toEqual({ problem: expect.stringMatching(/^#5 \(Thủ tục\): processing_days: /) });
    expect(parseProcedure({ ...base, level: 'huyen' }, 0)).toEqual({ problem: expect.stringContaining('level') });
  });

  it('normalises names to NFC and marks optional documents', () => {
    const decomposed = 'Đăng ký'.normalize('NFD');
    const parsed = parseProcedure({ ...base, name_vi: decomposed, documents: ['Tờ khai', 'Marriage certificate where not retrievable'] }, 0);
    if (!('raw' in parsed)) throw new Error(parsed.problem);
    const content = toProcedureContent(parsed.raw);
    expect(content.name).toBe('Đăng ký'.normalize('NFC'));
    expect(content.components.map((c) => c.required)).toEqual([true, false]);
    expect(content.deadline).toEqual({ value: 5, unit: 'working_days', verified: true, note: null });
    expect(content.fees).toEqual([expect.objectContaining({ type: 'unknown', verified: false })]);
  });
});
