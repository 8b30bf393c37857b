-- Read models kept after commit (issue 13 item 4, src/platform/projections.ts): the statement
-- that writes a state change's events into the outbox also queues, for each queued projection
-- following their topics, the key of what changed (the indicators: the dossier id). The
-- projection's runner takes the queue in id order, in batches, and deletes what it projected in
-- the transaction that writes the read model: a batch commits with its deletions or not at all,
-- so no change is lost or counted twice (and projecting a key again recomputes it from the state).
CREATE TABLE projection_queue (
  id         bigserial PRIMARY KEY,
  projection text NOT NULL,
  key        text NOT NULL
);
CREATE INDEX projection_queue_by_projection ON projection_queue (projection, id);
