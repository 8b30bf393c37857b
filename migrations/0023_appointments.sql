-- Đặt lịch hẹn nộp hồ sơ trực tiếp: a citizen books a time slot at a desk for a procedure
-- submitted in person. Slots come from the working calendar's office hours; the slot length and
-- how many people one slot takes are set per agency by the administrator.
CREATE TABLE appointment_settings (
  agency_code  text PRIMARY KEY REFERENCES agencies (code),
  slot_minutes integer NOT NULL CHECK (slot_minutes BETWEEN 10 AND 240),
  capacity     integer NOT NULL CHECK (capacity BETWEEN 1 AND 100),
  updated_at   timestamptz NOT NULL,
  updated_by   text NOT NULL
);

CREATE TABLE appointments (
  id               text PRIMARY KEY,
  code             text NOT NULL UNIQUE,          -- mã đặt lịch, e.g. LH-7K3M9Q
  agency_code      text NOT NULL REFERENCES agencies (code),
  procedure_code   text NOT NULL,
  date             date NOT NULL,
  start_time       text NOT NULL,                 -- HH:MM local
  end_time         text NOT NULL,
  user_id          text NOT NULL REFERENCES users (id),
  full_name        text NOT NULL,
  phone            text NOT NULL,
  status           text NOT NULL DEFAULT 'booked', -- booked | cancelled
  created_at       timestamptz NOT NULL,
  reminded_at      timestamptz
);
CREATE INDEX appointments_slot ON appointments (agency_code, date, start_time) WHERE status = 'booked';
CREATE INDEX appointments_user ON appointments (user_id, date);
-- one booking per citizen, procedure and day at a desk (a double click books once)
CREATE UNIQUE INDEX appointments_once ON appointments (user_id, agency_code, procedure_code, date) WHERE status = 'booked';
