-- A text decided by a statement whose answer the request did not wait for (a reception's code),
-- read back from the transaction-local setting that statement set (http/idempotency.ts,
-- platform/request-transaction.ts `lateText`). Fails when the statement did not set it (it
-- failed, or found the dossier changed): the stored answer fails, and the transaction with it.
CREATE FUNCTION motcua_late_value(setting text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  value text := current_setting(setting, true);
BEGIN
  IF value IS NULL OR value = '' THEN
    RAISE EXCEPTION 'late value % was not set', setting USING ERRCODE = 'P0001';
  END IF;
  RETURN value;
END
$$;
