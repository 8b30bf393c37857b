import { describe, expect, it } from 'vitest';
import { systemPerFile, type TestSystem } from '#test/system.ts';
import { ConfigError, loadConfig } from '../../config.ts';
import { eidSettings } from './eid-settings.ts';
import { type EidFacts, factsFromClaims, finishEidLogin } from './finish-eid-login.ts';

let sys: TestSystem;
systemPerFile((s) => {
  sys = s;
});

const now = () => new Date();
const finish = (facts: EidFacts) =>
  sys.ctx.db.transaction((tx) =>
    finishEidLogin(tx, { facts, subject: 'sub-1', issuer: 'https://eid.example', ip: '127.0.0.1', userAgent: null, now: now() }),
  );
const errorCode = (p: Promise<unknown>) => p.then(() => 'none', (e: { code?: string }) => e.code);

describe('claims to facts (the mapping is data)', () => {
  const mapping = { idNumber: 'so_dinh_danh', fullName: 'name', birthDate: 'birthdate', address: 'address' };

  it('reads the mapped claims, NFC-normalises text, accepts an address object or string', () => {
    const decomposed = 'Nguyễn Văn An'.normalize('NFD');
    expect(
      factsFromClaims({ so_dinh_danh: '001099000111', name: decomposed, birthdate: '1999-01-31', address: { formatted: 'Số 1, Hà Nội' } }, mapping),
    ).toEqual({ idNumber: '001099000111', fullName: 'Nguyễn Văn An'.normalize('NFC'), birthDate: '1999-01-31', address: 'Số 1, Hà Nội' });
    expect(factsFromClaims({ so_dinh_danh: '001099000111', address: 'Số 2, Huế', birthdate: '31/01/1999' }, mapping)).toEqual({
      idNumber: '001099000111',
      fullName: null,
      birthDate: null,
      address: 'Số 2, Huế',
    });
  });

  it('refuses claims without a 12-digit identity number', () => {
    for (const claims of [{}, { so_dinh_danh: '12345' }, { so_dinh_danh: 1190012345 }, { so_dinh_danh: '00119001234a' }]) {
      expect(() => factsFromClaims(claims, mapping)).toThrow(expect.objectContaining({ code: 'EID_NO_IDENTITY_NUMBER' }));
    }
  });

  it('takes other claim names from MOTCUA_EID_CLAIMS and refuses a malformed mapping at boot', () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      MOTCUA_DEMO: '0',
      MOTCUA_EID_ISSUER: 'https://eid.example',
      MOTCUA_EID_CLIENT_ID: 'motcua-hn',
      MOTCUA_EID_CLIENT_SECRET: 's3cret-from-the-operator',
      MOTCUA_EID_CLAIMS: '{"idNumber":"personal_id"}',
    });
    const settings = eidSettings(config)!;
    expect(settings).toMatchObject({ issuer: 'https://eid.example', clientId: 'motcua-hn', redirectUri: 'http://127.0.0.1:3000/api/v1/auth/eid/callback' });
    expect(settings.claims).toEqual({ idNumber: 'personal_id', fullName: 'name', birthDate: 'birthdate', address: 'address' });
    expect(factsFromClaims({ personal_id: '001099000222', name: 'Lê Văn Bình' }, settings.claims).idNumber).toBe('001099000222');
    expect(() => loadConfig({ MOTCUA_EID_CLAIMS: '{"idNumber":""}' })).toThrow(ConfigError);
    expect(() => loadConfig({ MOTCUA_EID_CLAIMS: '{"cccd":"x"}' })).toThrow(ConfigError);
    expect(() => loadConfig({ MOTCUA_EID_CLAIMS: 'not json' })).toThrow(ConfigError);
  });

  it('runs the development provider only in demo mode and never in production', () => {
    expect(eidSettings(loadConfig({ NODE_ENV: 'test', MOTCUA_DEMO: '0' }))).toBeNull();
    expect(() => loadConfig({ NODE_ENV: 'production', MOTCUA_DEV_EID: '1', MOTCUA_SECRET: 'x'.repeat(40) })).toThrow(/MOTCUA_DEV_EID/);
    // Without a secret the real provider is not configured.
    expect(eidSettings(loadConfig({ NODE_ENV: 'test', MOTCUA_DEMO: '0', MOTCUA_EID_ISSUER: 'https://eid.example', MOTCUA_EID_CLIENT_ID: 'x' }))).toBeNull();
  });
});

describe('linking the e-ID to an account', () => {
  it('creates one citizen account even when two sign-ins of a new citizen run at once', async () => {
    const facts = { idNumber: '036200001111', fullName: 'Phạm Minh Châu', birthDate: '2000-02-29', address: 'Nam Định' };
    const [a, b] = await Promise.all([finish(facts), finish(facts)]);
    expect(a.userId).toBe(b.userId);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    const rows = await sys.ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM users WHERE id_number = '036200001111'");
    expect(rows[0].n).toBe(1);
    const grants = await sys.ctx.db.query<{ role: string }>('SELECT role FROM user_grants WHERE user_id = $1', [a.userId]);
    expect(grants.map((g) => g.role)).toEqual(['citizen']);
  });

  it('refuses an officer account carrying the number and a deactivated citizen', async () => {
    const admin = await sys.login('admin');
    const created = await sys.app.inject({
      method: 'POST',
      url: '/api/v1/admin/users',
      headers: { authorization: `Bearer ${admin}` },
      payload: { username: 'canbo.eid', fullName: 'Cán Bộ Thử', password: 'MatKhau@12345', idNumber: '036200002222', grants: [{ role: 'admin', agencyCode: null }] },
    });
    expect(created.statusCode).toBe(201);
    expect(await errorCode(finish({ idNumber: '036200002222', fullName: null, birthDate: null, address: null }))).toBe('EID_ACCOUNT_NOT_CITIZEN');

    const citizen = await finish({ idNumber: '036200003333', fullName: 'Vũ Thị Dung', birthDate: null, address: null });
    const off = await sys.app.inject({
      method: 'POST',
      url: `/api/v1/admin/users/${citizen.userId}/deactivate`,
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(off.statusCode).toBe(200);
    expect(await errorCode(finish({ idNumber: '036200003333', fullName: null, birthDate: null, address: null }))).toBe('EID_ACCOUNT_INACTIVE');
    const sessions = await sys.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM sessions WHERE user_id = $1 AND revoked_at IS NULL', [citizen.userId]);
    expect(sessions[0].n).toBe(0);
  });
});
