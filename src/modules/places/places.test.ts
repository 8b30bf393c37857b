import { describe, expect, it } from 'vitest';
import { systemPerFile, type TestSystem } from '#test/system.ts';
import { AGENCY_CODE_PATTERN, findAgencyFor } from './index.ts';
import { foldName, splitOldUnits } from './seed-places.ts';

let sys: TestSystem;
systemPerFile((s) => {
  sys = s;
});
const get = (url: string) => sys.app.inject({ method: 'GET', url });

describe('places register', () => {
  it('holds 34 provinces and 3,321 communes of the three kinds', async () => {
    const provinces = (await get('/api/v1/places/provinces')).json().items;
    expect(provinces).toHaveLength(34);
    expect(provinces[0]).toEqual({ code: '01', name: 'Thành phố Hà Nội' });
    const kinds = await sys.ctx.db.query<{ kind: string; n: number }>('SELECT kind, count(*)::int AS n FROM communes GROUP BY kind ORDER BY kind');
    expect(kinds).toEqual([
      { kind: 'commune', n: 2621 },
      { kind: 'special_zone', n: 13 },
      { kind: 'ward', n: 687 },
    ]);
  });

  it('lists the communes of a province; unknown and malformed codes are refused', async () => {
    const res = await get('/api/v1/places/provinces/01/communes');
    expect(res.json().items).toContainEqual({ code: '00070', name: 'Phường Hoàn Kiếm', kind: 'ward' });
    expect((await get('/api/v1/places/provinces/99/communes')).json().error.code).toBe('PROVINCE_NOT_FOUND');
    const bad = await get('/api/v1/places/provinces/abc/communes');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toContain('code');
  });

  it('maps a pre-2025 name to today, with or without diacritics', async () => {
    const withMarks = (await get(`/api/v1/places/legacy?q=${encodeURIComponent('Xã Đông Yên')}`)).json().items;
    expect(withMarks[0]).toMatchObject({ oldName: 'Xã Đông Yên', province: { code: '91' }, newCommuneName: 'An Biên' });
    expect(withMarks[0].commune).toMatchObject({ name: 'Xã An Biên' });
    const plain = (await get('/api/v1/places/legacy?q=dong%20yen')).json().items;
    expect(plain.map((i: { oldName: string }) => i.oldName)).toContain('Xã Đông Yên');
  });

  it('answers the names that contain what was typed, those with the same accents first; similar names only for a typo', async () => {
    const names = async (q: string) => (await get(`/api/v1/places/legacy?q=${encodeURIComponent(q)}`)).json().items.map((i: { oldName: string }) => i.oldName);
    // Not "Xã Phú Phúc" or "Xã An Phúc", which only share a syllable with it.
    expect(await names('Phúc Xá')).toEqual(['Phường Phúc Xá']);
    const tanDinh = await names('Tân Định');
    expect(tanDinh).toEqual(expect.arrayContaining(['Xã Tân Dĩnh', 'Phường Tân Định']));
    const spelled = tanDinh.filter((n: string) => n.endsWith('Tân Định'));
    expect(spelled).toHaveLength(4); // Xã Tân Định, Xã Bàn Tân Định, the two Phường Tân Định
    expect(tanDinh.slice(0, 4)).toEqual(expect.arrayContaining(spelled));
    expect(tanDinh.every((n: string) => n.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase().includes('tan dinh'))).toBe(true);
    // A typo still finds it, among names like it.
    expect(await names('Phuc Xaa')).toContain('Phường Phúc Xá');
  });

  it('keeps both new communes of a unit split in two, with the "phần còn lại" note', async () => {
    const items = (await get(`/api/v1/places/legacy?q=${encodeURIComponent('Xã Phước Hưng')}`)).json().items.filter(
      (i: { province: { code: string } }) => i.province.code === '91',
    );
    const names = items.map((i: { newCommuneName: string }) => i.newCommuneName).sort();
    expect(names).toEqual(expect.arrayContaining(['Nhơn Hội', 'Phú Hữu']));
    expect(items.find((i: { newCommuneName: string }) => i.newCommuneName === 'Phú Hữu').note).toContain('phần còn lại');
  });

  it('refuses an empty or over-long legacy query', async () => {
    expect((await get('/api/v1/places/legacy?q=')).statusCode).toBe(400);
    expect((await get(`/api/v1/places/legacy?q=${'a'.repeat(101)}`)).statusCode).toBe(400);
  });

  it('gives every commune one People’s Committee and one police agency, all codes unique and well-formed', async () => {
    const [counts] = await sys.ctx.db.query<{ total: number; distinct_codes: number; bad: number }>(
      `SELECT count(*)::int AS total, count(DISTINCT code)::int AS distinct_codes,
              count(*) FILTER (WHERE code !~ '^\\d{3}\\.\\d{2}\\.\\d{2}\\.H\\d{2}$')::int AS bad FROM agencies`,
    );
    // + Hà Nội's food-safety authority, added by the inspection module's seed
    expect(counts).toEqual({ total: 34 * 6 + 3321 * 2 + 1, distinct_codes: 34 * 6 + 3321 * 2 + 1, bad: 0 });
    const perCommune = await sys.ctx.db.query(
      `SELECT c.code FROM communes c WHERE (SELECT count(*) FROM agencies a WHERE a.admin_unit_code = c.code) <> 2`,
    );
    expect(perCommune).toEqual([]);
  });

  it('names the agencies of Hoàn Kiếm and Hà Nội in Vietnamese', async () => {
    const ubnd = await findAgencyFor(sys.ctx.db, '00070', 'people_committee');
    expect(ubnd).toMatchObject({ name: 'Ủy ban nhân dân Phường Hoàn Kiếm', level: 'xa', provinceCode: '01', parentCode: '000.00.00.H01' });
    expect(ubnd!.code).toMatch(AGENCY_CODE_PATTERN);
    const res = (await get('/api/v1/agencies?adminUnitCode=01')).json().items.map((a: { name: string }) => a.name);
    expect(res).toEqual(
      expect.arrayContaining(['Ủy ban nhân dân Thành phố Hà Nội', 'Công an Thành phố Hà Nội', 'Sở Tư pháp Thành phố Hà Nội', 'Bảo hiểm xã hội Thành phố Hà Nội']),
    );
    expect((await get('/api/v1/agencies/000.00.99.H01')).statusCode).toBe(404);
  });

  it('searches agencies by name, code or commune, with or without diacritics, within a province and kind', async () => {
    const byName = (await get(`/api/v1/agencies?provinceCode=01&q=${encodeURIComponent('hoan kiem')}`)).json().items;
    expect(byName.map((a: { name: string }) => a.name).sort()).toEqual(['Công an Phường Hoàn Kiếm', 'Ủy ban nhân dân Phường Hoàn Kiếm']);
    expect(byName[0]).toMatchObject({ provinceCode: '01', provinceName: 'Thành phố Hà Nội', communeName: 'Phường Hoàn Kiếm', adminUnitCode: '00070' });
    const police = (await get(`/api/v1/agencies?q=${encodeURIComponent('Hoàn Kiếm')}&kind=police`)).json().items;
    expect(police.map((a: { name: string }) => a.name)).toEqual(['Công an Phường Hoàn Kiếm']);
    const byCode = (await get(`/api/v1/agencies?q=${encodeURIComponent(byName[0].code)}`)).json().items;
    expect(byCode.map((a: { code: string }) => a.code)).toEqual([byName[0].code]);
    const provincial = (await get('/api/v1/agencies?provinceCode=01&level=tinh&q=tu%20phap')).json().items;
    expect(provincial).toEqual([expect.objectContaining({ name: 'Sở Tư pháp Thành phố Hà Nội', communeName: null })]);
    // Every word, in any order; "UBND" is how officers write Ủy ban nhân dân.
    const ubnd = (await get(`/api/v1/agencies?q=${encodeURIComponent('ubnd hoan kiem')}`)).json().items;
    expect(ubnd.map((a: { name: string }) => a.name)).toEqual(['Ủy ban nhân dân Phường Hoàn Kiếm']);
    expect((await get(`/api/v1/agencies?q=${encodeURIComponent('Hoàn Kiếm UBND')}`)).json().items).toEqual(ubnd);
    expect((await get('/api/v1/agencies?q=%25%25')).json().items).toEqual([]); // LIKE wildcards are plain text
    expect((await get('/api/v1/agencies?provinceCode=01&limit=3')).json().items).toHaveLength(3);
    expect((await get('/api/v1/agencies?limit=0')).statusCode).toBe(400);
    expect((await get(`/api/v1/agencies?q=${'a'.repeat(101)}`)).json().error.code).toBe('VALIDATION_FAILED');
  });
});

describe('name folding', () => {
  it.each([
    ['Phúc Hoà', 'Xã Phúc Hòa'],
    ['TP HCM', 'tp hcm'],
    ['Đặc khu Phú Quốc', 'Phú Quốc'],
  ])('folds %s and %s alike', (a, b) => expect(foldName(a)).toBe(foldName(b)));

  it('splits old units on commas outside parentheses', () => {
    expect(splitOldUnits('Xã A, Xã B (phần còn lại sau khi sáp nhập vào xã C, D)')).toEqual([
      { name: 'Xã A', note: null },
      { name: 'Xã B', note: 'phần còn lại sau khi sáp nhập vào xã C, D' },
    ]);
  });
});
