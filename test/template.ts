import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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

/**
 * How long a PGlite template is used again by the next run (npm test's journeys after its unit
 * tests, a developer's single-file runs): building it migrates and seeds, ~17 s of CPU before the
 * first test. Kept short because seeds read the clock (reporting periods, inspection plans): a
 * template from a moment ago is what a run could have built itself.
 */
export const TEMPLATE_FRESH_MS = 20 * 60_000;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** What the template is made of: the migrations, the seed data, the server's code, the dependencies. */
const TEMPLATE_INPUTS = ['migrations', 'seed', 'src', 'test/template.ts', 'package-lock.json'];

/** A digest of every file the template is made from (src/web and tests excepted): any change makes another template. */
export function templateKey(base = root, inputs = TEMPLATE_INPUTS): string {
  const hash = createHash('sha256');
  const add = (relative: string) => {
    const full = path.join(base, relative);
    const stat = fs.statSync(full, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(full).sort()) {
        const child = path.join(relative, name);
        if (child !== path.join('src', 'web') && !name.endsWith('.test.ts')) add(child);
      }
    } else {
      hash.update(`${relative}\0${stat.size}\0`).update(fs.readFileSync(full));
    }
  };
  for (const input of inputs) add(input);
  return hash.digest('hex').slice(0, 16);
}

/** Where the template for the code as it is now is kept (one per key; older ones are removed). */
function cachedTemplatePath(): string {
  const dir = path.join(os.tmpdir(), 'motcua-test-templates');
  const file = path.join(dir, `template-${templateKey()}.tar`);
  for (const old of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    const at = path.join(dir, old);
    const stat = fs.statSync(at, { throwIfNoEntry: false });
    if (at !== file && stat && Date.now() - stat.mtimeMs > 2 * TEMPLATE_FRESH_MS) fs.rmSync(at, { force: true });
  }
  return file;
}

/** This run's own name for the template (a hard link, removed by dropTemplate): another run may remove the cached name meanwhile. */
function ownLink(cached: string): string {
  const file = path.join(os.tmpdir(), `motcua-template-${process.pid}.tar`);
  fs.rmSync(file, { force: true });
  fs.linkSync(cached, file);
  return file;
}

/** Builds the seeded template: a PGlite dump file (or the one built moments ago from the same code), or a PostgreSQL template database. */
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
  const cached = cachedTemplatePath();
  const age = fs.statSync(cached, { throwIfNoEntry: false });
  if (age && Date.now() - age.mtimeMs < TEMPLATE_FRESH_MS) return { kind: 'pglite', file: ownLink(cached) };
  const db = await openDb({});
  const system = await bootstrap(testConfig(), { db });
  // A checkpoint first: each copy then starts without replaying the seed's WAL (about 0.5 s of
  // CPU less per test file, measured with process.cpuUsage around openDb).
  await db.query('CHECKPOINT');
  const [{ wal }] = await db.query<{ wal: string }>('SELECT pg_walfile_name(pg_current_wal_lsn()) AS wal');
  const dump = await db.pglite!.dumpDataDir('none');
  await system.close();
  // Written under another name, then renamed: a run started meanwhile reads a whole file or none.
  const partial = `${cached}.${process.pid}`;
  fs.mkdirSync(path.dirname(cached), { recursive: true });
  fs.writeFileSync(partial, withoutWalAfter(Buffer.from(await dump.arrayBuffer()), wal));
  fs.renameSync(partial, cached);
  return { kind: 'pglite', file: ownLink(cached) };
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
  // Only this run's link: the cached template stays for the next run (cachedTemplatePath removes old ones).
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
