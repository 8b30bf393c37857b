import cluster from 'node:cluster';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyRequest, LogController } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { pickLocale } from '#platform/i18n.ts';
import { type Logger, requestLogger } from '#platform/logger.ts';
import { CommonErrors } from '#platform/errors.ts';
import { nullInNullableEnums } from '#platform/contract.ts';
import type { Actor } from '#platform/actor.ts';
import { endLiveStreams } from '#platform/live.ts';
import { silentConnections } from './silent-connections.ts';
import { checkSameOrigin, holdBackActorUntilPasswordChanged, sessionToken } from './auth.ts';
import type { App, AppContext, RoutesPlugin } from '#platform/context.ts';
import { sendError } from './errors.ts';
import { validatorCompiler } from './validator.ts';
import { idempotencyHooks } from './idempotency.ts';
import { postgresRateLimitStore } from './rate-limit-store.ts';
import { registerInputHygiene } from './input-hygiene.ts';
import { registerSecurityHeaders } from './security-headers.ts';
import { renderedPages } from './rendered-pages.ts';
import { metricsPlugin } from './metrics.ts';
import { devClockRoutes } from './dev-clock.routes.ts';
import { portalInfoRoutes } from './portal-info.routes.ts';

const defaultWebDistDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

const VERSION = JSON.parse(
  fs.readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../package.json'), 'utf8'),
).version as string;

/** What the app serves, given by bootstrap from the module list (http/ knows no module). */
export interface AppParts {
  /** Every module's routes, registered in this order, each in its own scope. */
  routes: RoutesPlugin[];
  /** The actor of a session token (identity), or null when the session is unknown or ended. */
  resolveActor(ctx: AppContext, token: string): Promise<Actor | null>;
}

export interface BuildAppOptions {
  /** Serve the built web app from dist/web (off in API tests). */
  serveWeb?: boolean;
  /** Requests per minute per client on rate-limited public routes. */
  rateLimitPerMinute?: number;
}

/** Paths naming a file by its extension; a procedure code such as 1.000656 is not one. */
const STATIC_FILE = /\.(ico|png|jpe?g|gif|svg|webp|js|mjs|css|map|txt|json|xml|webmanifest|woff2?)$/i;

/**
 * The pages whose first screen the web build rendered (vite.config.ts, prerenderCitizenPages):
 * address → file under dist/web, from prerendered/pages.json (none when the build has no such list).
 */
export function prerenderedPages(webDistDir: string): Map<string, string> {
  const list = path.join(webDistDir, 'prerendered', 'pages.json');
  if (!fs.existsSync(list)) return new Map();
  const pages = JSON.parse(fs.readFileSync(list, 'utf8')) as Record<string, string>;
  return new Map(Object.entries(pages).filter(([address, file]) => address.startsWith('/') && /^prerendered\/[\w-]+\.html$/.test(file)));
}

/**
 * The language a page is sent in: English when the visitor chose it (the `motcua_lang` cookie the
 * web app sets with its choice, src/web/i18n/index.ts), Vietnamese otherwise.
 */
export function pageLanguage(cookies: Record<string, string | undefined> | undefined): 'vi' | 'en' {
  return cookies?.motcua_lang === 'en' ? 'en' : 'vi';
}

/** The English copy (prerendered/en/, `<html lang="en">`) of each page file the build made one of. */
function englishPages(webDistDir: string, files: Iterable<string>): Map<string, string> {
  const english = new Map<string, string>();
  for (const file of new Set([...files, 'index.html'])) {
    const copy = `prerendered/en/${path.basename(file)}`;
    if (fs.existsSync(path.join(webDistDir, copy))) english.set(file, copy);
  }
  return english;
}

