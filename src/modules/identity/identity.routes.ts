import { requireActor, requireRole, SESSION_COOKIE } from '../../http/auth.ts';
import { eidRoutes } from './eid.routes.ts';
import { loginFormRoutes } from './login-form.routes.ts';
import { setSessionCookie } from './session-cookie.ts';
import { startPageOf } from './start-page.ts';
import type { RoutesPlugin } from '#platform/context.ts';
import { errors, mutationErrors, signedInErrors } from '#platform/contract.ts';
import { identityRepository as repo } from './identity.repository.ts';
import { invalidCredentials, login, recordFailedLogin } from './login.ts';
import { createUser, setGrants, setUserActive } from './manage-users.ts';
import { changePassword } from './change-password.ts';
import { resetPassword } from './reset-password.ts';
import { updateUser } from './update-user.ts';
import { importUsers } from './import-users.ts';
import { ImportInvalidBody, UserImportAnswer, UserImportQuery } from './user-import.contract.ts';
import { multipartFileBytes } from '#modules/files/index.ts';
import { validationFailed } from '#platform/errors.ts';
import { UserImportErrors } from './identity.errors.ts';
import { IdentityErrors } from './identity.errors.ts';
import {
  ActiveSet,
  ChangePasswordBody,
  CreateUserBody,
  Created,
  GrantsBody,
  GrantsSet,
  LoggedOut,
  LoginAnswer,
  LoginBody,
  PasswordChanged,
  PasswordReset,
  UpdateUserBody,
  User,
  UserList,
  UserParams,
  UsersQuery,
  UserUpdated,
} from './identity.contract.ts';
import { presentUser } from './present-user.ts';

