import { useNavigate } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { findPage, useHandbookStore } from './store';
import { HandbookArticle } from './HandbookArticle';

/** The handbook beside the work: a panel that keeps the page the user is on. */
export function HandbookPanel() {
  const { t } = useTranslation();
  const panel = useHandbookStore((state) => state.panel);
  const bundle = useHandbookStore((state) => state.bundle);
  const loadFailed = useHandbookStore((state) => state.loadFailed);
  const openPanel = useHandbookStore((state) => state.openPanel);
  const closePanel = useHandbookStore((state) => state.closePanel);
  const heading = useRef<HTMLHeadingElement>(null);
  const navigate = useNavigate();

  useEffect(() => {
    if (panel !== null && panel.anchor === undefined) heading.current?.focus();
  }, [panel]);

  if (panel === null) return null;
  const page = bundle === null ? undefined : findPage(bundle, panel.page);

  return (
    <aside className="handbook-panel" aria-labelledby="handbook-panel-title" onKeyDown={(event) => event.key === 'Escape' && closePanel()}>
      <header className="panel-header">
        <h2 id="handbook-panel-title" ref={heading} tabIndex={-1}>
          {page?.title ?? t('handbook.title')}
        </h2>
        <div className="panel-actions">
          <button
            type="button"
            onClick={() => {
              closePanel();
              if (panel.anchor === undefined) void navigate({ to: '/handbook/$page', params: { page: panel.page } });
              else void navigate({ to: '/handbook/$page/$anchor', params: { page: panel.page, anchor: panel.anchor } });
            }}
          >
            {t('handbook.panel.openAsPage')}
          </button>
          <button type="button" onClick={closePanel} aria-label={t('handbook.panel.closeLabel')}>
            {t('handbook.panel.close')}
          </button>
        </div>
      </header>
      <div className="panel-body">
        {bundle === null ? (
          loadFailed ? <p role="alert">{t('handbook.loadFailed')}</p> : <p aria-busy="true">{t('app.loading')}</p>
        ) : page === undefined ? (
          <p>{t('handbook.noPage.text', { page: panel.page })}</p>
        ) : (
          <HandbookArticle page={page} anchor={panel.anchor} onFollow={openPanel} />
        )}
      </div>
    </aside>
  );
}
