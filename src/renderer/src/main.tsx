import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { NotConnected } from './app/NotConnected';
import { router } from './app/router';
import { connectToShell } from './lib/http';
import { startI18n } from './lib/i18n';
import { queryClient } from './lib/query';
import './styles.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html lacks the #root element');

startI18n();
const render = (content: ReactNode): void => createRoot(root).render(<StrictMode>{content}</StrictMode>);
const app = (
  <QueryClientProvider client={queryClient}>
    <RouterProvider router={router} />
  </QueryClientProvider>
);

// Under Electron the preload provides `window.api`; in the browser shell this tab connects first.
if (window.api !== undefined) render(app);
else void connectToShell().then((connected) => render(connected.ok ? app : <NotConnected error={connected.error} />));
