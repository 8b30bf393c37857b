-- e-Cabinet (họp và xử lý công việc): collective bodies, opinion forms, meetings with votes,
-- conclusions and assigned tasks. See docs/modules/cabinet.md.

-- Personal signing certificates (chữ ký số cá nhân) of the members of collective bodies, issued
-- by the development CA (or imported), kept by the signatures module like agencies' keys.
CREATE TABLE person_certificates (
  id              text PRIMARY KEY,
  user_id         text NOT NULL,
  issuer_id       text NOT NULL REFERENCES signing_certificates (id),
  subject         text NOT NULL,
  serial          text NOT NULL,
  certificate_pem text NOT NULL,
  private_key_pem text NOT NULL,                      -- encrypted PKCS#8 PEM (MOTCUA_SECRET)
  not_before      timestamptz NOT NULL,
  not_after       timestamptz NOT NULL,
  created_at      timestamptz NOT NULL,
  retired_at      timestamptz
);
CREATE UNIQUE INDEX person_certificates_one_per_user ON person_certificates (user_id) WHERE retired_at IS NULL;

-- A collective body (tập thể): the Government, a provincial People's Committee…
CREATE TABLE cabinet_bodies (
  code        text PRIMARY KEY,                       -- e.g. ubnd-ha-noi
  name        text NOT NULL,                          -- Ủy ban nhân dân Thành phố Hà Nội
  agency_code text NOT NULL,                          -- the agency that issues its documents (places)
  created_at  timestamptz NOT NULL
);

-- The decision rule as data, with the date it takes effect (law is data).
CREATE TABLE cabinet_body_rules (
  body_code        text NOT NULL REFERENCES cabinet_bodies (code),
  valid_from       date NOT NULL,
  deemed_agreement boolean NOT NULL,                  -- no answer by the deadline counts as agreeing
  tie_break        text NOT NULL CHECK (tie_break IN ('chair', 'none')),
  legal_basis      text NOT NULL,
  PRIMARY KEY (body_code, valid_from)
);

CREATE TABLE cabinet_members (
  body_code          text NOT NULL REFERENCES cabinet_bodies (code),
  user_id            text NOT NULL,
  role               text NOT NULL CHECK (role IN ('chair', 'vice_chair', 'member', 'secretariat')),
  title              text NOT NULL,                   -- Chủ tịch UBND Thành phố, Ủy viên…
  substitute_user_id text,                            -- standing substitute for meetings
  position           integer NOT NULL,
  PRIMARY KEY (body_code, user_id)
);
CREATE UNIQUE INDEX cabinet_members_one_chair ON cabinet_members (body_code) WHERE role = 'chair';

-- Phiếu lấy ý kiến thành viên.
CREATE TABLE cabinet_opinion_forms (
  id                    text PRIMARY KEY,
  body_code             text NOT NULL REFERENCES cabinet_bodies (code),
  subject               text NOT NULL,
  question              text NOT NULL,
  options               text[] NOT NULL,               -- agree, disagree, other (a subset, in order)
  documents             text[] NOT NULL,               -- file ids
  deadline_working_days integer NOT NULL CHECK (deadline_working_days BETWEEN 1 AND 30),
  deadline_at           timestamptz NOT NULL,
  status                text NOT NULL CHECK (status IN ('draft', 'approved', 'sent', 'closed')),
  rule                  jsonb NOT NULL,                -- the body's rule frozen at creation
  created_by            text NOT NULL,
  created_at            timestamptz NOT NULL,
  approved_by           text,
  approved_at           timestamptz,
  sent_at               timestamptz,
  closed_at             timestamptz,
  closed_by             text,                          -- null: closed by the deadline job
  tally                 jsonb,
  outcome               text CHECK (outcome IN ('adopted', 'rejected')),
  reminded_before       boolean NOT NULL DEFAULT false,
  reminded_on_day       boolean NOT NULL DEFAULT false
);
CREATE INDEX cabinet_opinion_forms_open ON cabinet_opinion_forms (deadline_at) WHERE status = 'sent';

CREATE TABLE cabinet_form_recipients (
  form_id text NOT NULL REFERENCES cabinet_opinion_forms (id),
  user_id text NOT NULL,
  PRIMARY KEY (form_id, user_id)
);

-- One current answer per member (changes keep the history in cabinet_answer_versions).
CREATE TABLE cabinet_answers (
  form_id     text NOT NULL REFERENCES cabinet_opinion_forms (id),
  user_id     text NOT NULL,
  choice      text NOT NULL CHECK (choice IN ('agree', 'disagree', 'other')),
  comment     text,
  at          timestamptz NOT NULL,
  version     integer NOT NULL,
  signed_text text NOT NULL,                          -- the exact bytes signed (UTF-8 JSON)
  signature   text NOT NULL,                          -- detached CMS SignedData, base64
  PRIMARY KEY (form_id, user_id)
);
CREATE TABLE cabinet_answer_versions (
  form_id     text NOT NULL,
  user_id     text NOT NULL,
  version     integer NOT NULL,
  choice      text NOT NULL,
  comment     text,
  at          timestamptz NOT NULL,
  signed_text text NOT NULL,
  signature   text NOT NULL,
  PRIMARY KEY (form_id, user_id, version)
);

