import type { Sql } from '#platform/db.ts';

export interface Payment {
  id: string;
  dossierId: string;
  requestSeq: number;
  orderRef: string;
  amountVnd: number;
  reason: string;
  status: 'pending' | 'paid';
  createdAt: Date;
  paidAt: Date | null;
  gatewayTxn: string | null;
  receiptNo: string | null;
}

const columns = `id, dossier_id AS "dossierId", request_seq AS "requestSeq", order_ref AS "orderRef",
  amount_vnd::int AS "amountVnd", reason, status, created_at AS "createdAt", paid_at AS "paidAt",
  gateway_txn AS "gatewayTxn", receipt_no AS "receiptNo"`;

export const paymentsRepository = {
  /** Creates the order for one payment request; a second call for the same request finds the first. */
  async insertOnce(tx: Sql, p: Pick<Payment, 'id' | 'dossierId' | 'requestSeq' | 'orderRef' | 'amountVnd' | 'reason' | 'createdAt'>): Promise<Payment> {
    await tx.query(
      `INSERT INTO payments (id, dossier_id, request_seq, order_ref, amount_vnd, reason, status, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7) ON CONFLICT (dossier_id, request_seq) DO NOTHING`,
      [p.id, p.dossierId, p.requestSeq, p.orderRef, p.amountVnd, p.reason, p.createdAt],
    );
    const [row] = await tx.query<Payment>(`SELECT ${columns} FROM payments WHERE dossier_id = $1 AND request_seq = $2`, [p.dossierId, p.requestSeq]);
    return row;
  },

  async listForDossier(tx: Sql, dossierId: string): Promise<Payment[]> {
    return tx.query<Payment>(`SELECT ${columns} FROM payments WHERE dossier_id = $1 ORDER BY request_seq`, [dossierId]);
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
};
