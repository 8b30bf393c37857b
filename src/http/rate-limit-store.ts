import type pg from 'pg';

/**
 * @fastify/rate-limit store in PostgreSQL, so that the limits (login, public tracking, payment
 * callback, uploads) count across every process of `MOTCUA_WORKERS` and every host (issue 13
 * item 5). One statement per counted request, on the pool (never inside a request's
 * transaction: a refused request still counts). Expired rows are swept once a minute.
 * PGlite (one process) keeps the plugin's in-memory store.
 */
type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

interface RouteOptions {
  routeInfo?: { method?: string; url?: string };
}

const INCR = `
  INSERT INTO rate_limits AS r (key, hits, reset_at) VALUES ($1, 1, clock_timestamp() + $2 * interval '1 millisecond')
  ON CONFLICT (key) DO UPDATE SET
    hits = CASE WHEN r.reset_at <= clock_timestamp() THEN 1 ELSE r.hits + 1 END,
    reset_at = CASE WHEN r.reset_at <= clock_timestamp() THEN excluded.reset_at ELSE r.reset_at END
  RETURNING hits, GREATEST(0, (EXTRACT(EPOCH FROM r.reset_at - clock_timestamp()) * 1000))::float8 AS ttl`;

const READ = `SELECT hits, GREATEST(0, (EXTRACT(EPOCH FROM reset_at - clock_timestamp()) * 1000))::float8 AS ttl
  FROM rate_limits WHERE key = $1 AND reset_at > clock_timestamp()`;

export function postgresRateLimitStore(pool: pg.Pool) {
  let lastSweep = 0;
  const sweep = () => {
    const now = Date.now();
    if (now - lastSweep < 60_000) return;
    lastSweep = now;
    pool.query('DELETE FROM rate_limits WHERE reset_at < clock_timestamp()').catch(() => {});
  };

  return class PostgresRateLimitStore {
    constructor(
      _options?: unknown,
      private readonly prefix = '',
    ) {}

    incr(key: string, cb: Callback, timeWindow: number) {
      sweep();
      pool.query<{ hits: number; ttl: number }>(INCR, [this.prefix + key, timeWindow]).then(
        ({ rows: [row] }) => cb(null, { current: row.hits, ttl: Math.round(row.ttl) }),
        (error: Error) => cb(error),
      );
    }

    read(key: string, cb: Callback) {
      pool.query<{ hits: number; ttl: number }>(READ, [this.prefix + key]).then(
        ({ rows: [row] }) => cb(null, row ? { current: row.hits, ttl: Math.round(row.ttl) } : { current: 0, ttl: 0 }),
        (error: Error) => cb(error),
      );
    }

    child(routeOptions: object) {
      const route = (routeOptions as RouteOptions).routeInfo;
      return new PostgresRateLimitStore(undefined, `${route?.method ?? ''}${route?.url ?? ''} `);
    }
  };
}
