import { useEffect } from 'react';
import { Navigation } from './components/Navigation';
import { AboutPage } from './pages/AboutPage';
import { SettingsPage } from './pages/SettingsPage';
import { navigate, routes, useRoute, type RoutePath } from './routes';
import { useAppInfoStore } from './stores/appInfo';
import { useSettingsStore } from './stores/settings';

const noNotices: readonly string[] = [];

const pages: Record<RoutePath, () => React.JSX.Element> = {
  about: AboutPage,
  settings: SettingsPage,
};

export function App() {
  const route = useRoute();
  const theme = useSettingsStore((state) => state.settings?.theme ?? 'system');
  const notices = useAppInfoStore((state) => state.info?.notices ?? noNotices);

  useEffect(() => {
    void useSettingsStore.getState().load();
    void useAppInfoStore.getState().load();
  }, []);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if ((event.ctrlKey || event.metaKey) && event.key === ',') {
        event.preventDefault();
        navigate('settings');
        return;
      }
      if (event.altKey && !event.ctrlKey && !event.metaKey) {
        const target = routes.find((candidate) => candidate.shortcut === event.key);
        if (target !== undefined) {
          event.preventDefault();
          navigate(target.path);
        }
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  useEffect(() => {
    const title = routes.find((candidate) => candidate.path === route)?.title;
    document.title = `${title} · TCS Admin Console`;
    document.getElementById('main')?.focus();
  }, [route]);

  const Page = pages[route];
  return (
    <div className="shell">
      <a className="skip-link" href="#main" onClick={(event) => {
        event.preventDefault();
        document.getElementById('main')?.focus();
      }}>
        Skip to content
      </a>
      <header className="topbar">
        <span className="product">TCS Admin Console</span>
      </header>
      <Navigation current={route} />
      <main id="main" tabIndex={-1}>
        {notices.length === 0 ? null : (
          <div className="notice" role="alert">
            {notices.map((notice) => (
              <p key={notice}>{notice}</p>
            ))}
          </div>
        )}
        <Page />
      </main>
    </div>
  );
}
