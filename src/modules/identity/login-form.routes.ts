import { z } from 'zod';
import { checkSameOrigin } from '../../http/auth.ts';
import type { App, RoutesPlugin } from '#platform/context.ts';
import { AppError } from '#platform/errors.ts';
import { safeReturnTo } from './eid-settings.ts';
import { login, recordFailedLogin } from './login.ts';
import { setSessionCookie } from './session-cookie.ts';
import { landingAfterSignIn } from './start-page.ts';

const formBody = z.object({
  username: z.string().trim().max(100).catch(''),
  password: z.string().max(200).catch(''),
});
const pageQuery = z.object({ next: z.string().max(500).optional().catch(undefined) });

/** Where a refused sign-in lands: the login page with the code it explains (web/pages/login-page.tsx), keeping `next`. */
const refusedRedirect = (code: 'INVALID_CREDENTIALS' | 'RATE_LIMITED', next: string) =>
  `/dang-nhap?login_error=${code}${next !== '/' ? `&next=${encodeURIComponent(next)}` : ''}`;

/**
 * The login page's form sent by the browser itself: `POST /dang-nhap` (the page's own address,
 * `?next=` kept), form-encoded. The page comes prerendered (app/prerender.tsx), so on a slow phone
 * a citizen may sign in before the app has run, or with scripts off; the app sends the same
 * username and password to `/api/v1/auth/login` instead. The same rules: the same failure count
 * and 429, the same session cookie; then a redirect (303) where the app's sign-in goes
 * (start-page.ts: `next`, same-site paths only, else the user's start page — /hop for a member of a
 * collective body), or back to the page with `?login_error=CODE`. Only from the portal's own pages (a form posted from
 * another site is refused: no login CSRF). The form parser is this route's alone: the JSON API
 * never reads a form a cross-site page could post.
 */
export const loginFormRoutes: RoutesPlugin = async (app, ctx) => {
  const { db, clock } = ctx;
  await app.register(async (scope) => {
    const form = scope as unknown as App;
    form.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4 * 1024 }, (_req, body, done) =>
      done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );
    form.post('/dang-nhap', { schema: { hide: true }, config: { idempotencyKey: 'ignore' } }, async (req, reply) => {
      checkSameOrigin(req);
      const asked = pageQuery.parse(req.query ?? {}).next;
      const next = safeReturnTo(asked);
      const { username, password } = formBody.parse(req.body ?? {});
      reply.header('cache-control', 'no-store');
      // Nothing typed (the app says so beside the fields): the page again, no attempt counted.
      if (!username || !password) return reply.redirect(refusedRedirect('INVALID_CREDENTIALS', next), 303);
      const now = clock.now();
      let result: Awaited<ReturnType<typeof login>>;
      try {
        result = await db.transaction((tx) => login(tx, { username, password, ip: req.ip, userAgent: req.headers['user-agent'] ?? null, now }));
      } catch (error) {
        if (error instanceof AppError && error.code === 'RATE_LIMITED') return reply.redirect(refusedRedirect('RATE_LIMITED', next), 303);
        throw error;
      }
      if (!result.ok) {
        await db.transaction((tx) => recordFailedLogin(tx, { username: result.username, ip: req.ip, at: now }));
        return reply.redirect(refusedRedirect('INVALID_CREDENTIALS', next), 303);
      }
      setSessionCookie(req, reply, result.token, { expiresAt: result.expiresAt, now });
      return reply.redirect(await landingAfterSignIn(db, result.user.id, asked), 303);
    });
  });
};
