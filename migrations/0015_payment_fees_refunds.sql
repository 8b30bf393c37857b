-- Payments: fee orders opened at submission (kind 'fee', from the procedure version's quote,
-- no payment request behind them) beside orders for a specialist's payment request (kind
-- 'request'), and refunds recorded by the receiving desk.
ALTER TABLE payments ADD COLUMN kind text NOT NULL DEFAULT 'request';
ALTER TABLE payments ALTER COLUMN request_seq DROP NOT NULL;
ALTER TABLE payments ADD CONSTRAINT payments_kind_check
  CHECK ((kind = 'request' AND request_seq IS NOT NULL) OR (kind = 'fee' AND request_seq IS NULL));
-- One fee order per dossier: asking again finds it, a second one cannot be made by a retry.
CREATE UNIQUE INDEX payments_one_fee_per_dossier ON payments (dossier_id) WHERE kind = 'fee';
-- status: pending | paid | refunded (refund due is not stored: it follows from the dossier's end
-- state and the refund rules in force, see docs/modules/payments.md)
ALTER TABLE payments ADD COLUMN refunded_at timestamptz;
ALTER TABLE payments ADD COLUMN refund_reference text;   -- the desk's refund voucher / bank transfer reference
ALTER TABLE payments ADD COLUMN refund_note text;
ALTER TABLE payments ADD COLUMN refunded_by text;        -- user id of the desk officer who recorded it
ALTER TABLE payments ADD CONSTRAINT payments_refund_check
  CHECK ((status = 'refunded') = (refund_reference IS NOT NULL AND refunded_at IS NOT NULL));
