import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, type TestSystem } from '#test/system.ts';
import { safeReturnTo } from './eid-settings.ts';

/**
 * Sign-in with the national e-ID over real HTTP: Một Cửa listening on a port, the development
 * e-ID provider (oidc-provider) mounted in the same server, openid-client as relying party.
 * The "browser" is fetch with a small cookie jar that follows redirects by hand.
 */
let sys: TestSystem;
let base: string;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  const port = await freePort();
  sys = await createTestSystem({ env: { PORT: String(port), HOST: '127.0.0.1' } });
  await sys.app.listen({ port, host: '127.0.0.1' });
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await sys?.close();
});

class Browser {
  readonly cookies = new Map<string, string>();

  async get(url: string) {
    return this.send(url, { method: 'GET' });
  }

  async post(url: string, form: Record<string, string>) {
    return this.send(url, {
      method: 'POST',
      body: new URLSearchParams(form).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
    });
  }

  private async send(url: string, init: RequestInit) {
    const target = new URL(url, base);
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(target, { ...init, redirect: 'manual', headers: { ...(init.headers ?? {}), ...(cookie ? { cookie } : {}) } });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const name = pair.slice(0, pair.indexOf('=')).trim();
      const value = pair.slice(pair.indexOf('=') + 1).trim();
      const expired = attrs.some((a) => /max-age=0\b/i.test(a.trim()) || (/^expires=/i.test(a.trim()) && Date.parse(a.trim().slice(8)) < Date.now()));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const location = res.headers.get('location');
    return { status: res.status, location: location ? new URL(location, target).toString() : null, text: () => res.text() };
  }
}

const interactionUid = (url: string) => /\/dev-eid\/interaction\/([^/?]+)/.exec(url)?.[1] ?? '';

/**
 * Clicks "Đăng nhập bằng VNeID", signs in at the provider and answers the consent; stops at
 * the provider's redirect back to Một Cửa and returns that callback URL (not yet visited).
 */
async function throughProvider(browser: Browser, opts: { cccd: string; returnTo?: string; consent?: boolean }) {
  const start = await browser.get(`/api/v1/auth/eid/start${opts.returnTo !== undefined ? `?returnTo=${encodeURIComponent(opts.returnTo)}` : ''}`);
  expect(start.status).toBe(302);
  let url = start.location!;
  for (let i = 0; i < 12; i++) {
    if (url.startsWith(`${base}/api/v1/auth/eid/callback`)) return { callback: url, authorize: start.location! };
    const res = await browser.get(url);
    if (res.status >= 300 && res.status < 400) {
      url = res.location!;
      continue;
    }
    expect(res.status).toBe(200);
    const page = await res.text();
    const uid = interactionUid(url);
    if (page.includes('name="cccd"')) {
      const login = await browser.post(`/dev-eid/interaction/${uid}/login`, { cccd: opts.cccd, password: 'VNeID@2026' });
      expect(login.status).toBe(303);
      url = login.location!;
    } else if (page.includes('/confirm')) {
      const answer = await browser.post(`/dev-eid/interaction/${uid}/${opts.consent === false ? 'abort' : 'confirm'}`, {});
      expect(answer.status).toBe(303);
      url = answer.location!;
    } else {
      throw new Error(`unexpected page at ${url}: ${page.slice(0, 200)}`);
    }
  }
  throw new Error('too many redirects');
}

async function signIn(opts: { cccd: string; returnTo?: string }) {
  const browser = new Browser();
  const { callback } = await throughProvider(browser, opts);
  const res = await browser.get(callback);
  return { browser, res };
}

