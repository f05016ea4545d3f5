import type { Route } from '../context';

export const notificationsRoutes: Route[] = [];
