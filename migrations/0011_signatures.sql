-- Signed results (kết quả giải quyết TTHC ký số). See docs/modules/signatures.md.

-- Certificates the installation signs with, and the roots it trusts. A development
-- installation creates its own root ("Một Cửa Dev CA") and one signing certificate per agency;
-- a province imports certificates issued by the national CA instead (source = 'imported').
-- Private keys are stored only as encrypted PKCS#8 (key derived from MOTCUA_SECRET).
CREATE TABLE signing_certificates (
  id              text PRIMARY KEY,
  role            text NOT NULL CHECK (role IN ('root', 'agency')),
  agency_code     text,                               -- the agency it signs for; null for a root
  issuer_id       text REFERENCES signing_certificates (id),
  subject         text NOT NULL,                      -- one RDN per line, UTF-8
  serial          text NOT NULL,                      -- hexadecimal, upper case
  certificate_pem text NOT NULL,
  private_key_pem text,                               -- encrypted PKCS#8 PEM; null for a trust anchor without key
  source          text NOT NULL CHECK (source IN ('dev', 'imported')),
  not_before      timestamptz NOT NULL,
  not_after       timestamptz NOT NULL,
  created_at      timestamptz NOT NULL,
  retired_at      timestamptz,                        -- replaced: still trusted for what it signed
  CHECK ((role = 'root') = (agency_code IS NULL))
);
CREATE UNIQUE INDEX signing_certificates_one_root ON signing_certificates (role) WHERE role = 'root' AND retired_at IS NULL AND source = 'dev';
CREATE UNIQUE INDEX signing_certificates_one_per_agency ON signing_certificates (agency_code) WHERE role = 'agency' AND retired_at IS NULL;

-- One row per issued result: the signed PDF (a files row), its number and its revocation.
-- Agency and procedure names are kept as printed, so verification never depends on later edits.
CREATE TABLE results (
  id                 text PRIMARY KEY,                -- the id in /verify/<id>
  number             text NOT NULL UNIQUE,            -- số kết quả, e.g. 00001/2026/KQ-…
  agency_code        text NOT NULL,
  year               integer NOT NULL,
  seq                integer NOT NULL,
  agency_name        text NOT NULL,
  dossier_id         text NOT NULL,
  dossier_code       text,
  procedure_code     text NOT NULL,
  procedure_name     text NOT NULL,
  file_id            text NOT NULL,                   -- the signed PDF
  sha256             text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  attachment_file_id text,                            -- a result file uploaded by the leader, bound by its SHA-256
  certificate_id     text NOT NULL REFERENCES signing_certificates (id),
  issued_at          timestamptz NOT NULL,
  issued_by          text NOT NULL,
  revoked_at         timestamptz,
  revoked_by         text,
  revocation_reason  text,
  UNIQUE (agency_code, year, seq),
  CHECK ((revoked_at IS NULL) = (revocation_reason IS NULL))
);
CREATE INDEX results_dossier ON results (dossier_id, issued_at DESC);
CREATE INDEX results_sha256 ON results (sha256);
