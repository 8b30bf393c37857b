import type { Sql } from '#platform/db.ts';
import type { authorizationRequest } from './eid-client.ts';
import { type EidSettings, safeReturnTo } from './eid-settings.ts';
import { identityRepository as repo } from './identity.repository.ts';

/** A pending e-ID sign-in lives 10 minutes. */
export const eidPolicy = { requestMinutes: 10 };

/**
 * "Đăng nhập bằng VNeID": keeps state, nonce and PKCE verifier on the server and returns the
 * provider's authorization URL. `returnTo` (the page that asked for the sign-in) is reduced to a path
 * of this site; without it the sign-in lands on the user's start page (start-page.ts).
 */
export async function startEidLogin(
  tx: Sql,
  input: { settings: EidSettings; returnTo: string | undefined; now: Date },
  request: Awaited<ReturnType<typeof authorizationRequest>>,
) {
  const expiresAt = new Date(input.now.getTime() + eidPolicy.requestMinutes * 60_000);
  await repo.purgeEidRequests(tx, new Date(input.now.getTime() - 24 * 3600_000));
  await repo.insertEidRequest(tx, {
    state: request.state,
    codeVerifier: request.codeVerifier,
    nonce: request.nonce,
    returnTo: input.returnTo ? safeReturnTo(input.returnTo) : null,
    createdAt: input.now,
    expiresAt,
  });
  return { url: request.url, state: request.state, expiresAt };
}
