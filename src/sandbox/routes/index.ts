import type { Route } from '../context';
import { adminRoutes } from './admins';
import { codeSigningRoutes } from './codeSigning';
import { dcvRoutes } from './dcv';
import { domainsRoutes } from './domains';
import { notificationsRoutes } from './notifications';
import { organizationRoutes } from './organizations';
import { personsRoutes } from './persons';
import { smimeRoutes } from './smime';
import { sslRoutes } from './ssl';

/** Every endpoint the sandbox answers, one module per SCM resource. */
export const routes: Route[] = [
  ...adminRoutes,
  ...organizationRoutes,
  ...sslRoutes,
  ...smimeRoutes,
  ...personsRoutes,
  ...codeSigningRoutes,
  ...domainsRoutes,
  ...dcvRoutes,
  ...notificationsRoutes,
];
