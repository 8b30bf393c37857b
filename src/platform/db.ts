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

/**
 * Work that must run last in a transaction, just before its COMMIT: writes to rows that every
 * transaction of its kind updates (running totals), whose row or advisory locks are held until
 * commit. Run last, such a lock is held for a round trip or two instead of for the rest of the
 * transaction, so concurrent transactions queue on it for that long only (issue 13 item 4).
 * Hooks run in registration order (a hook may add more); one that fails rolls the transaction
 * back. On a `Sql` that is not a transaction (autocommit) the work runs at once.
 */
const HOOKS = Symbol('motcua.beforeCommit');
const NOTICES = Symbol('motcua.notices');
type Hook = () => Promise<void>;
type WithHooks = Sql & { [HOOKS]?: Hook[]; [NOTICES]?: Notice[] };

export async function beforeCommit(sql: Sql, hook: Hook): Promise<void> {
  const hooks = (sql as WithHooks)[HOOKS];
  if (hooks) hooks.push(hook);
  else await hook();
}

/** The transaction's pending hooks (the same list for every wrapper of one transaction), for savepoints and state per commit. */
export function commitHooks(sql: Sql): Hook[] | undefined {
  return (sql as WithHooks)[HOOKS];
}

/**
 * `NOTIFY` once `sql`'s transaction has committed (at once outside a transaction): every
 * `payload` on `channel`, never for work rolled back (a savepoint's included). Not inside the
 * transaction: PostgreSQL serializes every committing transaction that notified (a cluster-wide
 * lock held through its commit's flush to disk), which capped such transactions at ~250 per
 * second here where the same without NOTIFY made over 1,000 (pgbench, 16 clients). Sent after the
 * COMMIT instead, in one statement with whatever other transactions of the process committed in
 * the same turn. At most once: a process that dies between its COMMIT and the NOTIFY loses them.
 */
export async function notifyAfterCommit(sql: Sql, channel: string, payloads: string[]): Promise<void> {
  if (payloads.length === 0) return;
  const notices = (sql as WithHooks)[NOTICES];
  if (!notices) {
    await sql.query(notifyStatement(payloads.length), [channel, ...payloads]);
    return;
  }
  // as a hook, so that a savepoint rolled back drops them with its other hooks
  await beforeCommit(sql, async () => {
    for (const payload of payloads) notices.push([channel, payload]);
  });
}

const notifyStatement = (n: number) => `SELECT ${Array.from({ length: n }, (_, i) => `pg_notify($1, $${i + 2})`).join(', ')}`;
type Notice = [channel: string, payload: string];

/**
 * The notices of transactions that committed, sent together on the next turn of the event loop
 * (one statement per channel, outside any transaction of the caller: `send` is the database
 * itself). A failure is logged to stderr and dropped: notices are hints, the database the truth.
 */
function noticeSender(send: (text: string, params: unknown[]) => Promise<unknown>) {
  let queued: Notice[] = [];
  let sending: Promise<void> | null = null;
  const flush = async () => {
    const notices = queued;
    queued = [];
    sending = null;
    const channels = new Map<string, string[]>();
    for (const [channel, payload] of notices) channels.set(channel, [...(channels.get(channel) ?? []), payload]);
    for (const [channel, payloads] of channels) {
      await send(notifyStatement(payloads.length), [channel, ...payloads]).catch((error: Error) =>
        console.error(`NOTIFY ${channel} (${payloads.length}) failed: ${error.message}`),
      );
    }
  };
  return {
    push(notices: Notice[]) {
      if (notices.length === 0) return;
      queued.push(...notices);
      sending ??= new Promise<void>((resolve) => setImmediate(resolve)).then(flush);
    },
    /** Waits for the notices queued so far to be sent (close). */
    async drain() {
      while (sending) await sending;
    },
  };
}

/** `fn` on `tx` with fresh hook and notice lists, the hooks run after it returns (the caller commits next). */
async function withHooks<T>(tx: Sql, fn: (tx: Sql) => Promise<T>): Promise<T> {
  const hooks: Hook[] = [];
  (tx as WithHooks)[HOOKS] = hooks;
  (tx as WithHooks)[NOTICES] = [];
  const result = await fn(tx);
  for (let i = 0; i < hooks.length; i++) await hooks[i]();
  return result;
}

/** A wrapper of `inner` sharing its hook and notice lists (the same transaction for `beforeCommit` and `notifyAfterCommit`). */
export function sharingHooks<S extends Sql>(wrapper: S, inner: Sql): S {
  const hooks = (inner as WithHooks)[HOOKS];
  if (hooks) (wrapper as WithHooks)[HOOKS] = hooks;
  const notices = (inner as WithHooks)[NOTICES];
  if (notices) (wrapper as WithHooks)[NOTICES] = notices;
  return wrapper;
}

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
  /** Called with every statement sent, BEGIN and COMMIT included (bench/statements counts them). */
  onStatement?: (text: string) => void;
}

