-- Issue 15 item 7: the national-portal status payloads (dvcqg_sync_log, 0008) are delivered over
-- the interconnection axis to an installation playing the national portal (MOTCUA_NODE_ROLE=national),
-- in batches signed with the sending node's key; the national node acknowledges each one.
ALTER TABLE dvcqg_sync_log ADD COLUMN acknowledged_by text;   -- the national node that acknowledged it (with delivered_at)
ALTER TABLE dvcqg_sync_log ADD COLUMN attempts integer NOT NULL DEFAULT 0;
ALTER TABLE dvcqg_sync_log ADD COLUMN last_error text;

-- On the national node: what each installation synchronised, once per (node, its log id).
CREATE TABLE exchange_national_sync (
  id           bigserial PRIMARY KEY,
  node_id      text NOT NULL,
  sync_id      bigint NOT NULL,
  ma_ho_so     text NOT NULL,
  trang_thai   integer,
  payload      jsonb NOT NULL,
  received_at  timestamptz NOT NULL,
  UNIQUE (node_id, sync_id)
);
CREATE INDEX exchange_national_sync_by_code ON exchange_national_sync (ma_ho_so, id);
