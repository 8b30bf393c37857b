import { z } from 'zod';

/** Every request and answer of the in-app notices routes. */

export const ListQuery = z.object({
  unread: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.iso.datetime({ offset: true }).optional(),
});

export const NotificationOut = z.object({
  id: z.string(),
  kind: z.string(),
  dossierId: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  /** The language of `title` and `body`: the request's, or Vietnamese for a notice stored without English. */
  lang: z.enum(['vi', 'en']),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

export type NotificationOut = z.infer<typeof NotificationOut>;

export const NotificationList = z.object({ items: z.array(NotificationOut), unreadCount: z.number().int() });
export const NotificationParams = z.object({ id: z.string().max(100) });
