import { describe, expect, it } from 'vitest';
import type { TestSystem } from '#test/system.ts';
import { actOk, auth, procedure, type ProcedureInfo, read, setNow, submit, type Username, type World, worldPerFile } from '#test/factories.ts';
import { gatewayCallback } from './test-callback.ts';
import { REFUND_RULES, refundRuleFor } from './refund-rules.ts';

/** Fee paid online at submission (kind 'fee') and refunds where the rules give one. */
let sys: TestSystem;
let w: World;
let withFee: ProcedureInfo; // 2.000635: a flat fee (8,000 đ per extract)
let noFixedFee: ProcedureInfo; // 1.004873: the province sets the amount

worldPerFile(async (s, world) => {
  [sys, w] = [s, world];
  withFee = await procedure(w, '2.000635');
  noFixedFee = await procedure(w, '1.004873');
});

const openOrder = (id: string, user: Username | null = 'congdan') =>
  sys.app.inject({ method: 'POST', url: `/api/v1/dossiers/${id}/payments`, headers: auth(w, user) });
const listPayments = (id: string, user: Username = 'congdan') =>
  sys.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}/payments`, headers: auth(w, user) });
const refund = (paymentId: string, body: Record<string, unknown>, user: Username | null = 'motcua.hoankiem') =>
  sys.app.inject({ method: 'POST', url: `/api/v1/payments/${paymentId}/refund`, headers: auth(w, user), payload: body });

const callback = (order: { orderRef: string; amountVnd: number }, gatewayTxn: string, signature?: string) => gatewayCallback(sys, order, gatewayTxn, signature);

let txn = 0;
const nextTxn = () => `FEE${String(++txn).padStart(6, '0')}`;

async function auditActions(dossierId: string): Promise<string[]> {
  const rows = await sys.ctx.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE chain = $1 AND action LIKE 'payment.%' ORDER BY seq`, [`dossier:${dossierId}`]);
  return rows.map((r) => r.action);
}

/** A dossier of 2.000635 submitted online on Monday 9 March 2026 at 09:00, its fee order opened. */
async function openedFee() {
  setNow(w, '2026-03-09T09:00:00+07:00');
  const d = await submit(w, { procedure: withFee });
  return { d, order: (await openOrder(d.id)).json() };
}

/** The same (`openedFee`), its fee order paid through the gateway. */
async function paidFee() {
  const { d, order } = await openedFee();
  expect((await callback(order, nextTxn())).statusCode).toBe(200);
  return { d, order };
}

