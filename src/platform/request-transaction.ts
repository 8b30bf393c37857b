import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { commitHooks, type Db, type Sql, sharingHooks } from './db.ts';

/**
 * One transaction for a whole HTTP request, opened on first use: while a request runs inside
 * `requestTransactions.run(rt, …)`, every query and every `db.transaction()` of that request
 * goes to it (a `transaction()` becomes a savepoint), and the request decides at the end whether
 * it commits. The idempotency store uses it so that the claim of an `Idempotency-Key`, the work
 * and the stored answer commit together or not at all (issue 13, D2).
 */
export const requestTransactions = new AsyncLocalStorage<RequestTransaction | undefined>();

const ROLLBACK = Symbol('rollback');

/**
 * A text the database decides in a statement the request sends without waiting for its answer
 * (a reception's code: `lateText`). The request answers with `token` in its place; the statement
 * puts the text (as it reads inside a JSON string) in the transaction-local setting `setting`;
 * the stored answer takes it from there in the database (`motcua_late_value`, which fails, and
 * the transaction with it, when the statement did not set it), and the answer sent takes it
 * from `value` once committed (http/idempotency.ts).
 */
export interface LateText {
  readonly token: string;
  readonly setting: string;
  /** The statement's answer, as the text the token stands for (a rejection fails the request). */
  settle(value: Promise<string>): void;
}

interface Pending {
  token: string;
  setting: string;
  value: Promise<string>;
}

export class RequestTransaction {
  private opened: Promise<Sql> | null = null;
  private decide: ((commit: boolean) => void) | null = null;
  private done: Promise<unknown> | null = null;
  private finished = false;
  private savepoints = 0;
  private depth = 0;
  private lates = 0;
  private pending: Pending[] = [];

  /**
   * `onOpen` runs first inside the new transaction (the idempotency claim); `pipelined`: the
   * request's first statement leaves without waiting for it (PostgreSQL; see `sql`).
   */
  constructor(
    private readonly db: Pick<Db, 'transaction'>,
    private readonly onOpen: (tx: Sql) => Promise<void>,
    private readonly pipelined = false,
  ) {}

  /** Whether queries of this request still go to this transaction. */
  get active(): boolean {
    return !this.finished;
  }

  get isOpen(): boolean {
    return this.opened !== null;
  }

  /**
   * The open transaction, begun and claimed on the first call. `pipelined`: the claim is not
   * awaited before the request's first statement, both leave together (one round trip less per
   * request), and no statement's answer reaches the request before the claim's — a claim that
   * failed (the key's answer is stored: IdempotentReplay; or held too long) fails every
   * statement with its own error, and the transaction rolls back.
   */
  sql(): Promise<Sql> {
    this.opened ??= new Promise<Sql>((resolveOpen, rejectOpen) => {
      let started = false;
      // Begun outside the request's context, so that `db` opens a real transaction, not a savepoint:
      // in a context with no store, not by `exit()`, which turns Node's promise hooks off and on
      // again (Node 20) on every request.
      this.done = requestTransactions
        .run(undefined, () => this.db.transaction(async (tx) => {
          if (!this.pipelined) await this.onOpen(tx);
          const refused = this.pipelined
            ? this.onOpen(tx).then(
                () => null,
                (error: unknown) => error ?? new Error('idempotency claim failed'),
              )
            : null;
          started = true;
          const commit = await new Promise<boolean>((decide) => {
            this.decide = decide;
            resolveOpen(refused ? afterClaim(tx, refused) : tx);
          });
          if ((await refused) || !commit) throw ROLLBACK;
        }))
        .catch((error) => {
          if (!started) rejectOpen(error);
          if (error !== ROLLBACK && started) throw error;
        });
    });
    return this.opened;
  }

