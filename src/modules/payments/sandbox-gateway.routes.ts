import { randomBytes } from 'node:crypto';
import { sandboxGatewayEnabled } from '../../config.ts';
import type { RoutesPlugin } from '#platform/context.ts';
import { gatewayKey, signCallback } from './gateway-signature.ts';
import { OrderParams } from './payments.contract.ts';
import { paymentsRepository as repo } from './payments.repository.ts';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const vnd = (n: number) => `${new Intl.NumberFormat('vi-VN').format(n)} đ`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — Cổng thanh toán thử nghiệm</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;background:#f3f5f8;color:#1a1a1a}
header{background:#0b3d91;color:#fff;padding:12px 16px}header p{margin:0;font-size:14px}
main{max-width:440px;margin:16px auto;background:#fff;border-radius:8px;padding:16px 20px;box-shadow:0 1px 3px #0002}
h1{font-size:20px;margin:0 0 12px}dl{display:grid;grid-template-columns:auto 1fr;gap:6px 12px;margin:0 0 16px}dt{color:#444}dd{margin:0;font-weight:600}
.amount{font-size:24px;color:#0b3d91}button,a.button{display:inline-block;font-size:16px;padding:10px 18px;border-radius:6px;border:0;cursor:pointer;text-decoration:none}
button{background:#0b3d91;color:#fff}a.button{background:#e8eaee;color:#1a1a1a;margin-left:8px}
:focus-visible{outline:3px solid #f5a623;outline-offset:2px}.note{font-size:14px;color:#444}
</style></head><body><header><p><strong>Cổng thanh toán thử nghiệm</strong> (sandbox) — không chuyển tiền thật</p></header>
<main>${body}</main></body></html>`;
}

/**
 * A sandbox payment gateway for demonstrations and tests, served by the same program: it shows
 * the order, and on "Thanh toán" posts a callback signed with the shared key to
 * /api/v1/payments/callback, exactly as a real gateway would. Off in production.
 */
export const sandboxGatewayRoutes: RoutesPlugin = (app, ctx) => {
  if (!sandboxGatewayEnabled(ctx.config)) return;
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );
  const rateLimit = { timeWindow: '1 minute' };

  app.get('/sandbox-gateway/pay/:orderRef', { schema: { hide: true, params: OrderParams }, config: { rateLimit } }, async (req, reply) => {
    const order = await repo.findByOrderRef(ctx.db, req.params.orderRef);
    reply.type('text/html; charset=utf-8');
    if (!order) return reply.status(404).send(page('Không tìm thấy', '<h1>Không tìm thấy đơn thanh toán</h1>'));
    const back = `/ho-so-cua-toi/${encodeURIComponent(order.dossierId)}`;
    if (order.status === 'paid') {
      return page('Đã thanh toán', `<h1>Đơn này đã được thanh toán</h1><p><a href="${back}">Quay lại hồ sơ</a></p>`);
    }
    return page(
      'Xác nhận thanh toán',
      `<h1>Xác nhận thanh toán</h1><dl><dt>Đơn</dt><dd>${escapeHtml(order.orderRef)}</dd><dt>Nội dung</dt><dd>${escapeHtml(order.reason)}</dd>
<dt>Số tiền</dt><dd class="amount">${vnd(order.amountVnd)}</dd></dl>
<form method="post" action="/sandbox-gateway/pay/${escapeHtml(order.orderRef)}"><button type="submit">Thanh toán</button><a class="button" href="${back}">Hủy</a></form>
<p class="note">Cổng thật sẽ hỏi thẻ hoặc tài khoản ngân hàng ở bước này.</p>`,
    );
  });

  app.post('/sandbox-gateway/pay/:orderRef', { schema: { hide: true, params: OrderParams }, config: { rateLimit } }, async (req, reply) => {
    const order = await repo.findByOrderRef(ctx.db, req.params.orderRef);
    if (!order) return reply.status(404).type('text/html; charset=utf-8').send(page('Không tìm thấy', '<h1>Không tìm thấy đơn thanh toán</h1>'));
    const callback = {
      orderRef: order.orderRef,
      amountVnd: order.amountVnd,
      gatewayTxn: order.gatewayTxn ?? `SBX${randomBytes(8).toString('hex').toUpperCase()}`,
      paidAt: ctx.clock.now().toISOString(),
    };
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/payments/callback',
      headers: { 'x-gateway-signature': signCallback(gatewayKey(ctx.config), callback) },
      payload: callback,
    });
    if (res.statusCode !== 200) {
      const message = (res.json() as { error?: { message?: string } }).error?.message ?? String(res.statusCode);
      return reply.status(409).type('text/html; charset=utf-8').send(page('Lỗi', `<h1>Thanh toán không thành công</h1><p>${escapeHtml(message)}</p>`));
    }
    return reply.redirect(`/ho-so-cua-toi/${encodeURIComponent(order.dossierId)}?thanh-toan=thanh-cong`, 303);
  });
};
