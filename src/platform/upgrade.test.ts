import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { bootstrap, type System } from '../bootstrap.ts';
import { actOk, buildWorld, procedure, submit } from '#test/factories.ts';
import { adminQuery, testConfig } from '#test/template.ts';
import type { TestSystem } from '#test/system.ts';
import { verifyAudit } from './audit.ts';
import { openDb } from './db.ts';
import { migrationsDir } from './migrate.ts';

// Upgrade: a database created by the release at commit 9abeed6 (the start of this work: demo
// data and one received dossier with its file; built by scripts/release-fixture.ts, kept as
// pg_dump SQL) migrates forward with the current code and keeps working.
const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/release-9abeed6.sql.gz');
const OLD_DOSSIER = 'bbc4055b-6edb-453a-9377-a873b68ec461';

let sys: System | undefined;
let dropDb: (() => Promise<void>) | undefined;
afterAll(async () => {
  await sys?.close();
  await dropDb?.();
});

async function loadFixture(): Promise<{ url?: string; db?: Awaited<ReturnType<typeof openDb>> }> {
  // pg_dump's plain SQL, without its psql meta-commands (\restrict …).
  const sql = zlib
    .gunzipSync(fs.readFileSync(FIXTURE))
    .toString('utf8')
    .split('\n')
    .filter((line) => !line.startsWith('\\'))
    .join('\n');
  if (!process.env.DATABASE_URL) {
    const db = await openDb({});
    await db.exec(sql);
    await db.exec('RESET search_path');
    return { db };
  }
  const url = new URL(process.env.DATABASE_URL);
  const name = `motcua_u_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = url.toString();
  await adminQuery(admin, `CREATE DATABASE ${name}`);
  dropDb = () => adminQuery(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  await client.query(sql);
  await client.end();
  return { url: url.toString() };
}

describe('upgrade from release 9abeed6', () => {
  it('migrates the old database forward; old dossiers, files and audit chains stay intact and new work goes on', async () => {
    const old = await loadFixture();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-upgrade-'));
    const blobs = JSON.parse(fs.readFileSync(`${FIXTURE}.files.json`, 'utf8')) as Record<string, string>;
    for (const [rel, b64] of Object.entries(blobs)) {
      fs.mkdirSync(path.dirname(path.join(dataDir, 'files', rel)), { recursive: true });
      fs.writeFileSync(path.join(dataDir, 'files', rel), Buffer.from(b64, 'base64'));
    }
    const reader = old.db ?? (await openDb({ databaseUrl: old.url }));
    const oldMigrations = (await reader.query<{ name: string }>('SELECT name FROM schema_migrations')).map((r) => r.name);
    if (!old.db) await reader.close();
    expect(oldMigrations).toContain('0018_tracking_result_desk.sql');
    expect(oldMigrations).not.toContain('0025_audit_checkpoints.sql');

    // As `motcua start` does: migrate, seal the old audit rows, seed (idempotent), serve.
    const config = testConfig({ MOTCUA_DATA_DIR: dataDir, ...(old.url ? { DATABASE_URL: old.url } : {}) });
    sys = await bootstrap(config, { db: old.db, rateLimitPerMinute: 10_000 });
    const applied = (await sys.ctx.db.query<{ name: string }>('SELECT name FROM schema_migrations')).map((r) => r.name);
    expect(applied.sort()).toEqual(fs.readdirSync(migrationsDir).filter((f) => f.endsWith('.sql')).sort());

    const audit = await verifyAudit(sys.ctx.db);
    expect(audit.rows).toBeGreaterThan(0);
    expect(audit.problems).toEqual([]);

    const w = await buildWorld(sys as unknown as TestSystem);
    const oldRead = await sys.app.inject({ method: 'GET', url: `/api/v1/dossiers/${OLD_DOSSIER}`, headers: { authorization: `Bearer ${w.token['motcua.hoankiem']}` } });
    expect(oldRead.statusCode, oldRead.body).toBe(200);
    expect(oldRead.json()).toMatchObject({ status: 'RECEIVED', code: expect.stringMatching(/^004\.00\.50\.H01-\d{6}-0001$/) });
    const [file] = await sys.ctx.db.query<{ sha256: string }>(
      'SELECT f.sha256 FROM dossier_documents d JOIN files f ON f.id = d.file_id WHERE d.dossier_id = $1 LIMIT 1',
      [OLD_DOSSIER],
    );
    expect(Object.keys(blobs).some((rel) => rel.endsWith(file.sha256))).toBe(true);

    // New work on the upgraded database.
    const fresh = await submit(w, { procedure: await procedure(w, '1.004873'), user: 'motcua.hoankiem' });
    const received = await actOk(w, 'motcua.hoankiem', fresh.id, { action: 'receive' });
    expect(received.code).toMatch(/^004\.00\.50\.H01-\d{6}-\d{4}$/);
    expect((await verifyAudit(sys.ctx.db)).problems).toEqual([]);
  }, 300_000); // loads a whole old database and seeds it: slow on a busy machine
});
