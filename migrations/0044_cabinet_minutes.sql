-- e-Cabinet: the minutes of a meeting issued as a signed PDF (biên bản họp). Once signed, the
-- minutes' text is final. See docs/modules/cabinet.md.
ALTER TABLE cabinet_meetings ADD COLUMN minutes_file_id text;
ALTER TABLE cabinet_meetings ADD COLUMN minutes_sha256 text;
ALTER TABLE cabinet_meetings ADD COLUMN minutes_signed_at timestamptz;
ALTER TABLE cabinet_meetings ADD COLUMN minutes_signed_by text;
