-- Public tracking reads from the dossiers repository (findTrackingByCode) since issue 14; the SQL
-- function restated in 0009, 0018 and 0023 is no longer called.
DROP FUNCTION IF EXISTS dossier_tracking(text);
