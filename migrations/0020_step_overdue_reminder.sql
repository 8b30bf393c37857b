-- Liên thông: when an open step passes its sub-deadline the lead agency is reminded once
-- (dossiers module, step-overdue scan); this marks the step as reminded.
ALTER TABLE dossier_steps ADD COLUMN overdue_notified_at timestamptz;
CREATE INDEX dossier_steps_open_graph_due ON dossier_steps (sub_due_at)
  WHERE step_seq IS NOT NULL AND finished_at IS NULL AND overdue_notified_at IS NULL;
