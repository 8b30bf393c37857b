-- Reports across installations (issue 17): the DocumentId of the envelope that carried the latest
-- submission to the receiving unit's installation, so the report's screen shows where it stands
-- (queued, arrived, refused) until the return or acceptance comes back. See
-- docs/modules/reporting.md, "Across installations".
ALTER TABLE reporting_reports ADD COLUMN sent_document_id text;
