import type { Route } from '../context';

export const dcvRoutes: Route[] = [];
