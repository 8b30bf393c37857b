-- Random secrets an installation makes for itself when none is configured (development and
-- demo installs without MOTCUA_SECRET / MOTCUA_PAYMENT_SECRET): never a published constant.
CREATE TABLE install_secrets (
  name       text PRIMARY KEY,
  value      text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Idempotency claims are now written in the same transaction as the work they guard, so a row
-- exists only with its answer; the in-flight rows left by crashed processes are released.
DELETE FROM idempotency_keys WHERE status_code IS NULL;
