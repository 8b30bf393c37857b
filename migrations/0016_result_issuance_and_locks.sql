-- Result issuance by the clerk (văn thư phát hành kết quả) and processing locks (khóa xử lý).
-- See docs/modules/dossiers.md.

-- Per-agency settings of the dossier lifecycle, edited by the administrator (audited).
-- result_issuance: 'on_approval' = the leader's approval numbers, signs and issues the result
-- at once (default); 'by_clerk' = approval records the decision and the agency's clerk issues
-- the result (number in the yearly register, date, signature) with the action issue_result.
CREATE TABLE agency_settings (
  agency_code     text PRIMARY KEY REFERENCES agencies (code),
  result_issuance text NOT NULL DEFAULT 'on_approval' CHECK (result_issuance IN ('on_approval', 'by_clerk')),
  updated_at      timestamptz NOT NULL,
  updated_by      text NOT NULL
);

-- Cached from the log like the other state columns: the agency whose clerk must still issue
-- the approved result (set by approve under 'by_clerk', cleared by issue_result); null otherwise.
ALTER TABLE dossiers ADD COLUMN awaiting_issue_by text;
CREATE INDEX dossiers_awaiting_issue ON dossiers (awaiting_issue_by) WHERE awaiting_issue_by IS NOT NULL;

-- A short processing lock: the officer whose processing page is open. Live while
-- expires_at > now; renewed by the page, released on leave, taken over by a leader (audited).
CREATE TABLE dossier_locks (
  dossier_id  text PRIMARY KEY REFERENCES dossiers (id),
  holder_id   text NOT NULL,
  holder_name text NOT NULL,
  claimed_at  timestamptz NOT NULL,   -- since when this holder holds it (kept on renewal)
  expires_at  timestamptz NOT NULL
);
