import type { z } from 'zod';
import type { RoutesPlugin } from '#platform/context.ts';
import { requireActor } from '../../http/auth.ts';
import { toLocalIso } from '#platform/clock.ts';
import { NotificationErrors } from './notifications.errors.ts';
import * as repo from './notifications.repository.ts';
import { inLocale } from './notices.ts';
import type { Locale } from '#platform/errors.ts';
import { errors, mutationErrors } from '#platform/contract.ts';
import { ListQuery, NotificationList, NotificationOut, NotificationParams } from './notifications.contract.ts';

/** A notice in the reader's language (Accept-Language or `?lang=`): its English when stored, else its Vietnamese, `lang` saying which. */
const present = (n: repo.Notification, locale: Locale): z.infer<typeof NotificationOut> => ({
  id: n.id,
  kind: n.kind,
  dossierId: n.dossierId,
  ...inLocale(n, locale),
  link: n.link,
  createdAt: toLocalIso(n.createdAt),
  readAt: n.readAt ? toLocalIso(n.readAt) : null,
});

export const notificationsRoutes: RoutesPlugin = (app, ctx) => {
  app.get(
    '/api/v1/me/notifications',
    { schema: { tags: ['notifications'], summary: 'Thông báo của tôi / my notifications', querystring: ListQuery, response: { 200: NotificationList, ...errors(401) } } },
    async (req) => {
      const actor = requireActor(req);
      const q = req.query;
      const items = await repo.listForUser(ctx.db, actor.id, {
        unreadOnly: q.unread === 'true',
        limit: q.limit,
        before: q.before ? new Date(q.before) : null,
      });
      return { items: items.map((n) => present(n, req.locale)), unreadCount: await repo.countUnread(ctx.db, actor.id) };
    },
  );

  app.post(
    '/api/v1/me/notifications/:id/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Đánh dấu đã đọc / mark as read',
        params: NotificationParams,
        response: { 200: NotificationOut, ...mutationErrors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const n = await ctx.db.transaction((tx) => repo.markRead(tx, actor.id, req.params.id, ctx.clock.now()));
      if (!n) throw NotificationErrors.NOTIFICATION_NOT_FOUND();
      return present(n, req.locale);
    },
  );
};
