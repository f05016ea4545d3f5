import { Outlet, useMatches, useNavigate, useRouterState } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { HandbookPanel } from '../features/handbook/HandbookPanel';
import { SearchDialog } from '../features/handbook/SearchDialog';
import { useHandbookStore, type HandbookHit } from '../features/handbook/store';
import { SessionBar } from '../features/session/SessionBar';
import { useSessionStore } from '../features/session/store';
import { useSettings } from '../features/settings/useSettings';
import { setLanguage } from '../lib/i18n';
import { useApiQuery } from '../lib/query';
import { JobIndicator } from './JobIndicator';
import { Navigation } from './Navigation';
import { navigation } from './router';

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/**
 * Every page's frame: the title bar with the session, the navigation built
 * from the routes, the page, and the handbook beside it. Applies the theme
 * and the language from Settings and the keyboard shortcuts.
 */
export function Shell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const settings = useSettings();
  const info = useApiQuery('app:info', undefined);
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const matches = useMatches();
  const searchOpen = useHandbookStore((state) => state.searchOpen);
  const panelOpen = useHandbookStore((state) => state.panel !== null);
  const theme = settings.data?.theme ?? 'system';
  const title = [...matches].reverse().find((match) => match.staticData.meta !== undefined)?.staticData.meta?.title;

  useEffect(() => {
    // Signs in to the active profile at once: on the first start, the sandbox.
    void useSessionStore.getState().start();
  }, []);

  useEffect(() => setLanguage(settings.data?.language), [settings.data?.language]);

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
        void navigate({ to: '/settings' });
      } else if ((command && event.key.toLowerCase() === 'k') || (event.key === '/' && !isTyping(event.target) && !handbook.searchOpen)) {
        event.preventDefault();
        handbook.openSearch();
      } else if (event.key === 'F1') {
        event.preventDefault();
        if (handbook.panel === null) handbook.openPanel('start-here');
        else handbook.closePanel();
      } else if (event.altKey && !command) {
        const target = navigation.find((entry) => entry.shortcut === event.key);
        if (target !== undefined) {
          event.preventDefault();
          void navigate({ to: target.to });
        }
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [navigate]);

  useEffect(() => {
    document.title = `${title === undefined ? t('app.notFound.title') : t(`app.nav.${title}`)} · ${t('app.product')}`;
  }, [title, t]);

  useEffect(() => {
    // A new page takes the focus; a handbook anchor or a changed filter does not.
    if (!pathname.startsWith('/handbook/')) document.getElementById('main')?.focus();
  }, [pathname]);

  const openHit = (hit: HandbookHit): void => {
    if (pathname.startsWith('/handbook')) {
      if (hit.anchor === '') void navigate({ to: '/handbook/$page', params: { page: hit.page } });
      else void navigate({ to: '/handbook/$page/$anchor', params: { page: hit.page, anchor: hit.anchor } });
    } else useHandbookStore.getState().openPanel(hit.anchor === '' ? hit.page : `${hit.page}#${hit.anchor}`);
  };

  const notices = info.data?.notices ?? [];
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
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <span className="product">{t('app.product')}</span>
        <SessionBar />
        <JobIndicator />
        <button type="button" className="search-button topbar-search" onClick={() => useHandbookStore.getState().openSearch()} aria-keyshortcuts="Control+K">
          {t('app.searchHandbook')} <kbd>Ctrl K</kbd>
        </button>
      </header>
      <Navigation />
      <main id="main" tabIndex={-1}>
        {notices.length === 0 ? null : (
          <div className="notice" role="alert">
            {notices.map((notice) => (
              <p key={notice.text}>{notice.key === undefined ? notice.text : t(`app.notices.${notice.key}`, notice.params ?? {})}</p>
            ))}
          </div>
        )}
        <Outlet />
      </main>
      <HandbookPanel />
      {searchOpen ? <SearchDialog onOpen={openHit} /> : null}
    </div>
  );
}
