-- Liên thông as a graph: a hand-over row (dossier_steps) may be one step of the frozen
-- procedure version's `interagencySteps` (step_seq), worked by its agency in parallel with
-- others; the agency's partial result (kết quả từng phần) is kept on the row.
ALTER TABLE dossier_steps ADD COLUMN step_seq integer;
ALTER TABLE dossier_steps ADD COLUMN finished_by text;
ALTER TABLE dossier_steps ADD COLUMN result_note text;
ALTER TABLE dossier_steps ADD COLUMN result_file_id text;
-- One row per graph step of a dossier: a step is opened once and completed once.
CREATE UNIQUE INDEX dossier_steps_graph_step ON dossier_steps (dossier_id, step_seq) WHERE step_seq IS NOT NULL;
