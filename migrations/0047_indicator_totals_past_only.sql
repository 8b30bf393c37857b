-- Running totals without future days (issue 16, write cost). Until now `overdue_in` was dated at
-- the due day of every open dossier, often in the future, so each dossier event rewrote the
-- unit's totals rows from its day up to the furthest due day (222 rows for VN in the 100 k
-- bench). Now `overdue_in` is counted only for dossiers finished after their due day (due day
-- and finished day both past); the open overdue dossiers are counted from indicator_facts
-- (open-due indexes) when a figure is read. An event then rewrites its own day's row per unit,
-- and the rows between a late dossier's due day and its finishing day.
DELETE FROM indicator_daily WHERE metric = 'overdue_in';
INSERT INTO indicator_daily (unit, day, metric, value)
SELECT u.unit, f.due_day, 'overdue_in', count(*)
  FROM indicator_facts f
 CROSS JOIN LATERAL (VALUES (f.agency), (f.commune_code), (f.province_code), ('VN')) AS u(unit)
 WHERE f.received_day IS NOT NULL AND f.due_day < f.finished_day AND u.unit IS NOT NULL
 GROUP BY u.unit, f.due_day;

TRUNCATE indicator_totals;
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

-- The dossier's status in its fact row: the leader overview counts dossiers per status from the
-- read model, once, for the competent agency (no count at the receiving or holding agency too).
ALTER TABLE indicator_facts ADD COLUMN status text;
UPDATE indicator_facts f SET status = d.status FROM dossiers d WHERE d.id = f.dossier_id;
CREATE INDEX indicator_facts_agency_status ON indicator_facts (agency, status);
