-- The open dossiers rolled up by unit and due instant (issue 16 item 7): the "still open" part of
-- pending-overdue and the overdue-by-agency list read a few rows per unit — one per distinct due
-- instant — instead of one fact row per open dossier. The nation (`VN`) had to visit every open
-- overdue dossier of the country (a heap page each); now its read is as small as a province's.
-- Kept by the projection with the facts (new − old, rows back at zero deleted), refilled by
-- `motcua indicators rebuild`; a dossier counts at its competent agency, its commune (commune-level
-- agencies), its province and VN, as in the aggregates.
CREATE TABLE indicator_open_due (
  unit       text NOT NULL,
  unit_kind  text NOT NULL CHECK (unit_kind IN ('agency', 'commune', 'province', 'national')),
  due_at     timestamptz NOT NULL,
  n          integer NOT NULL,
  PRIMARY KEY (unit, due_at)
);
-- the overdue agencies of the nation: every agency row due before now
CREATE INDEX indicator_open_due_agency ON indicator_open_due (due_at) WHERE unit_kind = 'agency';

INSERT INTO indicator_open_due (unit, unit_kind, due_at, n)
SELECT u.unit, u.kind, f.due_at, count(*)
  FROM indicator_facts f
 CROSS JOIN LATERAL (VALUES (f.agency, 'agency'), (f.commune_code, 'commune'), (f.province_code, 'province'), ('VN', 'national')) AS u(unit, kind)
 WHERE f.finished_at IS NULL AND f.received_at IS NOT NULL AND f.due_at IS NOT NULL AND u.unit IS NOT NULL
 GROUP BY u.unit, u.kind, f.due_at;
