import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { bootstrap, type System } from '../bootstrap.ts';
import { auditExportDir } from '../config.ts';
import { actOk, buildWorld, procedure, submit } from '#test/factories.ts';
import { blobPath } from '#modules/files/blob-store.ts';
import { adminQuery, copyTemplate, testConfig } from '#test/template.ts';
import type { TestSystem } from '#test/system.ts';
import { verifyAudit, writeCheckpoint } from './audit.ts';
import { BackupError, backup, restore } from './backup.ts';
import { openDb } from './db.ts';

// Backup and restore on the engine of the run (PGlite data folder, or PostgreSQL through
// pg_dump/pg_restore when DATABASE_URL is set): a restored empty installation holds every
// dossier, every stored file byte for byte and audit chains that verify against the checkpoint.
const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => {});
});

const tmpDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-backup-test-'));

async function emptyPostgres(): Promise<string> {
  const url = new URL(process.env.DATABASE_URL!);
  const name = `motcua_r_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = url.toString();
  await adminQuery(admin, `CREATE DATABASE ${name}`);
  cleanup.push(() => adminQuery(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  url.pathname = `/${name}`;
  return url.toString();
}

interface Snapshot {
  dossiers: { id: string; code: string | null; status: string }[];
  files: { id: string; sha256: string }[];
  auditRows: number;
}

async function snapshot(sys: System): Promise<Snapshot> {
  const db = sys.ctx.db;
  return {
    dossiers: await db.query('SELECT id, code, status FROM dossiers ORDER BY id'),
    files: await db.query('SELECT id, sha256 FROM files ORDER BY id'),
    auditRows: (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log'))[0].n,
  };
}

describe('motcua backup / restore', () => {
  it('restores into an empty installation with every dossier, file and audit chain intact; refuses a non-empty one', async () => {
    const template = inject('dbTemplate');
    const sourceDir = tmpDir();
    let sourceUrl: string | undefined;
    let db: Awaited<ReturnType<typeof openDb>>;
    if (template.kind === 'postgres') {
      const copy = await copyTemplate(template);
      cleanup.push(copy.drop);
      sourceUrl = copy.url;
      db = copy.db;
    } else {
      db = await openDb({ dataDir: sourceDir, loadDataDir: new Blob([fs.readFileSync(template.file)]) });
    }
    const sourceConfig = testConfig({ MOTCUA_DATA_DIR: sourceDir, ...(sourceUrl ? { DATABASE_URL: sourceUrl } : {}) });
    const source = await bootstrap(sourceConfig, { db, skipSeed: true, rateLimitPerMinute: 10_000 });
    const w = await buildWorld(source as unknown as TestSystem);
    const proc = await procedure(w, '1.004873');
    const submitted = await submit(w, { procedure: proc });
    await submit(w, { procedure: proc });
    await actOk(w, 'motcua.hoankiem', submitted.id, { action: 'receive' });
    expect(await writeCheckpoint(source.ctx.db, { exportDir: auditExportDir(sourceConfig) })).not.toBeNull();
    const before = await snapshot(source);
    expect(before.dossiers.length).toBeGreaterThanOrEqual(2);
    // The stored files of this installation (the shared template's demo documents were stored by
    // the process that built it, in its own folder; this installation never held their bytes).
    const stored = before.files.filter((f) => fs.existsSync(blobPath(source.ctx.filesDir, f.sha256)));
    expect(stored.length).toBeGreaterThanOrEqual(2);
    await source.close();

    const file = path.join(tmpDir(), 'motcua.backup');
    const made = await backup({ databaseUrl: sourceUrl, dataDir: sourceDir }, file);
    expect(made.engine).toBe(sourceUrl ? 'postgres' : 'pglite');
    expect(made.migrations).toContain('0025_audit_checkpoints.sql');

    const targetDir = tmpDir();
    const targetUrl = sourceUrl ? await emptyPostgres() : undefined;
    const restored = await restore({ databaseUrl: targetUrl, dataDir: targetDir }, file);
    expect(restored.files).toBe(made.files);
    await expect(restore({ databaseUrl: targetUrl, dataDir: targetDir }, file)).rejects.toThrow(BackupError);

    const targetConfig = testConfig({ MOTCUA_DATA_DIR: targetDir, ...(targetUrl ? { DATABASE_URL: targetUrl } : {}) });
    const target = await bootstrap(targetConfig, { skipSeed: true });
    cleanup.push(() => target.close());
    const after = await snapshot(target);
    expect(after).toEqual(before);
    for (const f of stored) {
      const bytes = fs.readFileSync(blobPath(target.ctx.filesDir, f.sha256));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(f.sha256);
    }
    const report = await verifyAudit(target.ctx.db, { exportDir: auditExportDir(targetConfig) });
    expect(report.problems).toEqual([]);
    expect(report.checkpoint).not.toBeNull();
    expect(report.rowsSinceCheckpoint).toBe(0);
    // The restored installation works: the received dossier reads back through the API.
    const login = await target.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'motcua.hoankiem', password: 'MotCua@2026' } });
    const read = await target.app.inject({
      method: 'GET',
      url: `/api/v1/dossiers/${submitted.id}`,
      headers: { authorization: `Bearer ${login.json().token}` },
    });
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().status).toBe(before.dossiers.find((d) => d.id === submitted.id)!.status);
  }, 300_000); // two installations, a dump and a restore: slow on a busy machine

  it('refuses a file that is not a backup', async () => {
    const file = path.join(tmpDir(), 'not-a-backup');
    fs.writeFileSync(file, 'hello');
    await expect(restore({ dataDir: tmpDir() }, file)).rejects.toThrow();
  });
});
