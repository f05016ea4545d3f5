import type { Route } from '../context';

export const codeSigningRoutes: Route[] = [];
