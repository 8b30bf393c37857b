import * as oidc from 'openid-client';
import type { EidSettings } from './eid-settings.ts';

/**
 * The relying party, through openid-client: discovery of the provider (cached per issuer and
 * client, retried after a failure), the authorization URL, the code exchange with the checks.
 */
const discovered = new Map<string, Promise<oidc.Configuration>>();

function eidConfiguration(settings: EidSettings): Promise<oidc.Configuration> {
  const key = `${settings.issuer}\n${settings.clientId}\n${settings.clientSecret}`;
  let pending = discovered.get(key);
  if (!pending) {
    const insecure = new URL(settings.issuer).protocol === 'http:';
    pending = oidc.discovery(
      new URL(settings.issuer),
      settings.clientId,
      { redirect_uris: [settings.redirectUri], response_types: ['code'] },
      oidc.ClientSecretBasic(settings.clientSecret),
      insecure ? { execute: [oidc.allowInsecureRequests], timeout: 10 } : { timeout: 10 },
    );
    pending.catch(() => discovered.delete(key));
    discovered.set(key, pending);
  }
  return pending;
}

/** A fresh state, nonce and PKCE verifier, and the provider URL that carries them (S256). */
export async function authorizationRequest(settings: EidSettings) {
  const config = await eidConfiguration(settings);
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: settings.redirectUri,
    scope: settings.scope,
    response_type: 'code',
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url, state, nonce, codeVerifier };
}

/**
 * Exchanges the code (checking state, nonce, PKCE, issuer, audience and the ID token's
 * signature) and returns the ID token claims merged with the userinfo claims.
 */
export async function exchangeCode(
  settings: EidSettings,
  callbackUrl: URL,
  checks: { state: string; nonce: string; codeVerifier: string },
): Promise<Record<string, unknown>> {
  const config = await eidConfiguration(settings);
  const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: checks.codeVerifier,
    expectedState: checks.state,
    expectedNonce: checks.nonce,
    idTokenExpected: true,
  });
  const idClaims = tokens.claims();
  if (!idClaims) throw new oidc.ClientError('no ID token claims');
  const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
  return { ...idClaims, ...userinfo };
}

export { oidc };
