-- Places: the 2025 administrative units, the pre-2025 → today mapping, and agencies.
CREATE TABLE provinces (
  code  text PRIMARY KEY,            -- national statistical code, 2 digits
  name  text NOT NULL,
  kind  text NOT NULL                -- province | municipality
);

CREATE TABLE communes (
  code          text PRIMARY KEY,    -- national statistical code, 5 digits
  province_code text NOT NULL REFERENCES provinces (code),
  name          text NOT NULL,
  kind          text NOT NULL,       -- commune | ward | special_zone
  ordinal       integer NOT NULL,    -- position within the province by code (used in agency codes)
  search        text GENERATED ALWAYS AS (f_unaccent(name)) STORED
);
CREATE INDEX communes_province ON communes (province_code, code);

-- One row per pre-2025 unit named in a merger; an old unit split between several new
-- communes appears once per new commune, keeping the "phần còn lại" note.
CREATE TABLE legacy_units (
  id                bigserial PRIMARY KEY,
  province_code     text NOT NULL REFERENCES provinces (code),
  old_name          text NOT NULL,
  note              text,
  new_commune_code  text REFERENCES communes (code),
  new_commune_name  text NOT NULL,
  search            text GENERATED ALWAYS AS (f_unaccent(old_name)) STORED
);
CREATE INDEX legacy_units_search ON legacy_units USING gin (search gin_trgm_ops);

CREATE TABLE agencies (
  code            text PRIMARY KEY,  -- QCVN 102-style identifier, see docs/modules/places.md
  name            text NOT NULL,
  kind            text NOT NULL,     -- people_committee | public_service_center | police | justice | social_insurance | finance
  level           text NOT NULL,     -- tinh | xa
  province_code   text NOT NULL REFERENCES provinces (code),
  admin_unit_code text NOT NULL,     -- commune code (level xa) or province code (level tinh)
  parent_code     text REFERENCES agencies (code),
  active          boolean NOT NULL DEFAULT true
);
CREATE INDEX agencies_unit_kind ON agencies (admin_unit_code, kind);
CREATE INDEX agencies_province ON agencies (province_code, kind);
