import { describe, expect, it } from 'vitest';
import { loadExcel } from '#platform/heavy-libraries.ts';
import { multipartBody } from '#test/actor-app.ts';
import { systemPerFile, type TestSystem } from '#test/system.ts';

/** Nhập tài khoản từ tệp: POST /api/v1/admin/users/import (CSV with , or ;, BOM or not; .xlsx), all or nothing. */
let sys: TestSystem;
let admin: string;
systemPerFile(async (s) => {
  sys = s;
  admin = await s.login('admin');
});

const HOAN_KIEM = '004.00.50.H01';
const URL = '/api/v1/admin/users/import';

function send(file: Buffer, options: { token?: string; query?: string; key?: string; lang?: string } = {}) {
  const body = multipartBody(file, { filename: 'tai-khoan.csv', contentType: 'text/csv' });
  return sys.app.inject({
    method: 'POST',
    url: `${URL}${options.query ?? ''}`,
    payload: body.payload,
    headers: {
      ...body.headers,
      authorization: `Bearer ${options.token ?? admin}`,
      ...(options.key ? { 'idempotency-key': options.key } : {}),
      ...(options.lang ? { 'accept-language': options.lang } : {}),
    },
  });
}

const csv = (lines: string[], bom = false) => Buffer.from(`${bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`, 'utf8');
const count = async (sql: string, params: unknown[] = []) => (await sys.ctx.db.query<{ n: number }>(sql, params))[0].n;
const usersLike = (prefix: string) => count("SELECT count(*)::int AS n FROM users WHERE username LIKE $1 || '%'", [prefix]);

