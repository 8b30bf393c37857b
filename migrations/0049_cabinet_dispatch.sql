-- e-Cabinet (issue 18): a conclusion travels to its agencies over the interconnection axis, and a
-- declined invitation passes to the member's standing substitute. See docs/modules/cabinet.md.

-- The signed edXML document sent with the conclusion (exchange_documents.document_id), and the
-- agencies it could not be sent to ([{agency, reason}]: no installation hosts them).
ALTER TABLE cabinet_conclusions ADD COLUMN exchange_document_id text;
ALTER TABLE cabinet_conclusions ADD COLUMN unreached jsonb NOT NULL DEFAULT '[]'::jsonb;

-- The substitute of a substitute invitation came from the body's standing substitute when the
-- member declined (true), or was named by the member (false).
ALTER TABLE cabinet_invitations ADD COLUMN substitute_standing boolean NOT NULL DEFAULT false;
