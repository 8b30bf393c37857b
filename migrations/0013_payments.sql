-- Payments (thanh toán trực tuyến): an order for each amount a dossier owes, paid through a
-- payment gateway whose signed callback confirms it exactly once. The sandbox gateway of demo
-- installations uses the same table and callback as a real one.
CREATE TABLE payments (
  id            uuid PRIMARY KEY,
  dossier_id    text NOT NULL REFERENCES dossiers (id),
  request_seq   integer NOT NULL,           -- the request_payment entry of the dossier log it pays
  order_ref     text NOT NULL UNIQUE,       -- reference the citizen's bank transfer carries (MCyymmddNNNNNN)
  amount_vnd    bigint NOT NULL CHECK (amount_vnd > 0),
  reason        text NOT NULL,
  status        text NOT NULL,              -- pending | paid
  created_at    timestamptz NOT NULL,
  paid_at       timestamptz,
  gateway_txn   text UNIQUE,                -- the gateway's transaction id: a replay finds it
  receipt_no    text UNIQUE,                -- số biên lai điện tử
  callback      jsonb,                      -- the verified callback, kept as evidence
  UNIQUE (dossier_id, request_seq)
);
CREATE SEQUENCE payment_receipt_seq;
