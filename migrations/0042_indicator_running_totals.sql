-- Running totals of the indicators (issue 16, speed). indicator_totals holds, for every
-- (unit, day) that has aggregate rows, the sum of every metric over all days up to and
-- including that day — one vector per row, in the order of METRICS
-- (src/modules/indicators/contributions.ts; new metrics are appended, never reordered).
-- Any figure of any period is then read from at most three rows per unit (the last row before
-- the period, the last row of the period, the last row of the overdue cap), never from the
-- unit's whole history. Kept in the transaction of the daily change (indicators.repository.ts
-- applyDelta) and recomputed by the rebuild; the fast-check test compares both.
CREATE TABLE indicator_totals (
  unit   text NOT NULL,
  day    date NOT NULL,
  totals bigint[] NOT NULL,
  PRIMARY KEY (unit, day)
);

INSERT INTO indicator_totals (unit, day, totals)
WITH m AS (
  SELECT metric, idx FROM unnest(ARRAY['received_online', 'received_direct', 'received_postal', 'resolved_early', 'resolved_on_time',
    'resolved_late', 'withdrawn', 'stopped', 'working_days_sum', 'working_days_n', 'overdue_in', 'overdue_out', 'online_eligible',
    'online_eligible_online', 'fee_bearing', 'paid_online', 'e_result', 'boundary_free', 'rated', 'rated_dissatisfied',
    'step_received', 'step_early', 'step_on_time', 'step_late']) WITH ORDINALITY AS m(metric, idx)
), cum AS (
  SELECT d.unit, d.day, m.idx,
         sum(coalesce(x.value, 0)) OVER (PARTITION BY d.unit, m.idx ORDER BY d.day) AS total
    FROM (SELECT DISTINCT unit, day FROM indicator_daily) d
   CROSS JOIN m
    LEFT JOIN indicator_daily x ON x.unit = d.unit AND x.day = d.day AND x.metric = m.metric
)
SELECT unit, day, array_agg(total ORDER BY idx) FROM cum GROUP BY unit, day;

-- open dossiers by due instant for the nation (the province-level index serves provinces)
CREATE INDEX indicator_facts_open_due_all ON indicator_facts (due_at) WHERE finished_at IS NULL AND received_at IS NOT NULL;
CREATE INDEX indicator_facts_open_due_commune ON indicator_facts (commune_code, due_at) WHERE finished_at IS NULL AND received_at IS NOT NULL;
CREATE INDEX indicator_facts_open_due_agency ON indicator_facts (agency, due_at) WHERE finished_at IS NULL AND received_at IS NOT NULL;
