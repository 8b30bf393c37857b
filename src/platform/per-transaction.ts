import type { Sql } from './db.ts';

/**
 * Memoises a read for the life of one transaction: a request that needs the same agency,
 * calendar or procedure version several times asks the database once, and the next request
 * reads fresh data. Outside a transaction (the long-lived `Db`) nothing is kept.
 */
export function perTransaction<K, V>(load: (tx: Sql, key: K) => Promise<V>): ((tx: Sql, key: K) => Promise<V>) & {
  /** Remembers a value read another way (e.g. the version in force, by code) for this transaction. */
  prime(tx: Sql, key: K, value: V): void;
} {
  const cache = new WeakMap<Sql, Map<K, Promise<V>>>();
  const entriesOf = (tx: Sql) => {
    let entries = cache.get(tx);
    if (!entries) cache.set(tx, (entries = new Map()));
    return entries;
  };
  const read = (tx: Sql, key: K) => {
    if ('transaction' in tx) return load(tx, key);
    const entries = entriesOf(tx);
    let value = entries.get(key);
    if (!value) entries.set(key, (value = load(tx, key)));
    return value;
  };
  return Object.assign(read, {
    prime(tx: Sql, key: K, value: V) {
      if (!('transaction' in tx)) entriesOf(tx).set(key, Promise.resolve(value));
    },
  });
}
