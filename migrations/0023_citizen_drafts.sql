-- Bản nháp trên máy chủ: a signed-in citizen's unfinished online submission, one per procedure,
-- so it can be continued on another device and is listed in "Hồ sơ của tôi". The content is the
-- web form's own draft (fields, applicant, place, uploaded file ids, delivery, Idempotency-Key).
CREATE TABLE dossier_drafts (
  user_id        text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  procedure_code text NOT NULL,
  content        jsonb NOT NULL,
  updated_at     timestamptz NOT NULL,
  PRIMARY KEY (user_id, procedure_code)
);
