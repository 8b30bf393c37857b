-- Aggregates across installations (issue 16 item 6). A local installation sends its per-unit,
-- per-day aggregates (indicator_daily, VN excluded) and its open dossiers counted by due instant,
-- signed with its node key, to the national node; the national node keeps what each node sent
-- (one row per node, unit, day, metric: a re-send replaces, never adds) and adds the difference
-- to its own indicator_daily / indicator_totals, so its command center reads the provinces'
-- figures the same way as its own.

-- National node: what each node sent, as last received.
CREATE TABLE indicator_received_daily (
  node_id text NOT NULL,
  unit text NOT NULL,
  province_code text NOT NULL,
  day date NOT NULL,
  metric text NOT NULL,
  value bigint NOT NULL,
  PRIMARY KEY (node_id, unit, day, metric)
);

-- National node: the node's dossiers still open, per unit and due instant (the open part of pending-overdue).
CREATE TABLE indicator_received_open (
  node_id text NOT NULL,
  unit text NOT NULL,
  province_code text NOT NULL,
  due_at timestamptz NOT NULL,
  n integer NOT NULL,
  PRIMARY KEY (node_id, unit, due_at)
);
CREATE INDEX indicator_received_open_unit ON indicator_received_open (unit, due_at);

-- National node: per node and unit, the snapshot applied (an older one arriving late changes nothing).
CREATE TABLE indicator_received_units (
  node_id text NOT NULL,
  unit text NOT NULL,
  province_code text NOT NULL,
  generation timestamptz NOT NULL,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (node_id, unit)
);

-- Local node: the last snapshot the national node acknowledged (nothing is sent again while it is unchanged).
CREATE TABLE indicator_pushes (
  target text PRIMARY KEY,
  fingerprint text,
  generation timestamptz,
  acknowledged_at timestamptz,
  attempts integer NOT NULL DEFAULT 0,
  last_error text
);
