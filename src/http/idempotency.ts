import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { Db, Sql } from '#platform/db.ts';
import { CommonErrors } from '#platform/errors.ts';
import { RequestTransaction, requestTransactions } from '#platform/request-transaction.ts';

/**
 * `Idempotency-Key` on every mutating request: the first response to a (caller, key) pair is
 * stored and returned again for a retry with the same body; a different body with the same key
 * is refused.
 *
 * The claim, the work and the stored answer are one transaction (issue 13, D2): the request runs
 * in a request transaction (platform/request-transaction.ts) that begins by inserting the claim
 * and commits only with the answer. A process that dies mid-request leaves nothing — the retry
 * runs afresh — and a request whose work committed has its answer committed with it, so the retry
 * replays it. A second request with the same key while the first runs waits for it (the claim's
 * row lock) and then replays its answer; after 10 s of waiting it gets 409 IDEMPOTENCY_IN_PROGRESS.
 * An answer ≥ 500 rolls everything back. Routes whose answer carries a secret (login: the bearer
 * token) set `config: { idempotencyKey: 'ignore' }`: the key is not used and nothing is stored.
 */
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface StoredAnswer {
  request_hash: string;
  status_code: number | null;
  response: unknown;
}

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: { scope: string; key: string; hash: string; rt: RequestTransaction };
  }
  interface FastifyContextConfig {
    /** 'ignore': this route never stores its answer under an Idempotency-Key (it holds a secret). */
    idempotencyKey?: 'ignore';
  }
}

/** The same key came back while this request ran: answer as the first one did. */
export class IdempotentReplay extends Error {
  constructor(readonly previous: StoredAnswer) {
    super('idempotent replay');
  }
}

function requestHash(req: FastifyRequest): string {
  const isMultipart = req.headers['content-type']?.startsWith('multipart/');
  const body = isMultipart
    ? `${req.headers['content-type']}:${req.headers['content-length']}`
    : (req.rawJson ?? (typeof req.body === 'string' ? req.body : JSON.stringify(req.body ?? null)));
  return createHash('sha256').update(`${req.method} ${req.url}\n${body}`).digest('hex');
}

/** Replays a stored answer, or refuses a different request under the same key. */
export function replay(reply: FastifyReply, previous: StoredAnswer, hash: string) {
  if (previous.request_hash !== hash) throw CommonErrors.IDEMPOTENCY_KEY_REUSED();
  if (previous.status_code === null) throw CommonErrors.IDEMPOTENCY_IN_PROGRESS();
  reply.header('idempotent-replayed', 'true');
  // exactly the bytes first answered, past the response schema: a stored answer is never re-checked
  // against a contract that may have changed since (an upgrade must not turn a replay into a 500)
  return reply.status(previous.status_code).type('application/json; charset=utf-8').send(JSON.stringify(previous.response));
}

const find = async (db: Sql, scope: string, key: string) =>
  (await db.query<StoredAnswer>('SELECT request_hash, status_code, response FROM idempotency_keys WHERE scope = $1 AND key = $2', [scope, key]))[0];

const rethrow = async (failed: Promise<unknown>) => {
  const error = await failed;
  if (error) throw error;
};

/** Stores the answer under the claimed key and commits the request's work with it (or rolls back on ≥ 500). */
async function settle(db: Db, req: FastifyRequest, reply: FastifyReply, claimed: NonNullable<FastifyRequest['idempotency']>, payload: unknown) {
  const { rt, scope, key } = claimed;
  if (reply.statusCode >= 500) {
    await rt.finish(false);
    return payload;
  }
  try {
    const tx = await rt.sql();
    let store: Promise<unknown>;
    const late = rt.lateTexts;
    if (typeof payload === 'string') {
      // A JSON answer is stored as the text sent (the database parses it once, as jsonb), not
      // parsed and serialised again here; any other text (or none) is stored as a JSON string.
      // Late texts (a reception's code) are filled in by the database from the statement that
      // decided them, sent just before: the answer stored is the answer sent.
      const json = payload.length > 0 && String(reply.getHeader('content-type') ?? '').startsWith('application/json');
      const stored = late.reduce((text, _, i) => `replace(${text}, $${5 + 2 * i}, motcua_late_value($${6 + 2 * i}))`, '$4');
      store = tx.query(`UPDATE idempotency_keys SET status_code = $3, response = ${stored}::jsonb WHERE scope = $1 AND key = $2`, [
        scope,
        key,
        reply.statusCode,
        json ? payload : JSON.stringify(payload),
        ...late.flatMap((l) => [l.token, l.setting]),
      ]);
    } else if (late.length > 0) {
      throw new Error('a late text needs a JSON answer'); // rolls the work back (below)
    } else {
      // A stream cannot be replayed: the work stands, the key is released.
      store = tx.query('DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2', [scope, key]);
    }
    const failed = store.then(
      () => null,
      (error: unknown) => error ?? new Error('idempotent answer not stored'),
    );
    // On PostgreSQL the answer and COMMIT leave together (the connection pipelines them): one
    // round trip and one turn of the event loop less while a reception holds its agency's daily
    // counter row, which every other reception of the agency waits for. A store that failed made
    // that COMMIT a rollback, so the work did not commit. PGlite runs one statement at a time.
    if (db.engine !== 'postgres') await rethrow(failed);
    await rt.finish(true);
    await rethrow(failed);
    let answer = payload;
    for (const l of late) {
      const value = await l.value;
      answer = (answer as string).replaceAll(l.token, () => value);
    }
    return answer;
  } catch (error) {
    await rt.finish(false).catch(() => {});
    if (reply.statusCode >= 400) return payload;
    // The work did not commit: the client must not read success.
    req.log.warn({ err: error }, 'idempotent request could not commit');
    reply.status(409).header('content-type', 'application/json; charset=utf-8');
    const conflict = CommonErrors.CONFLICT();
    return JSON.stringify({ error: { code: conflict.code, message: conflict.message_(req.locale) } });
  }
}

