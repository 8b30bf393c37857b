import type { IncomingMessage } from 'node:http';
import type { Provider } from 'oidc-provider';
import { z } from 'zod';
import type { App, RoutesPlugin } from '#platform/context.ts';
import { DEV_EID_PREFIX, devEidClient } from './dev-eid-client.ts';
import { consentPage, errorPage, loginPage } from './dev-eid-pages.ts';
import { loadDevEidSecrets } from './dev-eid-secrets.ts';
import { DEV_EID_PASSWORD, findTestCitizen } from './test-citizens.ts';

const loginForm = z.object({
  cccd: z.string().trim().max(40).default(''),
  password: z.string().max(200).default(''),
});
const uidParams = z.object({ uid: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/) });

/**
 * The development e-ID provider under /dev-eid, only when MOTCUA_DEV_EID is on (demo mode).
 * oidc-provider is a Node request handler: its routes get the raw request with the prefix cut
 * from the URL (so it computes its own mount path) and the body left unread.
 */
export const devEidRoutes: RoutesPlugin = async (app, ctx) => {
  const client = devEidClient(ctx.config);
  if (!client) return;
  // Loaded only here: production (and every CLI command) never loads oidc-provider.
  const { createDevEidProvider } = await import('./dev-eid-provider.ts');
  const provider = createDevEidProvider({ ...client, secrets: loadDevEidSecrets(ctx.config.MOTCUA_DATA_DIR) });
  const handle = provider.callback();

  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, _payload, done) => done(null, undefined));
    scope.all(`${DEV_EID_PREFIX}/*`, { schema: { hide: true } }, async (req, reply) => {
      reply.hijack();
      const raw = req.raw as IncomingMessage & { originalUrl?: string };
      raw.originalUrl = raw.url;
      raw.url = raw.url!.slice(DEV_EID_PREFIX.length) || '/';
      handle(raw, reply.raw);
    });
  });

  await app.register(async (scope) => interactionRoutes(scope as unknown as App, provider));
};

function isPage(outcome: { status: number; page: string } | Record<string, unknown>): outcome is { status: number; page: string } {
  return typeof outcome.page === 'string' && typeof outcome.status === 'number';
}

function interactionRoutes(app: App, provider: Provider) {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 8 * 1024 },
    (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );
  const base = `${DEV_EID_PREFIX}/interaction/:uid`;
  const html = (status: number, page: string) => ({ status, page });

  /** Runs one interaction step; an expired or unknown interaction gets the Vietnamese error page. */
  async function step(
    req: { raw: IncomingMessage; params: unknown },
    reply: import('fastify').FastifyReply,
    run: (details: Awaited<ReturnType<Provider['interactionDetails']>>) => Promise<{ status: number; page: string } | Record<string, unknown>>,
  ) {
    const params = uidParams.safeParse(req.params);
    const details = params.success ? await provider.interactionDetails(req.raw, reply.raw).catch(() => null) : null;
    if (!details || details.uid !== params.data?.uid) {
      return reply.status(400).type('text/html; charset=utf-8').send(
        errorPage({ code: 'invalid_interaction', description: 'Phiên đăng nhập đã hết hạn hoặc không hợp lệ, vui lòng bắt đầu lại.' }),
      );
    }
    const outcome = await run(details);
    if (isPage(outcome)) {
      return reply.status(outcome.status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(outcome.page);
    }
    reply.hijack();
    await provider.interactionFinished(req.raw, reply.raw, outcome, { mergeWithLastSubmission: 'consent' in outcome });
  }

  async function clientName(details: { params: { client_id?: string } }) {
    const client = details.params.client_id ? await provider.Client.find(details.params.client_id) : undefined;
    return client?.clientName ?? details.params.client_id ?? '';
  }

  app.get(base, { schema: { hide: true } }, (req, reply) =>
    step(req, reply, async (details) => {
      const name = await clientName(details);
      if (details.prompt.name === 'login') return html(200, loginPage({ uid: details.uid, clientName: name }));
      const citizen = findTestCitizen(details.session?.accountId ?? '');
      const scopes = String(details.params.scope ?? '').split(' ').filter(Boolean);
      return html(200, consentPage({ uid: details.uid, clientName: name, fullName: citizen?.fullName ?? '', scopes }));
    }),
  );

  app.post(`${base}/login`, { schema: { hide: true } }, (req, reply) =>
    step(req, reply, async (details) => {
      const form = loginForm.safeParse(req.body ?? {});
      const cccd = form.success ? form.data.cccd : '';
      const citizen = form.success ? findTestCitizen(cccd) : null;
      if (details.prompt.name !== 'login') return html(400, errorPage({ code: 'invalid_step' }));
      if (!citizen || !form.success || form.data.password !== DEV_EID_PASSWORD) {
        const error = /^\d{12}$/.test(cccd)
          ? 'Số định danh hoặc mật khẩu không đúng.'
          : 'Vui lòng nhập số định danh cá nhân gồm 12 chữ số.';
        return html(200, loginPage({ uid: details.uid, clientName: await clientName(details), idNumber: cccd, error }));
      }
      return { login: { accountId: citizen.idNumber } };
    }),
  );

  app.post(`${base}/confirm`, { schema: { hide: true } }, (req, reply) =>
    step(req, reply, async (details) => {
      const accountId = details.session?.accountId;
      if (details.prompt.name !== 'consent' || !accountId) return html(400, errorPage({ code: 'invalid_step' }));
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId, clientId: String(details.params.client_id) });
      if (!grant) return html(400, errorPage({ code: 'invalid_grant' }));
      const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      return { consent: { grantId: await grant.save() } };
    }),
  );

  app.post(`${base}/abort`, { schema: { hide: true } }, (req, reply) =>
    step(req, reply, async () => ({
      error: 'access_denied',
      error_description: 'Người dùng đã từ chối chia sẻ thông tin',
    })),
  );
}
