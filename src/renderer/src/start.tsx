/**
 * The console itself: its libraries, the router and the first page, loaded by
 * main.tsx once the tab has started connecting. index.html preloads this chunk,
 * so the browser fetches and compiles it while the connection is made.
 */
import { settingsAtStart } from './boot';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { NotConnected } from './app/NotConnected';
import { preloadFirstPage, router } from './app/router';
import { connectToShell } from './lib/http';
import { loadCatalogue, startI18n, switchLanguage, systemLanguage } from './lib/i18n';
import { ApiError, queryClient } from './lib/query';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html lacks the #root element');

startI18n();
preloadFirstPage();
// A system that reads Swedish most likely wants the console in Swedish: its catalogue starts loading now.
void loadCatalogue(systemLanguage()).catch(() => undefined);

/**
 * Reads the settings into the cache the pages read them from, and loads the
 * language they choose, so that the first page shows in that language and
 * theme at once rather than in English first. Without settings (a tab not
 * connected), the system's language is used.
 */
async function prepareFirstPage(): Promise<void> {
  const settings = await queryClient
    .fetchQuery({
      queryKey: ['settings:get', undefined],
      queryFn: async () => {
        const read = await settingsAtStart;
        if (!read.ok) throw new ApiError(read.error);
        return read.value;
      },
      staleTime: Infinity,
    })
    .catch(() => undefined);
  await switchLanguage(settings?.language);
}

const render = (content: ReactNode): void => createRoot(root).render(<StrictMode>{content}</StrictMode>);
const app = (
  <QueryClientProvider client={queryClient}>
    <RouterProvider router={router} />
  </QueryClientProvider>
);

// Under Electron the preload provides `window.api`; in the browser shell the tab has been connecting since main.tsx ran.
if (window.api !== undefined) void prepareFirstPage().then(() => render(app));
else void Promise.all([connectToShell(), prepareFirstPage()]).then(([connected]) => render(connected.ok ? app : <NotConnected error={connected.error} />));
