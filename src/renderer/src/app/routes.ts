import { useSyncExternalStore } from 'react';

/** The pages that exist; the navigation offers nothing else. */
export const routes = [
  { path: 'home', title: 'Home', shortcut: '1' },
  { path: 'about', title: 'About', shortcut: '2' },
  { path: 'handbook', title: 'Handbook', shortcut: '3' },
  { path: 'settings', title: 'Settings', shortcut: '4' },
] as const;

export type RoutePath = (typeof routes)[number]['path'];

export const defaultRoute: RoutePath = 'home';

/** Where the app is: a page, plus what follows it in the address (`handbook/page/anchor`). */
export interface Location {
  path: RoutePath;
  rest: string[];
}

let cached: { hash: string; location: Location } | undefined;

function currentLocation(): Location {
  const hash = window.location.hash;
  if (cached?.hash === hash) return cached.location;
  const [first = '', ...rest] = hash.replace(/^#\/?/, '').split('/').map((part) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  });
  const route = routes.find((candidate) => candidate.path === first);
  const location: Location = route === undefined ? { path: defaultRoute, rest: [] } : { path: route.path, rest: rest.filter((part) => part !== '') };
  cached = { hash, location };
  return location;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The page shown, kept in the address's hash so a reload stays on it. */
export function useLocation(): Location {
  return useSyncExternalStore(subscribe, currentLocation);
}

export function navigate(path: RoutePath, ...rest: string[]): void {
  window.location.hash = `/${[path, ...rest].map(encodeURIComponent).join('/')}`;
}
