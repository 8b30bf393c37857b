import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemPerFile, type TestSystem } from '#test/system.ts';
import { APPLICANT, buildWorld, submit } from '#test/factories.ts';
import { deadlineOf, getProcedureVersion, getProcedureVersionInForce, importProcedures, importProceduresFile, seedProcedures } from './index.ts';
import { nationalProcedures, nationalRecords } from './seed-catalog.ts';

let sys: TestSystem;
systemPerFile((s) => {
  sys = s;
});
const get = (url: string) => sys.app.inject({ method: 'GET', url });
/** The inspection module's post-control declarations (hậu kiểm), seeded under local codes. */
const postControl = () => (JSON.parse(fs.readFileSync(path.join(process.cwd(), 'seed/procedures.post-control.json'), 'utf8')) as { procedures: unknown[] }).procedures.length;
/** Every procedure seeded: the curated ones, the national records under other codes and the post-control declarations. */
const seeded = () => seedProcedures().procedures.length + nationalProcedures().procedures.length + postControl();

describe('procedure search (api.md §4)', () => {
  it('finds a procedure without diacritics and in any case, best match first', async () => {
    for (const q of ['dang ky khai sinh', 'ĐĂNG KÝ KHAI SINH', 'Đăng ký khai sinh', 'khai sinh dang ky']) {
      const res = await get(`/api/v1/procedures?q=${encodeURIComponent(q)}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().items[0], q).toMatchObject({ code: '1.001193', name: 'Đăng ký khai sinh', level: 'xa', deadline: { value: 0, unit: 'same_day' } });
    }
    const linked = (await get('/api/v1/procedures?q=dang%20ky%20khai%20sinh')).json();
    expect(linked.items.map((p: { code: string }) => p.code)).toContain('1.003412'); // the birth group also matches
  });

  it('finds by code, tolerates a typo, and pages with a stable total', async () => {
    expect((await get('/api/v1/procedures?q=2.000815')).json().items[0].code).toBe('2.000815');
    expect((await get('/api/v1/procedures?q=chung%20thuc%20ban%20sao')).json().items[0].code).toBe('2.000815');
    expect((await get('/api/v1/procedures?q=thuong%20tru')).json().items.map((p: { code: string }) => p.code)).toContain('1.004222');
    // Among 2,800 procedures the curated ones stay on the first page of ten the portal shows.
    const first10 = async (q: string) => (await get(`/api/v1/procedures?q=${encodeURIComponent(q)}&pageSize=10`)).json().items.map((p: { code: string }) => p.code);
    expect(await first10('xac nhan tinh trang hon nhan')).toContain('1.004873');
    expect((await first10('dang ky thuong tru'))[0]).toBe('1.004222');
    expect(await first10('ho chieu')).toContain('1.001456');
    expect(await first10('ban sao trich luc ho tich')).toContain('2.000635');
    expect(await first10('chung thuc chu ky')).toContain('2.000884');
    const total = seeded();
    expect(total).toBeGreaterThan(2800); // the national catalogue is seeded, not only the 18 curated
    const all = (await get('/api/v1/procedures?pageSize=5')).json();
    expect(all.total).toBe(total);
    expect(all.items).toHaveLength(5);
    const lastPage = Math.ceil(total / 5);
    const last = (await get(`/api/v1/procedures?pageSize=5&page=${lastPage}`)).json();
    expect(last).toMatchObject({ total, page: lastPage });
    expect(last.items).toHaveLength(total - (lastPage - 1) * 5);
    const beyond = (await get(`/api/v1/procedures?pageSize=5&page=${lastPage + 1}`)).json();
    expect(beyond).toMatchObject({ items: [], total });
    expect((await get('/api/v1/procedures?q=xyzzy%20qwfp')).json()).toMatchObject({ items: [], total: 0 }); // nonsense: no word, no near spelling
    const typo = (await get('/api/v1/procedures?q=dang%20ky%20khai%20sihn')).json(); // no exact word match: fuzzy
    expect(typo.items[0].code).toBe('1.001193');
    expect(typo.total).toBeGreaterThan(0);
    const wordsPastEnd = (await get('/api/v1/procedures?q=khai%20sinh&pageSize=1&page=50')).json();
    expect(wordsPastEnd.items).toEqual([]);
    expect(wordsPastEnd.total).toBeGreaterThan(1); // the total of the exact matches, not of a fuzzy pass
  });

  it('treats LIKE wildcards as text and refuses over-long queries and bad paging with 400', async () => {
    expect((await get('/api/v1/procedures?q=%25%25%25')).statusCode).toBe(200);
    expect((await get('/api/v1/procedures?q=_')).statusCode).toBe(200);
    const refused: [string, string, string][] = [
      [`/api/v1/procedures?q=${'a'.repeat(201)}`, 'querystring.q', 'Tối đa 200 ký tự'],
      ['/api/v1/procedures?page=0', 'querystring.page', 'Không được nhỏ hơn 1'],
      ['/api/v1/procedures?pageSize=1000', 'querystring.pageSize', 'Không được lớn hơn 100'],
      ['/api/v1/procedures?page=abc', 'querystring.page', 'Phải là một số'],
    ];
    for (const [url, field, message] of refused) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.details[0], url).toEqual({ field, message }); // plain Vietnamese (platform/validation-messages.ts)
    }
  });
});

describe('procedure detail', () => {
  it('gives components, fees, deadline, legal basis and receiving agencies', async () => {
    const res = await get('/api/v1/procedures/2.000815');
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p).toMatchObject({ code: '2.000815', level: 'xa', deadline: { value: 0, unit: 'same_day' }, cutoffTime: '15:00', sector: 'Chứng thực' });
    expect(p.components.length).toBeGreaterThan(0);
    expect(p.components[0]).toMatchObject({ code: 'TP1', original: 1, copy: 0, required: true });
    expect(p.fees[0]).toMatchObject({ type: 'per_page', perPage: { firstPages: 2, rateFirstVnd: 2000, rateNextVnd: 1000, capPerCopyVnd: 200000 } });
    // Verification state is administration data, never on the public sheet.
    for (const key of ['verification', 'sources', 'codeVerified', 'onlineLevelVerified']) expect(p, key).not.toHaveProperty(key);
    expect(p.deadline).not.toHaveProperty('verified');
    expect(p.fees[0]).not.toHaveProperty('verified');
    expect(p.channels).toEqual([expect.objectContaining({ method: 'truc_tiep' })]);
    expect(p.onlineSubmission).toEqual({ allowed: false, reason: 'not_offered' }); // certified copies: in person only
    expect(p.legalBasis.length).toBeGreaterThan(0);
    expect(p.receivingAgencies).toEqual([{ kind: 'people_committee', level: 'xa' }]);
    expect(p.version).toMatchObject({ number: 1, effectiveFrom: '2025-07-01', effectiveTo: null });
  });

  it('fills null fields from the unverified hint and marks them unverified (in the version, not on the public sheet)', async () => {
    const at = new Date('2026-03-02T09:00:00+07:00');
    expect((await getProcedureVersionInForce(sys.ctx.db, '1.004873', at)).deadline).toMatchObject({ value: 3, unit: 'working_days', verified: false });
    expect((await get('/api/v1/procedures/1.004873')).json().deadline).toEqual({ value: 3, unit: 'working_days', note: expect.stringContaining('03 ngày làm việc') });
    const residence = await getProcedureVersionInForce(sys.ctx.db, '1.004222', at);
    expect(residence.deadline).toMatchObject({ value: 7, verified: true });
    expect(residence.fees).toEqual([
      expect.objectContaining({ amountVnd: 20000, channel: 'direct', verified: false }),
      expect.objectContaining({ amountVnd: 10000, channel: 'online', verified: false }),
    ]);
    expect(residence).toMatchObject({ competentAgencyKind: 'police', receivingAgencyKinds: ['police'], onlineLevel: 'toan_trinh', onlineLevelVerified: false });
    const passport = (await get('/api/v1/procedures/1.001456')).json();
    expect(passport).toMatchObject({ level: 'tinh', competentAgencyKind: 'police', receivingAgencyKinds: ['police', 'public_service_center'] });
    expect(passport.fees[0]).toMatchObject({ amountVnd: 200000 });
    expect(passport.fees[0]).not.toHaveProperty('verified');
  });

  it('files a procedure without a verified code under its first candidate, and the death group under its local code', async () => {
    const household = (await get('/api/v1/procedures/1.001612')).json();
    expect(household).toMatchObject({ name: 'Đăng ký thành lập hộ kinh doanh' });
    expect((await getProcedureVersionInForce(sys.ctx.db, '1.001612', new Date('2026-03-02T09:00:00+07:00'))).codeVerified).toBe(false);
    const building = (await get('/api/v1/procedures/1.013225')).json();
    expect(building.aliases).toEqual(['1.013226', '1.013227', '1.013228']);
    const death = (await get('/api/v1/procedures/LT.KHAITU')).json();
    expect(death.interagencySteps.map((s: { agencyKind: string }) => s.agencyKind)).toEqual(['people_committee', 'police', 'social_insurance']);
    expect(death.deadline).toMatchObject({ value: 6 });
    const deathVersion = await getProcedureVersionInForce(sys.ctx.db, 'LT.KHAITU', new Date('2026-03-02T09:00:00+07:00'));
    expect(deathVersion.deadline).toMatchObject({ value: 6, verified: false }); // local, unverified: the steps' longest path
    const birth = (await get('/api/v1/procedures/1.003412')).json();
    expect(birth.interagencySteps.map((s: { seq: number; dependsOn: number[] }) => [s.seq, s.dependsOn])).toEqual([[1, []], [2, [1]], [3, [1]]]);
  });

  it('answers 404 for an unknown code and 400 for a malformed one', async () => {
    const res = await get('/api/v1/procedures/9.999999');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('PROCEDURE_NOT_FOUND');
    expect((await get('/api/v1/procedures/9.999999/deadline?receivedAt=2026-03-02T09:00:00%2B07:00')).statusCode).toBe(404);
    expect((await get('/api/v1/procedures/9.999999/versions')).statusCode).toBe(404);
    expect((await get(`/api/v1/procedures/${'x'.repeat(60)}`)).statusCode).toBe(400);
  });
});

describe('deadline preview', () => {
  const preview = (code: string, receivedAt: string) => get(`/api/v1/procedures/${code}/deadline?receivedAt=${encodeURIComponent(receivedAt)}`);

  it('counts working days from the day after reception, across Tết 2026', async () => {
    // 7 working days from Thu 12 Feb 2026: Fri 13, then Tết off 14–22 Feb, Mon 23 … Thu 26 → 5, Fri 27 → 6, Mon 2 Mar → 7
    const res = await preview('1.004222', '2026-02-12T10:00:00+07:00');
    expect(res.json()).toMatchObject({ dueDate: '2026-03-02', dueAt: '2026-03-02T17:00:00+07:00' });
  });

  it('counts from now by the server clock when receivedAt is left out', async () => {
    sys.clock.set(new Date('2026-02-12T10:00:00+07:00'));
    const res = await get('/api/v1/procedures/1.004222/deadline');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ dueDate: '2026-03-02' }); // as from Thu 12 Feb above
    sys.clock.set(new Date('2026-03-05T14:59:00+07:00'));
    expect((await get('/api/v1/procedures/2.000815/deadline')).json().dueDate).toBe('2026-03-05');
    sys.clock.reset();
  });

  it('same-day procedures: before the cut-off today, after it the next working day', async () => {
    expect((await preview('2.000815', '2026-03-05T14:59:00+07:00')).json().dueDate).toBe('2026-03-05');
    expect((await preview('2.000815', '2026-03-05T15:20:00+07:00')).json().dueDate).toBe('2026-03-06');
    expect((await preview('2.000815', '2026-03-06T15:20:00+07:00')).json().dueDate).toBe('2026-03-09'); // Friday → Monday
  });

  it('refuses a malformed instant and a year without calendar; no appointment without a deadline', async () => {
    for (const bad of ['2026-02-30', 'hôm nay', '2026-03-05T10:00:00']) {
      const res = await preview('2.000815', bad);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error.details[0].field).toMatch(/receivedAt$/);
    }
    const future = await preview('1.004222', '2031-01-05T09:00:00+07:00');
    expect(future.statusCode).toBe(422);
    expect(future.json().error.code).toBe('CALENDAR_YEAR_MISSING');
    // a procedure whose deadline is published nowhere (not even as an unverified hint)
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-')), 'catalog.json');
    fs.writeFileSync(
      file,
      JSON.stringify({ procedures: [{ code: '1.777778', name_vi: 'Thủ tục chưa công bố thời hạn', level: 'xa', processing_days: null, processing_time_unit: 'working_days', effective_from: '2026-01-01' }] }),
    );
    expect(await importProceduresFile(sys.ctx, file)).toMatchObject({ imported: 1 });
    // No appointment to announce (200 with nulls, so the page asks without an error), and none to count with.
    const unknown = await preview('1.777778', '2026-03-05T09:00:00+07:00');
    expect(unknown.statusCode).toBe(200);
    expect(unknown.json()).toMatchObject({ dueAt: null, dueDate: null, deadline: { value: null } });
    const version = await getProcedureVersionInForce(sys.ctx.db, '1.777778', new Date('2026-03-05T09:00:00+07:00'));
    expect(() => deadlineOf(version)).toThrow(expect.objectContaining({ code: 'PROCEDURE_DEADLINE_UNKNOWN' }));
  });
});

describe('versions and import', () => {
  it('re-importing the same catalogue adds nothing; a change adds a version from its effective date and keeps the old one', async () => {
    const data = seedProcedures();
    const again = await importProcedures(sys.ctx, data, { source: 'test' });
    expect(again).toMatchObject({ imported: 18, versionsCreated: 0, unchanged: 18, problems: [] });
    const national = await importProcedures(sys.ctx, nationalProcedures(), { source: 'test' });
    expect(national).toMatchObject({ versionsCreated: 0, problems: [] }); // the national records were seeded whole

    const changed = structuredClone(data);
    const residence = changed.procedures.find((p) => p.code === '1.004222') as Record<string, unknown>;
    residence.processing_days = 5;
    residence.effective_from = '2026-07-01';
    const result = await importProcedures(sys.ctx, changed, { source: 'test-2' });
    expect(result).toMatchObject({ versionsCreated: 1, unchanged: 17 });

    const before = await getProcedureVersionInForce(sys.ctx.db, '1.004222', new Date('2026-06-30T10:00:00+07:00'));
    const after = await getProcedureVersionInForce(sys.ctx.db, '1.004222', new Date('2026-07-01T10:00:00+07:00'));
    expect([before.version, before.deadline.value, before.effectiveTo]).toEqual([1, 7, '2026-07-01']);
    expect([after.version, after.deadline.value]).toEqual([2, 5]);
    expect((await getProcedureVersion(sys.ctx.db, before.id)).deadline.value).toBe(7); // a dossier keeps its version
    expect((await get('/api/v1/procedures/1.004222?at=2026-06-30')).json().deadline.value).toBe(7);
    expect((await get('/api/v1/procedures/1.004222/versions')).json().items).toHaveLength(2);
    const [audit] = await sys.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'catalog.import'`);
    expect(audit.n).toBeGreaterThanOrEqual(2);
  });

  it('imports a file, skipping entries with problems and naming them', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-')), 'catalog.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        procedures: [
          { code: '1.777777', name_vi: 'Thủ tục thử nghiệm nhập', level: 'tinh', processing_days: 10, processing_time_unit: 'working_days', documents: ['Tờ khai'] },
          { code: '1.77', name_vi: 'Mã sai', level: 'xa', processing_days: 1, processing_time_unit: 'working_days' },
          { code: null, name_vi: 'Không mã', level: 'xa', processing_days: 1, processing_time_unit: 'working_days' },
        ],
      }),
    );
    const result = await importProceduresFile(sys.ctx, file);
    expect(result).toMatchObject({ imported: 1, versionsCreated: 1 });
    expect(result.problems).toHaveLength(2);
    expect(result.problems[0]).toMatch(/#2 \(Mã sai\): code/);
    expect((await get('/api/v1/procedures?q=thu%20nghiem%20nhap')).json().items[0].code).toBe('1.777777');
    fs.writeFileSync(file, '{not json');
    await expect(importProceduresFile(sys.ctx, file)).rejects.toMatchObject({ code: 'CATALOG_FILE_INVALID' });
  });
});

