import { z } from 'zod';
import { requireActor, requireRole, SESSION_COOKIE } from '../../http/auth.ts';
import { eidRoutes } from './eid.routes.ts';
import { setSessionCookie } from './session-cookie.ts';
import type { RoutesPlugin } from '../../http/context.ts';
import { ROLES } from '#platform/actor.ts';
import { identityRepository as repo } from './identity.repository.ts';
import { invalidCredentials, login, recordFailedLogin } from './login.ts';
import { createUser, setGrants, setUserActive } from './manage-users.ts';
import { presentUser } from './present-user.ts';

const tags = ['identity'];
const grantsSchema = z
  .array(z.object({ role: z.enum(ROLES), agencyCode: z.string().max(40).nullable() }))
  .min(1)
  .max(20);

/** Login, logout, /me and the administrator's user management. */
export const identityRoutes: RoutesPlugin = (app, ctx) => {
  const { db, clock } = ctx;
  eidRoutes(app, ctx);

  app.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags,
        description: 'Đăng nhập bằng tài khoản / sign in with a local account',
        body: z.object({ username: z.string().trim().min(1).max(100), password: z.string().min(1).max(200) }),
      },
      // The answer holds the bearer token: never stored under an Idempotency-Key (issue 13, D10).
      config: { idempotencyKey: 'ignore' },
    },
    async (req, reply) => {
      const now = clock.now();
      const attempt = { ...req.body, ip: req.ip, userAgent: req.headers['user-agent'] ?? null, now };
      const result = await db.transaction((tx) => login(tx, attempt));
      if (!result.ok) {
        await db.transaction((tx) => recordFailedLogin(tx, { username: result.username, ip: req.ip, at: now }));
        throw invalidCredentials();
      }
      setSessionCookie(req, reply, result.token, result.expiresAt);
      const grants = await repo.listGrants(db, result.user.id);
      return { token: result.token, user: await presentUser(db, result.user, grants) };
    },
  );

  app.post('/api/v1/auth/logout', { schema: { tags, description: 'Đăng xuất / sign out' } }, async (req, reply) => {
    const actor = requireActor(req);
    await db.transaction((tx) => repo.revokeSession(tx, actor.sessionId, clock.now()));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/api/v1/me', { schema: { tags, description: 'Người dùng hiện tại / the signed-in user' } }, async (req) => {
    const actor = requireActor(req);
    const user = await repo.findUserById(db, actor.id);
    return presentUser(db, { ...actor, birthDate: user?.birthDate ?? null, address: user?.address ?? null }, actor.grants);
  });

  app.get(
    '/api/v1/admin/users',
    {
      schema: {
        tags,
        querystring: z.object({ agencyCode: z.string().max(40).optional(), q: z.string().max(100).optional() }),
      },
    },
    async (req) => {
      requireRole(req, 'admin');
      return { items: await repo.listUsers(db, req.query) };
    },
  );

  app.post(
    '/api/v1/admin/users',
    {
      schema: {
        tags,
        body: z.object({
          username: z.string().trim().toLowerCase().regex(/^[a-z0-9._-]{3,60}$/),
          fullName: z.string().trim().min(2).max(120),
          password: z.string().min(10).max(200),
          idNumber: z.string().regex(/^\d{12}$/).optional(),
          email: z.email().optional(),
          phone: z.string().regex(/^(0|\+84)(3|5|7|8|9)\d{8}$/).optional(),
          grants: grantsSchema,
        }),
      },
    },
    async (req, reply) => {
      const actor = requireRole(req, 'admin');
      const { grants, ...user } = req.body;
      const id = await db.transaction((tx) => createUser(tx, { actor, now: clock.now(), user, grants }));
      reply.status(201);
      return { id };
    },
  );

  app.put(
    '/api/v1/admin/users/:id/grants',
    { schema: { tags, params: z.object({ id: z.uuid() }), body: z.object({ grants: grantsSchema }) } },
    async (req) => {
      const actor = requireRole(req, 'admin');
      const { changed } = await db.transaction((tx) =>
        setGrants(tx, { actor, now: clock.now(), userId: req.params.id, grants: req.body.grants }),
      );
      return { id: req.params.id, grants: await repo.listGrants(db, req.params.id), changed };
    },
  );

  for (const [verb, active] of [
    ['deactivate', false],
    ['reactivate', true],
  ] as const) {
    app.post(
      `/api/v1/admin/users/:id/${verb}`,
      {
        schema: {
          tags,
          description: active ? 'Mở khóa tài khoản / reactivate an account' : 'Khóa tài khoản, thu hồi phiên / deactivate, revoking sessions',
          params: z.object({ id: z.uuid() }),
        },
      },
      async (req) => {
        const actor = requireRole(req, 'admin');
        const { changed } = await db.transaction((tx) => setUserActive(tx, { actor, now: clock.now(), userId: req.params.id, active }));
        return { id: req.params.id, active, changed };
      },
    );
  }
};
