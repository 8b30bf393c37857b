import type { FastifyRequest } from 'fastify';
import { type Actor, holds, type Role } from '#platform/actor.ts';
import { CommonErrors } from '#platform/errors.ts';

export const SESSION_COOKIE = 'motcua_session';

/** The bearer token, or the session cookie set at login. */
export function sessionToken(req: FastifyRequest): { token: string; viaCookie: boolean } | null {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return { token: header.slice(7).trim(), viaCookie: false };
  const cookie = req.cookies?.[SESSION_COOKIE];
  return cookie ? { token: cookie, viaCookie: true } : null;
}

export function requireActor(req: FastifyRequest): Actor {
  if (req.passwordChangeRequired) throw CommonErrors.PASSWORD_CHANGE_REQUIRED();
  if (!req.actor) throw CommonErrors.UNAUTHENTICATED();
  return req.actor;
}

export function requireRole(req: FastifyRequest, ...roles: Role[]): Actor {
  const actor = requireActor(req);
  if (!holds(actor, roles)) throw CommonErrors.FORBIDDEN();
  return actor;
}

/**
 * Đổi mật khẩu bắt buộc: a session whose account must change its password (`actor.mustChangePassword`)
 * keeps its actor only on the routes marked `config: { whilePasswordChangeRequired: 'allow' }`
 * (GET /api/v1/me, POST /api/v1/me/password, sign-out). Anywhere else the request goes on
 * without an actor — a public route (sign-in included) answers as to anybody — and every
 * signed-in route answers 403 PASSWORD_CHANGE_REQUIRED (`requireActor`, hence `requireRole` and
 * the route kit). Called once, where the session is resolved (app.ts).
 */
export function holdBackActorUntilPasswordChanged(req: FastifyRequest): void {
  if (!req.actor?.mustChangePassword || req.routeOptions.config?.whilePasswordChangeRequired === 'allow') return;
  req.actor = null;
  req.passwordChangeRequired = true;
}

/**
 * Cross-site request forgery: a browser sending the session cookie on a mutating request must
 * come from this site (Sec-Fetch-Site or Origin). Bearer-token clients are not affected.
 */
export function checkSameOrigin(req: FastifyRequest): void {
  const site = req.headers['sec-fetch-site'];
  if (site && site !== 'same-origin' && site !== 'none') throw CommonErrors.CSRF_REJECTED();
  const origin = req.headers.origin;
  if (origin && origin !== 'null') {
    const sameHost = (() => {
      try {
        return new URL(origin).host === new URL(`http://${req.headers.host}`).host;
      } catch {
        return false;
      }
    })();
    if (!sameHost) throw CommonErrors.CSRF_REJECTED();
  } else if (origin === 'null') {
    throw CommonErrors.CSRF_REJECTED();
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    locale: 'vi' | 'en';
    /** The session is valid but its account must change its password first (holdBackActorUntilPasswordChanged). */
    passwordChangeRequired?: boolean;
  }
  interface FastifyContextConfig {
    /** 'allow': a session that must change its password may still call this route with its actor. */
    whilePasswordChangeRequired?: 'allow';
  }
}
