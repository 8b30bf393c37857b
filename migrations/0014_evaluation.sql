-- Evaluation (NĐ 61/2018 Art. 27–32): the applicant's rating of a finished dossier, and feedback
-- (phản ánh, kiến nghị) with a reference number and a deadline for the agency's answer.
CREATE TABLE dossier_ratings (
  dossier_id    text PRIMARY KEY REFERENCES dossiers (id),   -- one rating per dossier
  agency_code   text NOT NULL,                               -- the agency rated (competent agency)
  rated_by      text NOT NULL,
  scores        jsonb NOT NULL,                              -- {criterion: level}
  comment       text,
  rated_at      timestamptz NOT NULL
);
CREATE INDEX dossier_ratings_agency ON dossier_ratings (agency_code, rated_at);

CREATE TABLE feedback (
  id              uuid PRIMARY KEY,
  reference       text NOT NULL UNIQUE,           -- PAKN-YYYY-NNNNNN
  agency_code     text NOT NULL REFERENCES agencies (code),
  dossier_code    text,
  subject         text NOT NULL,
  content         text NOT NULL,
  author_id       text NOT NULL,
  author_name     text NOT NULL,
  publish         boolean NOT NULL,               -- the author agrees to publish it (without name) once answered
  received_at     timestamptz NOT NULL,
  answer_due_date date NOT NULL,
  answer          text,
  answered_by     text,
  answered_at     timestamptz
);
CREATE INDEX feedback_agency ON feedback (agency_code, received_at DESC);
CREATE INDEX feedback_author ON feedback (author_id, received_at DESC);
CREATE INDEX feedback_public ON feedback (answered_at DESC) WHERE publish AND answer IS NOT NULL;

CREATE TABLE feedback_sequences (
  year        integer PRIMARY KEY,
  last_value  integer NOT NULL
);
