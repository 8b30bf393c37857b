import type { Sql } from './db.ts';
import { LIVE_CHANNEL, type LiveEvent, liveListening, liveMessage, onLiveListening, subscribeLive } from './live.ts';
import { requestTransactions } from './request-transaction.ts';

/**
 * A register that every request reads and few change (sessions, agencies, the working calendar,
 * procedure versions), kept in the process and dropped when it changes: the writer calls
 * `changed(tx, which)` in its transaction, a live notice (live.ts: NOTIFY, delivered after
 * commit to every process; PGlite: in-process) that drops what `which` names (everything when
 * null) wherever it is kept.
 *
 *   const agencies = processCache('agencies', (tx, code: string) => tx.query(…))
 *   await agencies.get(tx, code)            // the database on a miss only
 *   await agencies.changed(tx)              // after writing: every process asks again
 *
 * - Kept only while this process listens to exactly one database: without a listener a change
 *   would go unseen (a lost LISTEN connection drops everything, and nothing is kept until it is
 *   back), and with two (tests running several installations in one process) an entry could be
 *   the other database's.
 * - A read under way when a notice arrives is not kept: it may have read before the commit.
 * - In the writing process the change holds from its commit on: from `changed` until its own
 *   notice comes back (or a rolled-back one is given up after a few seconds) this cache reads
 *   past itself. Other processes see it when the notice arrives (milliseconds, like live updates).
 * - The writing transaction reads past the cache from its `changed` on: it sees what it has not
 *   committed, which must not outlive a rollback.
 * - Misses (null) are not kept; at most `max` entries (the oldest go first).
 * - An entry is read again after `maxAgeMs` (default a minute): a change made outside the
 *   application (SQL by hand, a restore under a running process) sends no notice.
 */
export interface ProcessCache<K, V, W> {
  get(sql: Sql, key: K): Promise<V | null>;
  /** After writing: drops the entries `which` names (all when omitted) in every process once `sql` commits. */
  changed(sql: Sql, which?: W): Promise<void>;
}

/** How long a process reads past a cache it changed when its notice does not come back (the transaction rolled back). */
const OWN_NOTICE_WAIT_MS = 5000;
const writers = new WeakSet<object>();
/** This process's notices not yet back, by topic (event id → the timer that gives up on a rolled-back one). */
const ownNotices = new Map<string, Map<string, NodeJS.Timeout>>();
const noticed = new WeakMap<object, Set<string>>();

/** The transaction `sql` writes in: itself, or a request's transaction a `Db` sends its queries to; null when autocommit. */
function transactionOf(sql: Sql): object | null {
  if (!('transaction' in sql)) return sql;
  const rt = requestTransactions.getStore();
  return rt?.active ? rt : null;
}

export function processCache<K, V, W = never>(
  name: string,
  load: (sql: Sql, key: K) => Promise<V | null>,
  options: { max?: number; maxAgeMs?: number; stale?: (which: W, value: V, key: K) => boolean } = {},
): ProcessCache<K, V, W> {
  const topic = `cache:${name}`;
  const max = options.max ?? 10_000;
  const maxAgeMs = options.maxAgeMs ?? 60_000;
  const kept = new Map<K, { value: V; until: number }>();
  let own = ownNotices.get(topic);
  if (!own) ownNotices.set(topic, (own = new Map()));
  let generation = 0;
  const dropAll = () => {
    generation++;
    kept.clear();
    // notices sent while nothing listened never come back: nothing was kept then
    for (const timer of own.values()) clearTimeout(timer);
    own.clear();
  };
  onLiveListening(dropAll);
  subscribeLive(topic, (event) => {
    clearTimeout(own.get(event.id));
    own.delete(event.id);
    generation++;
    const which = event.payload as W | null;
    if (which == null || !options.stale) kept.clear();
    else for (const [key, entry] of kept) if (options.stale(which, entry.value, key)) kept.delete(key);
  });
  const usable = (sql: Sql) => {
    const tx = transactionOf(sql);
    return liveListening() === 1 && own.size === 0 && !(tx && writers.has(tx));
  };
  return {
    async get(sql, key) {
      if (!usable(sql)) return load(sql, key);
      const hit = kept.get(key);
      if (hit && hit.until > Date.now()) return hit.value;
      const at = generation;
      const value = await load(sql, key);
      if (value != null && at === generation && usable(sql)) {
        kept.delete(key);
        if (kept.size >= max) kept.delete(kept.keys().next().value as K);
        kept.set(key, { value, until: Date.now() + maxAgeMs });
      }
      return value;
    },
    async changed(sql, which) {
      const tx = transactionOf(sql);
      if (tx) {
        writers.add(tx);
        // one notice per transaction is enough when it drops everything
        let names = noticed.get(tx);
        if (!names) noticed.set(tx, (names = new Set()));
        if (which == null && names.has(topic)) return;
        if (which == null) names.add(topic);
      }
      const message = liveMessage(topic, which ?? null);
      const { id } = JSON.parse(message) as LiveEvent;
      generation++;
      if (liveListening() > 0) own.set(id, setTimeout(() => own.delete(id), OWN_NOTICE_WAIT_MS).unref());
      await sql.query('SELECT pg_notify($1, $2)', [LIVE_CHANNEL, message]);
    },
  };
}
