import type { Route } from '../context';

export const smimeRoutes: Route[] = [];
