-- e-Cabinet: members managed by the secretariat (issue 18). A sent opinion form and an opened
-- vote freeze the body's voting membership of that moment (`voters`), so a later change of the
-- membership never moves their tally. See docs/modules/cabinet.md.

-- [{userId, username, fullName, title, role}] of the voting members when the form was sent.
ALTER TABLE cabinet_opinion_forms ADD COLUMN voters jsonb;
-- The recipients were left out on drafting: at sending they are the voting members of that day.
ALTER TABLE cabinet_opinion_forms ADD COLUMN recipients_default boolean NOT NULL DEFAULT false;
-- The same for a vote, frozen when it is opened.
ALTER TABLE cabinet_votes ADD COLUMN voters jsonb;

-- Forms already sent and votes already opened freeze today's membership (the best we know).
UPDATE cabinet_opinion_forms f SET voters = (
  SELECT coalesce(jsonb_agg(jsonb_build_object('userId', m.user_id, 'username', u.username, 'fullName', u.full_name, 'title', m.title, 'role', m.role) ORDER BY m.position), '[]'::jsonb)
    FROM cabinet_members m JOIN users u ON u.id = m.user_id
   WHERE m.body_code = f.body_code AND m.role IN ('chair', 'vice_chair', 'member'))
 WHERE f.status IN ('sent', 'closed');
UPDATE cabinet_votes v SET voters = (
  SELECT coalesce(jsonb_agg(jsonb_build_object('userId', m.user_id, 'username', u.username, 'fullName', u.full_name, 'title', m.title, 'role', m.role) ORDER BY m.position), '[]'::jsonb)
    FROM cabinet_meetings g JOIN cabinet_members m ON m.body_code = g.body_code JOIN users u ON u.id = m.user_id
   WHERE g.id = v.meeting_id AND m.role IN ('chair', 'vice_chair', 'member'));
