-- Sign-in with the national e-ID (OpenID Connect): facts the state knows about a citizen,
-- kept so forms can prefill them ("only once"), and the pending authorization requests.
ALTER TABLE users ADD COLUMN birth_date date;          -- from the e-ID
ALTER TABLE users ADD COLUMN address text;             -- formatted address from the e-ID
ALTER TABLE users ADD COLUMN eid_subject text;         -- `sub` at the e-ID provider, last seen
ALTER TABLE users ADD COLUMN eid_verified_at timestamptz; -- last sign-in through the e-ID

-- One row per "Đăng nhập bằng VNeID" click: state, PKCE verifier and nonce stay on the server;
-- the browser holds only the state in a short-lived httpOnly cookie. Used at most once.
CREATE TABLE eid_auth_requests (
  state          text PRIMARY KEY,
  code_verifier  text NOT NULL,
  nonce          text NOT NULL,
  return_to      text NOT NULL,
  created_at     timestamptz NOT NULL,
  expires_at     timestamptz NOT NULL,
  used_at        timestamptz
);
CREATE INDEX eid_auth_requests_expires ON eid_auth_requests (expires_at);
