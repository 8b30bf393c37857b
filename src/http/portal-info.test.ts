import { afterAll, describe, expect, it } from 'vitest';
import { createTestSystem, type TestSystem } from '#test/system.ts';
import { testConfig } from '#test/template.ts';

const systems: TestSystem[] = [];
afterAll(async () => {
  for (const s of systems) await s.close();
});

describe('GET /api/v1/portal-info', () => {
  it('publishes the operator, helpline and e-mails the installation sets', async () => {
    const set = await createTestSystem({
      env: { MOTCUA_OPERATOR_NAME: 'Văn phòng Ủy ban nhân dân thành phố Hà Nội', MOTCUA_HOTLINE: '024 1234 5678', MOTCUA_SUPPORT_EMAIL: 'hotro@example.vn' },
    });
    systems.push(set);
    expect((await set.app.inject({ method: 'GET', url: '/api/v1/portal-info' })).json()).toEqual({
      operator: 'Văn phòng Ủy ban nhân dân thành phố Hà Nội',
      hotline: '024 1234 5678',
      email: 'hotro@example.vn',
      privacyEmail: 'hotro@example.vn', // falls back to the support e-mail
    });
  }, 180_000);

  it('leaves out what the installation does not set', () => {
    const config = testConfig();
    expect([config.MOTCUA_OPERATOR_NAME, config.MOTCUA_HOTLINE, config.MOTCUA_SUPPORT_EMAIL, config.MOTCUA_PRIVACY_EMAIL]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('refuses a helpline that is not a phone number at boot', () => {
    expect(() => testConfig({ MOTCUA_HOTLINE: 'gọi <script>' })).toThrow(/MOTCUA_HOTLINE/);
    expect(() => testConfig({ MOTCUA_SUPPORT_EMAIL: 'không phải thư' })).toThrow(/MOTCUA_SUPPORT_EMAIL/);
  });
});
