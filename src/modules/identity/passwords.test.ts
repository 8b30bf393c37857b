import { describe, expect, it } from 'vitest';
import { systemPerFile, type TestSystem } from '#test/system.ts';
import { temporaryPassword } from './passwords.ts';

/** Đổi mật khẩu (POST /api/v1/me/password), đặt lại mật khẩu (POST /api/v1/admin/users/:id/password-reset) and the must-change flag. */
let sys: TestSystem;
systemPerFile((s) => {
  sys = s;
});

type Headers = Record<string, string>;
const bearer = (token: string): Headers => ({ authorization: `Bearer ${token}` });
const post = (url: string, payload: unknown, headers: Headers = {}) => sys.app.inject({ method: 'POST', url, payload: payload as object, headers });
const get = (url: string, headers: Headers = {}) => sys.app.inject({ method: 'GET', url, headers });
const login = (username: string, password: string) => post('/api/v1/auth/login', { username, password });
const changeOwn = (token: string, currentPassword: string, newPassword: string) => post('/api/v1/me/password', { currentPassword, newPassword }, bearer(token));
const userId = async (username: string) => (await sys.ctx.db.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [username]))[0].id;
const flagged = async (username: string) =>
  (await sys.ctx.db.query<{ f: boolean }>('SELECT must_change_password AS f FROM users WHERE username = $1', [username]))[0].f;
/** The outbox events telling the account (notifications delivers them), by topic. */
const told = (topic: string, userId: string) =>
  sys.ctx.db.query<{ payload: Record<string, unknown> }>("SELECT payload FROM outbox WHERE topic = $1 AND payload->>'userId' = $2", [topic, userId]);
const usersAudit = (action: string, subjectId: string) =>
  sys.ctx.db.query<{ actor_id: string | null; subject_id: string; data: unknown }>(
    "SELECT actor_id, subject_id, data FROM audit_log WHERE chain = 'users' AND action = $1 AND subject_id = $2 ORDER BY seq",
    [action, subjectId],
  );

describe('temporaryPassword', () => {
  it('is 16 readable characters in groups of four, without 0/O, 1/I/L, different every time', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = temporaryPassword();
      expect(p).toMatch(/^[A-HJKMNP-Z2-9]{4}(-[A-HJKMNP-Z2-9]{4}){3}$/);
      seen.add(p);
    }
    expect(seen.size).toBe(200);
  });
});

