import type { Route } from '../context';

export const personsRoutes: Route[] = [];
