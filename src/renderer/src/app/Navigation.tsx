import { routes, type RoutePath } from './routes';

interface NavigationProps {
  current: RoutePath;
}

export function Navigation({ current }: NavigationProps) {
  return (
    <nav className="navigation" aria-label="Main">
      <ul>
        {routes.map((route) => (
          <li key={route.path}>
            <a
              href={`#/${route.path}`}
              aria-current={route.path === current ? 'page' : undefined}
              aria-keyshortcuts={`Alt+${route.shortcut}`}
            >
              {route.title}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
