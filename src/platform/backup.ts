import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { type Db, openDb, redact } from './db.ts';

/**
 * `motcua backup FILE` / `motcua restore FILE` (docs/OPERATIONS.md). One gzip file holds:
 * - `manifest.json`: format, engine, date, applied migrations;
 * - the database: `database.pglite.tar` (PGlite's own data-folder dump) or `database.pgdump`
 *   (`pg_dump --format=custom`, restored with `pg_restore`);
 * - `data/…`: every file of MOTCUA_DATA_DIR except the embedded database itself (stored files,
 *   pending uploads, exported audit checkpoints, the development e-ID secrets).
 * Entries are a JSON header line `{"name","size"}` followed by `size` bytes: streamed both ways,
 * never the whole backup in memory (except a PGlite dump, which PGlite hands over as one blob).
 * A restore goes only into an empty installation.
 */
const BACKUP_FORMAT = 'motcua-backup/1';

export class BackupError extends Error {}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  engine: Db['engine'];
  createdAt: string;
  migrations: string[];
  files: number;
}

interface Target {
  databaseUrl?: string;
  dataDir: string;
}

/** Folders of MOTCUA_DATA_DIR that are not copied as files (the embedded database and its lock). */
const SKIP = new Set(['pgdata', 'motcua.lock']);

function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, rel: string) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!rel && SKIP.has(entry.name)) continue;
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path.join(dir, entry.name), relPath);
      else if (entry.isFile()) out.push(relPath);
    }
  };
  walk(root, '');
  return out.sort();
}

function run(cmd: string, args: string[], options: { stdoutFile?: string } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', options.stdoutFile ? fs.openSync(options.stdoutFile, 'w') : 'ignore', 'pipe'] });
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (e) =>
      reject(new BackupError(`Không chạy được ${cmd} (cần cài PostgreSQL client) / cannot run ${cmd}: ${e.message}`)),
    );
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new BackupError(`${cmd} thất bại / failed (${code}): ${err.trim()}`))));
  });
}

