import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { bootstrap, type System } from '../../bootstrap.ts';
import { loadConfig } from '../../config.ts';
import { adminQuery } from '#test/template.ts';

/**
 * An empty installation in production (issue 13 item 1): no template and no demo data, a database
 * of its own (a PGlite data folder, or a new PostgreSQL database when DATABASE_URL is set), started
 * twice the way `npm start` starts it. The first start creates one administrator and prints its
 * random password once; that password opens the account and the demo password does not; the second
 * start prints no password and creates no other account.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-first-admin-'));
const server = process.env.DATABASE_URL;
const database = `motcua_first_admin_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
const databaseUrl = server ? Object.assign(new URL(server), { pathname: `/${database}` }).toString() : undefined;
const config = loadConfig({
  NODE_ENV: 'production',
  LOG_LEVEL: 'silent',
  MOTCUA_SECRET: 'a-real-secret-of-more-than-32-characters-0123456789',
  MOTCUA_DATA_DIR: dataDir,
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
});

let running: System | undefined;
afterAll(async () => {
  await running?.close();
  if (server) await adminQuery(server, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** One start on the installation's database: the system and every line it printed on stdout. */
async function start(): Promise<{ system: System; printed: string[] }> {
  const printed: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void printed.push(parts.map(String).join(' ')));
  try {
    running = await bootstrap(config);
  } finally {
    log.mockRestore();
  }
  return { system: running, printed };
}

const login = (system: System, password: string) => system.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password } });
const accounts = (system: System) =>
  system.ctx.db.query<{ id: string; username: string; role: string; agency_code: string | null }>(
    'SELECT u.id, u.username, g.role, g.agency_code FROM users u LEFT JOIN user_grants g ON g.user_id = u.id ORDER BY u.username',
  );

it('creates the first administrator once, prints its password once, and not again on the next start', async () => {
  if (server) await adminQuery(server, `CREATE DATABASE ${database}`);
  const first = await start();
  const shown = first.printed.filter((line) => line.includes('administrator'));
  expect(shown).toHaveLength(1);
  const password = shown[0].split(': ').at(-1)!.trim();
  expect(password.length).toBeGreaterThanOrEqual(16);
  const [admin] = await accounts(first.system);
  expect(await accounts(first.system)).toEqual([{ id: admin.id, username: 'admin', role: 'admin', agency_code: null }]);
  expect((await login(first.system, 'MotCua@2026')).statusCode).toBe(401);
  const signedIn = await login(first.system, password);
  expect(signedIn.statusCode).toBe(200);
  // the printed password must be changed before anything else (đổi mật khẩu bắt buộc)
  expect(signedIn.json().user.mustChangePassword).toBe(true);
  const bearer = { authorization: `Bearer ${signedIn.json().token}` };
  const users = await first.system.app.inject({ method: 'GET', url: '/api/v1/admin/users', headers: bearer });
  expect(users.statusCode).toBe(403);
  expect(users.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
  await first.system.close();
  running = undefined;

  const second = await start();
  expect(second.printed.filter((line) => line.includes('administrator') || line.includes(password))).toEqual([]);
  expect(await accounts(second.system)).toEqual([{ id: admin.id, username: 'admin', role: 'admin', agency_code: null }]);
  const again = await login(second.system, password);
  expect(again.json().user.mustChangePassword).toBe(true);
  const later = { authorization: `Bearer ${again.json().token}` };
  const chosen = 'MatKhauQuanTri@2027';
  const changed = await second.system.app.inject({ method: 'POST', url: '/api/v1/me/password', headers: later, payload: { currentPassword: password, newPassword: chosen } });
  expect(changed.json()).toEqual({ changed: true });
  expect((await second.system.app.inject({ method: 'GET', url: '/api/v1/admin/users', headers: later })).statusCode).toBe(200);
  expect((await login(second.system, chosen)).json().user.mustChangePassword).toBe(false);
}, 600_000);
