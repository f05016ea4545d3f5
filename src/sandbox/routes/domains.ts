import type { Route } from '../context';

export const domainsRoutes: Route[] = [];