describe('publishing a version (administrator)', () => {
  const token = async (username: string) =>
    (await sys.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'MotCua@2026' } })).json().token as string;
  const publish = async (username: string, procedure: Record<string, unknown>) =>
    sys.app.inject({ method: 'POST', url: '/api/v1/admin/procedures', headers: { authorization: `Bearer ${await token(username)}` }, payload: { procedure } });
  const entry = (effective_from: string, processing_days: number) => ({
    code: '1.888888',
    name_vi: 'Thủ tục thử nghiệm công bố',
    level: 'xa',
    processing_days,
    processing_time_unit: 'working_days',
    documents: ['Tờ khai'],
    effective_from,
  });

  it('publishes a new version from a date, keeps the old one before it, and refuses a date that goes back', async () => {
    const first = await publish('admin', entry('2026-01-01', 5));
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ created: true, code: '1.888888', version: 1 });
    expect((await publish('admin', entry('2026-01-01', 5))).json()).toEqual({ created: false }); // same content: nothing new
    expect((await get('/api/v1/procedures/1.888888?at=2026-05-01')).json().deadline.value).toBe(5); // the versions are kept: publishing must drop them
    const second = await publish('admin', entry('2026-05-01', 3));
    expect(second.json()).toMatchObject({ created: true, version: 2, effectiveFrom: '2026-05-01' });
    expect((await get('/api/v1/procedures/1.888888?at=2026-04-30')).json().deadline.value).toBe(5);
    expect((await get('/api/v1/procedures/1.888888?at=2026-05-01')).json().deadline.value).toBe(3);
    const back = await publish('admin', entry('2026-03-01', 4));
    expect(back.statusCode).toBe(400);
    expect(back.json().error.details[0].message).toMatch(/phải sau ngày hiệu lực của phiên bản 2/);
    expect((await publish('motcua.hoankiem', entry('2026-06-01', 2))).statusCode).toBe(403);
    expect((await sys.app.inject({ method: 'POST', url: '/api/v1/admin/procedures', payload: { procedure: entry('2026-06-01', 2) } })).statusCode).toBe(401);
    expect((await publish('admin', { code: '1.888888' })).statusCode).toBe(400);
  });
});

