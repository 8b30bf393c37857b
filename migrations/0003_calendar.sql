-- The official working calendar, one row per year plus its special days. Editable, versioned, audited.
CREATE TABLE calendar_years (
  year          integer PRIMARY KEY,
  weekend_days  jsonb NOT NULL,          -- JS weekday numbers, 0 = Sunday … 6 = Saturday
  office_hours  jsonb NOT NULL,          -- {"morning":["07:30","11:30"],"afternoon":["13:00","17:00"]}
  source        text,
  version       integer NOT NULL DEFAULT 1,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  updated_by    text
);

CREATE TABLE calendar_days (
  date      date PRIMARY KEY,
  year      integer NOT NULL REFERENCES calendar_years (year),
  kind      text NOT NULL,               -- holiday | compensatory | swap_off | working_weekend
  name      text NOT NULL,
  verified  boolean NOT NULL DEFAULT false
);
CREATE INDEX calendar_days_year ON calendar_days (year);
