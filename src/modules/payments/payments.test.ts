import { describe, expect, it } from 'vitest';
import { actOk, auth, fileProcedure, fileWorld, pdfText, read, setNow, submit, type Username } from '#test/factories.ts';
import { gatewayCallback } from './test-callback.ts';

const w = fileWorld();
const proc = fileProcedure(w, '1.004873');

/** A dossier waiting for a 50,000 đ fee (status 6). */
async function awaitingPayment(amountVnd = 50_000) {
  setNow(w, '2026-03-09T09:00:00+07:00');
  const d = await submit(w, { procedure: proc });
  await actOk(w, 'motcua.hoankiem', d.id, { action: 'receive' });
  await actOk(w, 'lanhdao.hoankiem', d.id, { action: 'assign', assignee: 'chuyenvien.hoankiem' });
  return actOk(w, 'chuyenvien.hoankiem', d.id, { action: 'request_payment', amountVnd, reason: 'Lệ phí cấp giấy xác nhận' });
}

const openOrder = (id: string, user: Username | null = 'congdan') =>
  w.sys.app.inject({ method: 'POST', url: `/api/v1/dossiers/${id}/payments`, headers: auth(w, user) });

const callback = (order: { orderRef: string; amountVnd: number }, gatewayTxn: string, signature?: string) => gatewayCallback(w.sys, order, gatewayTxn, signature);

describe('payment orders', () => {
  it('gives the applicant one order with a VietQR code for the amount requested, and hides it from other communes', async () => {
    const d = await awaitingPayment();
    const res = await openOrder(d.id);
    expect(res.statusCode, res.body).toBe(201);
    const order = res.json();
    expect(order).toMatchObject({ amountVnd: 50_000, status: 'pending', reason: 'Lệ phí cấp giấy xác nhận', receiptUrl: null });
    expect(order.orderRef).toMatch(/^MC[0-9A-F]{12}$/);
    expect(order.gatewayUrl).toBe(`/sandbox-gateway/pay/${order.orderRef}`);
    const qr: string = order.bankTransfer.vietQr;
    expect(qr.startsWith('000201')).toBe(true); // EMVCo payload format indicator
    expect(qr).toContain('5405' + '50000'); // tag 54: the amount
    expect(qr).toContain(order.orderRef); // the transfer message names the order
    // the bank to open is named, not only its BIN (the citizen copies account, amount and text by hand)
    expect(order.bankTransfer).toMatchObject({ bankBin: '970436', bankName: expect.stringContaining('Vietcombank'), message: order.orderRef });
    expect((await openOrder(d.id)).json().orderRef).toBe(order.orderRef); // asking again: the same order
    expect((await openOrder(d.id, 'motcua.badinh')).statusCode).toBe(404);
    expect((await openOrder(d.id, null)).statusCode).toBe(401);
  });

  it('refuses an order when nothing is owed', async () => {
    setNow(w, '2026-03-09T09:00:00+07:00');
    const d = await submit(w, { procedure: proc });
    const res = await openOrder(d.id);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('PAYMENT_NOT_REQUESTED');
  });
});

