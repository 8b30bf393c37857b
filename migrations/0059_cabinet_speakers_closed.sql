-- A meeting that ended before 0059 left its speakers' list open: the member on the floor still
-- "speaking", requests still "waiting" (src/modules/cabinet/meetings.ts now closes them when the
-- meeting ends). Close them as the meeting's end does: the turn on the floor is done at the end
-- time, a request never heard is taken off the list (withdrawn) at the same time.
UPDATE cabinet_speakers s
   SET state = CASE WHEN s.state = 'speaking' THEN 'done' ELSE 'withdrawn' END,
       ended_at = m.ended_at
  FROM cabinet_meetings m
 WHERE m.id = s.meeting_id AND m.status = 'ended' AND s.state IN ('waiting', 'speaking');
