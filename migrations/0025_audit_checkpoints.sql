-- Tamper-evident audit (issue 13 item 3).
-- mac: HMAC-SHA-256 of the row's hash under a key derived from MOTCUA_SECRET, so a row
-- rewritten or appended without the secret no longer verifies (rows written before this
-- migration get theirs once, at the first start that knows the secret: audit_state).
ALTER TABLE audit_log ADD COLUMN mac text;

CREATE TABLE audit_state (
  id            integer PRIMARY KEY CHECK (id = 1),
  legacy_sealed boolean NOT NULL DEFAULT false
);
INSERT INTO audit_state (id, legacy_sealed) VALUES (1, false);

-- Signed checkpoints of every chain head (Ed25519, the installation key), each linked to the
-- previous one (body is the signed text, kept byte for byte); also exported as files (MOTCUA_AUDIT_EXPORT_DIR).
CREATE TABLE audit_checkpoints (
  seq        integer PRIMARY KEY,
  at         timestamptz NOT NULL,
  body       text NOT NULL, -- canonical JSON {v, seq, at, prev, rows, maxId, heads: [[chain, seq, hash]]}
  digest     text NOT NULL,
  signature  text NOT NULL,
  public_key text NOT NULL
);
