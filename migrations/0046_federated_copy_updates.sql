-- Federated liên thông (issue 15): the lead installation keeps the copies at other installations
-- current ("Cập nhật hồ sơ liên thông" envelopes, one per action of the lead dossier).
-- The envelopes a node sends for a dossier (its steps, their results, the copy's updates) all
-- carry the dossier code as CodeNumber: they are not numbers of the agency's outgoing register, so
-- the register's one-number-per-agency-per-year rule no longer applies to them (before, the second
-- envelope of a dossier sent by the same agency in a year was silently not stored, and not sent).
DROP INDEX IF EXISTS exchange_documents_number;
CREATE UNIQUE INDEX exchange_documents_number ON exchange_documents (from_agency, year, code_number)
  WHERE outgoing AND document_type NOT IN ('Hồ sơ liên thông', 'Kết quả bước liên thông', 'Cập nhật hồ sơ liên thông');
-- A dossier's envelopes by its code: which nodes hold a copy (lead), which update was applied last (copy).
CREATE INDEX exchange_documents_dossier ON exchange_documents (code_number, document_type)
  WHERE document_type IN ('Hồ sơ liên thông', 'Cập nhật hồ sơ liên thông');
-- Lead dossiers whose copies at other installations wait for an update: marked in the transaction
-- of the dossier's action (a projection of dossier.status_changed), taken by the exchange's
-- delivery loop, which signs the update and queues it in exchange_outbox in the same transaction.
CREATE TABLE exchange_copy_updates (
  dossier_id   text PRIMARY KEY,
  requested_at timestamptz NOT NULL
);
