import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { startupFailure } from '../src/exit-code.ts';
import { DatabaseOpenError, openDb } from '#platform/db.ts';
import { migrate, SchemaTooNewError } from '#platform/migrate.ts';
import { copyTemplate } from './template.ts';

/**
 * `npm start` must fail fast, with a clear message and exit code 2, when it cannot run. Each
 * refusal is checked where it is decided (loadConfig, openDb, migrate) and mapped by
 * `startupFailure`, the function `src/main.ts` ends with; one real start of `src/main.ts`
 * proves that wiring (a process start costs seconds: npm test starts as few as it can).
 */
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-boot-'));

/** What `npm start` would print and exit with, for the failure `run` throws. */
async function failure(run: () => unknown): Promise<{ code: number; output: string; error: unknown }> {
  try {
    await run();
  } catch (error) {
    const { code, message } = startupFailure(error);
    return { code, output: String(message), error };
  }
  throw new Error('expected a refusal');
}

const config = (env: Record<string, string>) => () => loadConfig({ LOG_LEVEL: 'silent', PORT: '0', ...env });

describe('boot failures', () => {
  it('refuses production with demo data, the sandbox gateway, the development CA or the published secret (exit 2, naming each) — a real `npm start`', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        ...process.env,
        DATABASE_URL: '',
        LOG_LEVEL: 'silent',
        PORT: '0',
        NODE_ENV: 'production',
        MOTCUA_DEMO: '1',
        MOTCUA_SANDBOX_GATEWAY: '1',
        MOTCUA_DEV_CA: '1',
        MOTCUA_SECRET: 'motcua-development-secret-do-not-use-in-production',
        MOTCUA_DATA_DIR: tmp(),
      },
      encoding: 'utf8',
      timeout: 170_000, // the machine may be loaded; quiet, it answers in about a second
    });
    const output = `${result.stdout}${result.stderr}`;
    expect(result.status, output).toBe(2);
    for (const name of ['MOTCUA_DEMO', 'MOTCUA_SANDBOX_GATEWAY', 'MOTCUA_DEV_CA', 'MOTCUA_SECRET']) expect(output).toContain(name);
    expect(output).not.toContain('    at '); // the message, not a stack
  }, 180_000);

  it('names the wrong setting', async () => {
    const { code, output, error } = await failure(config({ PORT: 'abc', MOTCUA_DATA_DIR: tmp() }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(code).toBe(2);
    expect(output).toContain('PORT');
    expect(output).toContain('Cấu hình không hợp lệ');
  });

  it('refuses several processes on the embedded database (MOTCUA_WORKERS>1 without DATABASE_URL)', async () => {
    const { code, output } = await failure(config({ MOTCUA_WORKERS: '2', MOTCUA_DATA_DIR: tmp() }));
    expect(code).toBe(2);
    expect(output).toContain('MOTCUA_WORKERS=2');
    expect(output).toContain('DATABASE_URL');
  });

  it('refuses the settable clock in production', async () => {
    const { code, output } = await failure(config({ MOTCUA_DEV_CLOCK: '1', NODE_ENV: 'production', MOTCUA_SECRET: 'a-real-secret-of-more-than-32-characters-0123456789' }));
    expect(code).toBe(2);
    expect(output).toContain('MOTCUA_DEV_CLOCK');
    expect(output).not.toContain('MOTCUA_SECRET');
  });

  it('says when PostgreSQL cannot be reached, without printing the password', async () => {
    const { code, output, error } = await failure(() => openDb({ databaseUrl: 'postgres://someone:s3cret@127.0.0.1:1/none' }));
    expect(error).toBeInstanceOf(DatabaseOpenError);
    expect(code).toBe(2);
    expect(output).toContain('cannot reach PostgreSQL');
    expect(output).not.toContain('s3cret');
  });

  it('refuses a data directory locked by a running process', async () => {
    const dir = tmp();
    const other = process.ppid; // alive, and not this process (a process may reopen its own lock)
    fs.writeFileSync(path.join(dir, 'motcua.lock'), String(other));
    const { code, output } = await failure(() => openDb({ dataDir: dir }));
    expect(code).toBe(2);
    expect(output).toContain(`process ${other}`);
  });

  it('refuses a database whose schema is newer than the code', async () => {
    // A copy of the migrated template (as every test file starts from), not a new database that
    // migrates from nothing (~15 s of CPU): migrate must find nothing to do, then refuse the newer one.
    const { db, drop } = await copyTemplate(inject('dbTemplate'));
    try {
      expect(await migrate(db)).toEqual([]);
      await db.query("INSERT INTO schema_migrations (name) VALUES ('9999_from_the_future.sql')");
      const { code, output, error } = await failure(() => migrate(db));
      expect(error).toBeInstanceOf(SchemaTooNewError);
      expect(code).toBe(2);
      expect(output).toContain('9999_from_the_future.sql');
    } finally {
      await db.close();
      await drop();
    }
  });

  it('ends with the stack and exit 1 on anything unexpected', () => {
    const { code, message } = startupFailure(new TypeError('boom'));
    expect(code).toBe(1);
    expect(message).toBeInstanceOf(TypeError);
  });
});