export async function buildApp(ctx: AppContext, parts: AppParts, options: BuildAppOptions = {}): Promise<App> {
  const app = Fastify({
    loggerInstance: ctx.logger,
    // One access-log line per request (below) instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    // The request's child logger is made when it first logs (most requests never do).
    childLoggerFactory: (logger, bindings, options) => requestLogger(logger as Logger, bindings, options),
    bodyLimit: 2 * 1024 * 1024,
    // Fastify's 10 s per plugin was passed by @fastify/swagger-ui on a loaded 2-core machine (a
    // test run beside browser journeys, load average 14): a slow start is no reason to fail one.
    pluginTimeout: 60_000,
    // A request that arrives while the server closes answers 503 in the project's error shape
    // (the onRequest hook below), not Fastify's English one.
    return503OnClosing: false,
    // X-Forwarded-For names the client only when it comes from a configured proxy (D4).
    trustProxy: ctx.config.MOTCUA_TRUSTED_PROXIES.length > 0 ? ctx.config.MOTCUA_TRUSTED_PROXIES : false,
    ajv: { customOptions: { coerceTypes: false } },
    // Failures before routing (a malformed URL such as '%zz') answer with the same error body.
    frameworkErrors: (error, req, reply) => {
      req.locale = pickLocale(req.headers['accept-language'], undefined);
      return sendError(error, req, reply);
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.decorateRequest('actor', null);
  app.decorateRequest('locale', 'vi');
  app.decorateRequest('passwordChangeRequired', false);
  app.setErrorHandler((error, req, reply) => sendError(error, req, reply));
  const webDistDir = ctx.config.MOTCUA_WEB_DIST ? path.resolve(ctx.config.MOTCUA_WEB_DIST) : defaultWebDistDir;
  const prerendered = options.serveWeb ? prerenderedPages(webDistDir) : new Map<string, string>();
  const english = options.serveWeb ? englishPages(webDistDir, prerendered.values()) : new Map<string, string>();
  const rendered = options.serveWeb ? renderedPages(app as unknown as FastifyInstance, webDistDir) : null;
  app.setNotFoundHandler(async (req, reply) => {
    const webIndex = path.join(webDistDir, 'index.html');
    // A page of the web app (deep link): its index.html, compressed like the assets, never cached;
    // a page whose first screen the build rendered (exact address, no query) gets that file, and
    // the procedure sheet is rendered for the request with its data (rendered-pages.ts).
    // A missing file (favicon.ico, robots.txt…) gets a 404, not the page.
    const isPage = req.method === 'GET' && !req.url.startsWith('/api/') && !STATIC_FILE.test(req.url.split('?')[0]);
    if (options.serveWeb && isPage && fs.existsSync(webIndex)) {
      // In the visitor's language (their `motcua_lang` cookie), its words and <html lang> alike.
      const language = pageLanguage(req.cookies);
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').header('vary', 'cookie');
      const page = await rendered?.(req.url, req.headers.cookie, language);
      if (page) {
        // A page rendered for the signed-in visitor names them: kept by no cache, the browser's included.
        if (page.personal) reply.header('cache-control', 'private, no-store');
        const accepts = String(req.headers['accept-encoding'] ?? '');
        const encoding = /\bbr\b/.test(accepts) ? 'br' : /\bgzip\b/.test(accepts) ? 'gzip' : 'identity';
        reply.header('vary', 'accept-encoding, cookie');
        if (encoding !== 'identity') reply.header('content-encoding', encoding);
        return reply.send(page[encoding]);
      }
      const file = prerendered.get(req.url) ?? 'index.html';
      return reply.sendFile(language === 'en' ? (english.get(file) ?? file) : file, webDistDir, { cacheControl: false });
    }
    return sendError(CommonErrors.ROUTE_NOT_FOUND(), req, reply);
  });

  registerInputHygiene(app as unknown as FastifyInstance);
  registerSecurityHeaders(app as unknown as FastifyInstance, options.serveWeb ? webDistDir : null);
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: ctx.config.MOTCUA_MAX_UPLOAD_BYTES, files: 1 } });
  await app.register(rateLimit, {
    global: false,
    max: options.rateLimitPerMinute ?? ctx.config.MOTCUA_RATE_LIMIT_PER_MINUTE,
    timeWindow: '1 minute',
    // On PostgreSQL the counters are shared by every process (MOTCUA_WORKERS, several hosts).
    ...(ctx.db.pool ? { store: postgresRateLimitStore(ctx.db.pool) } : {}),
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
    transformObject: (document) => nullInNullableEnums('openapiObject' in document ? document.openapiObject : document.swaggerObject),
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { validatorUrl: null },
    // Swagger UI's own policy (its scripts and styles by hash), never framed, no outside hosts.
    staticCSP: true,
    transformStaticCSP: (header) =>
      header
        .replace("frame-ancestors 'self'", "frame-ancestors 'none'")
        .replaceAll(' https:', '')
        .replace(' validator.swagger.io', '')
        .replace(' upgrade-insecure-requests;', ''),
  });
  await app.register(metricsPlugin, { token: ctx.config.MOTCUA_METRICS_TOKEN });

  // Live streams (server-sent events) and connections that never sent a request end when the
  // server closes instead of holding it open.
  const silent = silentConnections(app.server);
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
    endLiveStreams(app.server);
    silent.end();
  });

  const idempotency = idempotencyHooks(ctx.db);
  /** The actor of the request's session, and the same-origin check of a browser's mutating request. */
  const resolveSession = async (req: FastifyRequest, session: { token: string; viaCookie: boolean }) => {
    req.actor = await parts.resolveActor(ctx, session.token);
    holdBackActorUntilPasswordChanged(req);
    if (req.actor && session.viaCookie && req.method !== 'GET' && req.method !== 'HEAD') checkSameOrigin(req);
  };
  // The hooks every request runs take a callback and finish at once when there is nothing to
  // wait for (no session, no idempotency claim): an async hook costs every request a promise and
  // a turn of the microtask queue (issue 13, item 4).
  app.addHook('onRequest', (req, reply, done) => {
    req.locale = pickLocale(req.headers['accept-language'], (req.query as { lang?: string } | undefined)?.lang);
    // Shed while closing (Fastify has already set `Connection: close`): a proxy tries another process.
    if (closing) return void sendError(CommonErrors.UNAVAILABLE(), req, reply.header('retry-after', '1'));
    const session = sessionToken(req);
    if (!session) return done();
    resolveSession(req, session).then(() => done(), done);
  });
  app.addHook('preHandler', idempotency.preHandler);
  app.addHook('onSend', idempotency.onSend);
  app.addHook('onResponse', idempotency.onResponse);
  // Access log: one line per request at info (not the load balancer's liveness checks); no hook at
  // all when the level is above info (LOG_LEVEL=warn, docs/OPERATIONS.md).
  if (ctx.logger.isLevelEnabled('info')) {
    app.addHook('onResponse', (req, reply, done) => {
      if (req.url !== '/api/v1/ping') {
        req.log.info({ method: req.method, url: req.url, statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
      }
      done();
    });
  }

  // Liveness without the database (load balancers; the hello-world baseline of the benchmarks).
  app.get('/api/v1/ping', { schema: { hide: true } }, async () => ({ pong: true }));

  app.get('/api/v1/health', { schema: { hide: true } }, async () => {
    await ctx.db.query('SELECT 1');
    // `process`: which of the MOTCUA_WORKERS processes answered (1…N; 0 when only one runs).
    return { status: 'ok', database: ctx.db.engine, version: VERSION, process: cluster.worker?.id ?? 0 };
  });

  for (const routes of [devClockRoutes, portalInfoRoutes, ...parts.routes]) {
    await app.register(async (scope) => routes(scope as unknown as App, ctx));
  }

  if (options.serveWeb && fs.existsSync(webDistDir)) {
    // The build writes .br and .gz copies beside each asset (vite.config.ts): sent when accepted.
    await app.register(fastifyStatic, { root: webDistDir, wildcard: false, index: false, maxAge: '1y', immutable: true, preCompressed: true });
  }
  return app as unknown as App;
}
