-- Incremental audit checkpoints (issue 13 item 3, at a province's scale): a checkpoint of format 2
-- signs only the heads of the chains that received rows since the previous checkpoint (ids in
-- (previous maxId, maxId]); every chain's signed head is the latest checkpoint that names it. A
-- checkpoint's size follows the rows written in its interval, not the number of dossiers ever
-- received (format 1 listed every chain's head, every 5 minutes: ~110 MB a checkpoint at a
-- million dossiers).
-- This table says which checkpoint last named a chain, so that one dossier's chain is checked
-- without reading every checkpoint. It is derived from the signed bodies: `motcua audit verify`
-- compares the two, and the one-chain check re-reads the body it found and checks its signature.
CREATE TABLE audit_checkpoint_heads (
  chain          text NOT NULL,
  checkpoint_seq integer NOT NULL,
  seq            integer NOT NULL,
  hash           text NOT NULL,
  PRIMARY KEY (chain, checkpoint_seq)
);
-- A checkpoint written again under a number (a history signed anew) replaces that number's rows.
CREATE INDEX audit_checkpoint_heads_checkpoint ON audit_checkpoint_heads (checkpoint_seq);
