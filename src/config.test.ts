import { describe, expect, it } from 'vitest';
import { ConfigError, DEVELOPMENT_SECRET, loadConfig } from './config.ts';

const secret = 'a-real-secret-of-more-than-32-characters-0123456789';

function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('accepted');
}

describe('production settings (issue 13, D1 and D3)', () => {
  it('seeds no demo data by default in production, and demo data by default elsewhere', () => {
    expect(loadConfig({ NODE_ENV: 'production', MOTCUA_SECRET: secret }).MOTCUA_DEMO).toBe(false);
    expect(loadConfig({ NODE_ENV: 'development' }).MOTCUA_DEMO).toBe(true);
  });

  it('refuses demo data, the sandbox gateway, the development CA and a missing or published secret, naming each', () => {
    expect(refusal({ NODE_ENV: 'production' })).toContain('MOTCUA_SECRET');
    const message = refusal({
      NODE_ENV: 'production',
      MOTCUA_DEMO: '1',
      MOTCUA_SECRET: DEVELOPMENT_SECRET,
      MOTCUA_SANDBOX_GATEWAY: '1',
      MOTCUA_DEV_CA: '1',
    });
    for (const name of ['MOTCUA_DEMO', 'MOTCUA_SECRET', 'MOTCUA_SANDBOX_GATEWAY', 'MOTCUA_DEV_CA']) expect(message).toContain(name);
    expect(refusal({ NODE_ENV: 'production', MOTCUA_SECRET: secret, MOTCUA_PAYMENT_SECRET: DEVELOPMENT_SECRET })).toContain('MOTCUA_PAYMENT_SECRET');
  });

  it('accepts the same settings outside production', () => {
    const config = loadConfig({ NODE_ENV: 'development', MOTCUA_SANDBOX_GATEWAY: '1', MOTCUA_DEV_CA: '1' });
    expect(config.MOTCUA_SANDBOX_GATEWAY).toBe(true);
  });

  it('reads trusted proxies as addresses and CIDRs, and names a wrong one', () => {
    expect(loadConfig({ MOTCUA_TRUSTED_PROXIES: '10.0.0.0/8, 127.0.0.1,::1' }).MOTCUA_TRUSTED_PROXIES).toEqual(['10.0.0.0/8', '127.0.0.1', '::1']);
    expect(loadConfig({}).MOTCUA_TRUSTED_PROXIES).toEqual([]);
    for (const wrong of ['10.0.0.0/33', 'proxy.example', '10.0.0.0/8/1']) {
      expect(refusal({ MOTCUA_TRUSTED_PROXIES: wrong })).toContain('MOTCUA_TRUSTED_PROXIES');
    }
  });
});
