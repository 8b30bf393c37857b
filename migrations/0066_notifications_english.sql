-- English wording of each in-app notice (the second locale), written beside the Vietnamese by the
-- outbox handlers (src/modules/notifications/messages.en.ts). GET /api/v1/me/notifications answers
-- in the reader's language; rows written before this (null) are read in Vietnamese.
ALTER TABLE notifications ADD COLUMN title_en text;
ALTER TABLE notifications ADD COLUMN body_en text;
