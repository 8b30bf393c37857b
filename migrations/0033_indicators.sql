-- Indicators (chỉ tiêu, chỉ số 766): the read model of the command center.
-- indicator_facts: one row per dossier, what the statistics need of it (derived from the dossier
-- row, its payments, result and rating; rewritten in the transaction of every dossier event).
-- indicator_step_facts: one row per liên thông step, counted for the agency holding it.
-- indicator_daily: per unit (agency, commune, province, 'VN') per local day per metric, the sum
-- of the facts' contributions (see src/modules/indicators/contributions.ts).
CREATE TABLE indicator_facts (
  dossier_id     text PRIMARY KEY,
  agency         text NOT NULL,          -- the competent agency: a dossier counts once, there
  commune_code   text,                   -- the agency's commune (commune-level agencies)
  province_code  text NOT NULL,
  procedure_code text NOT NULL,
  sector         text,
  officer        text,                   -- the assigned specialist (user id)
  channel        text NOT NULL,
  received_at    timestamptz,
  received_day   date,
  due_at         timestamptz,
  due_day        date,
  finished_at    timestamptz,
  finished_day   date,
  outcome        text CHECK (outcome IN ('early', 'on_time', 'late', 'withdrawn', 'stopped')),
  working_days   integer,                -- reception → result, working days (resolved dossiers)
  online_eligible boolean NOT NULL DEFAULT false, -- the procedure is offered fully online
  fee_bearing    boolean NOT NULL DEFAULT false,
  paid_online    boolean NOT NULL DEFAULT false,
  e_result       boolean NOT NULL DEFAULT false,  -- a signed electronic result was issued
  boundary_free  boolean NOT NULL DEFAULT false,  -- received away from the applicant's commune
  rating_day     date,
  dissatisfied   boolean
);
CREATE INDEX indicator_facts_province_received ON indicator_facts (province_code, received_day);
CREATE INDEX indicator_facts_commune_received ON indicator_facts (commune_code, received_day);
CREATE INDEX indicator_facts_agency_received ON indicator_facts (agency, received_day);
CREATE INDEX indicator_facts_province_finished ON indicator_facts (province_code, finished_day);
CREATE INDEX indicator_facts_open_due ON indicator_facts (province_code, due_at) WHERE finished_at IS NULL AND received_at IS NOT NULL;

CREATE TABLE indicator_step_facts (
  dossier_id    text NOT NULL,
  seq           integer NOT NULL,
  agency        text NOT NULL,
  commune_code  text,
  province_code text NOT NULL,
  sent_day      date NOT NULL,
  finished_day  date,
  outcome       text CHECK (outcome IN ('early', 'on_time', 'late')),
  PRIMARY KEY (dossier_id, seq)
);

CREATE TABLE indicator_daily (
  unit   text NOT NULL,
  day    date NOT NULL,
  metric text NOT NULL,
  value  bigint NOT NULL,
  PRIMARY KEY (unit, day, metric)
);

-- Editable parameters (savings estimate): versioned, newest effective row wins.
CREATE TABLE indicator_parameters (
  key            text NOT NULL,
  effective_from date NOT NULL,
  value          numeric NOT NULL,
  unit           text NOT NULL,
  source         text NOT NULL,
  updated_by     text NOT NULL,
  updated_at     timestamptz NOT NULL,
  PRIMARY KEY (key, effective_from)
);
