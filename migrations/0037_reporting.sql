-- Hệ thống thông tin báo cáo (Nghị định 09/2019/NĐ-CP): reporting regimes as versioned data,
-- who reports and receives, reports per unit and period with signed submissions.
-- See docs/modules/reporting.md.

-- A reporting regime (chế độ báo cáo): định kỳ, chuyên đề or đột xuất.
CREATE TABLE reporting_regimes (
  code       text PRIMARY KEY,                        -- e.g. tthc, ktxh
  name       text NOT NULL,
  type       text NOT NULL CHECK (type IN ('periodic', 'thematic', 'ad_hoc')),
  created_by text,
  created_at timestamptz NOT NULL
);

-- The regime's content as data, with the date it takes effect (law is data): legal basis,
-- reporting and receiving units, period types, cut-off day, due rule, template (sections,
-- indicators, validation checks, aggregation rule of each indicator). A change is a new row.
CREATE TABLE reporting_regime_versions (
  regime_code text NOT NULL REFERENCES reporting_regimes (code),
  valid_from  date NOT NULL,
  legal_basis text NOT NULL,
  definition  jsonb NOT NULL,
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (regime_code, valid_from)
);

-- Who works on reports for an agency: the reporting officer (cán bộ báo cáo) fills, the leader
-- (lãnh đạo) signs and submits, the receiver (cán bộ tiếp nhận) reviews what the agency receives.
CREATE TABLE reporting_staff (
  user_id     text NOT NULL,
  agency_code text NOT NULL,
  role        text NOT NULL CHECK (role IN ('officer', 'leader', 'receiver')),
  PRIMARY KEY (user_id, agency_code, role)
);
CREATE INDEX reporting_staff_agency ON reporting_staff (agency_code);

-- One report per regime, period and reporting unit.
CREATE TABLE reporting_reports (
  id              text PRIMARY KEY,
  regime_code     text NOT NULL REFERENCES reporting_regimes (code),
  regime_version  date NOT NULL,
  period          text NOT NULL,                      -- 2026-01, 2026-Q1, 2026-H1, 2026-9M, 2026, or the ad hoc code
  unit_code       text NOT NULL,                      -- reporting agency
  receiving_code  text NOT NULL,                      -- receiving agency
  period_from     date NOT NULL,
  period_to       date NOT NULL,
  due_date        date NOT NULL,
  status          text NOT NULL CHECK (status IN ('draft', 'pending_signature', 'submitted', 'returned', 'accepted')),
  vals            jsonb NOT NULL,                     -- indicator code → value (number or text)
  prefilled       jsonb NOT NULL,                     -- indicator code → the figure from the dossier data
  corrections     jsonb NOT NULL,                     -- indicator code → {prefilled, value, reason, by, at}
  late            boolean NOT NULL DEFAULT false,     -- first submitted after the due date
  submitted_at    timestamptz,
  submitted_by    text,
  signed_text     text,                               -- the exact bytes signed (UTF-8 JSON)
  signature       text,                               -- detached CMS SignedData, base64
  returned_reason text,
  returned_at     timestamptz,
  accepted_at     timestamptz,
  accepted_by     text,
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  reminded_before boolean NOT NULL DEFAULT false,
  reminded_on_day boolean NOT NULL DEFAULT false,
  UNIQUE (regime_code, period, unit_code)
);
CREATE INDEX reporting_reports_receiving ON reporting_reports (receiving_code, regime_code, period);

-- Every signed submission, kept (a returned report is submitted again with a new signature).
CREATE TABLE reporting_submissions (
  report_id    text NOT NULL REFERENCES reporting_reports (id),
  seq          integer NOT NULL,
  submitted_by text NOT NULL,
  submitted_at timestamptz NOT NULL,
  signed_text  text NOT NULL,
  signature    text NOT NULL,
  late         boolean NOT NULL,
  PRIMARY KEY (report_id, seq)
);

-- Reminders per (regime, period, unit) sent once before the due date and once on the day,
-- also for units that have not opened their report yet.
CREATE TABLE reporting_reminders (
  regime_code text NOT NULL,
  period      text NOT NULL,
  unit_code   text NOT NULL,
  which       text NOT NULL CHECK (which IN ('before', 'on_day')),
  sent_at     timestamptz NOT NULL,
  PRIMARY KEY (regime_code, period, unit_code, which)
);
