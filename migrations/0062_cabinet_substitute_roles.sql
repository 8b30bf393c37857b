-- Who an invited member may send to a meeting instead (người dự họp thay) is data of each body,
-- not a rule written in code: besides the member's standing substitute (named by the secretariat),
-- an active official holding one of these identity roles at an active agency of the province of
-- the body's agency. The default is the agencies' leaders (lãnh đạo cơ quan), as before; the
-- body's secretariat or an administrator changes it (PUT /api/v1/cabinet/bodies/{code}/substitute-roles).
ALTER TABLE cabinet_bodies ADD COLUMN substitute_roles text[] NOT NULL DEFAULT '{leader}';
