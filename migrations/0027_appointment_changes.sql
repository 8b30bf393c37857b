-- Đổi giờ, hủy lịch hẹn, ghi nhận đến/không đến (issue 12 item 9): a booking is cancelled or
-- moved by the citizen, and the desk marks whether the person came. A booking that was kept
-- (arrived, no-show) still took its place in the slot; only a cancelled one frees it.
ALTER TABLE appointments ADD COLUMN status_at timestamptz;   -- when the status last changed
ALTER TABLE appointments ADD COLUMN status_by text;          -- who changed it (a user id)
ALTER TABLE appointments ADD CONSTRAINT appointments_status_check
  CHECK (status IN ('booked', 'cancelled', 'arrived', 'no_show'));
DROP INDEX appointments_slot;
CREATE INDEX appointments_slot ON appointments (agency_code, date, start_time) WHERE status <> 'cancelled';