describe('đổi mật khẩu: POST /api/v1/me/password', () => {
  it('refuses a wrong current password with CURRENT_PASSWORD_WRONG, counted like a failed sign-in (429 after five)', async () => {
    const token = await sys.login('vanthu.badinh');
    const wrong = await changeOwn(token, 'khong-dung-mat-khau', 'MatKhauMoi@2027');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toEqual({ code: 'CURRENT_PASSWORD_WRONG', message: 'Mật khẩu hiện tại không đúng' });
    for (let i = 0; i < 4; i++) expect((await changeOwn(token, 'sai-nua', 'MatKhauMoi@2027')).statusCode).toBe(400);
    // the account's failures now refuse both a change with the right password and a sign-in
    expect((await changeOwn(token, 'MotCua@2026', 'MatKhauMoi@2027')).json().error.code).toBe('RATE_LIMITED');
    expect((await login('vanthu.badinh', 'MotCua@2026')).statusCode).toBe(429);
    sys.clock.set(new Date(Date.now() + 16 * 60_000));
    expect((await changeOwn(token, 'MotCua@2026', 'MatKhauMoi@2027')).statusCode).toBe(200);
    sys.clock.reset();
  });

  it('refuses a weak password, the username and the current password, naming the rule', async () => {
    const token = await sys.login('chuyenvien.badinh');
    const short = await changeOwn(token, 'MotCua@2026', 'ngan123');
    expect(short.statusCode).toBe(400);
    expect(short.json().error.code).toBe('VALIDATION_FAILED');
    expect(short.json().error.details.map((d: { field: string }) => d.field)).toEqual(['body.newPassword']);
    const asUsername = await changeOwn(token, 'MotCua@2026', 'Chuyenvien.Badinh');
    expect(asUsername.json().error).toEqual({ code: 'PASSWORD_SAME_AS_USERNAME', message: 'Mật khẩu mới không được trùng với tên đăng nhập' });
    const same = await changeOwn(token, 'MotCua@2026', 'MotCua@2026');
    expect(same.json().error.code).toBe('PASSWORD_UNCHANGED');
    expect((await login('chuyenvien.badinh', 'MotCua@2026')).statusCode).toBe(200);
    // a refused change tells nobody
    expect(await told('user.password_changed', await userId('chuyenvien.badinh'))).toHaveLength(0);
  });

  it('changes the password, keeps this session, ends the others; the old password no longer signs in', async () => {
    const here = await sys.login('lanhdao.badinh');
    const elsewhere = await sys.login('lanhdao.badinh');
    const changed = await changeOwn(here, 'MotCua@2026', 'MatKhauRieng@2027');
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toEqual({ changed: true });
    expect((await get('/api/v1/me', bearer(here))).statusCode).toBe(200);
    expect((await get('/api/v1/me', bearer(elsewhere))).statusCode).toBe(401);
    expect((await login('lanhdao.badinh', 'MotCua@2026')).statusCode).toBe(401);
    expect((await login('lanhdao.badinh', 'MatKhauRieng@2027')).statusCode).toBe(200);
    const rows = await usersAudit('user.password.change', await userId('lanhdao.badinh'));
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row).toMatchObject({ actor_id: await userId('lanhdao.badinh'), data: { wasRequired: false, otherSessionsEnded: 1 } });
    expect(JSON.stringify(row.data)).not.toMatch(/MatKhau|MotCua|argon2/);
    // the account is told, by an event written with the change (never with a password)
    const events = await told('user.password_changed', await userId('lanhdao.badinh'));
    expect(events).toHaveLength(1);
    expect(events[0].payload).toMatchObject({ username: 'lanhdao.badinh' });
    expect(JSON.stringify(events[0].payload)).not.toMatch(/MatKhau|MotCua|argon2/);
  });

  it('refuses an account known only through the e-ID (no password) without counting a failure', async () => {
    const id = '7d3c0c8e-0000-4000-8000-000000000001';
    await sys.ctx.db.query("INSERT INTO users (id, username, full_name, id_number) VALUES ($1, 'cd.079200001111', 'Lý Văn Tám', '079200001111')", [id]);
    await sys.ctx.db.query("INSERT INTO sessions (id, token_hash, user_id, created_at, expires_at) VALUES ('s-eid-only', encode(sha256('token-of-an-eid-only-citizen-0001'::bytea), 'hex'), $1, now(), now() + interval '1 hour')", [id]);
    // /me says so: the page offers no Đổi mật khẩu link to such an account
    expect((await get('/api/v1/me', bearer('token-of-an-eid-only-citizen-0001'))).json()).toMatchObject({ hasPassword: false, mustChangePassword: false });
    const refused = await changeOwn('token-of-an-eid-only-citizen-0001', 'bat-ky', 'MatKhauMoi@2027');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('PASSWORD_NOT_SET');
    expect((await sys.ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM login_failures WHERE username = 'cd.079200001111'"))[0].n).toBe(0);
  });

  it('needs a session', async () => {
    expect((await post('/api/v1/me/password', { currentPassword: 'MotCua@2026', newPassword: 'MatKhauMoi@2027' })).statusCode).toBe(401);
  });
});

describe('đặt lại mật khẩu and the must-change flag', () => {
  it('is for administrators only, and not for their own account', async () => {
    const target = await userId('motcua.badinh');
    const desk = await sys.login('motcua.hoankiem');
    const refused = await post(`/api/v1/admin/users/${target}/password-reset`, {}, bearer(desk));
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('FORBIDDEN');
    const admin = await sys.login('admin');
    const own = await post(`/api/v1/admin/users/${await userId('admin')}/password-reset`, {}, bearer(admin));
    expect(own.json().error.code).toBe('RESET_OWN_PASSWORD');
    expect(await told('user.password_reset', target)).toHaveLength(0);
    expect((await login('motcua.badinh', 'MotCua@2026')).statusCode).toBe(200);
  });

  it('gives a temporary password that signs in to nothing but /me and the change, until the user chooses their own', async () => {
    const target = await userId('motcua.badinh');
    const before = await sys.login('motcua.badinh');
    const admin = await sys.login('admin');
    const reset = await post(`/api/v1/admin/users/${target}/password-reset`, {}, { ...bearer(admin), 'idempotency-key': 'reset-motcua-badinh-1' });
    expect(reset.statusCode).toBe(200);
    expect(reset.headers['cache-control']).toBe('no-store');
    const { temporaryPassword: temporary } = reset.json();
    expect(temporary).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);

    // every earlier session ended; the old password is gone; the temporary one signs in, flagged
    expect((await get('/api/v1/me', bearer(before))).statusCode).toBe(401);
    expect((await login('motcua.badinh', 'MotCua@2026')).statusCode).toBe(401);
    const signedIn = await login('motcua.badinh', temporary);
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().user.mustChangePassword).toBe(true);
    const token = signedIn.json().token as string;
    expect((await get('/api/v1/me', bearer(token))).json()).toMatchObject({ username: 'motcua.badinh', mustChangePassword: true, hasPassword: true });

    // anything else: 403 PASSWORD_CHANGE_REQUIRED, by bearer and by cookie alike
    for (const url of ['/api/v1/dossiers', '/api/v1/me/notifications']) {
      const blocked = await get(url, bearer(token));
      expect(blocked.statusCode, url).toBe(403);
      expect(blocked.json().error).toEqual({ code: 'PASSWORD_CHANGE_REQUIRED', message: 'Bạn cần đổi mật khẩu trước khi tiếp tục' });
    }
    expect((await get('/api/v1/dossiers', { cookie: `motcua_session=${token}` })).json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    // a public route still answers, as to anybody
    expect((await get('/api/v1/agencies?adminUnitCode=00004&kind=people_committee')).statusCode).toBe(200);
    expect((await get('/api/v1/agencies?adminUnitCode=00004&kind=people_committee', bearer(token))).statusCode).toBe(200);

    // changing it lifts the flag: the same session now works
    expect((await changeOwn(token, temporary, 'MatKhauCuaToi@2027')).json()).toEqual({ changed: true });
    expect(await flagged('motcua.badinh')).toBe(false);
    expect((await get('/api/v1/me', bearer(token))).json().mustChangePassword).toBe(false);
    expect((await get('/api/v1/dossiers', bearer(token))).statusCode).toBe(200);
    expect((await login('motcua.badinh', temporary)).statusCode).toBe(401);

    // neither the idempotency store nor the audit trail holds the temporary password
    const kept = await sys.ctx.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM idempotency_keys WHERE key = 'reset-motcua-badinh-1' OR response::text LIKE '%' || $1 || '%'",
      [temporary],
    );
    expect(kept[0].n).toBe(0);
    const audits = await sys.ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE data::text LIKE '%' || $1 || '%'", [temporary]);
    expect(audits[0].n).toBe(0);
    const [row] = await usersAudit('user.password.reset', target);
    // two sessions ended: this test's and the one above's
    expect(row).toMatchObject({ actor_id: await userId('admin'), subject_id: target, data: { username: 'motcua.badinh', sessionsEnded: 2 } });
    // the account is told of the reset by the administrator's event, which holds no temporary password
    const events = await told('user.password_reset', target);
    expect(events.map((e) => e.payload)).toEqual([expect.objectContaining({ username: 'motcua.badinh', byName: expect.any(String) })]);
    expect(JSON.stringify(events)).not.toContain(temporary);
    // and of the change it then made itself
    expect(await told('user.password_changed', target)).toHaveLength(1);
  });

  it('blocks an administrator who must change the password from the admin routes too', async () => {
    const admin = await sys.login('admin');
    const created = await post(
      '/api/v1/admin/users',
      { username: 'quantri.moi', fullName: 'Quản Trị Mới', password: 'MatKhauBanDau@1', grants: [{ role: 'admin', agencyCode: null }] },
      bearer(admin),
    );
    expect(created.statusCode).toBe(201);
    expect(await flagged('quantri.moi')).toBe(true);
    const token = await sys.login('quantri.moi', 'MatKhauBanDau@1');
    expect((await get('/api/v1/admin/users', bearer(token))).json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await post('/api/v1/auth/logout', {}, bearer(token))).statusCode).toBe(200);
  });

  it('leaves the demo accounts unflagged', async () => {
    const rows = await sys.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM users WHERE must_change_password');
    expect(rows[0].n).toBe(1); // quantri.moi, made above
  });
});
