import { useSyncExternalStore } from 'react';

/** The pages that exist; the navigation offers nothing else. */
export const routes = [
  { path: 'about', title: 'About', shortcut: '1' },
  { path: 'settings', title: 'Settings', shortcut: '2' },
] as const;

export type RoutePath = (typeof routes)[number]['path'];

export const defaultRoute: RoutePath = 'about';

function currentRoute(): RoutePath {
  const path = window.location.hash.replace(/^#\/?/, '');
  return routes.find((route) => route.path === path)?.path ?? defaultRoute;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The page shown, kept in the address's hash so a reload stays on it. */
export function useRoute(): RoutePath {
  return useSyncExternalStore(subscribe, currentRoute);
}

export function navigate(path: RoutePath): void {
  window.location.hash = `/${path}`;
}