export function idempotencyHooks(db: Db) {
  /**
   * Claims the key in one statement. On PostgreSQL a concurrent claim of the same key (another
   * request still working on it, maybe in another process) makes this insert wait — for at most
   * 10 s: the statement sets `lock_timeout` (transaction-local) before inserting, and its
   * RETURNING puts back the value it found once the row is in (on conflict the transaction
   * ends anyway). Same as `SET LOCAL lock_timeout = '10s'` … `SET LOCAL lock_timeout TO
   * DEFAULT` around the insert, without the two extra round trips.
   */
  const CLAIM =
    db.engine === 'postgres'
      ? `INSERT INTO idempotency_keys (scope, key, request_hash)
         SELECT $1, $2, $3 FROM (SELECT set_config('motcua.lock_timeout', current_setting('lock_timeout'), true) AS kept,
                                        set_config('lock_timeout', '10s', true) AS waiting) s
         ON CONFLICT (scope, key) DO NOTHING
         RETURNING key, set_config('lock_timeout', current_setting('motcua.lock_timeout'), true) AS restored`
      : `INSERT INTO idempotency_keys (scope, key, request_hash) VALUES ($1, $2, $3)
         ON CONFLICT (scope, key) DO NOTHING RETURNING key`;

  async function claim(tx: Sql, scope: string, key: string, hash: string) {
    let claimed: unknown[];
    try {
      claimed = await tx.query(CLAIM, [scope, key, hash]);
    } catch (error) {
      if ((error as { code?: string }).code === '55P03') throw CommonErrors.IDEMPOTENCY_IN_PROGRESS();
      throw error;
    }
    // The answer stored under the key, committed (the insert waited for it). On PostgreSQL read
    // outside the request's transaction: the request's first statement left with the claim
    // (pipelined: request-transaction.ts) and may have failed, aborting it. PGlite runs one
    // transaction at a time (the claim is awaited first there: in-process, no round trip to save).
    if (claimed.length === 0) throw new IdempotentReplay(await find(db.engine === 'postgres' ? db : tx, scope, key));
  }

  return {
    preHandler(req: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) {
      const key = req.headers['idempotency-key'];
      if (!MUTATING.has(req.method) || typeof key !== 'string' || key.length === 0) return done();
      if (req.routeOptions.config?.idempotencyKey === 'ignore') return done();
      if (key.length > 200) return done(CommonErrors.VALIDATION_FAILED({ details: [{ field: 'Idempotency-Key', message: 'too long' }] }));
      const scope = req.actor?.id ?? 'anonymous';
      const hash = requestHash(req);
      // No look-up first: the claim inside the request's transaction finds a stored answer too
      // (the insert conflicts, IdempotentReplay answers it) — one statement less per request.
      const rt = new RequestTransaction(db, (tx) => claim(tx, scope, key, hash), db.engine === 'postgres');
      req.idempotency = { scope, key, hash, rt };
      // Everything the route does from here on runs in the request transaction.
      requestTransactions.run(rt, done);
    },

    /** A request with no claim (every request without an Idempotency-Key) passes at once. */
    onSend(req: FastifyRequest, reply: FastifyReply, payload: unknown, done: (error: Error | null, payload?: unknown) => void) {
      const claimed = req.idempotency;
      if (!claimed) return done(null, payload);
      req.idempotency = undefined;
      settle(db, req, reply, claimed, payload).then((answer) => done(null, answer), done);
    },

    /** A request that ended without onSend (aborted) gives its transaction back. */
    onResponse(req: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) {
      const claimed = req.idempotency;
      if (!claimed) return done();
      req.idempotency = undefined;
      claimed.rt.finish(false).then(() => done(), done);
    },
  };
}
