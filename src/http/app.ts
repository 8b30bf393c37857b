import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { pickLocale } from '#platform/i18n.ts';
import { CommonErrors } from '#platform/errors.ts';
import { resolveActor } from '#modules/identity/index.ts';
import { checkSameOrigin, sessionToken } from './auth.ts';
import type { App, AppContext } from './context.ts';
import { sendError } from './errors.ts';
import { idempotencyHooks } from './idempotency.ts';
import { registerInputHygiene } from './input-hygiene.ts';
import { registerSecurityHeaders } from './security-headers.ts';
import { metricsPlugin } from './metrics.ts';
import { moduleRoutes } from './routes.ts';

const defaultWebDistDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

export const VERSION = JSON.parse(
  fs.readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../package.json'), 'utf8'),
).version as string;

export interface BuildAppOptions {
  /** Serve the built web app from dist/web (off in API tests). */
  serveWeb?: boolean;
  /** Requests per minute per client on rate-limited public routes. */
  rateLimitPerMinute?: number;
}

/** Paths naming a file by its extension; a procedure code such as 1.000656 is not one. */
const STATIC_FILE = /\.(ico|png|jpe?g|gif|svg|webp|js|mjs|css|map|txt|json|xml|webmanifest|woff2?)$/i;

export async function buildApp(ctx: AppContext, options: BuildAppOptions = {}): Promise<App> {
  const app = Fastify({
    loggerInstance: ctx.logger,
    bodyLimit: 2 * 1024 * 1024,
    // X-Forwarded-For names the client only when it comes from a configured proxy (D4).
    trustProxy: ctx.config.MOTCUA_TRUSTED_PROXIES.length > 0 ? ctx.config.MOTCUA_TRUSTED_PROXIES : false,
    ajv: { customOptions: { coerceTypes: false } },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.decorateRequest('actor', null);
  app.decorateRequest('locale', 'vi');
  app.setErrorHandler((error, req, reply) => sendError(error, req, reply));
  const webDistDir = ctx.config.MOTCUA_WEB_DIST ? path.resolve(ctx.config.MOTCUA_WEB_DIST) : defaultWebDistDir;
  app.setNotFoundHandler((req, reply) => {
    const webIndex = path.join(webDistDir, 'index.html');
    // A page of the web app (deep link): its index.html, compressed like the assets, never cached.
    // A missing file (favicon.ico, robots.txt…) gets a 404, not the page.
    const isPage = req.method === 'GET' && !req.url.startsWith('/api/') && !STATIC_FILE.test(req.url.split('?')[0]);
    if (options.serveWeb && isPage && fs.existsSync(webIndex)) {
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache');
      return reply.sendFile('index.html', webDistDir, { cacheControl: false });
    }
    return sendError(CommonErrors.ROUTE_NOT_FOUND(), req, reply);
  });

  registerInputHygiene(app as unknown as FastifyInstance);
  registerSecurityHeaders(app as unknown as FastifyInstance, options.serveWeb ? webDistDir : null);
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: ctx.config.MOTCUA_MAX_UPLOAD_BYTES, files: 1 } });
  await app.register(rateLimit, {
    global: false,
    max: options.rateLimitPerMinute ?? 300,
    timeWindow: '1 minute',
    errorResponseBuilder: (_req, ctxRl) => Object.assign(new Error('rate limited'), { statusCode: ctxRl.statusCode }),
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Một Cửa API',
        description: 'API của hệ thống giải quyết thủ tục hành chính Một Cửa / One-stop-shop e-government API',
        version: VERSION,
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await app.register(metricsPlugin, { token: ctx.config.MOTCUA_METRICS_TOKEN });

  const idempotency = idempotencyHooks(ctx.db);
  app.addHook('onRequest', async (req) => {
    req.locale = pickLocale(req.headers['accept-language'], (req.query as { lang?: string } | undefined)?.lang);
    const session = sessionToken(req);
    if (session) {
      req.actor = await resolveActor(ctx, session.token);
      if (req.actor && session.viaCookie && req.method !== 'GET' && req.method !== 'HEAD') checkSameOrigin(req);
    }
  });
  app.addHook('preHandler', idempotency.preHandler);
  app.addHook('onSend', idempotency.onSend);
  app.addHook('onResponse', idempotency.onResponse);

  // Liveness without the database (load balancers; the hello-world baseline of the benchmarks).
  app.get('/api/v1/ping', { schema: { hide: true } }, async () => ({ pong: true }));

  app.get('/api/v1/health', { schema: { hide: true } }, async () => {
    await ctx.db.query('SELECT 1');
    return { status: 'ok', database: ctx.db.engine, version: VERSION };
  });

  for (const routes of moduleRoutes) {
    await app.register(async (scope) => routes(scope as unknown as App, ctx));
  }

  if (options.serveWeb && fs.existsSync(webDistDir)) {
    // The build writes .br and .gz copies beside each asset (vite.config.ts): sent when accepted.
    await app.register(fastifyStatic, { root: webDistDir, wildcard: false, index: false, maxAge: '1y', immutable: true, preCompressed: true });
  }
  return app as unknown as App;
}
