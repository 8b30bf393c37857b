import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, type TestSystem } from '#test/system.ts';

let sys: TestSystem;
beforeAll(async () => {
  sys = await createTestSystem();
});
afterAll(async () => {
  await sys?.close();
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
    expect(JSON.stringify(body)).not.toMatch(/password|argon2/i);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/motcua_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
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
      { username: 'motcua2.hoankiem', fullName: 'Người Khác', password: 'MatKhauManh@1', grants: [{ role: 'desk_officer', agencyCode: null }] },
      auth,
    );
    expect(again.json().error.code).toBe('USERNAME_TAKEN');
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
});
