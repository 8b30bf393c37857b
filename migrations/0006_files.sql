-- Files (tệp): one row per upload or generated document; the bytes are stored once per
-- SHA-256 under <filesDir>/<first two hex digits>/<sha256>, so identical content shares a blob.
CREATE TABLE files (
  id            text PRIMARY KEY,
  sha256        text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size          bigint NOT NULL CHECK (size >= 0),
  media_type    text NOT NULL,
  original_name text NOT NULL,            -- Unicode NFC
  uploaded_by   text NOT NULL,            -- user id
  created_at    timestamptz NOT NULL,
  deleted_at    timestamptz
);
CREATE INDEX files_sha256 ON files (sha256);
CREATE INDEX files_uploaded_by ON files (uploaded_by, created_at);
