import type { FastifyRequest } from 'fastify';
import type { EidSettings } from './eid-settings.ts';
import { AppError } from '#platform/errors.ts';
import { oidc } from './eid-client.ts';
import { type EidErrorCode, EidErrors } from './identity.errors.ts';
import type { EidAuthRequest } from './identity.repository.ts';

export type FinishResult =
  /** `returnTo`: the page that asked for the sign-in, or null (none asked: the user's start page). */
  | { ok: true; token: string; expiresAt: Date; returnTo: string | null; userId: string; created: boolean }
  /** `returnTo`, once the pending request is known: a refusal still leads back where the citizen was going. */
  | { ok: false; code: EidErrorCode; cause?: unknown; returnTo?: string | null };

/**
 * The callback, step by step: the state in the query must be the browser's (cookie); the
 * pending request is consumed once (a replay finds it used); openid-client checks the answer
 * and exchanges the code; the account is linked and a session opened.
 */
export async function finishEidLoginOutcome(
  req: FastifyRequest,
  steps: {
    settings: EidSettings;
    stateCookie: string | undefined;
    now: Date;
    consume: (state: string, now: Date) => Promise<{ ok: true; request: EidAuthRequest } | { ok: false; reason: 'unknown' | 'expired' | 'used' }>;
    exchange: (url: URL, checks: { state: string; nonce: string; codeVerifier: string }) => Promise<Record<string, unknown>>;
    finish: (claims: Record<string, unknown>, now: Date) => Promise<{ token: string; expiresAt: Date; userId: string; created: boolean }>;
  },
): Promise<FinishResult> {
  const query = new URL(req.url, 'http://callback.invalid').search;
  const params = new URLSearchParams(query);
  const state = params.get('state');
  if (!steps.stateCookie || !state || state !== steps.stateCookie) {
    // The provider may answer "denied" before anything else; still only for this browser's state.
    return { ok: false, code: 'EID_STATE_INVALID' };
  }
  const consumed = await steps.consume(state, steps.now);
  if (!consumed.ok) return { ok: false, code: consumed.reason === 'used' ? 'EID_REPLAYED' : 'EID_STATE_INVALID' };
  const request = consumed.request;
  let claims: Record<string, unknown>;
  try {
    claims = await steps.exchange(new URL(`${steps.settings.redirectUri}${query}`), {
      state: request.state,
      nonce: request.nonce,
      codeVerifier: request.codeVerifier,
    });
  } catch (error) {
    return { ok: false, code: eidErrorCode(error), cause: error, returnTo: request.returnTo };
  }
  try {
    const session = await steps.finish(claims, steps.now);
    return { ok: true, returnTo: request.returnTo, ...session };
  } catch (error) {
    return { ok: false, code: eidErrorCode(error), cause: error, returnTo: request.returnTo };
  }
}

/** Maps what openid-client and the use cases throw to the e-ID error codes. */
function eidErrorCode(error: unknown): EidErrorCode {
  if (error instanceof AppError && error.code in EidErrors) return error.code as EidErrorCode;
  if (error instanceof oidc.AuthorizationResponseError) return error.error === 'access_denied' ? 'EID_DENIED' : 'EID_FAILED';
  if (error instanceof oidc.ResponseBodyError) return 'EID_FAILED';
  if (error instanceof oidc.ClientError) {
    return (error as { code?: string }).code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' ? 'EID_UNAVAILABLE' : 'EID_FAILED';
  }
  if (error instanceof TypeError) return 'EID_UNAVAILABLE';
  return 'EID_FAILED';
}
