-- Identity: accounts, role grants per agency, server sessions, failed logins (rate limiting).
CREATE TABLE users (
  id            text PRIMARY KEY,
  username      text NOT NULL UNIQUE,            -- lower case
  full_name     text NOT NULL,
  id_number     text UNIQUE,                     -- CCCD of a citizen (12 digits)
  email         text,
  phone         text,
  password_hash text,                            -- argon2id; null for e-ID-only citizens
  active        boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now(),
  deleted_at    timestamptz
);

CREATE TABLE user_grants (
  id            bigserial PRIMARY KEY,
  user_id       text NOT NULL REFERENCES users (id),
  role          text NOT NULL,
  agency_code   text REFERENCES agencies (code),  -- null = everywhere (administrator)
  province_code text,
  UNIQUE (user_id, role, agency_code)
);
CREATE INDEX user_grants_agency ON user_grants (agency_code, role);

CREATE TABLE sessions (
  id          text PRIMARY KEY,
  token_hash  text NOT NULL UNIQUE,               -- sha256 of the token; the token itself is never stored
  user_id     text NOT NULL REFERENCES users (id),
  created_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL,
  revoked_at  timestamptz,
  ip          text,
  user_agent  text
);

CREATE TABLE login_failures (
  id        bigserial PRIMARY KEY,
  username  text NOT NULL,
  ip        text NOT NULL,
  at        timestamptz NOT NULL
);
CREATE INDEX login_failures_username ON login_failures (username, at);
CREATE INDEX login_failures_ip ON login_failures (ip, at);
