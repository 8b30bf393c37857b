import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '#platform/db.ts';
import { migrate } from '#platform/migrate.ts';

/** `npm start` must fail fast, with a clear message and exit code 2, when it cannot run. */
function start(env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'silent', PORT: '0', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-boot-'));

describe('boot failures', () => {
  it('names the wrong setting', () => {
    const { code, output } = start({ PORT: 'abc', MOTCUA_DATA_DIR: tmp() });
    expect(code).toBe(2);
    expect(output).toContain('PORT');
    expect(output).toContain('Cấu hình không hợp lệ');
  });

  it('refuses several processes on the embedded database (MOTCUA_WORKERS>1 without DATABASE_URL)', () => {
    const { code, output } = start({ MOTCUA_WORKERS: '2', MOTCUA_DATA_DIR: tmp() });
    expect(code).toBe(2);
    expect(output).toContain('MOTCUA_WORKERS=2');
    expect(output).toContain('DATABASE_URL');
  });

  it('refuses the settable clock in production', () => {
    const { code, output } = start({ MOTCUA_DEV_CLOCK: '1', NODE_ENV: 'production', MOTCUA_DATA_DIR: tmp() });
    expect(code).toBe(2);
    expect(output).toContain('MOTCUA_DEV_CLOCK');
  });

  it('refuses production with demo data, the sandbox gateway, the development CA or the published secret (exit 2, naming each)', () => {
    const { code, output } = start({
      NODE_ENV: 'production',
      MOTCUA_DEMO: '1',
      MOTCUA_SANDBOX_GATEWAY: '1',
      MOTCUA_DEV_CA: '1',
      MOTCUA_SECRET: 'motcua-development-secret-do-not-use-in-production',
      MOTCUA_DATA_DIR: tmp(),
    });
    expect(code).toBe(2);
    for (const name of ['MOTCUA_DEMO', 'MOTCUA_SANDBOX_GATEWAY', 'MOTCUA_DEV_CA', 'MOTCUA_SECRET']) expect(output).toContain(name);
  });

  it('says when PostgreSQL cannot be reached, without printing the password', () => {
    const { code, output } = start({ DATABASE_URL: 'postgres://someone:s3cret@127.0.0.1:1/none' });
    expect(code).toBe(2);
    expect(output).toContain('cannot reach PostgreSQL');
    expect(output).not.toContain('s3cret');
  });

  it('refuses a data directory locked by a running process', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'motcua.lock'), String(process.pid));
    const { code, output } = start({ MOTCUA_DATA_DIR: dir });
    expect(code).toBe(2);
    expect(output).toContain(`process ${process.pid}`);
  });

  it('refuses a database whose schema is newer than the code', async () => {
    const dir = tmp();
    const db = await openDb({ dataDir: dir });
    await migrate(db);
    await db.query("INSERT INTO schema_migrations (name) VALUES ('9999_from_the_future.sql')");
    await db.close();
    const { code, output } = start({ MOTCUA_DATA_DIR: dir });
    expect(code).toBe(2);
    expect(output).toContain('9999_from_the_future.sql');
  });
});
