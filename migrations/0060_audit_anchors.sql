-- Issue 13 item 3: every signed audit checkpoint (0025) is also sent to the national node over the
-- interconnection axis, where the database administrators of this installation cannot rewrite it.
-- Sender: which checkpoints the national node has acknowledged.
ALTER TABLE audit_checkpoints ADD COLUMN anchored_by text;        -- the national node that holds it
ALTER TABLE audit_checkpoints ADD COLUMN anchored_at timestamptz;
ALTER TABLE audit_checkpoints ADD COLUMN anchor_attempts integer NOT NULL DEFAULT 0;
ALTER TABLE audit_checkpoints ADD COLUMN anchor_error text;
CREATE INDEX audit_checkpoints_unanchored ON audit_checkpoints (seq) WHERE anchored_at IS NULL;

-- National node: each installation's checkpoints by number and digest (the body, which lists every
-- chain's head, stays with the installation: the digests chain through `prev`, so the latest one held
-- here fixes every checkpoint before it). Once per (node, seq); never replaced: another digest under a
-- held number, or a `prev` that is not the digest held for the number before, is refused.
CREATE TABLE exchange_audit_anchors (
  node_id     text NOT NULL,
  seq         integer NOT NULL,
  at          timestamptz NOT NULL,
  digest      text NOT NULL,
  prev        text,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (node_id, seq)
);