describe('fee paid online at submission', () => {
  it('opens one fee order from the quote of the frozen version, for the applicant only', async () => {
    setNow(w, '2026-03-09T09:00:00+07:00');
    const quote = (await sys.app.inject({ method: 'GET', url: '/api/v1/procedures/2.000635/fee?channel=online' })).json();
    expect(quote).toMatchObject({ complete: true, totalVnd: 8000 });
    const d = await submit(w, { procedure: withFee });
    const before = (await listPayments(d.id)).json();
    expect(before).toMatchObject({ items: [], pending: null, fee: { amountVnd: 8000 } });

    const res = await openOrder(d.id);
    expect(res.statusCode, res.body).toBe(201);
    const order = res.json();
    expect(order).toMatchObject({ kind: 'fee', amountVnd: quote.totalVnd, status: 'pending', reason: 'Lệ phí' });
    expect(order.bankTransfer.vietQr).toContain(order.orderRef);
    expect((await openOrder(d.id)).json().id).toBe(order.id); // asking again: the same order
    expect((await openOrder(d.id, 'motcua.hoankiem')).json().error.code).toBe('PAYMENT_FEE_APPLICANT_ONLY');
    expect((await openOrder(d.id, 'motcua.badinh')).statusCode).toBe(404);
    expect((await openOrder(d.id, null)).statusCode).toBe(401);
    const rows = await sys.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM payments WHERE dossier_id = $1`, [d.id]);
    expect(rows[0].n).toBe(1);
  });

  it('refuses a fee order when the procedure has no fixed fee', async () => {
    setNow(w, '2026-03-09T09:00:00+07:00');
    const d = await submit(w, { procedure: noFixedFee });
    expect((await listPayments(d.id)).json().fee).toBeNull();
    const res = await openOrder(d.id);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('PAYMENT_NOT_REQUESTED');
  });

  it('is paid exactly once by the signed callback, without moving the dossier, and shows in its audit chain', async () => {
    const { d, order } = await openedFee();
    expect((await callback(order, nextTxn(), 'ab'.repeat(32))).json().error.code).toBe('PAYMENT_SIGNATURE_INVALID');
    expect((await callback({ ...order, amountVnd: 1000 }, nextTxn())).json().error.code).toBe('PAYMENT_AMOUNT_MISMATCH');
    const t = nextTxn();
    const paid = await callback(order, t);
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json()).toMatchObject({ status: 'paid', payment: { kind: 'fee', status: 'paid' } });
    expect(paid.json().payment.receiptNo).toMatch(/^BL\d{4}-\d{7}$/);
    const replay = await callback(order, t);
    expect(replay.json()).toMatchObject({ status: 'already_paid', payment: { receiptNo: paid.json().payment.receiptNo } });
    expect((await callback(order, nextTxn())).json().error.code).toBe('PAYMENT_TXN_REUSED');

    const dossier = (await read(w, 'congdan', d.id)).json();
    expect(dossier.status).toBe('SUBMITTED');
    expect(await auditActions(d.id)).toEqual(['payment.paid']);
    const list = (await listPayments(d.id)).json();
    expect(list.fee).toBeNull();
    expect(list.items).toEqual([expect.objectContaining({ status: 'paid', receiptUrl: `/api/v1/payments/${order.id}/receipt.pdf` })]);
    expect((await openOrder(d.id)).json().error.code).toBe('PAYMENT_FEE_ALREADY_PAID');
    // The desk receives it as usual; the fee stays paid, nothing is owed back.
    await actOk(w, 'motcua.hoankiem', d.id, { action: 'receive' });
    expect((await listPayments(d.id, 'motcua.hoankiem')).json().items[0]).toMatchObject({ status: 'paid', refundDue: null });
  });
});

describe('refunds', () => {
  it('marks the fee refund due when the desk refuses the dossier, and records the refund once', async () => {
    const { d, order } = await paidFee();
    await actOk(w, 'motcua.hoankiem', d.id, { action: 'reject', reason: 'Thủ tục không thuộc thẩm quyền của Ủy ban nhân dân phường' });
    const item = (await listPayments(d.id)).json().items[0];
    expect(item).toMatchObject({ status: 'refund_due', refundDue: { reason: 'Hồ sơ không được tiếp nhận', verified: false } });

    expect((await refund(order.id, { reference: 'PC-2026-0001' }, 'motcua.badinh')).statusCode).toBe(404);
    expect((await refund(order.id, { reference: 'PC-2026-0001' }, 'congdan')).json().error.code).toBe('PAYMENT_REFUND_FORBIDDEN');
    expect((await refund(order.id, { reference: 'PC-2026-0001' }, null)).statusCode).toBe(401);
    expect((await refund(order.id, { reference: '' })).statusCode).toBe(400);

    const first = await refund(order.id, { reference: 'PC-2026-0001', note: 'Hoàn trả bằng chuyển khoản' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ status: 'refunded', refund: { reference: 'PC-2026-0001', note: 'Hoàn trả bằng chuyển khoản' } });
    const again = await refund(order.id, { reference: 'PC-2026-0001', note: 'Hoàn trả bằng chuyển khoản' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    const other = await refund(order.id, { reference: 'PC-2026-0002' });
    expect(other.statusCode).toBe(409);
    expect(other.json().error.code).toBe('PAYMENT_ALREADY_REFUNDED');
    expect(await auditActions(d.id)).toEqual(['payment.paid', 'payment.refunded']);

    const seen = (await listPayments(d.id)).json().items[0];
    expect(seen).toMatchObject({ status: 'refunded', receiptNo: order.receiptNo ?? expect.any(String), refund: { reference: 'PC-2026-0001' } });
    const receipt = await sys.app.inject({ method: 'GET', url: seen.receiptUrl, headers: auth(w, 'congdan') });
    expect(receipt.statusCode).toBe(200); // the e-receipt stays valid
  });

  it('owes the fee back after a withdrawal before reception, not after one following reception', async () => {
    const early = await paidFee();
    await actOk(w, 'congdan', early.d.id, { action: 'withdraw' });
    expect((await listPayments(early.d.id)).json().items[0].status).toBe('refund_due');

    const late = await paidFee();
    await actOk(w, 'motcua.hoankiem', late.d.id, { action: 'receive' });
    await actOk(w, 'congdan', late.d.id, { action: 'withdraw' });
    expect((await listPayments(late.d.id)).json().items[0]).toMatchObject({ status: 'paid', refundDue: null });
    const res = await refund(late.order.id, { reference: 'PC-2026-0003' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('PAYMENT_REFUND_NOT_DUE');
  });

  it('refuses to refund an unpaid order', async () => {
    const { d, order } = await openedFee();
    await actOk(w, 'motcua.hoankiem', d.id, { action: 'reject', reason: 'Hồ sơ nộp nhầm cơ quan tiếp nhận' });
    const res = await refund(order.id, { reference: 'PC-2026-0004' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('PAYMENT_REFUND_NOT_DUE');
    expect((await refund('00000000-0000-4000-8000-000000000000', { reference: 'PC-2026-0004' })).statusCode).toBe(404);
  });
});

describe('refund rules (law as data)', () => {
  const ended = { procedureCode: '2.000635', finishedAt: null };
  it('applies a rule only to its end state, before reception when it says so, and within its dates', () => {
    expect(refundRuleFor({ ...ended, status: 'REJECTED_AT_INTAKE', receivedAt: null }, '2026-03-09')?.endStatus).toBe('REJECTED_AT_INTAKE');
    expect(refundRuleFor({ ...ended, status: 'WITHDRAWN', receivedAt: null }, '2026-03-09')?.endStatus).toBe('WITHDRAWN');
    expect(refundRuleFor({ ...ended, status: 'WITHDRAWN', receivedAt: new Date('2026-03-09T02:00:00Z') }, '2026-03-09')).toBeNull();
    expect(refundRuleFor({ ...ended, status: 'STOPPED', receivedAt: null }, '2026-03-09')).toBeNull();
    expect(refundRuleFor({ ...ended, status: 'REJECTED_AT_INTAKE', receivedAt: null }, '2025-06-30')).toBeNull();
    const limited = [{ ...REFUND_RULES[0], procedureCodes: ['1.001456'], effectiveTo: '2027-01-01' }];
    expect(refundRuleFor({ ...ended, status: 'REJECTED_AT_INTAKE', receivedAt: null }, '2026-03-09', limited)).toBeNull();
    expect(refundRuleFor({ ...ended, procedureCode: '1.001456', status: 'REJECTED_AT_INTAKE', receivedAt: null }, '2027-01-01', limited)).toBeNull();
  });
});
