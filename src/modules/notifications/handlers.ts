import type { AppContext } from '../../http/context.ts';
import type { OutboxHandlers } from '#platform/outbox.ts';

/** Outbox handlers of this module, keyed by topic. */
export function notificationHandlers(_ctx: AppContext): OutboxHandlers {
  throw new Error('notifications module not built yet');
}
