import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RoutesPlugin } from '#platform/context.ts';
import { errors } from '#platform/contract.ts';
import { EidStartQuery, Redirect } from './identity.contract.ts';
import { authorizationRequest, exchangeCode } from './eid-client.ts';
import { eidSettings, safeReturnTo } from './eid-settings.ts';
import { type FinishResult, finishEidLoginOutcome } from './eid-outcome.ts';
import { factsFromClaims, finishEidLogin } from './finish-eid-login.ts';
import type { EidErrorCode } from './identity.errors.ts';
import { identityRepository as repo } from './identity.repository.ts';
import { setSessionCookie } from './session-cookie.ts';
import { landingAfterSignIn } from './start-page.ts';
import { eidPolicy, startEidLogin } from './start-eid-login.ts';

const tags = ['identity'];
const EID_STATE_COOKIE = 'motcua_eid_state';
const stateCookiePath = '/api/v1/auth/eid';
/**
 * Where a failed e-ID sign-in lands: the login page, which shows the message of the code, and
 * keeps where the citizen was going (`next`), so a refused consent does not lose the way back.
 */
const errorRedirect = (code: EidErrorCode, returnTo?: string | null) => {
  const next = returnTo ? safeReturnTo(returnTo) : '/';
  return `/dang-nhap?eid_error=${code}${next !== '/' ? `&next=${encodeURIComponent(next)}` : ''}`;
};

/**
 * Sign-in with the national e-ID (OpenID Connect, authorization code + PKCE S256 + state +
 * nonce). Both routes answer with redirects only: a failure goes to the login page with an
 * error code, never a 5xx.
 */
export const eidRoutes: RoutesPlugin = (app, ctx) => {
  const { db, clock, config, logger } = ctx;

  function fail(reply: FastifyReply, code: EidErrorCode, cause?: unknown, returnTo?: string | null) {
    logger.warn({ code, cause: cause instanceof Error ? `${cause.name}: ${cause.message}` : undefined }, 'e-ID sign-in refused');
    reply.clearCookie(EID_STATE_COOKIE, { path: stateCookiePath });
    return reply.redirect(errorRedirect(code, returnTo), 302);
  }

  app.get(
    '/api/v1/auth/eid/start',
    {
      schema: {
        tags,
        description:
          'Đăng nhập bằng định danh điện tử (VNeID): chuyển tới nhà cung cấp định danh / redirect to the national e-ID (OIDC)',
        querystring: EidStartQuery,
        response: { 302: Redirect, ...errors() },
      },
    },
    async (req, reply) => {
      const settings = eidSettings(config);
      if (!settings) return fail(reply, 'EID_NOT_CONFIGURED');
      // The state cookie must be set on the host the provider will send the browser back to.
      const home = new URL(settings.redirectUri);
      if (req.host !== home.host) {
        const again = new URL(req.url, home.origin);
        return reply.redirect(again.toString(), 302);
      }
      let request: Awaited<ReturnType<typeof authorizationRequest>>;
      try {
        request = await authorizationRequest(settings);
      } catch (error) {
        return fail(reply, 'EID_UNAVAILABLE', error);
      }
      const now = clock.now();
      const started = await db.transaction((tx) =>
        startEidLogin(tx, { settings, returnTo: req.query.returnTo, now }, request),
      );
      reply.setCookie(EID_STATE_COOKIE, started.state, {
        httpOnly: true,
        sameSite: 'lax',
        secure: req.protocol === 'https',
        path: stateCookiePath,
        maxAge: eidPolicy.requestMinutes * 60,
      });
      reply.header('cache-control', 'no-store');
      return reply.redirect(started.url.toString(), 302);
    },
  );

  app.get(
    '/api/v1/auth/eid/callback',
    {
      schema: {
        tags,
        description: 'Kết quả từ nhà cung cấp định danh / answer of the national e-ID (OIDC redirect URI)',
        querystring: z.record(z.string(), z.unknown()),
        response: { 302: Redirect, ...errors() },
      },
    },
    async (req, reply) => {
      const settings = eidSettings(config);
      if (!settings) return fail(reply, 'EID_NOT_CONFIGURED');
      const outcome = await finishEidLoginOutcome(req, {
        settings,
        consume: (state, now) => db.transaction((tx) => repo.consumeEidRequest(tx, state, now)),
        exchange: (url, checks) => exchangeCode(settings, url, checks),
        finish: (claims, now) =>
          db.transaction(async (tx) =>
            finishEidLogin(tx, {
              facts: factsFromClaims(claims, settings.claims),
              subject: String(claims.sub),
              issuer: settings.issuer,
              ip: req.ip,
              userAgent: req.headers['user-agent'] ?? null,
              now,
            }),
          ),
        now: clock.now(),
        stateCookie: req.cookies[EID_STATE_COOKIE],
      });
      return sendOutcome(req, reply, outcome);
    },
  );

  async function sendOutcome(req: FastifyRequest, reply: FastifyReply, outcome: FinishResult) {
    if (!outcome.ok) return fail(reply, outcome.code, outcome.cause, outcome.returnTo);
    reply.clearCookie(EID_STATE_COOKIE, { path: stateCookiePath });
    setSessionCookie(req, reply, outcome.token, { expiresAt: outcome.expiresAt, now: clock.now() });
    reply.header('cache-control', 'no-store');
    // The one rule of every sign-in: the page that asked for it, else the user's start page (/hop for a member of a collective body).
    return reply.redirect(await landingAfterSignIn(db, outcome.userId, outcome.returnTo ?? undefined), 302);
  }
};