-- Phiên họp.
CREATE TABLE cabinet_meetings (
  id              text PRIMARY KEY,
  body_code       text NOT NULL REFERENCES cabinet_bodies (code),
  title           text NOT NULL,
  starts_at       timestamptz NOT NULL,
  location        text NOT NULL,
  status          text NOT NULL CHECK (status IN ('scheduled', 'in_progress', 'ended')),
  current_item_id text,
  minutes         text,
  created_by      text NOT NULL,
  created_at      timestamptz NOT NULL,
  started_at      timestamptz,
  ended_at        timestamptz,
  version         integer NOT NULL DEFAULT 0            -- bumped on every change of the live room
);

CREATE TABLE cabinet_agenda_items (
  id         text PRIMARY KEY,
  meeting_id text NOT NULL REFERENCES cabinet_meetings (id),
  position   integer NOT NULL,
  title      text NOT NULL,
  presenter  text,
  documents  text[] NOT NULL,
  UNIQUE (meeting_id, position)
);

CREATE TABLE cabinet_invitations (
  meeting_id         text NOT NULL REFERENCES cabinet_meetings (id),
  user_id            text NOT NULL,
  attendance         text NOT NULL CHECK (attendance IN ('pending', 'attend', 'absent', 'substitute')),
  substitute_user_id text,
  note               text,
  responded_at       timestamptz,
  PRIMARY KEY (meeting_id, user_id),
  CHECK ((attendance = 'substitute') = (substitute_user_id IS NOT NULL))
);

CREATE TABLE cabinet_speakers (
  id           text PRIMARY KEY,
  meeting_id   text NOT NULL REFERENCES cabinet_meetings (id),
  item_id      text,
  user_id      text NOT NULL,
  state        text NOT NULL CHECK (state IN ('waiting', 'speaking', 'done', 'withdrawn')),
  requested_at timestamptz NOT NULL,
  started_at   timestamptz,
  ended_at     timestamptz
);
CREATE UNIQUE INDEX cabinet_speakers_one_request ON cabinet_speakers (meeting_id, user_id) WHERE state IN ('waiting', 'speaking');

CREATE TABLE cabinet_votes (
  id         text PRIMARY KEY,
  meeting_id text NOT NULL REFERENCES cabinet_meetings (id),
  item_id    text NOT NULL REFERENCES cabinet_agenda_items (id),
  question   text NOT NULL,
  status     text NOT NULL CHECK (status IN ('open', 'closed')),
  rule       jsonb NOT NULL,
  opened_by  text NOT NULL,
  opened_at  timestamptz NOT NULL,
  closed_at  timestamptz,
  tally      jsonb,
  outcome    text CHECK (outcome IN ('adopted', 'rejected'))
);
CREATE UNIQUE INDEX cabinet_votes_one_open ON cabinet_votes (meeting_id) WHERE status = 'open';

-- A member's ballot, cast by the member or by the substitute named in the invitation.
CREATE TABLE cabinet_ballots (
  vote_id     text NOT NULL REFERENCES cabinet_votes (id),
  member_id   text NOT NULL,
  cast_by     text NOT NULL,
  choice      text NOT NULL CHECK (choice IN ('agree', 'disagree', 'abstain')),
  at          timestamptz NOT NULL,
  signed_text text NOT NULL,
  signature   text NOT NULL,
  PRIMARY KEY (vote_id, member_id)
);

-- Kết luận / nghị quyết, issued as a signed PDF.
CREATE TABLE cabinet_conclusions (
  id          text PRIMARY KEY,
  body_code   text NOT NULL REFERENCES cabinet_bodies (code),
  number      text NOT NULL UNIQUE,                    -- NN/TB-<agency> per year
  year        integer NOT NULL,
  seq         integer NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('conclusion', 'resolution')),
  source_type text NOT NULL CHECK (source_type IN ('opinion_form', 'meeting')),
  source_id   text NOT NULL,
  title       text NOT NULL,
  text        text NOT NULL,
  file_id     text NOT NULL,
  sha256      text NOT NULL,
  issued_by   text NOT NULL,
  issued_at   timestamptz NOT NULL,
  UNIQUE (body_code, year, seq)
);
CREATE UNIQUE INDEX cabinet_conclusions_one_per_source ON cabinet_conclusions (source_type, source_id, kind);

-- Nhiệm vụ được giao.
CREATE TABLE cabinet_tasks (
  id                   text PRIMARY KEY,
  body_code            text NOT NULL REFERENCES cabinet_bodies (code),
  conclusion_id        text NOT NULL REFERENCES cabinet_conclusions (id),
  title                text NOT NULL,
  assignee_agency_code text NOT NULL,
  due_date             date NOT NULL,
  status               text NOT NULL CHECK (status IN ('assigned', 'in_progress', 'done')),
  created_at           timestamptz NOT NULL,
  done_at              timestamptz,
  reminded_on          date                             -- last overdue/due reminder (local date)
);
CREATE INDEX cabinet_tasks_open ON cabinet_tasks (due_date) WHERE status <> 'done';

CREATE TABLE cabinet_task_reports (
  id      text PRIMARY KEY,
  task_id text NOT NULL REFERENCES cabinet_tasks (id),
  at      timestamptz NOT NULL,
  by_user text NOT NULL,
  status  text NOT NULL CHECK (status IN ('in_progress', 'done')),
  note    text NOT NULL
);
