import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '#platform/db.ts';
import { CommonErrors } from '#platform/errors.ts';

/**
 * `Idempotency-Key` on every mutating request: the first response to a (caller, key) pair is
 * stored and returned again for a retry with the same body; a different body with the same
 * key is refused; a retry while the first is still running gets 409.
 */
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: { scope: string; key: string };
  }
}

function requestHash(req: FastifyRequest): string {
  const isMultipart = req.headers['content-type']?.startsWith('multipart/');
  const body = isMultipart ? `${req.headers['content-type']}:${req.headers['content-length']}` : JSON.stringify(req.body ?? null);
  return createHash('sha256').update(`${req.method} ${req.url}\n${body}`).digest('hex');
}

export function idempotencyHooks(db: Db) {
  return {
    async preHandler(req: FastifyRequest, reply: FastifyReply) {
      const key = req.headers['idempotency-key'];
      if (!MUTATING.has(req.method) || typeof key !== 'string' || key.length === 0) return;
      if (key.length > 200) throw CommonErrors.VALIDATION_FAILED({ details: [{ field: 'Idempotency-Key', message: 'too long' }] });
      const scope = req.actor?.id ?? 'anonymous';
      const hash = requestHash(req);
      const claimed = await db.query(
        `INSERT INTO idempotency_keys (scope, key, request_hash) VALUES ($1, $2, $3)
         ON CONFLICT (scope, key) DO NOTHING RETURNING key`,
        [scope, key, hash],
      );
      if (claimed.length === 1) {
        req.idempotency = { scope, key };
        return;
      }
      const [previous] = await db.query<{ request_hash: string; status_code: number | null; response: unknown }>(
        'SELECT request_hash, status_code, response FROM idempotency_keys WHERE scope = $1 AND key = $2',
        [scope, key],
      );
      if (!previous) return; // released in the meantime: let it run
      if (previous.request_hash !== hash) throw CommonErrors.IDEMPOTENCY_KEY_REUSED();
      if (previous.status_code === null) throw CommonErrors.IDEMPOTENCY_IN_PROGRESS();
      reply.header('idempotent-replayed', 'true');
      return reply.status(previous.status_code).send(previous.response);
    },

    async onSend(req: FastifyRequest, reply: FastifyReply, payload: unknown) {
      const claim = req.idempotency;
      if (!claim) return payload;
      req.idempotency = undefined;
      if (reply.statusCode >= 500 || typeof payload !== 'string') {
        await db.query('DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2', [claim.scope, claim.key]);
        return payload;
      }
      let response: unknown = payload;
      try {
        response = JSON.parse(payload);
      } catch {}
      await db.query('UPDATE idempotency_keys SET status_code = $3, response = $4 WHERE scope = $1 AND key = $2', [
        claim.scope,
        claim.key,
        reply.statusCode,
        JSON.stringify(response),
      ]);
      return payload;
    },
  };
}
