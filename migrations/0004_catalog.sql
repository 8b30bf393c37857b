-- Catalogue: administrative procedures (thủ tục hành chính) as versioned law-as-data.
-- `procedures` is the searchable list (one row per procedure, name of its newest version);
-- `procedure_versions` keeps every published version with its effective dates. A dossier
-- stores the version id it was received under, so a new version never changes it.
CREATE TABLE procedures (
  code            text PRIMARY KEY,          -- mã TTHC, e.g. 1.001193 (or a local code)
  name            text NOT NULL,
  name_en         text,
  level           text NOT NULL,             -- bo | tinh | xa
  online_level    text,
  deadline        jsonb NOT NULL,            -- {value, unit, verified} of the newest version
  latest_version  integer NOT NULL,
  updated_at      timestamptz NOT NULL,
  search          text GENERATED ALWAYS AS (f_unaccent(code || ' ' || name || ' ' || coalesce(name_en, ''))) STORED
);
CREATE INDEX procedures_search ON procedures USING gin (search gin_trgm_ops);

CREATE TABLE procedure_versions (
  id              uuid PRIMARY KEY,
  procedure_code  text NOT NULL REFERENCES procedures (code),
  version         integer NOT NULL,
  effective_from  date NOT NULL,
  effective_to    date,                      -- exclusive; null while in force
  content         jsonb NOT NULL,            -- ProcedureContent (catalog.types.ts)
  content_hash    text NOT NULL,             -- sha256 of content: an unchanged import adds nothing
  source          text NOT NULL,             -- file or user the version came from
  created_at      timestamptz NOT NULL,
  UNIQUE (procedure_code, version)
);
CREATE INDEX procedure_versions_in_force ON procedure_versions (procedure_code, effective_from DESC);
