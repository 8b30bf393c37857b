import type { RoutesPlugin } from '../../http/context.ts';

export const filesRoutes: RoutesPlugin = () => {};
