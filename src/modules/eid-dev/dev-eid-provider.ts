import Provider from 'oidc-provider';
import { DEV_EID_PREFIX } from './dev-eid-client.ts';
import type { DevEidSecrets } from './dev-eid-secrets.ts';
import { errorPage } from './dev-eid-pages.ts';
import { claimsOf, devEidScopes, findTestCitizen } from './test-citizens.ts';

/**
 * The development e-ID provider: a real OpenID Connect provider (oidc-provider) with the test
 * citizens as accounts, one confidential client (Một Cửa), authorization code with PKCE S256
 * required, and its own sign-in and consent pages under /dev-eid/interaction/{uid}.
 * Storage is oidc-provider's in-memory adapter: pending sign-ins are lost on restart.
 */
export function createDevEidProvider(input: {
  issuer: string;
  clientId: string;
  redirectUri: string;
  secrets: DevEidSecrets;
}): Provider {
  const provider = new Provider(input.issuer, {
    clients: [
      {
        client_id: input.clientId,
        client_secret: input.secrets.clientSecret,
        client_name: 'Cổng dịch vụ công Một Cửa',
        redirect_uris: [input.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: input.secrets.jwks,
    cookies: { keys: input.secrets.cookieKeys },
    claims: devEidScopes,
    scopes: ['openid', ...Object.keys(devEidScopes).filter((s) => s !== 'openid')],
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `${DEV_EID_PREFIX}/interaction/${interaction.uid}` },
    async findAccount(_ctx: unknown, sub: string) {
      const citizen = findTestCitizen(sub);
      if (!citizen) return undefined;
      return { accountId: citizen.idNumber, claims: async () => claimsOf(citizen) };
    },
    async renderError(
      ctx: { type: string; body: unknown },
      out: { error?: string; error_description?: string },
    ) {
      ctx.type = 'html';
      ctx.body = errorPage({ code: out.error ?? 'server_error', description: out.error_description });
    },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: 600,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
  });
  provider.proxy = true;
  return provider;
}
