-- Federated liên thông steps (issue 15 item 7): a dossier held here as the copy of another
-- installation's dossier, for the one step an agency hosted here works. `lead_node` names the
-- installation that leads the dossier (null: the dossier is this installation's own).
ALTER TABLE dossiers ADD COLUMN lead_node text;
