import { describe, expect, it } from 'vitest';
import { systemPerFile, type TestSystem } from '#test/system.ts';
import { ConfigError } from '../../config.ts';
import { actionLabel } from '#modules/auditing/action-labels.ts';
import { refuseDemoPasswordsInProduction } from './seed-identity.ts';

let sys: TestSystem;
systemPerFile((s) => {
  sys = s;
});

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  sys.app.inject({ method: 'POST', url, payload: payload as object, headers });
const me = (headers: Record<string, string>) => sys.app.inject({ method: 'GET', url: '/api/v1/me', headers });

describe('login', () => {
  it('signs in a desk officer with a token and an httpOnly SameSite cookie', async () => {
    const res = await post('/api/v1/auth/login', { username: 'motcua.hoankiem', password: 'MotCua@2026' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user).toMatchObject({ username: 'motcua.hoankiem', roles: ['desk_officer'] });
    expect(body.user.agencies).toEqual([
      { code: expect.stringMatching(/\.H01$/), name: 'Ủy ban nhân dân Phường Hoàn Kiếm', adminUnitCode: '00070' },
    ]);
    // never a password or its hash (mustChangePassword and hasPassword, flags, aside)
    expect(body.user).toMatchObject({ mustChangePassword: false, hasPassword: true });
    expect(JSON.stringify({ ...body, user: { ...body.user, mustChangePassword: undefined, hasPassword: undefined } })).not.toMatch(/password|argon2/i);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/motcua_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    // Its life in seconds (12 hours), not a date the browser would read with its own clock.
    expect(cookie).toMatch(/Max-Age=43200(;|$)/);
    expect(cookie).not.toMatch(/Expires=/);
    expect((await me({ authorization: `Bearer ${body.token}` })).json().username).toBe('motcua.hoankiem');
    expect((await me({ cookie: `motcua_session=${body.token}` })).json().fullName).toBe('Trần Minh Anh');
  });

  it('answers 401 alike for a wrong password and an unknown user', async () => {
    const wrong = await post('/api/v1/auth/login', { username: 'congdan', password: 'sai-mat-khau' });
    const unknown = await post('/api/v1/auth/login', { username: 'khong.ton.tai', password: 'x' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    expect(wrong.json().error).toEqual({ code: 'INVALID_CREDENTIALS', message: 'Tên đăng nhập hoặc mật khẩu không đúng' });
  });

  it('rate-limits repeated failures for one username, even with the right password', async () => {
    for (let i = 0; i < 5; i++) await post('/api/v1/auth/login', { username: 'lanhdao.badinh', password: 'sai' });
    const blocked = await post('/api/v1/auth/login', { username: 'lanhdao.badinh', password: 'MotCua@2026' });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('RATE_LIMITED');
    sys.clock.set(new Date(Date.now() + 16 * 60_000));
    expect((await post('/api/v1/auth/login', { username: 'lanhdao.badinh', password: 'MotCua@2026' })).statusCode).toBe(200);
    sys.clock.reset();
  });

  it('validates the body and names the field', async () => {
    const res = await post('/api/v1/auth/login', { username: '' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['body.username', 'body.password']));
  });
});

describe('sessions', () => {
  it('logout revokes the session', async () => {
    const token = await sys.login('chuyenvien.hoankiem');
    expect((await post('/api/v1/auth/logout', {}, { authorization: `Bearer ${token}` })).statusCode).toBe(200);
    expect((await me({ authorization: `Bearer ${token}` })).statusCode).toBe(401);
  });

  it('an expired session is refused', async () => {
    const token = await sys.login('lanhdao.hoankiem');
    sys.clock.set(new Date(Date.now() + 13 * 3600_000));
    expect((await me({ authorization: `Bearer ${token}` })).statusCode).toBe(401);
    sys.clock.reset();
    expect((await me({ authorization: `Bearer ${token}` })).statusCode).toBe(200);
  });

  it('refuses a cookie-borne mutation from another site (CSRF)', async () => {
    const token = await sys.login('congdan');
    const res = await post('/api/v1/auth/logout', {}, { cookie: `motcua_session=${token}`, origin: 'https://evil.example' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_REJECTED');
    const sameSite = await post('/api/v1/auth/logout', {}, { cookie: `motcua_session=${token}`, origin: 'http://localhost:80', host: 'localhost:80' });
    expect(sameSite.statusCode).toBe(200);
  });
});

describe('user administration', () => {
  it('is for administrators only', async () => {
    expect((await sys.app.inject({ method: 'GET', url: '/api/v1/admin/users' })).statusCode).toBe(401);
    const desk = await sys.login('motcua.hoankiem');
    const res = await sys.app.inject({ method: 'GET', url: '/api/v1/admin/users', headers: { authorization: `Bearer ${desk}` } });
    expect(res.statusCode).toBe(403);
  });

  it('creates an officer with grants, audited, who can then sign in', async () => {
    const admin = await sys.login('admin');
    const auth = { authorization: `Bearer ${admin}` };
    const agency = (await sys.app.inject({ method: 'GET', url: '/api/v1/agencies?adminUnitCode=00070&kind=people_committee' })).json().items[0];
    const created = await post(
      '/api/v1/admin/users',
      { username: 'motcua2.hoankiem', fullName: 'Lý Thị Hoa', password: 'MatKhauManh@1', grants: [{ role: 'desk_officer', agencyCode: agency.code }] },
      auth,
    );
    expect(created.statusCode).toBe(201);
    const again = await post(
      '/api/v1/admin/users',
      { username: 'motcua2.hoankiem', fullName: 'Người Khác', password: 'MatKhauManh@1', grants: [{ role: 'desk_officer', agencyCode: agency.code }] },
      auth,
    );
    expect(again.json().error.code).toBe('USERNAME_TAKEN');
    // an office held at no agency would act everywhere: refused, naming the field
    const nowhere = await post(
      '/api/v1/admin/users',
      { username: 'motcua3.hoankiem', fullName: 'Người Khác', password: 'MatKhauManh@1', grants: [{ role: 'desk_officer', agencyCode: null }] },
      auth,
    );
    expect(nowhere.statusCode).toBe(400);
    expect(nowhere.json().error.details).toContainEqual(expect.objectContaining({ field: 'body.grants.0.agencyCode', message: expect.stringContaining('vai trò này phải gắn với một cơ quan') }));
    const auditor = await post(
      '/api/v1/admin/users',
      { username: 'kiemtoan.toanquoc', fullName: 'Kiểm Toán Viên', password: 'MatKhauManh@1', grants: [{ role: 'auditor', agencyCode: null }] },
      auth,
    );
    expect(auditor.statusCode, auditor.body).toBe(201);
    expect((await post('/api/v1/auth/login', { username: 'motcua2.hoankiem', password: 'MatKhauManh@1' })).statusCode).toBe(200);
    const list = await sys.app.inject({ method: 'GET', url: `/api/v1/admin/users?agencyCode=${agency.code}`, headers: auth });
    expect(list.json().items.map((u: { username: string }) => u.username)).toContain('motcua2.hoankiem');
    expect(list.body).not.toMatch(/password/i);
    const audit = await sys.ctx.db.query<{ action: string }>("SELECT action FROM audit_log WHERE chain = 'users'");
    expect(audit.map((a) => a.action)).toContain('user.create');

    const id = created.json().id;
    expect((await post(`/api/v1/admin/users/${id}/deactivate`, {}, auth)).statusCode).toBe(200);
    expect((await post('/api/v1/auth/login', { username: 'motcua2.hoankiem', password: 'MatKhauManh@1' })).statusCode).toBe(401);
  });

  it('lists accounts with their grants, changes grants and (de)activates, each change audited once', async () => {
    const admin = await sys.login('admin');
    const auth = { authorization: `Bearer ${admin}` };
    const get = (url: string) => sys.app.inject({ method: 'GET', url, headers: auth });
    const put = (url: string, payload: unknown) => sys.app.inject({ method: 'PUT', url, payload: payload as object, headers: auth });
    const hk = (await get('/api/v1/agencies?adminUnitCode=00070&kind=people_committee')).json().items[0].code;
    const bd = (await get('/api/v1/agencies?adminUnitCode=00004&kind=people_committee')).json().items[0].code;
    const listed = (await get(`/api/v1/admin/users?agencyCode=${hk}&q=chuyenvien`)).json().items;
    expect(listed).toEqual([
      expect.objectContaining({
        username: 'chuyenvien.hoankiem',
        active: true,
        grants: [{ role: 'specialist', agencyCode: hk, provinceCode: '01', agencyName: 'Ủy ban nhân dân Phường Hoàn Kiếm' }],
      }),
    ]);
    const id = listed[0].id;
    const auditRows = async () =>
      (await sys.ctx.db.query<{ action: string; data: Record<string, unknown> }>(
        "SELECT action, data FROM audit_log WHERE chain = 'users' AND subject_id = $1 ORDER BY seq",
        [id],
      ));

    const grants = [
      { role: 'specialist', agencyCode: hk },
      { role: 'desk_officer', agencyCode: bd },
    ];
    const changed = await put(`/api/v1/admin/users/${id}/grants`, { grants });
    expect(changed.json()).toMatchObject({ changed: true, grants: [{ role: 'specialist', agencyCode: hk }, { role: 'desk_officer', agencyCode: bd }] });
    expect((await put(`/api/v1/admin/users/${id}/grants`, { grants: [...grants].reverse() })).json().changed).toBe(false); // a retry
    expect((await get(`/api/v1/admin/users?agencyCode=${bd}`)).json().items.map((u: { username: string }) => u.username)).toContain('chuyenvien.hoankiem');
    const login = await post('/api/v1/auth/login', { username: 'chuyenvien.hoankiem', password: 'MotCua@2026' });
    expect(login.json().user.roles).toEqual(expect.arrayContaining(['specialist', 'desk_officer']));

    const unknown = await put(`/api/v1/admin/users/${id}/grants`, { grants: [{ role: 'leader', agencyCode: '999.99.99.H99' }] });
    expect(unknown.json().error.code).toBe('UNKNOWN_AGENCY');
    expect((await put(`/api/v1/admin/users/${id}/grants`, { grants: [] })).json().error.code).toBe('VALIDATION_FAILED');
    expect((await put(`/api/v1/admin/users/${id}/grants`, { grants: [{ role: 'payment_gateway', agencyCode: null }] })).statusCode).toBe(400);
    expect((await put(`/api/v1/admin/users/${id}/grants`, { grants: [{ role: 'specialist', agencyCode: hk }] })).json().changed).toBe(true);

    expect((await post(`/api/v1/admin/users/${id}/deactivate`, {}, auth)).json()).toEqual({ id, active: false, changed: true });
    expect((await post(`/api/v1/admin/users/${id}/deactivate`, {}, auth)).json().changed).toBe(false);
    expect((await post('/api/v1/auth/login', { username: 'chuyenvien.hoankiem', password: 'MotCua@2026' })).statusCode).toBe(401);
    expect((await sys.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${login.json().token}` } })).statusCode).toBe(401);
    expect((await post(`/api/v1/admin/users/${id}/reactivate`, {}, auth)).json()).toEqual({ id, active: true, changed: true });
    expect((await post('/api/v1/auth/login', { username: 'chuyenvien.hoankiem', password: 'MotCua@2026' })).statusCode).toBe(200);

    const rows = await auditRows();
    expect(rows.map((r) => r.action)).toEqual(['user.grants', 'user.grants', 'user.deactivate', 'user.reactivate']);
    expect(rows[0].data).toMatchObject({ before: [{ role: 'specialist', agencyCode: hk }], grants: [{ role: 'specialist' }, { role: 'desk_officer', agencyCode: bd }] });
    const missing = await post('/api/v1/admin/users/00000000-0000-4000-8000-000000000000/reactivate', {}, auth);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('USER_NOT_FOUND');
  });

  it('does not let an administrator lock themselves out', async () => {
    const admin = await sys.login('admin');
    const auth = { authorization: `Bearer ${admin}` };
    const self = (await sys.app.inject({ method: 'GET', url: '/api/v1/me', headers: auth })).json().id;
    const off = await post(`/api/v1/admin/users/${self}/deactivate`, {}, auth);
    expect(off.statusCode).toBe(409);
    expect(off.json().error.code).toBe('SELF_LOCKOUT');
    const demote = await sys.app.inject({
      method: 'PUT',
      url: `/api/v1/admin/users/${self}/grants`,
      payload: { grants: [{ role: 'auditor', agencyCode: null }] },
      headers: auth,
    });
    expect(demote.json().error.code).toBe('SELF_LOCKOUT');
    expect((await sys.app.inject({ method: 'GET', url: '/api/v1/me', headers: auth })).json().roles).toContain('admin');
  });

  it('takes a removed role from a signed-in account at once (its session is kept in the process)', async () => {
    const auth = { authorization: `Bearer ${await sys.login('admin')}` };
    const created = await post(
      '/api/v1/admin/users',
      { username: 'quantri2', fullName: 'Đỗ Văn Quản', password: 'MatKhauManh@1', grants: [{ role: 'admin', agencyCode: null }] },
      auth,
    );
    expect(created.statusCode, created.body).toBe(201);
    const other = { authorization: `Bearer ${(await post('/api/v1/auth/login', { username: 'quantri2', password: 'MatKhauManh@1' })).json().token}` };
    // an account an administrator made chooses its own password first (đổi mật khẩu bắt buộc)
    expect((await post('/api/v1/me/password', { currentPassword: 'MatKhauManh@1', newPassword: 'MatKhauRieng@2' }, other)).statusCode).toBe(200);
    const users = () => sys.app.inject({ method: 'GET', url: '/api/v1/admin/users', headers: other });
    expect((await users()).statusCode).toBe(200);
    expect((await users()).statusCode).toBe(200);
    const put = await sys.app.inject({
      method: 'PUT',
      url: `/api/v1/admin/users/${created.json().id}/grants`,
      payload: { grants: [{ role: 'auditor', agencyCode: null }] },
      headers: auth,
    });
    expect(put.json().changed).toBe(true);
    expect((await users()).statusCode).toBe(403);
    expect((await sys.app.inject({ method: 'GET', url: '/api/v1/me', headers: other })).json().roles).toEqual(['auditor']);
    expect((await post(`/api/v1/admin/users/${created.json().id}/deactivate`, {}, auth)).statusCode).toBe(200);
    expect((await sys.app.inject({ method: 'GET', url: '/api/v1/me', headers: other })).statusCode).toBe(401);
  });
});

describe('correcting an account (PATCH /api/v1/admin/users/:id)', () => {
  const patch = (url: string, payload: unknown, headers: Record<string, string>) =>
    sys.app.inject({ method: 'PATCH', url, payload: payload as object, headers });

  it('lets an administrator correct the name, e-mail and phone, audited with the fields named, not their values', async () => {
    const auth = { authorization: `Bearer ${await sys.login('admin')}` };
    const listed = (await sys.app.inject({ method: 'GET', url: '/api/v1/admin/users?q=motcua.badinh', headers: auth })).json().items[0];
    const url = `/api/v1/admin/users/${listed.id}`;
    // decomposed "ễ" (e + circumflex + tilde as combining marks) and spaces: stored NFC, trimmed
    const res = await patch(url, { fullName: '  Nguye\u0302\u0303n Thị Bé  ', email: 'be.nguyen@hanoi.gov.vn', phone: '+84 912.345.678' }, auth);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ...listed, fullName: 'Nguyễn Thị Bé', email: 'be.nguyen@hanoi.gov.vn', phone: '0912345678', changed: true });
    const again = (await sys.app.inject({ method: 'GET', url: '/api/v1/admin/users?q=motcua.badinh', headers: auth })).json().items[0];
    expect(again).toMatchObject({ fullName: 'Nguyễn Thị Bé', email: 'be.nguyen@hanoi.gov.vn', phone: '0912345678' });
    const rows = () =>
      sys.ctx.db.query<{ data: unknown }>("SELECT data FROM audit_log WHERE chain = 'users' AND action = 'user.update' AND subject_id = $1 ORDER BY seq", [listed.id]);
    expect((await rows()).map((r) => r.data)).toEqual([{ fields: ['fullName', 'email', 'phone'] }]);
    expect(JSON.stringify(await rows())).not.toMatch(/Bé|be\.nguyen|0912345678/);
    // the auditor reads it in words
    expect(actionLabel('user.update')?.vi).toBe('Sửa thông tin tài khoản (họ tên, e-mail, số điện thoại)');

    // the same again (a retry): 200, changed: false, no second audit row
    const retry = await patch(url, { fullName: 'Nguyễn Thị Bé', phone: '0912345678' }, auth);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toMatchObject({ changed: false, fullName: 'Nguyễn Thị Bé' });
    expect(await rows()).toHaveLength(1);

    // null clears; only that field is named
    expect((await patch(url, { email: null }, auth)).json()).toMatchObject({ email: null, phone: '0912345678', changed: true });
    expect((await rows()).map((r) => r.data)).toEqual([{ fields: ['fullName', 'email', 'phone'] }, { fields: ['email'] }]);
    // the signed-in officer sees the new name at once (the session is kept in the process)
    const officer = { authorization: `Bearer ${await sys.login('motcua.badinh')}` };
    await patch(url, { fullName: 'Nguyễn Thị Bích' }, auth);
    expect((await sys.app.inject({ method: 'GET', url: '/api/v1/me', headers: officer })).json().fullName).toBe('Nguyễn Thị Bích');
  });

  it('refuses non-administrators, bad e-mails and phones (naming the fields), an empty body and an unknown account', async () => {
    const auth = { authorization: `Bearer ${await sys.login('admin')}` };
    const id = (await sys.app.inject({ method: 'GET', url: '/api/v1/admin/users?q=chuyenvien.badinh', headers: auth })).json().items[0].id;
    const desk = { authorization: `Bearer ${await sys.login('motcua.hoankiem')}` };
    expect((await patch(`/api/v1/admin/users/${id}`, { fullName: 'Ai Đó' }, desk)).statusCode).toBe(403);
    expect((await patch(`/api/v1/admin/users/${id}`, { fullName: 'Ai Đó' }, {})).statusCode).toBe(401);
    const bad = await patch(`/api/v1/admin/users/${id}`, { email: 'khong-phai-email', phone: '12345' }, auth);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    expect(bad.json().error.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['body.email', 'body.phone']));
    expect((await patch(`/api/v1/admin/users/${id}`, { fullName: ' x ' }, auth)).statusCode).toBe(400);
    expect((await patch(`/api/v1/admin/users/${id}`, {}, auth)).statusCode).toBe(400);
    const missing = await patch('/api/v1/admin/users/00000000-0000-4000-8000-000000000000', { fullName: 'Ai Đó' }, auth);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('USER_NOT_FOUND');
    const audit = await sys.ctx.db.query("SELECT 1 FROM audit_log WHERE action = 'user.update' AND subject_id = $1", [id]);
    expect(audit).toHaveLength(0);
  });

  it('creates an account with an e-mail and a phone as typed', async () => {
    const auth = { authorization: `Bearer ${await sys.login('admin')}` };
    const created = await post(
      '/api/v1/admin/users',
      { username: 'kiemtra.lienhe', fullName: 'Phạm Văn Liên', password: 'MatKhauManh@1', email: 'lien@hanoi.gov.vn', phone: '0987 654 321', grants: [{ role: 'auditor', agencyCode: null }] },
      auth,
    );
    expect(created.statusCode, created.body).toBe(201);
    const listed = (await sys.app.inject({ method: 'GET', url: '/api/v1/admin/users?q=kiemtra.lienhe', headers: auth })).json().items[0];
    expect(listed).toMatchObject({ email: 'lien@hanoi.gov.vn', phone: '0987654321' });
  });

  it('refuses an identity number another account holds with 409 ID_NUMBER_TAKEN, not a 500 from the unique column', async () => {
    const auth = { authorization: `Bearer ${await sys.login('admin')}` };
    const account = { username: 'kiemtra.dinhdanh', fullName: 'Đỗ Văn Danh', password: 'MatKhauManh@1', grants: [{ role: 'auditor', agencyCode: null }] };
    // the demo citizen's number
    const taken = await post('/api/v1/admin/users', { ...account, idNumber: '001190012345' }, auth);
    expect(taken.statusCode, taken.body).toBe(409);
    expect(taken.json().error).toEqual({ code: 'ID_NUMBER_TAKEN', message: 'Số định danh cá nhân này đã được dùng cho một tài khoản khác' });
    const created = await post('/api/v1/admin/users', { ...account, idNumber: '001090054321' }, auth);
    expect(created.statusCode, created.body).toBe(201);
  });

  it('refuses an e-mail address another account holds (trimmed, case aside) with 409 EMAIL_TAKEN, but not the account’s own', async () => {
    const auth = { authorization: `Bearer ${await sys.login('admin')}` };
    const find = async (q: string) => (await sys.app.inject({ method: 'GET', url: `/api/v1/admin/users?q=${q}`, headers: auth })).json().items[0];
    // the demo citizen's address, typed otherwise: no new account
    const account = { username: 'kiemtra.trung', fullName: 'Trần Văn Trùng', password: 'MatKhauManh@1', grants: [{ role: 'auditor', agencyCode: null }] };
    const created = await post('/api/v1/admin/users', { ...account, email: '  CongDan@Example.VN ' }, auth);
    expect(created.statusCode).toBe(409);
    expect(created.json().error).toEqual({ code: 'EMAIL_TAKEN', message: 'Địa chỉ e-mail này đã được dùng cho một tài khoản khác' });
    expect(await find('kiemtra.trung')).toBeUndefined();
    const inEnglish = await post('/api/v1/admin/users', { ...account, email: 'congdan@example.vn' }, { ...auth, 'accept-language': 'en' });
    expect(inEnglish.json().error).toEqual({ code: 'EMAIL_TAKEN', message: 'This e-mail address is already used by another account' });
    expect((await post('/api/v1/admin/users', { ...account, email: 'trung@hanoi.gov.vn' }, auth)).statusCode).toBe(201);

    // another account's address on PATCH: refused, nothing changed
    const officer = await find('chuyenvien.badinh');
    const taken = await patch(`/api/v1/admin/users/${officer.id}`, { fullName: 'Ai Khác', email: 'LIEN@hanoi.gov.vn' }, auth);
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('EMAIL_TAKEN');
    expect(await find('chuyenvien.badinh')).toMatchObject({ fullName: officer.fullName, email: officer.email });
    // the account's own address, sent again or re-cased: accepted
    const lien = await find('kiemtra.lienhe');
    const own = await patch(`/api/v1/admin/users/${lien.id}`, { email: 'Lien@Hanoi.gov.vn', phone: '0987654322' }, auth);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({ email: 'Lien@Hanoi.gov.vn', phone: '0987654322', changed: true });
    expect((await patch(`/api/v1/admin/users/${lien.id}`, { email: 'Lien@Hanoi.gov.vn' }, auth)).json()).toMatchObject({ changed: false });
    // an older installation's duplicate (written before the check) does not block correcting either account
    await sys.ctx.db.query("UPDATE users SET email = 'lien@hanoi.gov.vn' WHERE id = $1", [officer.id]);
    const kept = await patch(`/api/v1/admin/users/${officer.id}`, { fullName: 'Lê Văn Chuyên', email: 'lien@hanoi.gov.vn' }, auth);
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json()).toMatchObject({ fullName: 'Lê Văn Chuyên', changed: true });
  });
});

describe('production start', () => {
  it('refuses the demo accounts with the published password, naming them, and lets other environments start', async () => {
    const production = { ...sys.ctx, config: { ...sys.ctx.config, NODE_ENV: 'production' as const } };
    await expect(refuseDemoPasswordsInProduction(production)).rejects.toThrow(ConfigError);
    await expect(refuseDemoPasswordsInProduction(production)).rejects.toThrow(/MOTCUA_DEMO: .*\badmin\b.*congdan/);
    await expect(refuseDemoPasswordsInProduction(sys.ctx)).resolves.toBeUndefined();
  });
});
