import { createHashHistory, createRootRoute, createRoute, createRouter, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { adminsSearchSchema } from '../features/admins/search';
import { domainsSearchSchema } from '../features/domains/search';
import { notificationsSearchSchema } from '../features/notifications/search';
import { organizationsSearchSchema } from '../features/organizations/search';
import { auditSearchSchema } from '../features/audit/search';
import { certificatesSearchSchema } from '../features/certificates/search';
import { NotFound } from './NotFound';
import { RouteError } from './RouteError';
import { Shell } from './Shell';

/** What a route tells the shell: its entry in the navigation and its title. */
export interface RouteMeta {
  /** Shown in the navigation, in this order, with Alt+shortcut. */
  nav?: { key: NavKey; shortcut?: string };
  /** The key of the page's title, for the window's title. */
  title: NavKey;
}

export type NavKey = 'home' | 'checklists' | 'certificates' | 'admins' | 'organizations' | 'domains' | 'notifications' | 'audit' | 'handbook' | 'settings' | 'about';

declare module '@tanstack/react-router' {
  interface StaticDataRouteOption {
    meta?: RouteMeta;
  }
  interface Register {
    router: typeof router;
  }
}

const rootRoute = createRootRoute({ component: Shell, notFoundComponent: NotFound, errorComponent: RouteError });

const indexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/home' });
  },
});

const homeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/home',
  staticData: { meta: { nav: { key: 'home', shortcut: '1' }, title: 'home' } },
  component: lazyRouteComponent(() => import('../features/home/HomePage'), 'HomePage'),
});

const checklistsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/checklists',
  staticData: { meta: { nav: { key: 'checklists', shortcut: '2' }, title: 'checklists' } },
  component: lazyRouteComponent(() => import('../features/checklists/ChecklistsPage'), 'ChecklistsPage'),
});
const checklistStartRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/checklists/start/$checklistId',
  staticData: { meta: { title: 'checklists' } },
  component: lazyRouteComponent(() => import('../features/checklists/StartPage'), 'StartPage'),
});
const checklistRunRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/checklists/runs/$runId',
  staticData: { meta: { title: 'checklists' } },
  component: lazyRouteComponent(() => import('../features/checklists/RunPage'), 'RunPage'),
});

const certificatesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/certificates',
  staticData: { meta: { nav: { key: 'certificates', shortcut: '3' }, title: 'certificates' } },
  validateSearch: (search: Record<string, unknown>) => certificatesSearchSchema().parse(search),
  component: lazyRouteComponent(() => import('../features/certificates/CertificatesPage'), 'CertificatesPage'),
});

const adminsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admins',
  staticData: { meta: { nav: { key: 'admins', shortcut: '4' }, title: 'admins' } },
  // A link with a bad value still opens the page, with that filter left out.
  validateSearch: (search: Record<string, unknown>) => adminsSearchSchema().parse(search),
  component: lazyRouteComponent(() => import('../features/admins/AdminsPage'), 'AdminsPage'),
});

const organizationsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/organizations',
  staticData: { meta: { nav: { key: 'organizations', shortcut: '5' }, title: 'organizations' } },
  validateSearch: (search: Record<string, unknown>) => organizationsSearchSchema().parse(search),
  component: lazyRouteComponent(() => import('../features/organizations/OrganizationsPage'), 'OrganizationsPage'),
});

const domainsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/domains',
  staticData: { meta: { nav: { key: 'domains', shortcut: '6' }, title: 'domains' } },
  validateSearch: (search: Record<string, unknown>) => domainsSearchSchema().parse(search),
  component: lazyRouteComponent(() => import('../features/domains/DomainsPage'), 'DomainsPage'),
});

const notificationsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/notifications',
  staticData: { meta: { nav: { key: 'notifications', shortcut: '7' }, title: 'notifications' } },
  validateSearch: (search: Record<string, unknown>) => notificationsSearchSchema().parse(search),
  component: lazyRouteComponent(() => import('../features/notifications/NotificationsPage'), 'NotificationsPage'),
});

const auditRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/audit',
  staticData: { meta: { nav: { key: 'audit', shortcut: '8' }, title: 'audit' } },
  validateSearch: (search: Record<string, unknown>) => auditSearchSchema().parse(search),
  component: lazyRouteComponent(() => import('../features/audit/AuditPage'), 'AuditPage'),
});

const handbook = lazyRouteComponent(() => import('../features/handbook/HandbookPage'), 'HandbookPage');
const handbookRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/handbook',
  staticData: { meta: { nav: { key: 'handbook', shortcut: '9' }, title: 'handbook' } },
  component: handbook,
});
const handbookPageRoute = createRoute({ getParentRoute: () => rootRoute, path: '/handbook/$page', staticData: { meta: { title: 'handbook' } }, component: handbook });
const handbookAnchorRoute = createRoute({ getParentRoute: () => rootRoute, path: '/handbook/$page/$anchor', staticData: { meta: { title: 'handbook' } }, component: handbook });

const settings = lazyRouteComponent(() => import('../features/settings/SettingsPage'), 'SettingsPage');
const settingsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/settings',
  staticData: { meta: { nav: { key: 'settings', shortcut: '0' }, title: 'settings' } },
  component: settings,
});
const profilesRoute = createRoute({ getParentRoute: () => rootRoute, path: '/settings/profiles', staticData: { meta: { title: 'settings' } }, component: settings });
const profileRoute = createRoute({ getParentRoute: () => rootRoute, path: '/settings/profiles/$profileId', staticData: { meta: { title: 'settings' } }, component: settings });

const aboutRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/about',
  staticData: { meta: { nav: { key: 'about' }, title: 'about' } },
  component: lazyRouteComponent(() => import('../features/about/AboutPage'), 'AboutPage'),
});

const routeTree = rootRoute.addChildren([
  indexRoute,
  homeRoute,
  checklistsRoute,
  checklistStartRoute,
  checklistRunRoute,
  certificatesRoute,
  adminsRoute,
  organizationsRoute,
  domainsRoute,
  notificationsRoute,
  auditRoute,
  handbookRoute,
  handbookPageRoute,
  handbookAnchorRoute,
  settingsRoute,
  profilesRoute,
  profileRoute,
  aboutRoute,
]);

/**
 * The console's pages, in the address's hash (`#/admins?type=API`), which
 * works the same under the desktop app's app:// scheme and the browser shell,
 * and makes every view a link one can paste.
 */
export const router = createRouter({
  routeTree,
  history: createHashHistory(),
  defaultPreload: false,
  scrollRestoration: false,
});

/**
 * Starts fetching the code of the page the address opens (Home for a bare
 * address), so that it arrives while the tab connects and reads the settings
 * rather than after. A fetch that fails is tried again when the page is shown.
 */
export function preloadFirstPage(): void {
  const leaf = router.matchRoutes(router.latestLocation).at(-1)?.routeId as keyof typeof router.routesById | undefined;
  const route = leaf === undefined || leaf === indexRoute.id ? homeRoute : router.routesById[leaf];
  void Promise.resolve(router.loadRouteChunk(route)).catch(() => undefined);
}

/** Where an entry stands: Alt+1 first, Alt+0 after Alt+9 as on the keyboard, entries without a shortcut last. */
function navOrder(shortcut: string | undefined): number {
  if (shortcut === undefined) return 100;
  return shortcut === '0' ? 10 : Number(shortcut);
}

/** The navigation, built from the routes that ask for an entry, in shortcut order. */
export const navigation = routeTree.children
  ? Object.values(routeTree.children)
      .flatMap((route) => {
        const meta = route.options.staticData?.meta;
        return meta?.nav === undefined ? [] : [{ to: route.fullPath, ...meta.nav }];
      })
      .sort((a, b) => navOrder(a.shortcut) - navOrder(b.shortcut))
  : [];
