-- Hậu kiểm (post-inspection): declarations frozen and versioned, risk rules as data, sampling
-- plans and their seeded draws, inspection cases with their log. See docs/modules/inspection.md.

-- Risk rules per sector as data, with the dates they apply (law is data). `rules` is the
-- RiskRules shape of src/modules/inspection/risk.ts (base points, categories, history weights,
-- the high-risk threshold, the checklist).
CREATE TABLE inspection_rule_sets (
  id             text PRIMARY KEY,
  sector         text NOT NULL,                       -- e.g. an_toan_thuc_pham
  effective_from date NOT NULL,
  effective_to   date,                                -- exclusive; null while in force
  rules          jsonb NOT NULL,
  legal_basis    text NOT NULL,
  created_at     timestamptz NOT NULL
);
CREATE INDEX inspection_rule_sets_sector ON inspection_rule_sets (sector, effective_from DESC);

-- Which procedure belongs to which inspection sector (and which field names the product category).
CREATE TABLE inspection_procedures (
  procedure_code text PRIMARY KEY,
  sector         text NOT NULL,
  category_field text                                  -- the form field that names the product category
);

-- A declaration (bản tự công bố / thông báo) as received: every version frozen, never updated.
-- Version 1 is what was received; a correction by the declarant adds a version.
CREATE TABLE inspection_declarations (
  dossier_id      text NOT NULL,
  version         integer NOT NULL,
  procedure_code  text NOT NULL,
  agency_code     text NOT NULL,                       -- the competent authority (inspects)
  province_code   text NOT NULL,
  sector          text NOT NULL,
  declarant_id    text NOT NULL,                       -- tax code or CCCD of the declarant
  declarant_name  text NOT NULL,
  declarant_user  text,                                -- account, when submitted online
  category        text,
  fields          jsonb NOT NULL,
  documents       jsonb NOT NULL,                      -- [{componentCode, fileId}]
  content_hash    text NOT NULL,
  result_id       text,
  risk_score      integer NOT NULL,
  risk_factors    jsonb NOT NULL,                      -- [{code, points, vi, en}]
  rule_set_id     text NOT NULL REFERENCES inspection_rule_sets (id),
  correction_reason text,
  declared_at     timestamptz NOT NULL,
  recorded_by     text,
  PRIMARY KEY (dossier_id, version)
);
CREATE INDEX inspection_declarations_agency ON inspection_declarations (agency_code, sector, declared_at);
CREATE INDEX inspection_declarations_declarant ON inspection_declarations (declarant_id);

-- A sampling plan (kế hoạch hậu kiểm) of one authority, sector and period.
CREATE TABLE inspection_plans (
  id                   text PRIMARY KEY,
  agency_code          text NOT NULL,
  province_code        text NOT NULL,
  sector               text NOT NULL,
  title                text NOT NULL,
  period_from          date NOT NULL,
  period_to            date NOT NULL,                  -- inclusive
  min_random_percent   numeric NOT NULL CHECK (min_random_percent >= 0 AND min_random_percent <= 100),
  high_risk_threshold  integer NOT NULL,
  case_due_working_days integer NOT NULL,
  legal_basis          text NOT NULL,
  created_at           timestamptz NOT NULL,
  created_by           text
);
CREATE INDEX inspection_plans_agency ON inspection_plans (agency_code, period_from);

-- One draw of a plan with its seed: the same seed gives the same sample (recorded once).
CREATE TABLE inspection_draws (
  id          text PRIMARY KEY,
  plan_id     text NOT NULL REFERENCES inspection_plans (id),
  seed        text NOT NULL,
  population  integer NOT NULL,
  minimum     integer NOT NULL,
  items       jsonb NOT NULL,                          -- [{dossierId, riskScore, reasons}]
  drawn_at    timestamptz NOT NULL,
  drawn_by    text NOT NULL,
  UNIQUE (plan_id, seed)
);

-- An inspection case (hồ sơ hậu kiểm); its actions are logged in inspection_case_actions.
CREATE TABLE inspection_cases (
  id              text PRIMARY KEY,
  number          text NOT NULL UNIQUE,                -- HK-<year>-<seq>-<agency>
  agency_code     text NOT NULL,
  province_code   text NOT NULL,
  sector          text NOT NULL,
  dossier_id      text NOT NULL,
  declaration_version integer NOT NULL,
  result_id       text,
  origin          text NOT NULL CHECK (origin IN ('sample', 'complaint', 'manual')),
  draw_id         text REFERENCES inspection_draws (id),
  reason          text NOT NULL,
  status          text NOT NULL CHECK (status IN ('open', 'assigned', 'visited', 'concluded')),
  inspector_id    text,
  due_date        date NOT NULL,
  conclusion      text CHECK (conclusion IN ('compliant', 'correct', 'sanction')),
  legal_basis     text,
  correct_by      date,
  sanction        jsonb,
  concluded_at    timestamptz,
  revoked_at      timestamptz,
  revocation_reason text,
  created_at      timestamptz NOT NULL,
  created_by      text NOT NULL,
  version         integer NOT NULL DEFAULT 0
);
CREATE INDEX inspection_cases_agency ON inspection_cases (agency_code, status, due_date);
CREATE INDEX inspection_cases_dossier ON inspection_cases (dossier_id);
-- one open case per declaration: a second sample or complaint joins the open one
CREATE UNIQUE INDEX inspection_cases_one_open ON inspection_cases (dossier_id) WHERE status <> 'concluded';

CREATE TABLE inspection_case_actions (
  case_id   text NOT NULL REFERENCES inspection_cases (id),
  seq       integer NOT NULL,
  action    text NOT NULL,
  data      jsonb NOT NULL,
  at        timestamptz NOT NULL,
  actor_id  text NOT NULL,
  actor_name text NOT NULL,
  PRIMARY KEY (case_id, seq)
);

-- Yearly counter of case numbers per agency.
CREATE TABLE inspection_case_counters (
  agency_code text NOT NULL,
  year        integer NOT NULL,
  seq         integer NOT NULL,
  PRIMARY KEY (agency_code, year)
);
