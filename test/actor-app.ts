import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { App, AppContext, RoutesPlugin } from '#platform/context.ts';
import { sendError } from '../src/http/errors.ts';
import type { Actor } from '#platform/actor.ts';
import { pickLocale } from '#platform/i18n.ts';

/**
 * A small HTTP app serving some modules' routes on the real database, where the caller is
 * chosen by the `x-test-actor` header (an id of `actors`). For route tests that must not depend
 * on the identity module's login. Same multipart limits, zod compilers, error mapping and request
 * language (Accept-Language, `?lang=`) as app.ts.
 */
export async function actorApp(ctx: AppContext, routes: RoutesPlugin[], actors: Actor[]): Promise<App> {
  const app = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('actor', null);
  app.decorateRequest('locale', 'vi');
  app.setErrorHandler((error, req, reply) => sendError(error, req, reply));
  await app.register(multipart, { limits: { fileSize: ctx.config.MOTCUA_MAX_UPLOAD_BYTES, files: 1 } });
  await app.register(rateLimit, { global: false, max: 10_000, timeWindow: '1 minute' });
  const byId = new Map(actors.map((a) => [a.id, a]));
  app.addHook('onRequest', async (req) => {
    req.actor = byId.get(String(req.headers['x-test-actor'] ?? '')) ?? null;
    req.locale = pickLocale(req.headers['accept-language'], (req.query as { lang?: string } | undefined)?.lang);
  });
  for (const r of routes) await app.register(async (scope) => r(scope as unknown as App, ctx));
  await app.ready();
  return app as unknown as App;
}

export function testActor(id: string, fullName = id, grants: Actor['grants'] = [{ role: 'citizen', agencyCode: null, provinceCode: null }]): Actor {
  return { id, username: id, fullName, idNumber: null, grants, sessionId: `s-${id}` };
}

/** A multipart/form-data body with one file part. */
export function multipartBody(
  content: Buffer,
  options: { field?: string; filename?: string; contentType?: string } = {},
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----motcua-test-${Math.random().toString(16).slice(2)}`;
  const head =
    `--${boundary}\r\nContent-Disposition: form-data; name="${options.field ?? 'file'}"; filename="${options.filename ?? 'tep.bin'}"\r\n` +
    `Content-Type: ${options.contentType ?? 'application/octet-stream'}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head, 'utf8'), content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
