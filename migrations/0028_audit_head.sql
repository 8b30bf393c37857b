-- The head of an audit chain, read under the chain's advisory lock, in one round trip
-- (src/platform/audit.ts appendAudit). A volatile PL/pgSQL function takes a fresh snapshot
-- for each of its statements, so the head is read after the lock is held (a plain
-- `SELECT pg_advisory_xact_lock(…), (SELECT … )` would read with the snapshot taken before it
-- waited, and could miss a row committed meanwhile).
CREATE FUNCTION audit_chain_head(p_chain text, OUT seq audit_log.seq%TYPE, OUT hash audit_log.hash%TYPE)
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext(p_chain));
  SELECT a.seq, a.hash INTO seq, hash FROM audit_log a WHERE a.chain = p_chain ORDER BY a.seq DESC LIMIT 1;
END
$$;
