import { afterAll, beforeAll, inject } from 'vitest';
import { bootstrap, type System } from '../src/bootstrap.ts';
import type { SettableClock } from '#platform/clock.ts';
import { copyTemplate, testConfig } from './template.ts';

export interface TestSystem extends System {
  clock: SettableClock;
  /** Signs in a demo account (password MotCua@2026) and returns its bearer token. */
  login(username: string, password?: string): Promise<string>;
}

/**
 * A whole Một Cửa on a fresh copy of the seeded template database (PGlite in memory, or a
 * new PostgreSQL database when DATABASE_URL is set), with the settable clock.
 */
export async function createTestSystem(
  options: { startJobs?: boolean; serveWeb?: boolean; env?: Record<string, string>; rateLimitPerMinute?: number } = {},
): Promise<TestSystem> {
  const copy = await copyTemplate(inject('dbTemplate'));
  const config = testConfig({ ...(copy.url ? { DATABASE_URL: copy.url } : {}), ...options.env });
  const system = await bootstrap(config, { db: copy.db, skipSeed: true, startJobs: options.startJobs, serveWeb: options.serveWeb, rateLimitPerMinute: options.rateLimitPerMinute ?? 10_000 });
  return {
    ...system,
    clock: system.ctx.clock as SettableClock,
    async login(username, password = 'MotCua@2026') {
      const res = await system.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      return res.json().token as string;
    },
    async close() {
      await system.close();
      await copy.drop();
    },
  };
}

/**
 * One test system for a whole test file: started before the file's tests, handed to `ready`
 * (which keeps it and does the file's own setup), closed after the tests.
 */
export function systemPerFile(ready: (sys: TestSystem) => void | Promise<void>, options: Parameters<typeof createTestSystem>[0] = {}, timeout?: number) {
  let sys: TestSystem | undefined;
  beforeAll(async () => {
    sys = await createTestSystem(options);
    await ready(sys);
  }, timeout);
  afterAll(async () => {
    await sys?.close();
  });
}
