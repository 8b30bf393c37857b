-- Rate-limit counters shared by every process on PostgreSQL (issue 13 item 5,
-- src/http/rate-limit-store.ts): one row per (route, client) and window. Unlogged: a crash
-- may reset the counters, which costs nothing but a fresh window.
CREATE UNLOGGED TABLE rate_limits (
  key text PRIMARY KEY,
  hits integer NOT NULL,
  reset_at timestamptz NOT NULL
);
