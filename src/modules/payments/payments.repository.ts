import type { Sql } from '#platform/db.ts';

export type PaymentKind = 'fee' | 'request';

export interface Payment {
  id: string;
  dossierId: string;
  /** 'fee': the procedure's fee paid at submission; 'request': a specialist's request_payment. */
  kind: PaymentKind;
  /** The request_payment entry it pays (kind 'request'); null for a fee order. */
  requestSeq: number | null;
  orderRef: string;
  amountVnd: number;
  reason: string;
  status: 'pending' | 'paid' | 'refunded';
  createdAt: Date;
  paidAt: Date | null;
  gatewayTxn: string | null;
  receiptNo: string | null;
  refundedAt: Date | null;
  refundReference: string | null;
  refundNote: string | null;
  /** Why a paid order is owed back whatever the dossier's end (paid twice); null otherwise. */
  owedBackReason: string | null;
}

const columns = `id, dossier_id AS "dossierId", kind, request_seq AS "requestSeq", order_ref AS "orderRef",
  amount_vnd::int AS "amountVnd", reason, status, created_at AS "createdAt", paid_at AS "paidAt",
  gateway_txn AS "gatewayTxn", receipt_no AS "receiptNo", refunded_at AS "refundedAt",
  refund_reference AS "refundReference", refund_note AS "refundNote", owed_back_reason AS "owedBackReason"`;

export const paymentsRepository = {
  /** Creates the order for one payment request; a second call for the same request finds the first. */
  async insertOnce(tx: Sql, p: Pick<Payment, 'id' | 'dossierId' | 'orderRef' | 'amountVnd' | 'reason' | 'createdAt'> & { requestSeq: number }): Promise<Payment> {
    await tx.query(
      `INSERT INTO payments (id, dossier_id, request_seq, order_ref, amount_vnd, reason, status, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7) ON CONFLICT (dossier_id, request_seq) DO NOTHING`,
      [p.id, p.dossierId, p.requestSeq, p.orderRef, p.amountVnd, p.reason, p.createdAt],
    );
    const [row] = await tx.query<Payment>(`SELECT ${columns} FROM payments WHERE dossier_id = $1 AND request_seq = $2`, [p.dossierId, p.requestSeq]);
    return row;
  },

  /** The dossier's fee order (one per dossier, whatever its status); a second call finds the first. */
  async insertFeeOnce(tx: Sql, p: Pick<Payment, 'id' | 'dossierId' | 'orderRef' | 'amountVnd' | 'reason' | 'createdAt'>): Promise<Payment> {
    await tx.query(
      `INSERT INTO payments (id, dossier_id, kind, request_seq, order_ref, amount_vnd, reason, status, created_at)
       VALUES ($1, $2, 'fee', NULL, $3, $4, $5, 'pending', $6) ON CONFLICT (dossier_id) WHERE kind = 'fee' DO NOTHING`,
      [p.id, p.dossierId, p.orderRef, p.amountVnd, p.reason, p.createdAt],
    );
    const [row] = await tx.query<Payment>(`SELECT ${columns} FROM payments WHERE dossier_id = $1 AND kind = 'fee'`, [p.dossierId]);
    return row;
  },

  async findFeeOrder(tx: Sql, dossierId: string): Promise<Payment | null> {
    const [row] = await tx.query<Payment>(`SELECT ${columns} FROM payments WHERE dossier_id = $1 AND kind = 'fee'`, [dossierId]);
    return row ?? null;
  },

  async listForDossier(tx: Sql, dossierId: string): Promise<Payment[]> {
    return tx.query<Payment>(`SELECT ${columns} FROM payments WHERE dossier_id = $1 ORDER BY created_at, request_seq NULLS FIRST`, [dossierId]);
  },

  /** The order, locked: a refund and a retry of it run one after the other. */
  async lock(tx: Sql, id: string): Promise<Payment | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const [row] = await tx.query<Payment>(`SELECT ${columns} FROM payments WHERE id = $1 FOR UPDATE`, [id]);
    return row ?? null;
  },

  async markRefunded(tx: Sql, id: string, r: { at: Date; reference: string; note: string | null; by: string }): Promise<Payment> {
    const [row] = await tx.query<Payment>(
      `UPDATE payments SET status = 'refunded', refunded_at = $2, refund_reference = $3, refund_note = $4, refunded_by = $5
       WHERE id = $1 AND status = 'paid' RETURNING ${columns}`,
      [id, r.at, r.reference, r.note, r.by],
    );
    return row;
  },

  async find(tx: Sql, id: string): Promise<Payment | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const [row] = await tx.query<Payment>(`SELECT ${columns} FROM payments WHERE id = $1`, [id]);
    return row ?? null;
  },

  async findByOrderRef(tx: Sql, orderRef: string): Promise<Payment | null> {
    const [row] = await tx.query<Payment>(`SELECT ${columns} FROM payments WHERE order_ref = $1`, [orderRef]);
    return row ?? null;
  },

  /** The order, locked: two callbacks for it run one after the other. */
  async lockByOrderRef(tx: Sql, orderRef: string): Promise<Payment | null> {
    const [row] = await tx.query<Payment>(`SELECT ${columns} FROM payments WHERE order_ref = $1 FOR UPDATE`, [orderRef]);
    return row ?? null;
  },

  async findByGatewayTxn(tx: Sql, gatewayTxn: string): Promise<Payment | null> {
    const [row] = await tx.query<Payment>(`SELECT ${columns} FROM payments WHERE gateway_txn = $1`, [gatewayTxn]);
    return row ?? null;
  },

  async markPaid(tx: Sql, id: string, paid: { paidAt: Date; gatewayTxn: string; callback: unknown }): Promise<Payment> {
    const [row] = await tx.query<Payment>(
      `UPDATE payments SET status = 'paid', paid_at = $2, gateway_txn = $3, callback = $4,
         receipt_no = 'BL' || to_char($2 AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY') || '-' || lpad(nextval('payment_receipt_seq')::text, 7, '0')
       WHERE id = $1 AND status = 'pending' RETURNING ${columns}`,
      [id, paid.paidAt, paid.gatewayTxn, JSON.stringify(paid.callback)],
    );
    return row;
  },

  async markOwedBack(tx: Sql, id: string, reason: string): Promise<Payment> {
    const [row] = await tx.query<Payment>(`UPDATE payments SET owed_back_reason = $2 WHERE id = $1 RETURNING ${columns}`, [id, reason]);
    return row;
  },
};