describe('POST /api/v1/admin/users/import', () => {
  it('creates every account of a valid file, each with a temporary password shown once, the must-change flag and one user.create audit row', async () => {
    const file = csv([
      'username,fullName,role,agencyCode,email,phone,idNumber',
      `nk.motcua1,Nguyễn Văn Một,desk_officer,${HOAN_KIEM},mot@hoankiem.gov.vn,0912 345 678,001085012345`,
      `nk.chuyenvien2,Trần Thị Hai,"specialist;leader",${HOAN_KIEM},,,`,
      'nk.quantri3,Lê Văn Ba,admin,,,,',
    ]);
    const res = await send(file);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(body).toMatchObject({ dryRun: false, created: 3, replayed: false });
    expect(body.accounts.map((a: { row: number; username: string }) => [a.row, a.username])).toEqual([
      [2, 'nk.motcua1'],
      [3, 'nk.chuyenvien2'],
      [4, 'nk.quantri3'],
    ]);
    expect(body.accounts[0]).toMatchObject({ email: 'mot@hoankiem.gov.vn', phone: '0912345678', idNumber: '001085012345', grants: [{ role: 'desk_officer', agencyCode: HOAN_KIEM }] });
    expect(body.accounts[1].grants).toEqual([
      { role: 'specialist', agencyCode: HOAN_KIEM },
      { role: 'leader', agencyCode: HOAN_KIEM },
    ]);
    expect(body.accounts[2].grants).toEqual([{ role: 'admin', agencyCode: null }]);
    const passwords: string[] = body.accounts.map((a: { temporaryPassword: string }) => a.temporaryPassword);
    for (const p of passwords) expect(p).toMatch(/^[A-HJKMNP-Z2-9]{4}(-[A-HJKMNP-Z2-9]{4}){3}$/);
    expect(new Set(passwords).size).toBe(3);

    const flags = await sys.ctx.db.query<{ username: string; must_change_password: boolean }>(
      "SELECT username, must_change_password FROM users WHERE username LIKE 'nk.%' ORDER BY username",
    );
    expect(flags).toEqual([
      { username: 'nk.chuyenvien2', must_change_password: true },
      { username: 'nk.motcua1', must_change_password: true },
      { username: 'nk.quantri3', must_change_password: true },
    ]);
    const audits = await sys.ctx.db.query<{ data: { username: string } }>(
      "SELECT data FROM audit_log WHERE chain = 'users' AND action = 'user.create' AND data->>'username' LIKE 'nk.%' ORDER BY seq",
    );
    expect(audits.map((a) => a.data.username)).toEqual(['nk.motcua1', 'nk.chuyenvien2', 'nk.quantri3']);
    // the temporary password signs in, and the session must change it first
    const token = await sys.login('nk.motcua1', passwords[0]);
    const me = await sys.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.json()).toMatchObject({ mustChangePassword: true, roles: ['desk_officer'] });
    // never kept: neither in the audit trail nor in the Idempotency-Key store
    for (const p of passwords) {
      expect(await count("SELECT count(*)::int AS n FROM audit_log WHERE data::text LIKE '%' || $1 || '%'", [p])).toBe(0);
      expect(await count("SELECT count(*)::int AS n FROM idempotency_keys WHERE response::text LIKE '%' || $1 || '%'", [p])).toBe(0);
    }

    // the same file again: every username is now a row problem, nothing created twice
    const again = await send(file);
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('IMPORT_INVALID');
    expect(again.json().error.problems.map((p: { row: number; column: string }) => [p.row, p.column])).toEqual([
      [2, 'username'],
      [2, 'idNumber'],
      [2, 'email'],
      [3, 'username'],
      [4, 'username'],
    ]);
    expect(await usersLike('nk.')).toBe(3);

    // an identity number another account has is a row problem too (a unique column: not a 500)
    const sameId = await send(csv(['username,fullName,role,agencyCode,idNumber', `nk.khac,Người Khác,specialist,${HOAN_KIEM},001085012345`]));
    expect(sameId.json().error.problems).toMatchObject([{ row: 2, column: 'idNumber', vi: 'Số định danh này đã thuộc một tài khoản khác' }]);
  });

  it('reports every bad row (Vietnamese and English) and writes nothing when one row is bad', async () => {
    const before = await count('SELECT count(*)::int AS n FROM audit_log');
    const file = csv([
      'username,fullName,role,agencyCode,email,phone,idNumber',
      `bad.ok1,Người Hợp Lệ,desk_officer,${HOAN_KIEM},,,`,
      `Bad Name!,Người Sai Tên,desk_officer,${HOAN_KIEM},,,`,
      `bad.ok1,Trùng Tên,specialist,${HOAN_KIEM},,,`,
      'bad.noagency,Không Cơ Quan,specialist,,,,',
      'bad.agency,Cơ Quan Lạ,leader,999.99.99.X99,,,',
      `bad.role,Vai Trò Lạ,chief,${HOAN_KIEM},khong-phai-email,12345,123`,
      `bad.system,Cổng Thanh Toán,payment_gateway,${HOAN_KIEM},,,`,
      `bad.taken,Tên Đã Có,desk_officer,${HOAN_KIEM},,,`.replace('bad.taken', 'admin'),
      `bad.mail1,Thư Một,desk_officer,${HOAN_KIEM},Chung@HoanKiem.gov.vn,,`,
      `bad.mail2,Thư Hai,desk_officer,${HOAN_KIEM}, chung@hoankiem.gov.vn ,,`,
      `bad.mail3,Thư Ba,desk_officer,${HOAN_KIEM},MOT@hoankiem.gov.vn,,`,
    ]);
    const res = await send(file);
    expect(res.statusCode).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('IMPORT_INVALID');
    expect(error.message).toBe(`Danh sách có ${error.problems.length} lỗi; chưa tạo tài khoản nào`);
    expect(error.problems.map((p: { row: number; column: string }) => `${p.row}:${p.column}`)).toEqual([
      '3:username',
      '4:username',
      '5:agencyCode',
      '6:agencyCode',
      '7:email',
      '7:phone',
      '7:idNumber',
      '7:role',
      '8:role',
      '9:username',
      '11:email',
      '12:email',
    ]);
    const byRow = (row: number, column: string) => error.problems.find((p: { row: number; column: string }) => p.row === row && p.column === column);
    expect(byRow(4, 'username')).toMatchObject({ vi: 'Trùng tên đăng nhập với dòng 2', en: 'Same username as row 2' });
    expect(byRow(5, 'agencyCode').vi).toBe('Vai trò specialist phải gắn với một cơ quan: điền mã cơ quan');
    expect(byRow(6, 'agencyCode').en).toBe('No agency with code "999.99.99.X99" in the register');
    expect(byRow(9, 'username')).toMatchObject({ vi: 'Tên đăng nhập đã tồn tại', en: 'This username is already taken' });
    // one account per e-mail address, trimmed and case aside: in the file and against the accounts (row 2 of the first test)
    expect(byRow(11, 'email').vi).toBe('Trùng e-mail với dòng 10');
    expect(byRow(12, 'email').vi).toBe('Địa chỉ e-mail này đã được dùng cho một tài khoản khác');
    expect(byRow(7, 'role').vi).toMatch(/^Vai trò không rõ "chief"/);
    expect(error.details[0]).toEqual({ field: 'row 3: username', message: byRow(3, 'username').vi });
    expect(await usersLike('bad.')).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM audit_log')).toBe(before);

    // in English, the same problems in English
    const en = await send(file, { lang: 'en' });
    expect(en.json().error.message).toBe(`The list has ${error.problems.length} problems; no account was created`);
    expect(en.json().error.problems[0].message).toBe(en.json().error.problems[0].en);
  });

  it('reads a semicolon CSV with a BOM and Vietnamese headers, as Excel writes it in a Vietnamese locale', async () => {
    const file = csv(['Tên đăng nhập;Họ và tên;Vai trò;Mã cơ quan;Số điện thoại', `vn.motcua;Phạm Thị Bốn;desk_officer, specialist;${HOAN_KIEM};0987654321`], true);
    const res = await send(file);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().accounts[0]).toMatchObject({
      row: 2,
      username: 'vn.motcua',
      fullName: 'Phạm Thị Bốn',
      phone: '0987654321',
      grants: [
        { role: 'desk_officer', agencyCode: HOAN_KIEM },
        { role: 'specialist', agencyCode: HOAN_KIEM },
      ],
    });
  });

  it('reads an Excel workbook, giving a phone and an identity number stored as numbers their leading 0 back', async () => {
    const wb = new (await loadExcel()).Workbook();
    const sheet = wb.addWorksheet('Tài khoản');
    sheet.addRow(['Tên đăng nhập', 'Họ và tên', 'Vai trò', 'Mã cơ quan', 'Email', 'Số điện thoại', 'Số định danh']);
    sheet.addRow(['xl.vanthu', 'Hoàng Thị Năm', 'clerk', HOAN_KIEM, { text: 'nam@hoankiem.gov.vn', hyperlink: 'mailto:nam@hoankiem.gov.vn' }, 912345678, 2090012345]);
    sheet.addRow([]);
    sheet.addRow(['xl.lanhdao', 'Vũ Văn Sáu', 'leader', HOAN_KIEM]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const preview = await send(bytes, { query: '?dryRun=true' });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ dryRun: true, format: 'xlsx', problems: [] });
    expect(preview.json().accounts).toEqual([
      { row: 2, username: 'xl.vanthu', fullName: 'Hoàng Thị Năm', email: 'nam@hoankiem.gov.vn', phone: '0912345678', idNumber: '002090012345', grants: [{ role: 'clerk', agencyCode: HOAN_KIEM }] },
      { row: 4, username: 'xl.lanhdao', fullName: 'Vũ Văn Sáu', email: null, phone: null, idNumber: null, grants: [{ role: 'leader', agencyCode: HOAN_KIEM }] },
    ]);
    expect(await usersLike('xl.')).toBe(0); // a dry run writes nothing
    const res = await send(bytes);
    expect(res.statusCode, res.body).toBe(201);
    expect(await usersLike('xl.')).toBe(2);
  });

  it('previews with ?dryRun=true: the valid rows and every problem, nothing written', async () => {
    const audits = await count('SELECT count(*)::int AS n FROM audit_log');
    const file = csv(['username,fullName,role,agencyCode', `dry.one,Đinh Văn Bảy,desk_officer,${HOAN_KIEM}`, 'dry.two,X,desk_officer,']);
    const res = await send(file, { query: '?dryRun=true', key: 'dry-run-key' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.accounts.map((a: { username: string }) => a.username)).toEqual(['dry.one']);
    expect(body.problems.map((p: { row: number; column: string }) => `${p.row}:${p.column}`)).toEqual(['3:fullName', '3:agencyCode']);
    expect(body.problems[0]).toMatchObject({ message: 'Cần ít nhất 2 ký tự', vi: 'Cần ít nhất 2 ký tự' });
    expect(await usersLike('dry.')).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM audit_log')).toBe(audits);
    expect(await count("SELECT count(*)::int AS n FROM idempotency_keys WHERE key = 'dry-run-key'")).toBe(0);
  });

  it('replays an import sent again under the same Idempotency-Key: nothing created twice, no password shown again', async () => {
    const file = csv(['username,fullName,role,agencyCode', `rp.motcua,Mai Văn Tám,desk_officer,${HOAN_KIEM}`]);
    const first = await send(file, { key: 'import-rp-1' });
    expect(first.statusCode, first.body).toBe(201);
    const password = first.json().accounts[0].temporaryPassword;
    const again = await send(file, { key: 'import-rp-1' });
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toMatchObject({ dryRun: false, created: 1, replayed: true, accounts: [{ username: 'rp.motcua', id: first.json().accounts[0].id, temporaryPassword: null }] });
    expect(await usersLike('rp.')).toBe(1);
    const stored = await sys.ctx.db.query<{ response: string }>("SELECT response::text AS response FROM idempotency_keys WHERE key = 'import-rp-1'");
    expect(stored).toHaveLength(1);
    expect(stored[0].response).not.toContain(password);
    // another file under the same key is refused
    const other = await send(csv(['username,fullName,role,agencyCode', `rp.khac,Mai Văn Chín,desk_officer,${HOAN_KIEM}`]), { key: 'import-rp-1' });
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses a non-administrator (403) and a file that is neither CSV nor .xlsx, by its content', async () => {
    const officer = await sys.login('motcua.hoankiem');
    const file = csv(['username,fullName,role,agencyCode', `no.one,Người Không Được,desk_officer,${HOAN_KIEM}`]);
    const refused = await send(file, { token: officer });
    expect(refused.statusCode).toBe(403);
    expect(await usersLike('no.')).toBe(0);
    const pdf = await send(Buffer.from('%PDF-1.7\n\u0000\u0001binary'));
    expect(pdf.statusCode).toBe(415);
    expect(pdf.json().error.code).toBe('IMPORT_UNREADABLE');
    const latin1 = await send(Buffer.from('username,fullName,role\nx.y,Nguy\xean,admin\n', 'latin1'));
    expect(latin1.json().error.code).toBe('IMPORT_UNREADABLE');
    const xls = await send(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    expect(xls.json().error.details[0].message).toMatch(/\.xls/);
  });

  it('names the header problems: a missing column, an unknown one', async () => {
    const res = await send(csv(['username,Họ và tên,Chức vụ', 'hd.one,Người Một,x']));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.problems.map((p: { row: number; column: string }) => `${p.row}:${p.column}`)).toEqual(['1:Chức vụ', '1:role']);
  });

  it('caps the rows of one import', async () => {
    const rows = Array.from({ length: 501 }, (_, i) => `cap.u${i},Người Thứ ${i},admin,`);
    const res = await send(csv(['username,fullName,role,agencyCode', ...rows]));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'IMPORT_TOO_MANY_ROWS', message: 'Tệp có 501 tài khoản, mỗi lần nhập tối đa 500; hãy chia thành nhiều tệp' });
  });
});

