import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../../http/auth.ts';

/**
 * The session cookie, the same for password and e-ID sign-in: HttpOnly, SameSite=Lax, Secure over
 * HTTPS. Its life is sent as Max-Age (seconds from now), not as a date: a phone whose clock is
 * hours off would otherwise drop the cookie at once or keep it too long.
 */
export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string, life: { expiresAt: Date; now: Date }) {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: req.protocol === 'https',
    path: '/',
    maxAge: Math.max(0, Math.floor((life.expiresAt.getTime() - life.now.getTime()) / 1000)),
  });
}
