-- Platform tables shared by every module.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- unaccent() is STABLE; this IMMUTABLE wrapper can be used in indexes. It also folds đ/Đ.
CREATE OR REPLACE FUNCTION f_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;

CREATE TABLE idempotency_keys (
  scope        text NOT NULL,            -- actor id or 'anonymous'
  key          text NOT NULL,
  request_hash text NOT NULL,
  status_code  integer,                  -- null while the first request is in flight
  response     jsonb,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, key)
);

CREATE TABLE audit_log (
  id           bigserial PRIMARY KEY,
  chain        text NOT NULL,
  seq          integer NOT NULL,
  at           timestamptz NOT NULL,
  actor_id     text,
  action       text NOT NULL,
  subject_type text NOT NULL,
  subject_id   text NOT NULL,
  data         jsonb NOT NULL DEFAULT '{}',
  prev_hash    text NOT NULL,
  hash         text NOT NULL,
  UNIQUE (chain, seq)
);
CREATE INDEX audit_log_subject ON audit_log (subject_type, subject_id);

CREATE TABLE outbox (
  id           bigserial PRIMARY KEY,
  topic        text NOT NULL,
  key          text NOT NULL,
  payload      jsonb NOT NULL,
  created_at   timestamptz NOT NULL,
  processed_at timestamptz,
  attempts     integer NOT NULL DEFAULT 0,
  last_error   text
);
CREATE INDEX outbox_pending ON outbox (id) WHERE processed_at IS NULL;
