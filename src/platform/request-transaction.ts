import { AsyncLocalStorage } from 'node:async_hooks';
import { commitHooks, type Db, type Sql } from './db.ts';

/**
 * One transaction for a whole HTTP request, opened on first use: while a request runs inside
 * `requestTransactions.run(rt, …)`, every query and every `db.transaction()` of that request
 * goes to it (a `transaction()` becomes a savepoint), and the request decides at the end whether
 * it commits. The idempotency store uses it so that the claim of an `Idempotency-Key`, the work
 * and the stored answer commit together or not at all (issue 13, D2).
 */
export const requestTransactions = new AsyncLocalStorage<RequestTransaction | undefined>();

const ROLLBACK = Symbol('rollback');

export class RequestTransaction {
  private opened: Promise<Sql> | null = null;
  private decide: ((commit: boolean) => void) | null = null;
  private done: Promise<unknown> | null = null;
  private finished = false;
  private savepoints = 0;

  /** `onOpen` runs first inside the new transaction (the idempotency claim). */
  constructor(
    private readonly db: Pick<Db, 'transaction'>,
    private readonly onOpen: (tx: Sql) => Promise<void>,
  ) {}

  /** Whether queries of this request still go to this transaction. */
  get active(): boolean {
    return !this.finished;
  }

  get isOpen(): boolean {
    return this.opened !== null;
  }

  /** The open transaction, begun (and claimed) on the first call. */
  sql(): Promise<Sql> {
    this.opened ??= new Promise<Sql>((resolveOpen, rejectOpen) => {
      let started = false;
      // Begun outside the request's context, so that `db` opens a real transaction, not a savepoint:
      // in a context with no store, not by `exit()`, which turns Node's promise hooks off and on
      // again (Node 20) on every request.
      this.done = requestTransactions
        .run(undefined, () => this.db.transaction(async (tx) => {
          await this.onOpen(tx);
          started = true;
          const commit = await new Promise<boolean>((decide) => {
            this.decide = decide;
            resolveOpen(tx);
          });
          if (!commit) throw ROLLBACK;
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
    try {
      const result = await fn(tx);
      await tx.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      await tx.query(`ROLLBACK TO SAVEPOINT ${name}`).catch(() => {});
      hooks?.splice(mark); // what the rolled-back work left for the commit goes with it
      throw error;
    }
  }

  /** Rolls back what the request did so far; the next use opens (and claims) afresh. */
  private async restart(): Promise<void> {
    const done = this.done;
    this.decide?.(false);
    this.opened = null;
    this.decide = null;
    this.done = null;
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
