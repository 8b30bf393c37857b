-- The audit trail an auditor reads (src/modules/auditing): one officer's rows over a period come
-- by this index, newest first, instead of a scan of the whole log.
CREATE INDEX audit_log_actor ON audit_log (actor_id, id);
