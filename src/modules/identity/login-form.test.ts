import { describe, expect, it } from 'vitest';
import { systemPerFile, type TestSystem } from '#test/system.ts';

let sys: TestSystem;
systemPerFile((s) => {
  sys = s;
});

/** The login page's form as a browser sends it by itself (no app): form-encoded, from the portal's own page. */
const send = (url: string, form: Record<string, string>, headers: Record<string, string> = { origin: 'http://localhost:80' }) =>
  sys.app.inject({
    method: 'POST',
    url,
    payload: new URLSearchParams(form).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', host: 'localhost:80', ...headers },
  });

describe('the login form sent without the app (POST /dang-nhap)', () => {
  it('signs in with the session cookie and goes on to `next`', async () => {
    const res = await send(`/dang-nhap?next=${encodeURIComponent('/nop-ho-so/1.004873')}`, { username: ' congdan ', password: 'MotCua@2026' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/nop-ho-so/1.004873');
    expect(res.headers['cache-control']).toBe('no-store');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/motcua_session=[^;]+;.*HttpOnly/);
    const token = /motcua_session=([^;]+)/.exec(cookie)![1];
    const me = await sys.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: `motcua_session=${token}` } });
    expect(me.json().username).toBe('congdan');
  });

  it('goes home without `next`, and never to another site', async () => {
    expect((await send('/dang-nhap', { username: 'congdan', password: 'MotCua@2026' })).headers.location).toBe('/');
    expect((await send('/dang-nhap?next=//evil.example/x', { username: 'congdan', password: 'MotCua@2026' })).headers.location).toBe('/');
  });

  it('sends a wrong password or an empty field back to the page with the code, `next` kept, no cookie', async () => {
    const wrong = await send('/dang-nhap?next=%2Fho-so-cua-toi', { username: 'motcua.hoankiem', password: 'sai' });
    expect(wrong.statusCode).toBe(303);
    expect(wrong.headers.location).toBe('/dang-nhap?login_error=INVALID_CREDENTIALS&next=%2Fho-so-cua-toi');
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const empty = await send('/dang-nhap', { username: '', password: '' });
    expect(empty.headers.location).toBe('/dang-nhap?login_error=INVALID_CREDENTIALS');
    const missing = await send('/dang-nhap', {});
    expect(missing.statusCode).toBe(303);
  });

  it('counts failures with the API’s sign-in: after five, the page says to wait (429’s code)', async () => {
    for (let i = 0; i < 5; i++) await send('/dang-nhap', { username: 'chuyenvien.hoankiem', password: `sai-${i}` });
    const limited = await send('/dang-nhap', { username: 'chuyenvien.hoankiem', password: 'MotCua@2026' });
    expect(limited.headers.location).toBe('/dang-nhap?login_error=RATE_LIMITED');
    expect(limited.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a form posted from another site (no login CSRF)', async () => {
    const res = await send('/dang-nhap', { username: 'congdan', password: 'MotCua@2026' }, { origin: 'https://evil.example' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_REJECTED');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('leaves the JSON API closed to forms (a cross-site page can post a form, not JSON)', async () => {
    const res = await send('/api/v1/auth/login', { username: 'congdan', password: 'MotCua@2026' });
    expect(res.statusCode).toBe(415);
  });
});