const tags = ['identity'];
/** Login, logout, /me and the administrator's user management. */
export const identityRoutes: RoutesPlugin = (app, ctx) => {
  const { db, clock } = ctx;
  eidRoutes(app, ctx);
  const loginForm = loginFormRoutes(app, ctx);

  app.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags,
        description: 'Đăng nhập bằng tài khoản / sign in with a local account',
        body: LoginBody,
        response: { 200: LoginAnswer, ...errors(401, 403) },
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
      setSessionCookie(req, reply, result.token, { expiresAt: result.expiresAt, now });
      const grants = await repo.listGrants(db, result.user.id);
      return { token: result.token, user: await presentUser(db, { ...result.user, hasPassword: true }, grants), startAt: await startPageOf(db, result.user.id) };
    },
  );

  // A session that must change its password may still sign out, read /me and change it (http/auth.ts).
  const whileMustChange = { whilePasswordChangeRequired: 'allow' } as const;

  app.post(
    '/api/v1/auth/logout',
    { schema: { tags, description: 'Đăng xuất / sign out', response: { 200: LoggedOut, ...errors(401) } }, config: whileMustChange },
    async (req, reply) => {
      const actor = requireActor(req);
      await db.transaction((tx) => repo.revokeSession(tx, actor.sessionId, clock.now()));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  );

  app.get(
    '/api/v1/me',
    { schema: { tags, description: 'Người dùng hiện tại / the signed-in user', response: { 200: User, ...errors(401) } }, config: whileMustChange },
    async (req) => {
      const actor = requireActor(req);
      const user = await repo.findUserById(db, actor.id);
      return presentUser(db, { ...actor, birthDate: user?.birthDate ?? null, address: user?.address ?? null, hasPassword: !!user?.passwordHash }, actor.grants);
    },
  );

  app.post(
    '/api/v1/me/password',
    {
      schema: {
        tags,
        description: 'Đổi mật khẩu (kết thúc các phiên khác) / change my password (ends my other sessions)',
        body: ChangePasswordBody,
        response: { 200: PasswordChanged, ...errors(400, 401, 403, 409, 429) },
      },
      // The body holds passwords: nothing of it is kept under an Idempotency-Key (not even its hash).
      config: { ...whileMustChange, idempotencyKey: 'ignore' },
    },
    async (req) => {
      const actor = requireActor(req);
      const now = clock.now();
      const result = await db.transaction((tx) => changePassword(tx, { actor, now, ip: req.ip, ...req.body }));
      if (!result.ok) {
        // counted like a failed sign-in of the account, in its own transaction (login.ts)
        await db.transaction((tx) => recordFailedLogin(tx, { username: result.username, ip: req.ip, at: now }));
        throw IdentityErrors.CURRENT_PASSWORD_WRONG();
      }
      return { changed: true as const };
    },
  );

  app.get(
    '/api/v1/admin/users',
    {
      schema: {
        tags,
        description: 'Tài khoản (quản trị) / user accounts (administrator)',
        querystring: UsersQuery,
        response: { 200: UserList, ...signedInErrors },
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
        description: 'Tạo tài khoản / create an account',
        body: CreateUserBody,
        response: { 201: Created, ...mutationErrors },
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

  app.post(
    '/api/v1/admin/users/import',
    {
      schema: {
        tags,
        description:
          'Nhập tài khoản từ tệp CSV/.xlsx (multipart, trường "file"): kiểm tra mọi dòng, tạo tất cả hoặc không tạo gì; ' +
          '?dryRun=true chỉ kiểm tra. Mật khẩu tạm chỉ trả về một lần / ' +
          'import accounts from a CSV/.xlsx file (multipart, field "file"): every row checked, all created or none; ' +
          '?dryRun=true only checks. Temporary passwords are answered once',
        querystring: UserImportQuery,
        response: { 200: UserImportAnswer, 201: UserImportAnswer, ...mutationErrors, ...errors(413, 415), 400: ImportInvalidBody },
      },
      // The answer holds temporary passwords: the generic store never keeps it; the import keeps
      // its own answer without them under the key (import-users.ts), in its transaction.
      config: { idempotencyKey: 'ignore' },
    },
    async (req, reply) => {
      const actor = requireRole(req, 'admin');
      const bytes = await multipartFileBytes(ctx, req, UserImportErrors.IMPORT_FILE_MISSING);
      const key = req.headers['idempotency-key'];
      if (typeof key === 'string' && key.length > 200) throw validationFailed([{ field: 'Idempotency-Key', message: 'too long' }]);
      const answer = await importUsers(db, {
        actor,
        now: clock.now(),
        bytes,
        dryRun: req.query.dryRun === 'true',
        locale: req.locale,
        idempotencyKey: typeof key === 'string' && key ? key : undefined,
      });
      reply.header('cache-control', 'no-store');
      if (!answer.dryRun && answer.replayed) reply.header('idempotent-replayed', 'true');
      reply.status(answer.dryRun || answer.replayed ? 200 : 201);
      return answer;
    },
  );

  app.patch(
    '/api/v1/admin/users/:id',
    {
      schema: {
        tags,
        description:
          'Sửa họ tên, e-mail, số điện thoại (null: xóa); không đổi gì thì changed: false, không ghi nhật ký / ' +
          'correct the full name, e-mail, phone (null clears); nothing to change answers changed: false, unaudited',
        params: UserParams,
        body: UpdateUserBody,
        response: { 200: UserUpdated, ...mutationErrors },
      },
    },
    async (req) => {
      const actor = requireRole(req, 'admin');
      const { changed } = await db.transaction((tx) => updateUser(tx, { actor, now: clock.now(), userId: req.params.id, details: req.body }));
      const user = await repo.findListedUser(db, req.params.id);
      if (!user) throw IdentityErrors.USER_NOT_FOUND();
      return { ...user, changed };
    },
  );

  app.put(
    '/api/v1/admin/users/:id/grants',
    { schema: { tags, description: 'Đặt quyền / replace grants', params: UserParams, body: GrantsBody, response: { 200: GrantsSet, ...mutationErrors } } },
    async (req) => {
      const actor = requireRole(req, 'admin');
      const { changed } = await db.transaction((tx) =>
        setGrants(tx, { actor, now: clock.now(), userId: req.params.id, grants: req.body.grants }),
      );
      return { id: req.params.id, grants: await repo.listGrants(db, req.params.id), changed };
    },
  );

  app.post(
    '/api/v1/admin/users/:id/password-reset',
    {
      schema: {
        tags,
        description:
          'Đặt lại mật khẩu: mật khẩu tạm hiển thị một lần, người dùng phải đổi khi đăng nhập, mọi phiên kết thúc / ' +
          'reset a password: a temporary password shown once, to be changed at sign-in; every session ends',
        params: UserParams,
        response: { 200: PasswordReset, ...mutationErrors },
      },
      // The answer holds the temporary password: never stored under an Idempotency-Key (like login's token, D10).
      config: { idempotencyKey: 'ignore' },
    },
    async (req, reply) => {
      const actor = requireRole(req, 'admin');
      const answer = await db.transaction((tx) => resetPassword(tx, { actor, now: clock.now(), userId: req.params.id }));
      reply.header('cache-control', 'no-store');
      return answer;
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
          params: UserParams,
          response: { 200: ActiveSet, ...mutationErrors },
        },
      },
      async (req) => {
        const actor = requireRole(req, 'admin');
        const { changed } = await db.transaction((tx) => setUserActive(tx, { actor, now: clock.now(), userId: req.params.id, active }));
        return { id: req.params.id, active, changed };
      },
    );
  }
  return loginForm;
};