describe('seed/users.sample.csv (the sample of docs/OPERATIONS.md)', () => {
  it('passes the dry run as it is', async () => {
    const fs = await import('node:fs');
    const res = await send(fs.readFileSync('seed/users.sample.csv'), { query: '?dryRun=true' });
    expect(res.json()).toMatchObject({ dryRun: true, problems: [] });
    expect(res.json().accounts).toHaveLength(6);
    expect(res.json().accounts[4].grants.map((g: { role: string }) => g.role)).toEqual(['desk_officer', 'specialist']);
  });

  it('passes as the workbook LibreOffice Calc saved from it (seed/users.sample.xlsx): the same accounts as the CSV', async () => {
    const fs = await import('node:fs');
    const xlsx = fs.readFileSync('seed/users.sample.xlsx');
    // Written by LibreOffice 7 (`soffice --headless --convert-to xlsx users.sample.csv`; docProps/app.xml
    // names it), not by the exceljs the tests above write with.
    const [fromCsv, fromXlsx] = await Promise.all([send(fs.readFileSync('seed/users.sample.csv'), { query: '?dryRun=true' }), send(xlsx, { query: '?dryRun=true' })]);
    expect(fromXlsx.json()).toMatchObject({ dryRun: true, format: 'xlsx', problems: [] });
    expect(fromXlsx.json().accounts).toEqual(fromCsv.json().accounts);
  });
});
