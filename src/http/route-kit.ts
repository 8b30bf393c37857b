import type {
  ContextConfigDefault,
  FastifyReply,
  FastifyRequest,
  FastifySchema,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
  RouteGenericInterface,
  RouteShorthandOptions,
} from 'fastify';
import type { ResolveFastifyReplyReturnType } from 'fastify/types/type-provider.js';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor, Role } from '#platform/actor.ts';
import type { App, AppContext } from '#platform/context.ts';
import type { Tx } from '#platform/db.ts';
import { requireActor, requireRole } from './auth.ts';

/** The bearer-token security requirement of signed-in routes in /api/docs. */
export const bearer = [{ bearer: [] }];

/** What a module fills in once for its routes: the /api/docs tags, and `bearer` where its routes are signed in. */
export interface RouteDefaults {
  tags: string[];
  security?: typeof bearer;
}

/** A route's schema as its module declares it: tags and security come from the module (a route may still name its own). */
type Schema = Omit<FastifySchema, 'tags' | 'security'> & { tags?: string[]; security?: typeof bearer; description?: string; hide?: boolean };

type Req<S extends FastifySchema> = FastifyRequest<RouteGenericInterface, RawServerDefault, RawRequestDefaultExpression, S, ZodTypeProvider>;
type Reply<S extends FastifySchema> = FastifyReply<
  RouteGenericInterface,
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  ContextConfigDefault,
  S,
  ZodTypeProvider
>;
/** What the handler may return: TypeScript checks it against the route's `response` schemas, as Fastify does. */
type Answer<S extends FastifySchema> = ResolveFastifyReplyReturnType<ZodTypeProvider, S, RouteGenericInterface>;
/** A Fastify handler of the route whose schema is `S`. */
export type Handler<S extends FastifySchema> = (req: Req<S>, reply: Reply<S>) => Answer<S>;

/** What a signed-in handler receives: the request, its reply, the signed-in actor and the request's instant. */
export interface SignedInCall<S extends FastifySchema> {
  req: Req<S>;
  reply: Reply<S>;
  actor: Actor;
  now: Date;
}

/** Route options besides the schema (rate limit, body limit, hooks). */
type Extras = Omit<RouteShorthandOptions, 'schema'>;

/**
 * A module's routes, declared alike (docs/ARCHITECTURE.md "How to add a route"): the module's
 * tags and security are filled in once, and the usual handler shapes are named instead of
 * restated in every route —
 *
 * - `signedIn(fn, ...roles)`: 401 without a session (403 without one of `roles`, when given),
 *   then `fn({ req, reply, actor, now })`;
 * - `inTransaction(fn, ...roles)`: the same, inside one database transaction: `fn({ …, tx })`.
 *
 * Public routes and handlers of another shape stay plain Fastify handlers: `(req, reply) => …`.
 */
export function routeKit(app: App, ctx: AppContext, defaults: RouteDefaults) {
  const declare =
    (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE') =>
    <const S extends Schema>(url: string, schema: S, handler: Handler<S>, extras: Extras = {}) => {
      app.route({ method, url, schema: { ...defaults, ...schema }, ...extras, handler: handler as never });
    };
  const signIn = (req: FastifyRequest, roles: Role[]) => (roles.length > 0 ? requireRole(req, ...roles) : requireActor(req));

  return {
    get: declare('GET'),
    post: declare('POST'),
    put: declare('PUT'),
    patch: declare('PATCH'),
    delete: declare('DELETE'),

    signedIn<S extends FastifySchema>(fn: (call: SignedInCall<S>) => Answer<S>, ...roles: Role[]): Handler<S> {
      return (req, reply) => {
        const actor = signIn(req, roles);
        return fn({ req, reply, actor, now: ctx.clock.now() });
      };
    },

    inTransaction<S extends FastifySchema, T>(fn: (call: SignedInCall<S> & { tx: Tx }) => Promise<T>, ...roles: Role[]): (req: Req<S>, reply: Reply<S>) => Promise<T> {
      return (req, reply) => {
        const actor = signIn(req, roles);
        const now = ctx.clock.now();
        return ctx.db.transaction((tx) => fn({ req, reply, actor, now, tx }));
      };
    },
  };
}