/** Writes a backup of the installation (database + data folder) to `file`. */
export async function backup(target: Target, file: string): Promise<BackupManifest> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-backup-'));
  try {
    let dbFile: { name: string; path: string };
    let migrations: string[];
    let engine: Db['engine'];
    if (target.databaseUrl) {
      engine = 'postgres';
      const db = await openDb({ databaseUrl: target.databaseUrl });
      try {
        migrations = await appliedMigrations(db);
      } finally {
        await db.close();
      }
      dbFile = { name: 'database.pgdump', path: path.join(tmp, 'database.pgdump') };
      await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${dbFile.path}`, `--dbname=${target.databaseUrl}`]);
    } else {
      engine = 'pglite';
      // Opening takes the data folder's lock: a running server must be stopped first.
      const db = await openDb({ dataDir: target.dataDir });
      try {
        migrations = await appliedMigrations(db);
        const dump = await db.pglite!.dumpDataDir('none');
        dbFile = { name: 'database.pglite.tar', path: path.join(tmp, 'database.pglite.tar') };
        fs.writeFileSync(dbFile.path, Buffer.from(await dump.arrayBuffer()));
      } finally {
        await db.close();
      }
    }
    const files = listFiles(target.dataDir);
    const manifest: BackupManifest = { format: BACKUP_FORMAT, engine, createdAt: new Date().toISOString(), migrations, files: files.length };
    const partial = `${file}.partial`;
    const gzip = zlib.createGzip({ level: 6 });
    const done = pipeline(gzip, fs.createWriteStream(partial));
    const write = (chunk: Buffer | string) =>
      new Promise<void>((resolve) => (gzip.write(chunk) ? resolve() : gzip.once('drain', () => resolve())));
    const entry = async (name: string, source: string | Buffer) => {
      const size = typeof source === 'string' ? fs.statSync(source).size : source.length;
      await write(`${JSON.stringify({ name, size })}\n`);
      if (typeof source !== 'string') return write(source);
      for await (const chunk of fs.createReadStream(source)) await write(chunk as Buffer);
    };
    await entry('manifest.json', Buffer.from(JSON.stringify(manifest)));
    await entry(dbFile.name, dbFile.path);
    for (const rel of files) await entry(`data/${rel}`, path.join(target.dataDir, rel));
    gzip.end();
    await done;
    fs.renameSync(partial, file);
    return manifest;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function appliedMigrations(db: Db): Promise<string[]> {
  const rows = await db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name').catch(() => []);
  return rows.map((r) => r.name);
}

/** Reads the entries of a backup one by one, calling `onEntry` with a stream of each entry's bytes. */
async function readEntries(file: string, onEntry: (name: string, size: number, chunks: AsyncIterable<Buffer>) => Promise<void>) {
  const input = fs.createReadStream(file).pipe(zlib.createGunzip());
  const iterator = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let buffer: Buffer = Buffer.alloc(0);
  let ended = false;
  const more = async () => {
    const next = await iterator.next();
    if (next.done) ended = true;
    else buffer = buffer.length ? Buffer.concat([buffer, next.value]) : next.value;
  };
  for (;;) {
    let newline = buffer.indexOf(10);
    while (newline < 0 && !ended) {
      await more();
      newline = buffer.indexOf(10);
    }
    if (newline < 0) {
      if (buffer.length) throw new BackupError('Tệp sao lưu bị cắt cụt / the backup file is truncated');
      return;
    }
    const header = JSON.parse(buffer.subarray(0, newline).toString()) as { name: string; size: number };
    buffer = buffer.subarray(newline + 1);
    let left = header.size;
    async function* chunks() {
      while (left > 0) {
        if (buffer.length === 0) {
          if (ended) throw new BackupError('Tệp sao lưu bị cắt cụt / the backup file is truncated');
          await more();
          continue;
        }
        const take = buffer.subarray(0, Math.min(left, buffer.length));
        buffer = buffer.subarray(take.length);
        left -= take.length;
        yield take;
      }
    }
    await onEntry(header.name, header.size, chunks());
    for await (const _ of chunks()); // drain what the callback did not read
  }
}

async function isEmpty(target: Target): Promise<boolean> {
  if (target.databaseUrl) {
    const db = await openDb({ databaseUrl: target.databaseUrl });
    try {
      const [{ n }] = await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')",
      );
      return n === 0;
    } finally {
      await db.close();
    }
  }
  return !fs.existsSync(path.join(target.dataDir, 'pgdata'));
}

/** Restores a backup into an empty installation (empty database, data folder without a database). */
export async function restore(target: Target, file: string): Promise<BackupManifest> {
  if (!fs.existsSync(file)) throw new BackupError(`Không có tệp / no such file: ${file}`);
  if (!(await isEmpty(target))) {
    throw new BackupError(
      `Đích khôi phục không trống (${target.databaseUrl ? redact(target.databaseUrl) : target.dataDir}); chỉ khôi phục vào cài đặt mới / the target installation is not empty`,
    );
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-restore-'));
  let manifest: BackupManifest | undefined;
  try {
    fs.mkdirSync(target.dataDir, { recursive: true });
    await readEntries(file, async (name, _size, chunks) => {
      if (name === 'manifest.json') {
        const parts: Buffer[] = [];
        for await (const c of chunks) parts.push(c);
        manifest = JSON.parse(Buffer.concat(parts).toString()) as BackupManifest;
        if (manifest.format !== BACKUP_FORMAT) throw new BackupError(`Định dạng không hỗ trợ / unsupported format ${manifest.format}`);
        return;
      }
      if (!manifest) throw new BackupError('Tệp sao lưu thiếu manifest / not a Một Cửa backup');
      if (name === 'database.pgdump' || name === 'database.pglite.tar') {
        const wanted = target.databaseUrl ? 'database.pgdump' : 'database.pglite.tar';
        if (name !== wanted) {
          throw new BackupError(
            `Bản sao lưu của ${manifest.engine} không khôi phục được vào ${target.databaseUrl ? 'postgres' : 'pglite'} / a ${manifest.engine} backup restores into the same engine`,
          );
        }
        const dump = path.join(tmp, name);
        await pipeline(chunks, fs.createWriteStream(dump));
        if (target.databaseUrl) {
          await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', `--dbname=${target.databaseUrl}`, dump]);
        } else {
          const db = await openDb({ dataDir: target.dataDir, loadDataDir: new Blob([fs.readFileSync(dump)]) });
          await db.close();
        }
        return;
      }
      if (!name.startsWith('data/')) throw new BackupError(`Mục lạ trong bản sao lưu / unexpected entry ${name}`);
      const rel = name.slice('data/'.length);
      const dest = path.resolve(target.dataDir, rel);
      if (!dest.startsWith(path.resolve(target.dataDir) + path.sep) || SKIP.has(rel.split('/')[0])) {
        throw new BackupError(`Đường dẫn không hợp lệ / unsafe path in backup: ${name}`);
      }
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      await pipeline(chunks, fs.createWriteStream(dest));
    });
    if (!manifest) throw new BackupError('Tệp sao lưu rỗng / empty backup');
    return manifest;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