async function me(browser: Browser) {
  const res = await fetch(`${base}/api/v1/me`, { headers: { cookie: `motcua_session=${browser.cookies.get('motcua_session')}` } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('sign-in with the national e-ID (development provider)', () => {
  it('asks for code + PKCE S256 + state + nonce, signs the demo citizen in and links her existing account', async () => {
    const browser = new Browser();
    const { callback, authorize } = await throughProvider(browser, { cccd: '001190012345', returnTo: '/ho-so/cua-toi?trang=2' });
    const auth = new URL(authorize);
    expect(auth.origin + auth.pathname).toBe(`${base}/dev-eid/auth`);
    expect(auth.searchParams.get('response_type')).toBe('code');
    expect(auth.searchParams.get('code_challenge_method')).toBe('S256');
    expect(auth.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(auth.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(auth.searchParams.get('nonce')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(auth.searchParams.get('scope')).toBe('openid profile address cccd');
    // The verifier and nonce stay on the server; the browser only holds the state.
    expect(browser.cookies.get('motcua_eid_state')).toBe(auth.searchParams.get('state'));

    const res = await browser.get(callback);
    expect(res.status).toBe(302);
    expect(res.location).toBe(`${base}/ho-so/cua-toi?trang=2`);
    expect(browser.cookies.has('motcua_eid_state')).toBe(false);
    const who = await me(browser);
    expect(who.status).toBe(200);
    expect(who.body).toMatchObject({
      username: 'congdan',
      fullName: 'Nguyễn Thị Ánh Tuyết',
      idNumber: '001190012345',
      birthDate: '1990-03-15',
      address: 'Số 12 phố Hàng Bạc, Phường Hoàn Kiếm, Thành phố Hà Nội',
      roles: ['citizen'],
    });
    // The address placed on the communes, so the submission form prefills the residence and the place to submit.
    const [hoanKiem] = await sys.ctx.db.query<{ code: string; province_code: string }>(
      "SELECT code, province_code FROM communes WHERE name = 'Phường Hoàn Kiếm'",
    );
    expect(who.body.residence).toEqual({ provinceCode: hoanKiem.province_code, communeCode: hoanKiem.code, detail: 'Số 12 phố Hàng Bạc' });
    const rows = await sys.ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM users WHERE id_number = '001190012345'");
    expect(rows[0].n).toBe(1);
    const audit = await sys.ctx.db.query<{ subject_id: string; data: { created: boolean; issuer: string } }>(
      "SELECT subject_id, data FROM audit_log WHERE chain = 'users' AND action = 'user.eid_login'",
    );
    expect(audit.some((a) => a.subject_id === who.body.id && a.data.created === false && a.data.issuer === `${base}/dev-eid`)).toBe(true);
  });

  it('creates a citizen account at the first sign-in and reuses it at the second', async () => {
    const first = await signIn({ cccd: '079085004321' });
    expect(first.res.location).toBe(`${base}/`);
    const a = await me(first.browser);
    expect(a.body).toMatchObject({ username: '079085004321', fullName: 'Trần Văn Đức', idNumber: '079085004321', birthDate: '1985-11-02', roles: ['citizen'] });

    const second = await signIn({ cccd: '079085004321' });
    const b = await me(second.browser);
    expect(b.body.id).toBe(a.body.id);
    expect(second.browser.cookies.get('motcua_session')).not.toBe(first.browser.cookies.get('motcua_session'));
    const rows = await sys.ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM users WHERE id_number = '079085004321'");
    expect(rows[0].n).toBe(1);
    const audit = await sys.ctx.db.query<{ created: boolean }>(
      "SELECT (data->>'created')::boolean AS created FROM audit_log WHERE action = 'user.eid_login' AND subject_id = $1 ORDER BY seq",
      [a.body.id],
    );
    expect(audit.map((r) => r.created)).toEqual([true, false]);
    // An e-ID-only account has no password: the password form refuses it like any wrong password.
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: '079085004321', password: 'VNeID@2026' }),
    });
    expect(login.status).toBe(401);
  });

  it('refuses a tampered state and a missing state cookie, then still accepts the genuine answer', async () => {
    const browser = new Browser();
    const { callback } = await throughProvider(browser, { cccd: '048201009876' });
    const tampered = new URL(callback);
    tampered.searchParams.set('state', `${tampered.searchParams.get('state')}x`);
    const bad = await browser.get(tampered.toString());
    expect(bad.status).toBe(302);
    expect(bad.location).toBe(`${base}/dang-nhap?eid_error=EID_STATE_INVALID`);
    expect(browser.cookies.has('motcua_session')).toBe(false);

    const stranger = new Browser(); // another browser replaying the link: no state cookie
    const noCookie = await stranger.get(callback);
    expect(noCookie.location).toBe(`${base}/dang-nhap?eid_error=EID_STATE_INVALID`);
    expect(stranger.cookies.has('motcua_session')).toBe(false);

    const state = new URL(callback).searchParams.get('state')!;
    browser.cookies.set('motcua_eid_state', state); // the refusal cleared it; the real browser still has the answer
    const good = await browser.get(callback);
    expect(good.location).toBe(`${base}/`);
    expect((await me(browser)).body.idNumber).toBe('048201009876');
  });

  it('refuses a replayed callback and a replayed code without opening a session', async () => {
    const browser = new Browser();
    const { callback } = await throughProvider(browser, { cccd: '001190012345' });
    const state = browser.cookies.get('motcua_eid_state')!;
    expect((await browser.get(callback)).location).toBe(`${base}/`);
    const sessions = async () => (await sys.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM sessions'))[0].n;
    const before = await sessions();

    const replay = new Browser();
    replay.cookies.set('motcua_eid_state', state);
    const again = await replay.get(callback);
    expect(again.location).toBe(`${base}/dang-nhap?eid_error=EID_REPLAYED`);
    expect(replay.cookies.has('motcua_session')).toBe(false);

    // The same code under a fresh sign-in request: the provider refuses it (used, and PKCE differs).
    const fresh = new Browser();
    const start = await fresh.get('/api/v1/auth/eid/start');
    const freshState = new URL(start.location!).searchParams.get('state')!;
    const code = new URL(callback).searchParams.get('code')!;
    const forged = new URL(callback);
    forged.searchParams.set('state', freshState);
    forged.searchParams.set('code', code);
    const reused = await fresh.get(forged.toString());
    expect(reused.location).toBe(`${base}/dang-nhap?eid_error=EID_FAILED`);
    expect(fresh.cookies.has('motcua_session')).toBe(false);
    expect(await sessions()).toBe(before);
  });

  it('refuses an answer that comes back after the request expired (10 minutes)', async () => {
    const browser = new Browser();
    const { callback } = await throughProvider(browser, { cccd: '048201009876' });
    sys.clock.set(new Date(Date.now() + 11 * 60_000));
    try {
      const late = await browser.get(callback);
      expect(late.location).toBe(`${base}/dang-nhap?eid_error=EID_STATE_INVALID`);
      expect(browser.cookies.has('motcua_session')).toBe(false);
    } finally {
      sys.clock.reset();
    }
  });

  it('only returns to paths of this site', async () => {
    const evil = await signIn({ cccd: '001190012345', returnTo: 'https://evil.example/steal' });
    expect(evil.res.location).toBe(`${base}/`);
    const protocolRelative = await signIn({ cccd: '001190012345', returnTo: '//evil.example' });
    expect(protocolRelative.res.location).toBe(`${base}/`);
    expect(safeReturnTo('/ho-so?x=1#a')).toBe('/ho-so?x=1#a');
    expect(safeReturnTo('/\\evil.example')).toBe('/');
    expect(safeReturnTo('/a\r\nLocation: x')).toBe('/');
    expect(safeReturnTo('javascript:alert(1)')).toBe('/');
    expect(safeReturnTo(undefined)).toBe('/');
  });

  it('sends a refused consent back to the login page with EID_DENIED', async () => {
    const browser = new Browser();
    const { callback } = await throughProvider(browser, { cccd: '048201009876', consent: false });
    expect(new URL(callback).searchParams.get('error')).toBe('access_denied');
    const res = await browser.get(callback);
    expect(res.location).toBe(`${base}/dang-nhap?eid_error=EID_DENIED`);
    expect(browser.cookies.has('motcua_session')).toBe(false);
  });

  it('keeps the way back after a refused consent: the login page gets `next` (issue 12 item 8)', async () => {
    const browser = new Browser();
    const { callback } = await throughProvider(browser, { cccd: '048201009876', consent: false, returnTo: '/nop-ho-so/1.004873' });
    const res = await browser.get(callback);
    expect(res.location).toBe(`${base}/dang-nhap?eid_error=EID_DENIED&next=${encodeURIComponent('/nop-ho-so/1.004873')}`);
    expect(browser.cookies.has('motcua_session')).toBe(false);
  });

  it('shows its own error at the provider for a wrong password and an unknown citizen', async () => {
    const browser = new Browser();
    const start = await browser.get('/api/v1/auth/eid/start');
    const toInteraction = await browser.get(start.location!);
    const uid = interactionUid(toInteraction.location!);
    const page = await (await browser.get(toInteraction.location!)).text();
    expect(page).toContain('<label for="cccd">Số định danh cá nhân (CCCD)</label>');
    expect(page).toContain('lang="vi"');
    const wrong = await browser.post(`/dev-eid/interaction/${uid}/login`, { cccd: '001190012345', password: 'sai' });
    expect(wrong.status).toBe(200);
    expect(await wrong.text()).toContain('role="alert" id="login-error">Số định danh hoặc mật khẩu không đúng.');
    const unknown = await browser.post(`/dev-eid/interaction/${uid}/login`, { cccd: '12', password: 'VNeID@2026' });
    expect(await unknown.text()).toContain('Vui lòng nhập số định danh cá nhân gồm 12 chữ số.');
    const expired = await new Browser().get(`/dev-eid/interaction/${uid}`);
    expect(expired.status).toBe(400);
    expect(await expired.text()).toContain('invalid_interaction');
  });

  it('lands a member of a collective body who signs in with the e-ID at /hop, unless a page asked for the sign-in', async () => {
    // A Government member who is also a citizen: her e-ID account, given an official grant by the
    // administrator and added to the demo body by its secretariat (e-Cabinet registers /hop).
    const first = await signIn({ cccd: '048201009876' });
    expect(first.res.location).toBe(`${base}/`);
    const account = await me(first.browser);
    const bearer = async (username: string) => ({ authorization: `Bearer ${await sys.login(username)}` });
    const admin = await bearer('admin');
    const users = (await sys.app.inject({ method: 'GET', url: '/api/v1/admin/users?q=lanhdao.hoankiem', headers: admin })).json() as {
      items: { username: string; grants: { role: string; agencyCode: string | null; provinceCode: string | null }[] }[];
    };
    const leader = users.items.find((u) => u.username === 'lanhdao.hoankiem')!.grants[0];
    const grants = (list: object[]) =>
      sys.app.inject({ method: 'PUT', url: `/api/v1/admin/users/${account.body.id}/grants`, headers: admin, payload: { grants: list } });
    const citizen = { role: 'citizen', agencyCode: null, provinceCode: null };
    expect((await grants([citizen, { role: leader.role, agencyCode: leader.agencyCode, provinceCode: leader.provinceCode }])).statusCode).toBe(200);
    const member = `/api/v1/cabinet/bodies/ubnd-ha-noi/members/048201009876`;
    const secretariat = await bearer('vanphong.hanoi');
    const added = await sys.app.inject({ method: 'PUT', url: member, headers: secretariat, payload: { role: 'member', title: 'Ủy viên UBND Thành phố' } });
    expect(added.statusCode).toBe(200);
    try {
      expect((await signIn({ cccd: '048201009876' })).res.location).toBe(`${base}/hop`);
      expect((await signIn({ cccd: '048201009876', returnTo: '' })).res.location).toBe(`${base}/hop`);
      expect((await signIn({ cccd: '048201009876', returnTo: '/hop/nhiem-vu' })).res.location).toBe(`${base}/hop/nhiem-vu`);
      expect((await signIn({ cccd: '048201009876', returnTo: '/ho-so/cua-toi' })).res.location).toBe(`${base}/ho-so/cua-toi`);
    } finally {
      expect((await sys.app.inject({ method: 'DELETE', url: member, headers: secretariat })).statusCode).toBe(200);
      expect((await grants([citizen])).statusCode).toBe(200);
    }
    expect((await signIn({ cccd: '048201009876' })).res.location).toBe(`${base}/`);
  });

  it('publishes discovery with the claims and keeps its keys out of the repository', async () => {
    const res = await fetch(`${base}/dev-eid/.well-known/openid-configuration`);
    const meta = (await res.json()) as Record<string, unknown>;
    expect(meta.issuer).toBe(`${base}/dev-eid`);
    expect(meta.code_challenge_methods_supported).toEqual(['S256']);
    expect(meta.claims_supported).toEqual(expect.arrayContaining(['so_dinh_danh', 'name', 'birthdate', 'address']));
    const jwks = (await (await fetch(`${base}/dev-eid/jwks`)).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys[0].kty).toBe('RSA');
    expect(jwks.keys[0].d).toBeUndefined();
  });
});

describe('without the development provider', () => {
  it('has no /dev-eid and sends e-ID sign-in back with EID_NOT_CONFIGURED', async () => {
    const off = await createTestSystem({ env: { MOTCUA_DEV_EID: '0' } });
    try {
      expect((await off.app.inject({ method: 'GET', url: '/dev-eid/.well-known/openid-configuration' })).statusCode).toBe(404);
      const start = await off.app.inject({ method: 'GET', url: '/api/v1/auth/eid/start?returnTo=/x' });
      expect(start.statusCode).toBe(302);
      expect(start.headers.location).toBe('/dang-nhap?eid_error=EID_NOT_CONFIGURED');
    } finally {
      await off.close();
    }
  });
});
