import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { bootstrap } from '../src/bootstrap.ts';
import { openDb } from '#platform/db.ts';

export type Template = { kind: 'pglite'; file: string } | { kind: 'postgres'; url: string; name: string };

export function testConfig(extra: Record<string, string> = {}) {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    MOTCUA_DEV_CLOCK: '1',
    MOTCUA_DEMO: '1',
    MOTCUA_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-test-')),
    ...extra,
  });
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Builds the seeded template: a PGlite dump file, or a PostgreSQL template database. */
export async function buildTemplate(): Promise<Template> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `motcua_tpl_${process.pid}`;
    await adminQuery(url, `DROP DATABASE IF EXISTS ${name}`);
    await adminQuery(url, `CREATE DATABASE ${name}`);
    const system = await bootstrap(testConfig({ DATABASE_URL: withDatabase(url, name) }));
    await system.close();
    return { kind: 'postgres', url, name };
  }
  const db = await openDb({});
  const system = await bootstrap(testConfig(), { db });
  // A checkpoint first: each copy then starts without replaying the seed's WAL (about 0.5 s of
  // CPU less per test file, measured with process.cpuUsage around openDb).
  await db.query('CHECKPOINT');
  const [{ wal }] = await db.query<{ wal: string }>('SELECT pg_walfile_name(pg_current_wal_lsn()) AS wal');
  const dump = await db.pglite!.dumpDataDir('none');
  await system.close();
  const file = path.join(os.tmpdir(), `motcua-template-${process.pid}.tar`);
  fs.writeFileSync(file, withoutWalAfter(Buffer.from(await dump.arrayBuffer()), wal));
  return { kind: 'pglite', file };
}

/**
 * The dump without the WAL segments after `current` (the one written at the CHECKPOINT): old
 * segments the server renamed ahead for reuse, 16 MB each and nothing in them to replay; it
 * makes a new segment when it needs one. Two of them were half of the 100 MB every test file
 * reads and unpacks (openDb of a copy: ~3.0 → ~2.2 s CPU on the loaded 2-core machine). A tar
 * with extended headers (none expected: short names) is kept as it is.
 */
export function withoutWalAfter(tar: Buffer, current: string): Buffer {
  const BLOCK = 512;
  const kept: Buffer[] = [];
  let at = 0;
  while (at + BLOCK <= tar.length && tar[at] !== 0) {
    const header = tar.subarray(at, at + BLOCK);
    const field = (from: number, length: number) => header.toString('latin1', from, from + length).replace(/\0.*$/s, '');
    const type = field(156, 1);
    if (type === 'x' || type === 'g' || type === 'L' || type === 'K') return tar;
    const size = Number.parseInt(field(124, 12).trim(), 8) || 0;
    const end = at + BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    const name = [field(345, 155), field(0, 100)].filter(Boolean).join('/');
    const segment = /(?:^|\/)pg_wal\/([0-9A-F]{24})$/.exec(name)?.[1];
    if (!(segment && segment > current)) kept.push(tar.subarray(at, end));
    at = end;
  }
  kept.push(tar.subarray(at));
  return Buffer.concat(kept);
}

export async function dropTemplate(template: Template): Promise<void> {
  if (template.kind === 'pglite') fs.rmSync(template.file, { force: true });
  else await adminQuery(template.url, `DROP DATABASE IF EXISTS ${template.name}`);
}

/** A fresh database copied from the template; returns its DATABASE_URL on PostgreSQL. */
export async function copyTemplate(template: Template) {
  if (template.kind === 'pglite') {
    const data = fs.readFileSync(template.file);
    return { db: await openDb({ loadDataDir: new Blob([data]) }), drop: async () => {} };
  }
  const name = `motcua_t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  await adminQuery(template.url, `CREATE DATABASE ${name} TEMPLATE ${template.name}`);
  const url = withDatabase(template.url, name);
  return {
    db: await openDb({ databaseUrl: url }),
    url,
    drop: () => adminQuery(template.url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
