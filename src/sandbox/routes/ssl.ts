import type { Route } from '../context';

export const sslRoutes: Route[] = [];
