import { useEffect } from 'react';
import { Navigation } from './Navigation';
import { SessionBar } from '../features/session/SessionBar';
import { HandbookPage } from '../features/handbook/HandbookPage';
import { HandbookPanel } from '../features/handbook/HandbookPanel';
import { SearchDialog } from '../features/handbook/SearchDialog';
import { AboutPage } from '../features/about/AboutPage';
import { HomePage } from '../features/home/HomePage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { navigate, routes, useLocation } from './routes';
import { useAppInfoStore } from '../features/about/store';
import { useHandbookStore, type HandbookHit } from '../features/handbook/store';
import { useSessionStore } from '../features/session/store';
import { useSettingsStore } from '../features/settings/store';

const noNotices: readonly string[] = [];

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

export function App() {
  const location = useLocation();
  const theme = useSettingsStore((state) => state.settings?.theme ?? 'system');
  const notices = useAppInfoStore((state) => state.info?.notices ?? noNotices);
  const searchOpen = useHandbookStore((state) => state.searchOpen);
  const panelOpen = useHandbookStore((state) => state.panel !== null);

  useEffect(() => {
    void useSettingsStore.getState().load();
    void useAppInfoStore.getState().load();
    // Signs in to the active profile at once: on the first start, the sandbox.
    void useSessionStore.getState().start();
    // Fetched once the app is up, so the handbook is at hand later even if the connection is not.
    const timer = window.setTimeout(() => void useHandbookStore.getState().load(), 500);
    return () => window.clearTimeout(timer);
  }, []);

  useEffect(() => {
    // The choice, and the scheme it comes to: "system" follows the system's as it changes.
    const root = document.documentElement;
    root.dataset.theme = theme;
    const systemDark = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = (): void => {
      root.dataset.scheme = theme === 'system' ? (systemDark.matches ? 'dark' : 'light') : theme;
    };
    apply();
    systemDark.addEventListener('change', apply);
    return () => systemDark.removeEventListener('change', apply);
  }, [theme]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      const handbook = useHandbookStore.getState();
      const command = event.ctrlKey || event.metaKey;
      if (command && event.key === ',') {
        event.preventDefault();
        navigate('settings');
      } else if ((command && event.key.toLowerCase() === 'k') || (event.key === '/' && !isTyping(event.target) && !handbook.searchOpen)) {
        event.preventDefault();
        handbook.openSearch();
      } else if (event.key === 'F1') {
        event.preventDefault();
        if (handbook.panel === null) handbook.openPanel('start-here');
        else handbook.closePanel();
      } else if (event.altKey && !command) {
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
    const title = routes.find((candidate) => candidate.path === location.path)?.title;
    document.title = `${title} · TCS Admin Console`;
    if (location.rest.length === 0) document.getElementById('main')?.focus();
  }, [location]);

  const openHit = (hit: HandbookHit): void => {
    const rest = hit.anchor === '' ? [hit.page] : [hit.page, hit.anchor];
    if (location.path === 'handbook') navigate('handbook', ...rest);
    else useHandbookStore.getState().openPanel(rest.join('#'));
  };

  return (
    <div className={panelOpen ? 'shell with-panel' : 'shell'}>
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to content
      </a>
      <header className="topbar">
        <span className="product">TCS Admin Console</span>
        <SessionBar />
        <button type="button" className="search-button topbar-search" onClick={() => useHandbookStore.getState().openSearch()} aria-keyshortcuts="Control+K">
          Search the handbook <kbd>Ctrl K</kbd>
        </button>
      </header>
      <Navigation current={location.path} />
      <main id="main" tabIndex={-1}>
        {notices.length === 0 ? null : (
          <div className="notice" role="alert">
            {notices.map((notice) => (
              <p key={notice}>{notice}</p>
            ))}
          </div>
        )}
        {location.path === 'home' ? <HomePage /> : null}
        {location.path === 'about' ? <AboutPage /> : null}
        {location.path === 'settings' ? <SettingsPage rest={location.rest} /> : null}
        {location.path === 'handbook' ? <HandbookPage rest={location.rest} /> : null}
      </main>
      <HandbookPanel />
      {searchOpen ? <SearchDialog onOpen={openHit} /> : null}
    </div>
  );
}
