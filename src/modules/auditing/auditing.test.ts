import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeCheckpoint } from '#platform/audit.ts';
import { APPLICANT, actOk, auth, fileProcedure, fileWorld, hasLibreOffice, moreUsers, setNow, submit } from '#test/factories.ts';
import { agenciesCovered } from './auditing.repository.ts';
import { cell } from './export-audit-trail.ts';

const w = fileWorld();
const proc = fileProcedure(w, '1.004873');
const more = moreUsers(() => w.sys);

/**
 * A dossier of a resident of Hoàn Kiếm (or Ba Đình) received at their ward and read once by its
 * desk: its code and id. (A dossier received in one ward for another concerns both.)
 */
async function receivedAt(where: 'hoankiem' | 'badinh') {
  setNow(w, '2026-03-09T09:00:00+07:00');
  const desk = where === 'hoankiem' ? 'motcua.hoankiem' : 'motcua.badinh';
  const applicant = where === 'hoankiem' ? APPLICANT : { ...APPLICANT, address: { communeCode: '00004', detail: 'Số 2 phố Điện Biên Phủ' } };
  const d = await submit(w, { user: desk, procedure: proc, body: { receivingAgency: w.agency[where], applicant } });
  const received = await actOk(w, desk, d.id, { action: 'receive' });
  expect((await w.sys.app.inject({ method: 'GET', url: `/api/v1/dossiers/${d.id}`, headers: auth(w, desk) })).statusCode).toBe(200);
  return { id: d.id, code: received.code as string };
}

/**
 * A dossier of another province (Thành phố Hồ Chí Minh, 79): submitted online to one of its wards
 * and received there by that ward's desk officer, made for the test; its id, code and that officer.
 */
async function receivedInAnotherProvince() {
  setNow(w, '2026-03-09T09:00:00+07:00');
  const [ward] = await w.sys.ctx.db.query<{ code: string; commune: string }>(
    `SELECT code, admin_unit_code AS commune FROM agencies WHERE province_code = '79' AND level = 'xa' AND kind = 'people_committee' ORDER BY code LIMIT 1`,
  );
  const desk = 'motcua.hcm';
  if (!more.userId[desk]) {
    const created = await w.sys.app.inject({
      method: 'POST',
      url: '/api/v1/admin/users',
      headers: auth(w, 'admin'),
      payload: { username: desk, fullName: 'Lâm Thị Phương', password: 'MatKhauManh@1', grants: [{ role: 'desk_officer', agencyCode: ward.code }] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const login = await w.sys.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: desk, password: 'MatKhauManh@1' } });
    more.userId[desk] = login.json().user.id;
    hcmDesk.authorization = `Bearer ${login.json().token}`;
    // an account an administrator made chooses its own password first (đổi mật khẩu bắt buộc)
    const own = { currentPassword: 'MatKhauManh@1', newPassword: 'MatKhauRieng@2' };
    expect((await w.sys.app.inject({ method: 'POST', url: '/api/v1/me/password', headers: hcmDesk, payload: own })).statusCode).toBe(200);
  }
  const d = await submit(w, { procedure: proc, body: { receivingAgency: ward.code, applicant: { ...APPLICANT, address: { communeCode: ward.commune, detail: 'Số 5 đường Lê Lợi' } } } });
  const received = await w.sys.app.inject({ method: 'POST', url: `/api/v1/dossiers/${d.id}/actions`, headers: hcmDesk, payload: { action: 'receive' } });
  expect(received.statusCode, received.body).toBe(200);
  return { id: d.id, code: received.json().code as string, desk };
}
const hcmDesk = { authorization: '' };

async function trail(headers: Record<string, string | undefined>, query: Record<string, string | number> = {}) {
  const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
  return w.sys.app.inject({ method: 'GET', url: `/api/v1/audit/entries${qs ? `?${qs}` : ''}`, headers });
}

