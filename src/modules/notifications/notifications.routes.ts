import type { RoutesPlugin } from '../../http/context.ts';

export const notificationsRoutes: RoutesPlugin = () => {};
