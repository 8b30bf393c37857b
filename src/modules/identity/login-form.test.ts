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

  it('lands where the app’s sign-in lands: a member of a collective body at /hop, unless a page asked for the sign-in', async () => {
    // the app's sign-in: the answer says where this user starts (the app follows it when there is no `next`)
    const apiLogin = (username: string) =>
      sys.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'MotCua@2026' }, headers: { host: 'localhost:80', origin: 'http://localhost:80' } });
    expect((await apiLogin('chutich.hanoi')).json().startAt).toBe('/hop');
    expect((await apiLogin('vanphong.hanoi')).json().startAt).toBe('/hop'); // the secretariat, a member of the body too
    expect((await apiLogin('congdan')).json().startAt).toBe('/');
    // the form without the app: the same start page (it went home)
    expect((await send('/dang-nhap', { username: 'chutich.hanoi', password: 'MotCua@2026' })).headers.location).toBe('/hop');
    expect((await send('/dang-nhap?next=', { username: 'uyvien1.hanoi', password: 'MotCua@2026' })).headers.location).toBe('/hop');
    expect((await send('/dang-nhap', { username: 'chuyenvien.badinh', password: 'MotCua@2026' })).headers.location).toBe('/');
    // a page that asked for the sign-in comes first, for a member too; another site never
    expect((await send(`/dang-nhap?next=${encodeURIComponent('/hop/nhiem-vu')}`, { username: 'uyvien1.hanoi', password: 'MotCua@2026' })).headers.location).toBe('/hop/nhiem-vu');
    expect((await send('/dang-nhap?next=%2Fbao-cao', { username: 'chutich.hanoi', password: 'MotCua@2026' })).headers.location).toBe('/bao-cao');
    expect((await send('/dang-nhap?next=//evil.example/x', { username: 'chutich.hanoi', password: 'MotCua@2026' })).headers.location).toBe('/');
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