export async function openDb(options: OpenDbOptions): Promise<Db> {
  const db = options.databaseUrl ? await openPostgres(options.databaseUrl) : await openPglite(options);
  return withRequestTransactions(options.onStatement ? counted(db, options.onStatement) : db);
}

/** `db` reporting every statement to `seen`, including those of its transactions. */
function counted(db: Db, seen: (text: string) => void): Db {
  const wrap = (q: Sql): Sql => ({
    query(text, params) {
      seen(text);
      return q.query(text, params);
    },
    exec(text) {
      seen(text);
      return q.exec(text);
    },
  });
  return {
    ...db,
    engine: db.engine,
    pglite: db.pglite,
    pool: db.pool,
    ...wrap(db),
    async transaction(fn) {
      seen('BEGIN');
      try {
        return await db.transaction((tx) => fn(sharingHooks(wrap(tx), tx)));
      } finally {
        seen('COMMIT');
      }
    },
    close: () => db.close(),
  };
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
  const notices = noticeSender((text, params) => pglite.query(text, params));
  return {
    engine: 'pglite',
    pglite,
    ...wrap(pglite),
    async transaction(fn) {
      let sql: Sql | null = null;
      const result = await pglite.transaction((tx) => withHooks((sql = wrap(tx)), fn));
      notices.push((sql as WithHooks | null)?.[NOTICES] ?? []);
      return result;
    },
    async close() {
      await notices.drain();
      await pglite.close();
      release();
    },
  };
}

async function openPostgres(url: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: 10, options: '-c TimeZone=UTC', pipeline: true });
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
  // Named (prepared) statements: each connection parses and plans a statement's text once.
  // Capped, so that SQL built with varying text cannot fill the server's memory.
  const names = new Map<string, string>();
  // A pg `Query` built from the text (not from a config object, which pg copies property by
  // property for every statement) and named afterwards.
  type Submit = (query: pg.Query, done: (error: Error | undefined, result: pg.QueryResult) => void) => void;
  const run = <T>(q: pg.Pool | pg.PoolClient, text: string, values?: unknown[]): Promise<T[]> => {
    let name = names.get(text);
    if (!name && names.size < 2000) names.set(text, (name = `motcua_${names.size}`));
    const query = new pg.Query(text, values);
    if (name) (query as { name?: string }).name = name;
    return new Promise<T[]>((resolve, reject) => {
      (q.query as unknown as Submit).call(q, query, (error, result) => (error ? reject(error) : resolve(result.rows as T[])));
    });
  };
  const wrap = (q: pg.Pool | pg.PoolClient): Sql => ({
    query: (text, params) => run(q, text, params),
    async exec(text) {
      await q.query(text);
    },
  });
  /**
   * A transaction's connection: BEGIN is not a round trip of its own but goes out in the same
   * socket write as the transaction's first statement (the pool's connections pipeline), and a
   * transaction that sends nothing sends no BEGIN or COMMIT either.
   */
  const transactionOn = (client: pg.PoolClient) => {
    const direct = wrap(client);
    let begun = false;
    const begin = <T>(send: () => Promise<T>): Promise<T> => {
      if (begun) return send();
      begun = true;
      const stream = (client as unknown as { connection: { stream: { cork(): void; uncork(): void } } }).connection.stream;
      stream.cork();
      try {
        return Promise.all([client.query('BEGIN'), send()]).then(([, result]) => result);
      } finally {
        stream.uncork();
      }
    };
    const tx: Sql = {
      query: (text, params) => begin(() => direct.query(text, params)),
      exec: (text) => begin(() => direct.exec(text)),
    };
    return { tx, begun: () => begun };
  };
  const notices = noticeSender((text, params) => pool.query(text, params));
  return {
    engine: 'postgres',
    pool,
    ...wrap(pool),
    async transaction(fn) {
      const client = await pool.connect();
      const { tx, begun } = transactionOn(client);
      try {
        const result = await withHooks(tx, fn);
        // a transaction a failed statement aborted answers its COMMIT with ROLLBACK: no notices then
        if (begun() && (await client.query('COMMIT')).command !== 'COMMIT') return result;
        notices.push((tx as WithHooks)[NOTICES] ?? []);
        return result;
      } catch (error) {
        if (begun()) await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      await notices.drain();
      await pool.end();
    },
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