describe('gateway callback', () => {
  it('pays exactly once and puts the dossier back into processing; a replay changes nothing', async () => {
    const d = await awaitingPayment();
    const order = (await openOrder(d.id)).json();
    const first = await callback(order, 'TXN000001');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ status: 'paid', payment: { status: 'paid', bankTransfer: null } });
    expect(first.json().payment.receiptNo).toMatch(/^BL2026-\d{7}$/);
    const replay = await callback(order, 'TXN000001');
    expect(replay.json().status).toBe('already_paid');
    const view = (await read(w, 'congdan', d.id)).json();
    expect(view.status).toBe('IN_PROCESSING');
    expect(view.history.filter((h: { action: string }) => h.action === 'confirm_payment')).toHaveLength(1);
    expect(view.history.at(-1).by).toBe('Cổng thanh toán trực tuyến');
    expect((await callback(order, 'TXN000002')).json().error.code).toBe('PAYMENT_TXN_REUSED');
  });

  it('refuses and records a forged signature, and refuses a wrong amount', async () => {
    const d = await awaitingPayment();
    const order = (await openOrder(d.id)).json();
    const forged = await callback(order, 'TXN000003', 'f'.repeat(64));
    expect(forged.statusCode).toBe(401);
    expect(forged.json().error.code).toBe('PAYMENT_SIGNATURE_INVALID');
    const audit = await w.sys.ctx.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE chain = 'payments' AND subject_id = $1`, [order.orderRef]);
    expect(audit.map((a) => a.action)).toEqual(['payment.callback_refused']);
    expect((await callback({ ...order, amountVnd: 1000 }, 'TXN000004')).json().error.code).toBe('PAYMENT_AMOUNT_MISMATCH');
    expect((await read(w, 'congdan', d.id)).json().status).toBe('AWAITING_PAYMENT');
  });

  it('rejects a malformed callback with 400 naming the field', async () => {
    const res = await w.sys.app.inject({ method: 'POST', url: '/api/v1/payments/callback', payload: { orderRef: 'x', amountVnd: -1 } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['body.orderRef', 'body.amountVnd']));
  });
});

describe('sandbox gateway and e-receipt', () => {
  it('pays through the sandbox page, then the applicant downloads a Vietnamese e-receipt that others cannot', async () => {
    const d = await awaitingPayment(75_000);
    const order = (await openOrder(d.id)).json();
    const pageRes = await w.sys.app.inject({ method: 'GET', url: order.gatewayUrl });
    expect(pageRes.statusCode).toBe(200);
    expect(pageRes.body).toContain('75.000');
    const pay = await w.sys.app.inject({ method: 'POST', url: order.gatewayUrl, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: '' });
    expect(pay.statusCode, pay.body).toBe(303);
    expect(pay.headers.location).toBe(`/ho-so-cua-toi/${d.id}?thanh-toan=thanh-cong`);
    const list = (await w.sys.app.inject({ method: 'GET', url: `/api/v1/dossiers/${d.id}/payments`, headers: auth(w, 'congdan') })).json();
    expect(list.pending).toBeNull();
    const paid = list.items[0];
    expect(paid.status).toBe('paid');
    const pdf = await w.sys.app.inject({ method: 'GET', url: paid.receiptUrl, headers: auth(w, 'congdan') });
    expect(pdf.statusCode).toBe(200);
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain('BIÊN LAI THU PHÍ, LỆ PHÍ ĐIỆN TỬ');
    expect(text).toContain('75.000 đồng');
    expect(text).toContain('Nguyễn Thị Ánh Tuyết');
    expect(text).toContain(paid.receiptNo);
    expect((await w.sys.app.inject({ method: 'GET', url: paid.receiptUrl, headers: auth(w, 'motcua.badinh') })).statusCode).toBe(404);
    expect((await w.sys.app.inject({ method: 'GET', url: paid.receiptUrl })).statusCode).toBe(401);
  });
});

describe('fee quote', () => {
  it('quotes the fee of a procedure per channel and page count, and 404s an unknown procedure', async () => {
    const one = await w.sys.app.inject({ method: 'GET', url: '/api/v1/procedures/2.000815/fee?channel=direct&pages=1' });
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json()).toMatchObject({ lines: expect.any(Array), totalVnd: expect.any(Number), complete: expect.any(Boolean) });
    const many = (await w.sys.app.inject({ method: 'GET', url: '/api/v1/procedures/2.000815/fee?channel=direct&pages=9' })).json();
    expect(many.totalVnd).toBeGreaterThanOrEqual(one.json().totalVnd);
    expect((await w.sys.app.inject({ method: 'GET', url: '/api/v1/procedures/9.999999/fee' })).statusCode).toBe(404);
    expect((await w.sys.app.inject({ method: 'GET', url: '/api/v1/procedures/2.000815/fee?pages=0' })).statusCode).toBe(400);
  });
});

describe('paid at the desk, then through the gateway (issue 13, D5)', () => {
  it('records the second payment as owed back, lets the desk refund it, and answers a later callback for it without a 5xx', async () => {
    const d = await awaitingPayment();
    const order = (await openOrder(d.id)).json();
    await actOk(w, 'motcua.hoankiem', d.id, { action: 'confirm_payment', reference: 'Biên lai thu tiền mặt số 12' });
    const paid = await callback(order, 'TXNTRUNG01');
    expect(paid.statusCode, paid.body).toBe(200);
    expect((await read(w, 'congdan', d.id)).json().status).toBe('IN_PROCESSING');
    const listed = await w.sys.app.inject({ method: 'GET', url: `/api/v1/dossiers/${d.id}/payments`, headers: auth(w, 'motcua.hoankiem') });
    const payment = listed.json().items.find((p: { orderRef: string }) => p.orderRef === order.orderRef);
    expect(payment.refundDue?.reason, listed.body).toMatch(/trùng/);
    const refunded = await w.sys.app.inject({
      method: 'POST',
      url: `/api/v1/payments/${payment.id}/refund`,
      headers: auth(w, 'motcua.hoankiem'),
      payload: { reference: 'UNC-0001' },
    });
    expect(refunded.statusCode, refunded.body).toBe(200);
    expect(refunded.json().status).toBe('refunded');
    const again = await callback(order, 'TXNTRUNG02');
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json().error.code).toBe('PAYMENT_ORDER_CLOSED');
    expect((await callback(order, 'TXNTRUNG01')).statusCode).toBe(200);
  });
});
