import { binary, errors } from '#platform/contract.ts';
import type { RoutesPlugin } from '#platform/context.ts';
import { bearer, routeKit } from '../../http/route-kit.ts';
import { AuditPage, AuditQuery, ChainCheck, ChainQuery } from './auditing.contract.ts';
import { checkChain } from './check-chain.ts';
import { exportAuditTrail } from './export-audit-trail.ts';
import { readAuditTrail } from './read-audit-trail.ts';

/** Nhật ký kiểm toán: the audit trail for auditors (role `auditor`) and administrators; read-only. */
export const auditingRoutes: RoutesPlugin = (app, ctx) => {
  const route = routeKit(app, ctx, { tags: ['auditing'], security: bearer });

  route.get(
    '/api/v1/audit/entries',
    { description: 'Nhật ký kiểm toán / the audit trail, newest first', querystring: AuditQuery, response: { 200: AuditPage, ...errors(401, 403, 404) } },
    route.inTransaction(({ req, reply, actor, now, tx }) => {
      reply.header('cache-control', 'no-store');
      return readAuditTrail(tx, { actor, query: req.query, now });
    }),
  );

  route.get(
    '/api/v1/audit/entries.csv',
    { description: 'Tải nhật ký kiểm toán (CSV, tối đa 10.000 dòng) / the audit trail as CSV', querystring: AuditQuery, response: { 200: binary('text/csv', 'Nhật ký kiểm toán, UTF-8 có BOM / the audit trail, UTF-8 with BOM'), ...errors(401, 403, 404) } },
    route.inTransaction(async ({ req, reply, actor, now, tx }) => {
      // in the request's language (`?lang=`, else Accept-Language; Vietnamese by default), as the app's link asks
      const file = await exportAuditTrail(tx, { actor, query: req.query, now, locale: req.locale });
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('cache-control', 'no-store')
        .header('x-rows', String(file.rows))
        .send(file.csv as never); // a file's bytes, not JSON
    }),
  );

  route.get(
    '/api/v1/audit/check',
    { description: 'Kiểm tra tính toàn vẹn một chuỗi nhật ký / check one audit chain against the latest checkpoint', querystring: ChainQuery, response: { 200: ChainCheck, ...errors(401, 403) } },
    route.inTransaction(({ req, actor, now, tx }) => checkChain(tx, { actor, chain: req.query.chain, now })),
  );
};