describe('the audit trail an auditor reads (nhật ký kiểm toán)', () => {
  it("shows an agency's auditor every row of its dossier, in words, and nothing of another agency's", async () => {
    await more.login('kiemtoan.hoankiem');
    const auditor = more.as('kiemtoan.hoankiem');
    const ours = await receivedAt('hoankiem');
    const theirs = await receivedAt('badinh');

    const res = await trail(auditor, { dossierCode: ours.code.toLowerCase() });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const page = res.json();
    expect(page.scope).toEqual([{ code: w.agency.hoankiem, name: 'Ủy ban nhân dân Phường Hoàn Kiếm', province: null }]);
    const actions = page.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['dossier.submit', 'dossier.receive', 'dossier.read']));
    const reception = page.items.find((e: { action: string }) => e.action === 'dossier.receive');
    expect(reception).toMatchObject({
      label: 'Tiếp nhận hồ sơ',
      labelEn: 'Dossier received',
      actor: { username: 'motcua.hoankiem', fullName: 'Trần Minh Anh' },
      subject: { type: 'dossier', id: ours.id, dossierCode: ours.code },
      chain: `dossier:${ours.id}`,
      sealed: true,
    });
    // newest first
    const ids = page.items.map((e: { id: number }) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));

    // Ba Đình's dossier: as if it did not exist; and no row of it, or by Ba Đình's desk, in the whole trail
    const refused = await trail(auditor, { dossierCode: theirs.code });
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.code).toBe('AUDIT_DOSSIER_NOT_FOUND');
    const all = (await trail(auditor, { limit: 200 })).json().items as { subject: { id: string }; actor: { username: string } | null }[];
    expect(all.some((e) => e.subject.id === ours.id)).toBe(true);
    expect(all.some((e) => e.subject.id === theirs.id || e.actor?.username === 'motcua.badinh')).toBe(false);

    // an administrator of the whole installation sees both
    const admin = await trail(auth(w, 'admin'), { dossierCode: theirs.code });
    expect(admin.statusCode).toBe(200);
    expect(admin.json().scope).toBeNull();
    expect(admin.json().items.some((e: { action: string }) => e.action === 'dossier.receive')).toBe(true);
  });

  it("shows a province's auditor (thanh tra tỉnh) the trail of every agency of the province, and nothing of another province's", async () => {
    await more.login('kiemtoan.hanoi');
    const auditor = more.as('kiemtoan.hanoi');
    const hoanKiem = await receivedAt('hoankiem');
    const baDinh = await receivedAt('badinh');
    const elsewhere = await receivedInAnotherProvince();

    // reading: both wards' dossiers and staff, by code or in the whole trail; the other province's not at all
    const page = (await trail(auditor, { limit: 200 })).json();
    expect(page.scope).toEqual([{ code: expect.any(String), name: 'Ủy ban nhân dân Thành phố Hà Nội', province: 'Thành phố Hà Nội' }]);
    const seen = page.items as { subject: { id: string }; actor: { username: string } | null }[];
    expect(seen.some((e) => e.subject.id === hoanKiem.id)).toBe(true);
    expect(seen.some((e) => e.subject.id === baDinh.id)).toBe(true);
    expect(seen.some((e) => e.subject.id === elsewhere.id || e.actor?.username === elsewhere.desk)).toBe(false);
    for (const d of [hoanKiem, baDinh]) {
      const rows = await trail(auditor, { dossierCode: d.code });
      expect(rows.statusCode, rows.body).toBe(200);
      expect(rows.json().items.map((e: { action: string }) => e.action)).toContain('dossier.receive');
    }
    for (const desk of ['motcua.hoankiem', 'motcua.badinh']) expect((await trail(auditor, { username: desk })).json().items.length).toBeGreaterThan(0);
    expect((await trail(auditor, { username: elsewhere.desk })).json().items).toEqual([]);
    const refused = await trail(auditor, { dossierCode: elsewhere.code });
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.code).toBe('AUDIT_DOSSIER_NOT_FOUND');
    // …while the installation's administrator sees that dossier, so it is the scope that hides it
    expect((await trail(auth(w, 'admin'), { dossierCode: elsewhere.code })).statusCode).toBe(200);

    // export: the same scope
    const csv = await w.sys.app.inject({ method: 'GET', url: '/api/v1/audit/entries.csv?action=dossier.receive', headers: auditor });
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.body).toContain(hoanKiem.code);
    expect(csv.body).toContain(baDinh.code);
    expect(csv.body).not.toContain(elsewhere.code);
    expect(csv.body).not.toContain(elsewhere.desk);

    // the chain check: both wards' dossiers, not the other province's
    const check = (id: string) => w.sys.app.inject({ method: 'GET', url: `/api/v1/audit/check?chain=dossier:${id}`, headers: auditor });
    for (const d of [hoanKiem, baDinh]) expect((await check(d.id)).json()).toMatchObject({ chain: `dossier:${d.id}`, intact: true });
    const outside = await check(elsewhere.id);
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error.code).toBe('AUDIT_CHAIN_OUT_OF_SCOPE');

    // a ward's auditor keeps the ward
    await more.login('kiemtoan.hoankiem');
    expect((await trail(more.as('kiemtoan.hoankiem'), { dossierCode: baDinh.code })).statusCode).toBe(404);
  });

  it("covers the province of a provincial People's Committee (its departments, communes and their police), not a central body seated there", async () => {
    const db = w.sys.ctx.db;
    const [hanoi] = await db.query<{ code: string }>(`SELECT code FROM agencies WHERE province_code = '01' AND level = 'tinh' AND kind = 'people_committee'`);
    // a ministry's unit, as a national node seats it in Hà Nội (places/ministries.ts)
    await db.query(`INSERT INTO agencies (code, name, kind, level, province_code, admin_unit_code) VALUES ('000.00.99.G99', 'Bộ Thử nghiệm', 'ministry', 'tw', '01', '000.00.99.G99')`);
    const covered = await agenciesCovered(db, [hanoi.code]);
    expect(covered).toEqual(expect.arrayContaining([hanoi.code, w.agency.hoankiem, w.agency.badinh]));
    expect(covered).not.toContain('000.00.99.G99');
    const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM agencies WHERE province_code = '01' AND level IN ('tinh', 'xa')`);
    expect(covered).toHaveLength(n);
    // a ward's grant covers the ward, a provincial department's (Công an Thành phố) that department
    expect(await agenciesCovered(db, [w.agency.hoankiem])).toEqual([w.agency.hoankiem]);
    const [police] = await db.query<{ code: string }>(`SELECT code FROM agencies WHERE province_code = '01' AND level = 'tinh' AND kind = 'police'`);
    expect(await agenciesCovered(db, [police.code])).toEqual([police.code]);
  });

  it('records every read of the trail, and pages back through it without overlap', async () => {
    await more.login('kiemtoan.hoankiem');
    const auditor = more.as('kiemtoan.hoankiem');
    await receivedAt('hoankiem');
    await trail(auditor, { action: 'dossier.rec', from: '2026-03-09', to: '2026-03-09' });
    const reads = (await trail(auth(w, 'admin'), { action: 'audit.read', username: 'kiemtoan.hoankiem' })).json().items;
    expect(reads[0]).toMatchObject({ label: 'Xem nhật ký kiểm toán', chain: 'audit-reads', data: { action: 'dossier.rec', from: '2026-03-09', to: '2026-03-09' } });

    const first = (await trail(auditor, { limit: 2 })).json();
    expect(first.items).toHaveLength(2);
    expect(first.nextBefore).toBe(first.items[1].id);
    const second = (await trail(auditor, { limit: 2, before: first.nextBefore })).json();
    expect(second.items[0].id).toBeLessThan(first.items[1].id);

    // a period with nothing in it, and whole days of Vietnam's calendar: 9 March ends at 17:00 UTC
    expect((await trail(auditor, { from: '2026-03-10', to: '2026-03-10', action: 'dossier.' })).json().items).toEqual([]);
    const day = (await trail(auditor, { from: '2026-03-09', to: '2026-03-09', action: 'dossier.receive' })).json().items;
    expect(day.length).toBeGreaterThan(0);
  });

  it('refuses other roles, strangers and bad filters with a clear error', async () => {
    await more.login('kiemtoan.hoankiem');
    const auditor = more.as('kiemtoan.hoankiem');
    expect((await trail({})).statusCode).toBe(401);
    expect((await trail(auth(w, 'motcua.hoankiem'))).statusCode).toBe(403);
    expect((await trail(auth(w, 'lanhdao.hanoi'))).statusCode).toBe(403);
    expect((await trail(auth(w, 'congdan'))).statusCode).toBe(403);
    const backwards = await trail(auditor, { from: '2026-03-10', to: '2026-03-09' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.code).toBe('VALIDATION_FAILED');
    expect((await trail(auditor, { action: "x'; DROP TABLE audit_log; --" })).statusCode).toBe(400);
    expect((await trail(auditor, { from: '2026-02-30' })).statusCode).toBe(400);
    expect((await trail(auditor, { limit: 1000 })).statusCode).toBe(400);
    const nobody = await trail(auditor, { username: 'khong.co.ai' });
    expect(nobody.statusCode).toBe(404);
    expect(nobody.json().error).toMatchObject({ code: 'AUDIT_USER_NOT_FOUND', message: 'Không có tài khoản với tên đăng nhập này' });
  });

  it('exports the same rows as a CSV file that LibreOffice opens, its cells never formulas', async () => {
    await more.login('kiemtoan.hoankiem');
    const ours = await receivedAt('hoankiem');
    const res = await w.sys.app.inject({ method: 'GET', url: `/api/v1/audit/entries.csv?dossierCode=${ours.code}`, headers: more.as('kiemtoan.hoankiem') });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="nhat-ky-kiem-toan-2026-03-09\.csv"$/);
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = res.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('Thời điểm (giờ Việt Nam),Thao tác,Mã thao tác,Người thực hiện,Tài khoản,Đối tượng,Mã hồ sơ,Chuỗi,Số thứ tự,Niêm phong,Dữ liệu');
    // the test clock starts at 09:00 and runs on
    expect(lines.some((l) => /^2026-03-09 09:\d\d:\d\d,Tiếp nhận hồ sơ,dossier\.receive,Trần Minh Anh,motcua\.hoankiem,/.test(l) && l.includes(ours.code)), lines.slice(0, 6).join("\n")).toBe(true);
    expect(Number(res.headers['x-rows'])).toBe(lines.length - 1);

    // in English when the request asks for it (Accept-Language, or the app's `?lang=en`); the same rows
    const csvLines = (r: { body: string }) => r.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    const url = `/api/v1/audit/entries.csv?dossierCode=${ours.code}`;
    const english = await w.sys.app.inject({ method: 'GET', url, headers: { ...more.as('kiemtoan.hoankiem'), 'accept-language': 'en-GB,en;q=0.9' } });
    expect(english.statusCode, english.body).toBe(200);
    expect(english.headers['content-disposition']).toMatch(/^attachment; filename="audit-trail-2026-03-09\.csv"$/);
    const en = csvLines(english);
    expect(en[0]).toBe('Time (Vietnam),Action,Action code,Done by,Account,Subject,Dossier code,Chain,Sequence number,Sealed,Data');
    expect(en.some((l) => /^2026-03-09 09:\d\d:\d\d,Dossier received,dossier\.receive,Trần Minh Anh,motcua\.hoankiem,/.test(l) && l.includes(ours.code))).toBe(true);
    expect(en.filter((l) => /,(có|không),/.test(l))).toEqual([]);
    expect(en).toHaveLength(lines.length);
    const asked = await w.sys.app.inject({ method: 'GET', url: `${url}&lang=en`, headers: { ...more.as('kiemtoan.hoankiem'), 'accept-language': 'vi' } });
    expect(csvLines(asked)[0]).toBe(en[0]);
    // Vietnamese stays the default: another language, or none asked
    const other = await w.sys.app.inject({ method: 'GET', url, headers: { ...more.as('kiemtoan.hoankiem'), 'accept-language': 'fr-FR' } });
    expect(csvLines(other)[0]).toBe(lines[0]);

    expect(cell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(cell('-1+1')).toBe("'-1+1");
    expect(cell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(cell('Nguyễn Văn A, phường Hoàn Kiếm')).toBe('"Nguyễn Văn A, phường Hoàn Kiếm"');

    if (!hasLibreOffice()) return;
    // LibreOffice, an independent reader, opens the file as UTF-8 with its header and the reception row
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-audit-csv-'));
    fs.writeFileSync(path.join(dir, 'trail.csv'), res.rawPayload);
    fs.writeFileSync(path.join(dir, 'trail-en.csv'), english.rawPayload);
    const run = spawnSync(
      'libreoffice',
      [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--infilter=CSV:44,34,76', '--convert-to', 'html', '--outdir', dir, path.join(dir, 'trail.csv'), path.join(dir, 'trail-en.csv')],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(run.status, run.stderr).toBe(0);
    const html = fs.readFileSync(path.join(dir, 'trail.html'), 'utf8');
    expect(html).toContain('Thời điểm (giờ Việt Nam)');
    expect(html).toContain('Tiếp nhận hồ sơ');
    expect(html).toContain(ours.code);
    const htmlEn = fs.readFileSync(path.join(dir, 'trail-en.html'), 'utf8');
    expect(htmlEn).toContain('Time (Vietnam)');
    expect(htmlEn).toContain('Dossier received');
    expect(htmlEn).toContain('Trần Minh Anh');
  });

  it("checks a dossier's chain against the latest signed checkpoint, and finds a row rewritten in the database", async () => {
    await more.login('kiemtoan.hoankiem');
    const auditor = more.as('kiemtoan.hoankiem');
    const ours = await receivedAt('hoankiem');
    const check = (chain: string, headers: Record<string, string | undefined> = auditor) => w.sys.app.inject({ method: 'GET', url: `/api/v1/audit/check?chain=${encodeURIComponent(chain)}`, headers });

    await writeCheckpoint(w.sys.ctx.db, { force: true });
    const intact = await check(`dossier:${ours.id}`);
    expect(intact.statusCode, intact.body).toBe(200);
    expect(intact.json()).toMatchObject({ chain: `dossier:${ours.id}`, intact: true, problems: [], rowsSinceCheckpoint: 0 });
    expect(intact.json().rows).toBeGreaterThanOrEqual(3);
    expect(intact.json().checkpoint.headSeq).toBe(intact.json().rows);

    // someone with the database's password changes what the reception recorded
    await w.sys.ctx.db.query(`UPDATE audit_log SET data = jsonb_set(data, '{to}', '"REJECTED_AT_INTAKE"') WHERE chain = $1 AND action = 'dossier.receive'`, [`dossier:${ours.id}`]);
    const altered = (await check(`dossier:${ours.id}`)).json();
    expect(altered.intact).toBe(false);
    expect(altered.problems).toContainEqual({ seq: 2, problem: 'altered' });

    // …or deletes the chain's last rows: the checkpoint still names its head
    await w.sys.ctx.db.query('DELETE FROM audit_log WHERE chain = $1 AND seq > 1', [`dossier:${ours.id}`]);
    expect((await check(`dossier:${ours.id}`)).json().problems).toContainEqual(expect.objectContaining({ problem: 'truncated' }));

    // the accounts' chain is not a Hoàn Kiếm dossier's: the installation's auditor or administrator checks it
    const users = await check('users');
    expect(users.statusCode).toBe(403);
    expect(users.json().error.code).toBe('AUDIT_CHAIN_OUT_OF_SCOPE');
    expect((await check('users', auth(w, 'admin'))).statusCode).toBe(200);
    expect((await check('users', auth(w, 'motcua.hoankiem'))).statusCode).toBe(403);
  });
});
