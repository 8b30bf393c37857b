import type { Sql } from './db.ts';

/**
 * Memoises a read for the life of one transaction: a request that needs the same agency,
 * calendar or procedure version several times asks the database once, and the next request
 * reads fresh data. Outside a transaction (the long-lived `Db`) nothing is kept.
 */
export function perTransaction<K, V>(load: (tx: Sql, key: K) => Promise<V>): (tx: Sql, key: K) => Promise<V> {
  const cache = new WeakMap<Sql, Map<K, Promise<V>>>();
  return (tx, key) => {
    if ('transaction' in tx) return load(tx, key);
    let entries = cache.get(tx);
    if (!entries) cache.set(tx, (entries = new Map()));
    let value = entries.get(key);
    if (!value) entries.set(key, (value = load(tx, key)));
    return value;
  };
}