describe('the version in force as an editable record (administrator)', () => {
  const tokens = new Map<string, string>();
  const token = async (username: string) => {
    if (!tokens.has(username)) tokens.set(username, await sys.login(username));
    return tokens.get(username) as string;
  };
  const source = async (username: string, url: string) =>
    sys.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${await token(username)}` } });
  const publish = async (procedure: Record<string, unknown>) =>
    sys.app.inject({ method: 'POST', url: '/api/v1/admin/procedures', headers: { authorization: `Bearer ${await token('admin')}` }, payload: { procedure } });

  it('gives back every seeded procedure as a record that republishes as unchanged', async () => {
    const codes = (await get('/api/v1/procedures?pageSize=100')).json().items.map((p: { code: string }) => p.code) as string[];
    expect(codes.length).toBeGreaterThan(10);
    for (const code of codes) {
      const res = await source('admin', `/api/v1/admin/procedures/${code}/source`);
      expect(res.statusCode, code).toBe(200);
      const body = res.json();
      expect(body.procedure.effective_from, code).toBe(body.effectiveFrom);
      const again = await publish(body.procedure);
      expect(again.statusCode, `${code}: ${again.body}`).toBe(200);
      expect(again.json(), code).toEqual({ created: false }); // the same content hash: the record is the exact inverse
    }
  });

  it('states hints, fees and components explicitly and reads the version in force at a date', async () => {
    const marital = (await source('admin', '/api/v1/admin/procedures/1.004873/source')).json();
    expect(marital).toMatchObject({ version: 1, effectiveFrom: '2025-07-01', latest: { version: 1, effectiveFrom: '2025-07-01' } });
    expect(marital.procedure).toMatchObject({ code: '1.004873', level: 'xa', processing_days: null, processing_time_unit: 'working_days', unverified_hint: { processing_days: 3 } });
    expect(marital.procedure.components[0]).toMatchObject({ code: 'TP1', original: 1, copy: 0, required: true });
    const copy = (await source('admin', '/api/v1/admin/procedures/2.000815/source')).json();
    expect(copy.procedure.fee_rule).toMatchObject({ type: 'per_page', first_pages: 2, rate_first_pages_vnd: 2000, rate_subsequent_pages_vnd: 1000, cap_per_copy_vnd: 200000 });

    const edited = { ...copy.procedure, processing_days: 1, processing_time_unit: 'working_days', effective_from: '2027-03-01' };
    const published = await publish(edited);
    expect(published.json()).toMatchObject({ created: true, version: 2, effectiveFrom: '2027-03-01' });
    const before = (await source('admin', '/api/v1/admin/procedures/2.000815/source?at=2027-02-28')).json();
    expect(before).toMatchObject({ version: 1, latest: { version: 2, effectiveFrom: '2027-03-01' }, procedure: { processing_time_unit: 'same_day' } });
    const after = (await source('admin', '/api/v1/admin/procedures/2.000815/source?at=2027-03-01')).json();
    expect(after).toMatchObject({ version: 2, effectiveFrom: '2027-03-01', procedure: { processing_days: 1, processing_time_unit: 'working_days', effective_from: '2027-03-01' } });
  });

  it('describes the record in the OpenAPI document field by field (the editor imports its type from the contract)', async () => {
    const doc = (await get('/api/docs/json')).json();
    const record = doc.paths['/api/v1/admin/procedures/{code}/source'].get.responses['200'].content['application/json'].schema.properties.procedure;
    expect(record.required).toEqual(expect.arrayContaining(['name_vi', 'level', 'processing_days', 'processing_time_unit']));
    expect(record.properties.level.enum).toEqual(['bo', 'tinh', 'xa']);
    expect(record.properties.interagency_steps.items.properties.agency_kind.enum).toContain('public_service_center');
    expect(record.properties.components.items.required).toEqual(expect.arrayContaining(['code', 'name', 'original', 'copy', 'required']));
  });

  it('answers 404 for an unknown code or a date before any version, 400 for a bad date, 403 to a non-administrator, 401 without login', async () => {
    const unknown = await source('admin', '/api/v1/admin/procedures/9.999999/source');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('PROCEDURE_NOT_FOUND');
    expect((await source('admin', '/api/v1/admin/procedures/1.004873/source?at=2020-01-01')).json().error.code).toBe('PROCEDURE_NOT_FOUND');
    expect((await source('admin', '/api/v1/admin/procedures/1.004873/source?at=2026-13-40')).statusCode).toBe(400);
    expect((await source('motcua.hoankiem', '/api/v1/admin/procedures/1.004873/source')).statusCode).toBe(403);
    expect((await get('/api/v1/admin/procedures/1.004873/source')).statusCode).toBe(401);
  });
});

describe('the national catalogue (seed/procedures-catalogue)', () => {
  const curated = new Set(seedProcedures().procedures.flatMap((p) => [p.code, (p.code_candidates as string[])[0]]));
  const records = () => nationalRecords().filter((r) => !curated.has(r.code));
  const withDeadline = () => records().find((r) => r.processing_days != null && r.online_submission && r.sector_vi && r.legal_basis.length > 1 && r.detail_url);
  const citation = /^(Bộ luật|Luật|Nghị định|Thông tư liên tịch|Thông tư|Quyết định|Nghị quyết|Chỉ thị|Văn bản) số \S+/;

  it('shows a national record as a full sheet: sector, channels, components, citations, portal page', async () => {
    const record = withDeadline();
    if (!record) throw new Error('the catalogue has a record with a deadline');
    const p = (await get(`/api/v1/procedures/${record.code}`)).json();
    expect(p).toMatchObject({
      code: record.code,
      sector: record.sector_vi,
      issuingBody: record.issuing_body_vi,
      decision: record.decision_vi,
      portalUrl: record.detail_url,
      deadline: { value: record.processing_days, unit: record.processing_time_unit },
      onlineSubmission: { allowed: true, reason: null },
    });
    expect(p.channels.map((c: { method: string }) => c.method).sort()).toEqual(
      record.submission_methods.map((m) => ({ 'Trực tiếp': 'truc_tiep', 'Trực tuyến': 'truc_tuyen', 'Dịch vụ bưu chính': 'buu_chinh' })[m.method]).sort(),
    );
    expect(p.legalBasis.length).toBeGreaterThan(1);
    for (const text of p.legalBasis) expect(text).toMatch(citation);
    expect(p.components.length).toBeGreaterThan(0);
    expect(p.components[0]).toMatchObject({ code: 'TP1', quantityUnknown: true });
  });

  it('never invents a deadline: without one a procedure is not offered online, and submitting online is refused', async () => {
    const unknown = records().find((r) => r.processing_days == null && r.online_submission && r.processing_time_text);
    const offline = records().find((r) => !r.online_submission && r.processing_days != null);
    if (!unknown || !offline) throw new Error('the catalogue has both cases');
    const u = (await get(`/api/v1/procedures/${unknown.code}`)).json();
    expect(u.deadline).toMatchObject({ value: null, note: unknown.processing_time_text?.replace(/\s+/g, ' ').trim() });
    expect(u.onlineSubmission).toEqual({ allowed: false, reason: 'deadline_unknown' });
    const o = (await get(`/api/v1/procedures/${offline.code}`)).json();
    expect(o.onlineSubmission).toEqual({ allowed: false, reason: 'not_offered' });

    const w = await buildWorld(sys);
    for (const [code, error] of [
      [offline.code, 'PROCEDURE_NOT_ONLINE'],
      [unknown.code, 'PROCEDURE_DEADLINE_UNKNOWN'],
    ]) {
      const res = await sys.app.inject({
        method: 'POST',
        url: '/api/v1/dossiers',
        headers: { authorization: `Bearer ${w.token.congdan}` },
        payload: { procedureCode: code, receivingAgency: w.agency.hoankiem, channel: 'online', applicant: APPLICANT, fields: {}, documents: [] },
      });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().error.code).toBe(error);
    }
  });

  it('keeps the curated procedure where the codes overlap, with the national sector', async () => {
    const birth = (await get('/api/v1/procedures/1.001193')).json();
    expect(birth).toMatchObject({ name: 'Đăng ký khai sinh', sector: 'Hộ tịch', issuingBody: 'Bộ Tư pháp', onlineSubmission: { allowed: true } });
    expect(birth.formSchema).not.toBeNull(); // the curated form, not the national record
  });

  it('reaches every national record: each code is its own record or the curated entry of the same procedure', async () => {
    const codes = new Set((await sys.ctx.db.query<{ code: string }>('SELECT code FROM procedures')).map((r) => r.code));
    const unreachable = nationalRecords().filter((r) => !codes.has(r.code)).map((r) => r.code);
    expect(unreachable).toEqual([]);
    // Where a curated entry takes a national code, it is the same procedure (reviewed one by one:
    // a new overlap fails here until someone checks it). 3.000346 and 2.001610 were candidates of
    // other procedures ("Cấp giấy phép lái xe", "Đăng ký thành lập doanh nghiệp tư nhân").
    const SAME = {
      '1.001193': 'Đăng ký khai sinh', '1.000894': 'Đăng ký kết hôn', '1.000656': 'Đăng ký khai tử',
      '1.004873': 'Cấp Giấy xác nhận tình trạng hôn nhân', '2.000635': 'Cấp bản sao trích lục hộ tịch',
      '2.000815': 'Chứng thực bản sao từ bản chính', '2.000884': 'Chứng thực chữ ký', '1.004222': 'Đăng ký thường trú',
      '1.004194': 'Đăng ký tạm trú', '2.000200': 'Cấp thẻ căn cước', '1.001456': 'Cấp hộ chiếu phổ thông',
      '3.000333': 'Cấp Phiếu lý lịch tư pháp', '3.000347': 'Đổi giấy phép lái xe', '2.001583': 'Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên',
      '1.001612': 'Đăng ký thành lập hộ kinh doanh', '1.013225': 'Cấp giấy phép xây dựng',
    } as Record<string, string>;
    const national = new Map(nationalRecords().map((r) => [r.code, r]));
    const overlapping = seedProcedures().procedures.map((p) => (p.code ?? (p.code_candidates as string[])[0]) as string).filter((c) => national.has(c));
    expect(overlapping.sort()).toEqual(Object.keys(SAME).sort());
    for (const [code, name] of Object.entries(SAME)) expect((await get(`/api/v1/procedures/${code}`)).json().name, code).toContain(name);
    // The two records that were hidden behind a wrong curated code are seeded as they are published.
    expect((await get('/api/v1/procedures/3.000346')).json()).toMatchObject({ name: 'Cấp giấy phép lái xe', sector: 'Sát hạch, cấp giấy phép lái xe', issuingBody: 'Bộ Công an' });
    expect((await get('/api/v1/procedures/2.001610')).json()).toMatchObject({ name: 'Đăng ký thành lập doanh nghiệp tư nhân', issuingBody: 'Bộ Tài chính' });
    // The curated entries under their corrected codes take what they did not state from the record.
    const licence = await getProcedureVersionInForce(sys.ctx.db, '3.000347', new Date('2026-03-02T09:00:00+07:00'));
    expect(licence).toMatchObject({ codeVerified: true, deadline: { value: 5, unit: 'working_days', verified: true } });
    expect((await get('/api/v1/procedures/3.000347')).json()).toMatchObject({ sector: 'Sát hạch, cấp giấy phép lái xe', decision: '1025/QĐ-BCA', components: [expect.objectContaining({ name: 'Đơn đề nghị đổi giấy phép lái xe theo mẫu' }), expect.anything(), expect.anything()] });
    expect((await get('/api/v1/procedures/2.001583')).json()).toMatchObject({ sector: 'Thành lập và hoạt động của doanh nghiệp', deadline: { value: 3, unit: 'working_days' } });
  });

  it('browses by sector and by agency', async () => {
    const sectors = (await get('/api/v1/procedure-sectors')).json().items as { name: string; count: number }[];
    expect(sectors.length).toBeGreaterThan(100);
    const civil = sectors.find((x) => x.name === 'Hộ tịch');
    expect(civil?.count).toBeGreaterThan(10);
    const list = (await get(`/api/v1/procedures?sector=${encodeURIComponent('Hộ tịch')}&pageSize=100`)).json();
    expect(list.total).toBe(civil?.count);
    expect(list.items.every((p: { sector: string }) => p.sector === 'Hộ tịch')).toBe(true);
    const narrowed = (await get(`/api/v1/procedures?sector=${encodeURIComponent('Hộ tịch')}&q=khai%20sinh`)).json();
    expect(narrowed.items[0].code).toBe('1.001193');
    expect(narrowed.total).toBeLessThan(civil?.count ?? 0);

    const agencies = (await get('/api/v1/procedure-agencies')).json().items as { issuingBody: string | null; name: string; count: number }[];
    const police = agencies.find((a) => a.issuingBody === 'Bộ Công an' && a.name === 'Công an cấp xã');
    expect(police?.count).toBeGreaterThan(0);
    const byAgency = (await get(`/api/v1/procedures?issuingBody=${encodeURIComponent('Bộ Công an')}&agency=${encodeURIComponent('Công an cấp xã')}&pageSize=100`)).json();
    expect(byAgency.total).toBe(police?.count);
    expect(byAgency.items.map((p: { code: string }) => p.code)).toContain('1.004222');
  });

  it('lists the most used procedures: by dossiers received, then the curated favourites', async () => {
    const before = (await get('/api/v1/popular-procedures?limit=5')).json().items.map((p: { code: string }) => p.code) as string[];
    expect(before).toHaveLength(5);
    const w = await buildWorld(sys);
    const info = (await get('/api/v1/procedures/2.000635')).json();
    await submit(w, { procedure: info });
    const after = (await get('/api/v1/popular-procedures?limit=5')).json().items.map((p: { code: string }) => p.code) as string[];
    expect(after[0]).toBe('2.000635');
    expect((await get('/api/v1/popular-procedures?limit=99')).statusCode).toBe(400);
  });

  it('imports the catalogue as JSON Lines: national records never replace a curated procedure', async () => {
    const record = withDeadline();
    if (!record) throw new Error('the catalogue has a record with a deadline');
    const birth = nationalRecords().find((r) => r.code === '1.001193');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-'));
    const file = path.join(dir, 'procedures.jsonl');
    const lines = [JSON.stringify({ ...birth, name_vi: 'Tên khác' }), JSON.stringify({ ...record, name_vi: `${record.name_vi} (sửa đổi)` }), '{không phải json'];
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    const result = await importProceduresFile(sys.ctx, file);
    expect(result).toMatchObject({ imported: 2, versionsCreated: 1, kept: 1 });
    expect(result.problems).toEqual([expect.stringMatching(/^dòng 3: không phải JSON/)]);
    expect((await get('/api/v1/procedures/1.001193')).json().name).toBe('Đăng ký khai sinh');
    expect((await get(`/api/v1/procedures/${record.code}`)).json().name).toMatch(/\(sửa đổi\)$/);
    fs.writeFileSync(path.join(dir, 'empty.jsonl'), '{"a": 1}\n');
    await expect(importProceduresFile(sys.ctx, path.join(dir, 'empty.jsonl'))).rejects.toMatchObject({ code: 'CATALOG_FILE_INVALID' });
  });
});
