-- Officer workspace (queues): what GET /api/v1/dossiers filters on besides the agency indexes
-- of 0007 — the province (provincial oversight), the assignee ("mine") and the applicant's
-- name searched without diacritics (trigram index on f_unaccent, as the catalogue does).

CREATE INDEX IF NOT EXISTS dossiers_province ON dossiers (province_code, status);
CREATE INDEX IF NOT EXISTS dossiers_assignee ON dossiers (assignee, status) WHERE assignee IS NOT NULL;
CREATE INDEX IF NOT EXISTS dossiers_applicant_name_trgm ON dossiers USING gin (f_unaccent(applicant->>'fullName') gin_trgm_ops);
CREATE INDEX IF NOT EXISTS dossier_actions_assign ON dossier_actions (dossier_id, seq) WHERE action = 'assign';
