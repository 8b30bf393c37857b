import type { z } from 'zod';
import type { RoutesPlugin } from '#platform/context.ts';
import { requireActor } from '../../http/auth.ts';
import { toLocalIso } from '#platform/clock.ts';
import { NotificationErrors } from './notifications.errors.ts';
import * as repo from './notifications.repository.ts';
import { errors, mutationErrors } from '#platform/contract.ts';
import { ListQuery, NotificationList, NotificationOut, NotificationParams } from './notifications.contract.ts';

const present = (n: repo.Notification): z.infer<typeof NotificationOut> => ({
  id: n.id,
  kind: n.kind,
  dossierId: n.dossierId,
  title: n.title,
  body: n.body,
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
      return { items: items.map(present), unreadCount: await repo.countUnread(ctx.db, actor.id) };
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
      return present(n);
    },
  );
};
