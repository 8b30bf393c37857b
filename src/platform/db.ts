import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import pg from 'pg';
import { withRequestTransactions } from './request-transaction.ts';

/**
 * One database layer for both engines: embedded PGlite and a PostgreSQL server.
 * Repositories receive a `Sql` (the database or an open transaction) and only write
 * PostgreSQL-dialect SQL with `$1` parameters; it runs unchanged on both engines.
 */
export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Several statements at once, no parameters (migrations). */
  exec(text: string): Promise<void>;
}

export type Tx = Sql;
export type Engine = 'pglite' | 'postgres';

export interface Db extends Sql {
  readonly engine: Engine;
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** The embedded instance, for pg-boss's adapter and test snapshots. */
  readonly pglite?: PGlite;
  /** The server pool, for pg-boss and benchmarks. */
  readonly pool?: pg.Pool;
}

export class DatabaseOpenError extends Error {}

// Same JS types on both engines: int8 → number, date → 'YYYY-MM-DD', numeric → string.
const INT8 = 20;
const DATE = 1082;
const asNumber = (v: string) => Number(v);
const asText = (v: string) => v;
pg.types.setTypeParser(INT8, asNumber);
pg.types.setTypeParser(DATE, asText);

const extensions = { unaccent, pg_trgm };
const pgliteParsers = { [INT8]: asNumber, [DATE]: asText };

export interface OpenDbOptions {
  databaseUrl?: string;
  /** PGlite data directory; undefined = in memory. */
  dataDir?: string;
  /** A PGlite data-dir dump to start from (tests). */
  loadDataDir?: Blob | File;
}

export async function openDb(options: OpenDbOptions): Promise<Db> {
  return withRequestTransactions(options.databaseUrl ? await openPostgres(options.databaseUrl) : await openPglite(options));
}

async function openPglite(options: OpenDbOptions): Promise<Db> {
  let release = () => {};
  if (options.dataDir) {
    fs.mkdirSync(options.dataDir, { recursive: true });
    release = lockDataDir(options.dataDir);
  }
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      dataDir: options.dataDir ? path.join(options.dataDir, 'pgdata') : undefined,
      loadDataDir: options.loadDataDir,
      extensions,
      parsers: pgliteParsers,
    });
  } catch (error) {
    release();
    throw new DatabaseOpenError(
      `Không mở được cơ sở dữ liệu nhúng tại ${options.dataDir ?? '(bộ nhớ)'} / cannot open the embedded database: ${(error as Error).message}`,
    );
  }
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Sql => ({
    async query<T>(text: string, params?: unknown[]) {
      return (await q.query<T>(text, params as unknown[])).rows;
    },
    async exec(text: string) {
      await q.exec(text);
    },
  });
  return {
    engine: 'pglite',
    pglite,
    ...wrap(pglite),
    transaction: (fn) => pglite.transaction((tx) => fn(wrap(tx))),
    async close() {
      await pglite.close();
      release();
    },
  };
}

async function openPostgres(url: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: 10, options: '-c TimeZone=UTC' });
  pool.on('error', () => {}); // idle client errors surface on the next query
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => {});
    throw new DatabaseOpenError(
      `Không kết nối được PostgreSQL / cannot reach PostgreSQL at ${redact(url)}: ${(error as Error).message}`,
    );
  }
  const wrap = (q: pg.Pool | pg.PoolClient): Sql => ({
    async query<T>(text: string, params?: unknown[]) {
      return (await q.query(text, params)).rows as T[];
    },
    async exec(text: string) {
      await q.query(text);
    },
  });
  return {
    engine: 'postgres',
    pool,
    ...wrap(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');
}

/** PGlite must never be opened by two processes: a lock file holds the owner's pid. */
function lockDataDir(dir: string): () => void {
  const lockFile = path.join(dir, 'motcua.lock');
  try {
    fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
  } catch {
    const owner = Number(fs.readFileSync(lockFile, 'utf8'));
    if (owner && owner !== process.pid && isAlive(owner)) {
      throw new DatabaseOpenError(
        `Thư mục dữ liệu ${dir} đang được tiến trình ${owner} sử dụng / data directory is in use by process ${owner}`,
      );
    }
    fs.writeFileSync(lockFile, String(process.pid));
  }
  return () => fs.rmSync(lockFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
