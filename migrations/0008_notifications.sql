-- Outbox delivery (src/platform/outbox.ts): a row is due when available_at is null or past;
-- a claim leases it for a while, a failure pushes it back with exponential backoff.
ALTER TABLE outbox ADD COLUMN available_at timestamptz;
CREATE INDEX outbox_due ON outbox (topic, id) WHERE processed_at IS NULL;

-- In-app notifications (thông báo), written from outbox events; one per event and recipient.
CREATE TABLE notifications (
  id         text PRIMARY KEY,
  user_id    text NOT NULL,
  outbox_id  bigint NOT NULL,
  kind       text NOT NULL,                 -- outbox topic
  dossier_id text,
  title      text NOT NULL,
  body       text NOT NULL,
  link       text,
  created_at timestamptz NOT NULL,
  read_at    timestamptz,
  UNIQUE (outbox_id, user_id)
);
CREATE INDEX notifications_user ON notifications (user_id, created_at DESC);

-- E-mails sent, one per event and address: a retried event does not send twice.
CREATE TABLE notification_emails (
  outbox_id bigint NOT NULL,
  recipient text NOT NULL,
  subject   text NOT NULL,
  sent_at   timestamptz NOT NULL,
  PRIMARY KEY (outbox_id, recipient)
);

-- Status payloads for the national public-service portal (DVCQG, domain.md §2.12), recorded
-- here; their delivery to the portal is a later issue (delivered_at stays null until then).
CREATE TABLE dvcqg_sync_log (
  id           bigserial PRIMARY KEY,
  outbox_id    bigint NOT NULL UNIQUE,
  ma_ho_so     text NOT NULL,
  trang_thai   integer,
  payload      jsonb NOT NULL,
  recorded_at  timestamptz NOT NULL,
  delivered_at timestamptz
);
CREATE INDEX dvcqg_sync_log_pending ON dvcqg_sync_log (id) WHERE delivered_at IS NULL;
