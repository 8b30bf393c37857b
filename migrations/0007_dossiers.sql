-- Dossiers (hồ sơ): an append-only action log with cached state, documents, hand-over steps,
-- the daily code counter per receiving agency and the access log of officers' reads.

CREATE TABLE dossiers (
  id                   text PRIMARY KEY,
  code                 text UNIQUE,                   -- mã số hồ sơ, issued at reception
  procedure_code       text NOT NULL,
  procedure_version_id text NOT NULL,                 -- frozen at submission / reception
  channel              text NOT NULL CHECK (channel IN ('direct', 'online', 'postal')),
  applicant            jsonb NOT NULL,                -- {fullName, idNumber, phone, email, address{communeCode, detail}}
  owner                jsonb NOT NULL,
  applicant_user_id    text,
  submitted_by         text NOT NULL,
  province_code        text NOT NULL,                 -- province of the receiving agency (oversight)
  receiving_agency     text NOT NULL,
  competent_agency     text NOT NULL,
  current_agency       text NOT NULL,
  assignee             text,                          -- user id of the specialist
  status               text NOT NULL,                 -- cached; derived from dossier_actions
  phase                text CHECK (phase IN ('intake', 'appraisal')),
  fields               jsonb NOT NULL DEFAULT '{}',
  submitted_at         timestamptz NOT NULL,
  received_at          timestamptz,
  due_at               timestamptz,
  due_date             date,
  clock_started_at     timestamptz,
  extended             boolean NOT NULL DEFAULT false,
  finished_at          timestamptz,
  due_soon_notified_at timestamptz,
  created_at           timestamptz NOT NULL,
  version              integer NOT NULL DEFAULT 1
);
CREATE INDEX dossiers_applicant_user ON dossiers (applicant_user_id);
CREATE INDEX dossiers_applicant_id_number ON dossiers ((applicant->>'idNumber'));
CREATE INDEX dossiers_receiving ON dossiers (receiving_agency, received_at);
CREATE INDEX dossiers_current ON dossiers (current_agency, status);
CREATE INDEX dossiers_competent ON dossiers (competent_agency, status);
CREATE INDEX dossiers_due ON dossiers (due_at) WHERE finished_at IS NULL AND due_at IS NOT NULL;

CREATE TABLE dossier_actions (
  id           bigserial PRIMARY KEY,
  dossier_id   text NOT NULL REFERENCES dossiers (id),
  seq          integer NOT NULL,
  action       text NOT NULL,
  at           timestamptz NOT NULL,
  actor_id     text,
  actor_name   text,
  actor_agency text,
  data         jsonb NOT NULL DEFAULT '{}',
  UNIQUE (dossier_id, seq)
);

CREATE TABLE dossier_documents (
  dossier_id     text NOT NULL REFERENCES dossiers (id),
  component_code text NOT NULL,
  file_id        text NOT NULL,
  added_at       timestamptz NOT NULL,
  action_seq     integer NOT NULL,
  PRIMARY KEY (dossier_id, component_code, file_id)
);

-- Hand-overs (Mẫu 05 phiếu kiểm soát quá trình giải quyết hồ sơ).
CREATE TABLE dossier_steps (
  dossier_id  text NOT NULL REFERENCES dossiers (id),
  seq         integer NOT NULL,
  from_agency text NOT NULL,
  from_user   text,
  to_agency   text NOT NULL,
  to_user     text,
  sent_at     timestamptz NOT NULL,
  accepted_at timestamptz,
  sub_due_at  timestamptz,
  finished_at timestamptz,
  outcome     text CHECK (outcome IN ('truoc_han', 'dung_han', 'qua_han')),
  note        text,
  PRIMARY KEY (dossier_id, seq)
);
CREATE INDEX dossier_steps_to_agency ON dossier_steps (to_agency);

-- Daily sequence per receiving agency: allocated by an upsert inside the receive transaction.
CREATE TABLE dossier_code_sequences (
  agency_code text NOT NULL,
  date        date NOT NULL,
  last_value  integer NOT NULL,
  PRIMARY KEY (agency_code, date)
);

-- Every read of a dossier by an officer (visible to the applicant).
CREATE TABLE dossier_access_log (
  id          bigserial PRIMARY KEY,
  dossier_id  text NOT NULL REFERENCES dossiers (id),
  actor_id    text NOT NULL,
  actor_name  text NOT NULL,
  agency_code text,
  at          timestamptz NOT NULL,
  what        text NOT NULL
);
CREATE INDEX dossier_access_log_dossier ON dossier_access_log (dossier_id, at);
