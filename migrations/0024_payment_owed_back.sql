-- A payment the gateway reports for a request already settled another way (e.g. paid at the desk
-- and confirmed by hand): it is recorded, and owed back for this reason (issue 13, D5).
ALTER TABLE payments ADD COLUMN owed_back_reason text;