  /**
   * A nested `db.transaction()`: a savepoint of the request's transaction — except the one that
   * opens it (a route's work is usually one transaction): that one runs flat, and when it fails
   * the whole request transaction rolls back (the claim with it: nothing of the request stays)
   * and the next use begins a new one, claim first. Two statements less per keyed request.
   */
  async nested<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    if (!this.opened) {
      const tx = await this.sql();
      try {
        return await fn(tx);
      } catch (error) {
        await this.restart();
        throw error;
      }
    }
    const tx = await this.sql();
    const name = `motcua_sp_${++this.savepoints}`;
    const hooks = commitHooks(tx);
    const mark = hooks?.length ?? 0;
    await tx.query(`SAVEPOINT ${name}`);
    this.depth++;
    try {
      const result = await fn(tx);
      await tx.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      await tx.query(`ROLLBACK TO SAVEPOINT ${name}`).catch(() => {});
      hooks?.splice(mark); // what the rolled-back work left for the commit goes with it
      throw error;
    } finally {
      this.depth--;
    }
  }

  /**
   * A late text for a statement of this transaction, or null inside a savepoint (a failure there
   * must not reach the stored answer of work that goes on). See `lateText`.
   */
  late(): LateText | null {
    if (!this.opened || this.finished || this.depth > 0) return null;
    const n = ++this.lates; // one setting per late text, even before the first settles
    const token = `motcua-late-${n}-${randomBytes(9).toString('base64url')}`;
    const setting = `motcua.late_${n}`;
    const pending = this.pending;
    return {
      token,
      setting,
      settle(value) {
        value.catch(() => {}); // awaited once committed (http/idempotency.ts); the stored answer fails first
        pending.push({ token, setting, value });
      },
    };
  }

  /** The late texts of the work that will commit: token, setting, value. */
  get lateTexts(): readonly Pending[] {
    return this.pending;
  }

  /** Rolls back what the request did so far; the next use opens (and claims) afresh. */
  private async restart(): Promise<void> {
    const done = this.done;
    this.decide?.(false);
    this.opened = null;
    this.decide = null;
    this.done = null;
    this.pending = []; // rolled back with the work that sent them
    await done;
  }

  /** Commits (or rolls back) what the request did; later queries go to the database directly. */
  async finish(commit: boolean): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    if (!this.opened) return;
    try {
      await this.opened;
    } catch {
      return; // never began: nothing to end
    }
    this.decide?.(commit);
    await this.done;
  }
}

/** `tx` whose statements leave at once but answer only after the claim did, with its error when it failed. */
function afterClaim(tx: Sql, refused: Promise<unknown>): Sql {
  const settled = async <T>(sent: Promise<T>): Promise<T> => {
    // handled from the start: it may fail while the claim is still answering (its error is
    // then the claim's, or it is returned below)
    sent.catch(() => {});
    const error = await refused;
    if (error) throw error;
    return sent;
  };
  return sharingHooks({ query: (text, params) => settled(tx.query(text, params)), exec: (text) => settled(tx.exec(text)) }, tx);
}

/**
 * Inside a request whose transaction commits together with its stored answer (a request with an
 * `Idempotency-Key`: http/idempotency.ts), a text a statement will decide can be left to the
 * database: the caller sends the statement without awaiting it, answers with the token, and
 * passes the statement's answer to `settle`. The stored answer and COMMIT then leave right after
 * the statement, in the same turn, so a row it locks (a reception's daily counter) is held while
 * PostgreSQL works only, never while this process's event loop turns. Null elsewhere: the caller
 * awaits its statement as usual.
 */
export function lateText(): LateText | null {
  const rt = requestTransactions.getStore();
  return rt?.active ? rt.late() : null;
}

/** `db` with request transactions: inside `requestTransactions.run(rt, …)` its calls go to `rt`. */
export function withRequestTransactions(db: Db): Db {
  const current = () => {
    const rt = requestTransactions.getStore();
    return rt?.active ? rt : null;
  };
  return {
    get engine() {
      return db.engine;
    },
    get pglite() {
      return db.pglite;
    },
    get pool() {
      return db.pool;
    },
    async query(text, params) {
      const rt = current();
      return rt ? (await rt.sql()).query(text, params) : db.query(text, params);
    },
    async exec(text) {
      const rt = current();
      return rt ? (await rt.sql()).exec(text) : db.exec(text);
    },
    transaction(fn) {
      const rt = current();
      return rt ? rt.nested(fn) : db.transaction(fn);
    },
    close: () => db.close(),
  } as Db;
}
