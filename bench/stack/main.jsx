// The start-up benchmark's second baseline: the libraries the console starts with, set up as it sets them
// up (TanStack Router on the hash, TanStack Query, i18next with react-i18next, a zod search schema), and a
// page with a heading and a button: what any console built on this stack pays before its own work.
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { createHashHistory, createRootRoute, createRoute, createRouter, Link, Outlet, redirect, RouterProvider } from '@tanstack/react-router';
import i18next from 'i18next';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { initReactI18next, useTranslation } from 'react-i18next';
import { z } from 'zod';

void i18next.use(initReactI18next).init({
  resources: { en: { translation: { title: 'Stack page', pressed: 'Pressed {{count}} times', other: 'Other page' } } },
  lng: 'en',
  interpolation: { escapeValue: false },
  initAsync: false,
});

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });

function StackPage() {
  const { t } = useTranslation();
  const [presses, setPresses] = useState(0);
  const greeting = useQuery({ queryKey: ['greeting'], queryFn: async () => 'ready' });
  return (
    <section>
      <h1>{t('title')}</h1>
      <button type="button" onClick={() => setPresses(presses + 1)}>
        {t('pressed', { count: presses })}
      </button>
      <p>{greeting.data}</p>
    </section>
  );
}

function Frame() {
  const { t } = useTranslation();
  return (
    <main>
      <nav>
        <Link to="/other">{t('other')}</Link>
      </nav>
      <Outlet />
    </main>
  );
}

const rootRoute = createRootRoute({ component: Frame });
const indexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/page' });
  },
});
const pageRoute = createRoute({ getParentRoute: () => rootRoute, path: '/page', component: StackPage });
const searchSchema = z.object({ q: z.string().max(200).optional().catch(undefined) });
const otherRoute = createRoute({ getParentRoute: () => rootRoute, path: '/other', validateSearch: (search) => searchSchema.parse(search), component: () => <h1>Other</h1> });
const router = createRouter({ routeTree: rootRoute.addChildren([indexRoute, pageRoute, otherRoute]), history: createHashHistory(), scrollRestoration: false });

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
