-- Counter reception (tiếp nhận tại quầy): what the desk recorded besides files — components handed
-- over on paper (originals / copies counted, no scan required), the fee quoted and recorded at
-- reception (pages and copies for a per-page fee such as chứng thực), and how the result goes
-- back (at the desk, by post to an address, online). NULL for dossiers submitted online.
ALTER TABLE dossiers ADD COLUMN intake jsonb;

