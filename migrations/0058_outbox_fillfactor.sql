-- Room on each outbox page for the row's later versions (src/platform/outbox.ts): every row is
-- written three times, inserted, claimed (attempts, available_at) and marked processed. With
-- full pages the claimed version went to another page: not a HOT update (three index entries
-- more per row), and a WAL record carrying the whole row, payload included. On the same page the
-- claim is HOT and both updates log only the bytes that changed. bench/submission on PostgreSQL
-- (4 outbox rows per dossier; no full-page images in either run): the outbox updates' WAL fell
-- from 5.7 to 2.4 KB per dossier, all WAL from 25.3 to 22.0 KB. Applies to pages written from now on.
ALTER TABLE outbox SET (fillfactor = 50);
