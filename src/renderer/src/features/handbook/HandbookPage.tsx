import { useNavigate, useParams } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { findPage, useHandbookStore } from './store';
import { HandbookArticle } from './HandbookArticle';

const startPage = 'start-here';

const sectionKeys = {
  'Getting started': 'handbook.sections.gettingStarted',
  Procedures: 'handbook.sections.procedures',
  Topics: 'handbook.sections.topics',
  Reference: 'handbook.sections.reference',
} as const;

/** The table of contents' section headings, in the interface's language. */
function sectionLabel(section: string) {
  return sectionKeys[section as keyof typeof sectionKeys] ?? 'handbook.sections.other';
}

/** The handbook as a page of its own: contents, the page, and the page's own headings. From the address `handbook/<page>/<anchor>`. */
export function HandbookPage() {
  const { t } = useTranslation();
  const bundle = useHandbookStore((state) => state.bundle);
  const loadFailed = useHandbookStore((state) => state.loadFailed);
  const navigate = useNavigate();
  const params = useParams({ strict: false });
  const pageId = params.page ?? startPage;
  const anchor = params.anchor;

  useEffect(() => {
    void useHandbookStore.getState().load();
  }, []);

  if (bundle === null) {
    return (
      <section aria-labelledby="handbook-title">
        <h1 id="handbook-title">{t('handbook.title')}</h1>
        {loadFailed ? <p role="alert">{t('handbook.loadFailed')}</p> : <p aria-busy="true">{t('app.loading')}</p>}
      </section>
    );
  }
  const page = findPage(bundle, pageId);

  return (
    <div className="handbook-layout">
      <nav className="handbook-contents" aria-label={t('handbook.contents')}>
        {bundle.sections.map((section) => (
          <div key={section}>
            <h2 className="contents-section">{t(sectionLabel(section))}</h2>
            <ul>
              {bundle.pages
                .filter((candidate) => candidate.section === section)
                .map((candidate) => (
                  <li key={candidate.id}>
                    <a href={`#/handbook/${candidate.id}`} aria-current={candidate.id === page?.id ? 'page' : undefined}>
                      {candidate.title}
                    </a>
                  </li>
                ))}
            </ul>
          </div>
        ))}
      </nav>
      <div className="handbook-main">
        {page === undefined ? (
          <section>
            <h1>{t('handbook.noPage.title')}</h1>
            <p>
              {t('handbook.noPage.text', { page: pageId })} <a href={`#/handbook/${startPage}`}>{t('handbook.noPage.start')}</a> {t('handbook.noPage.orSearch')}
            </p>
          </section>
        ) : (
          <HandbookArticle page={page} anchor={anchor} />
        )}
      </div>
      {page === undefined || page.headings.filter((heading) => heading.level === 2).length < 2 ? null : (
        <nav className="handbook-outline" aria-label={t('handbook.outline')}>
          <h2 className="contents-section">{t('handbook.outline')}</h2>
          <ul>
            {page.headings
              .filter((heading) => heading.level === 2)
              .map((heading) => (
                <li key={heading.id}>
                  <a
                    href={`#/handbook/${page.id}/${heading.id}`}
                    onClick={(event) => {
                      event.preventDefault();
                      void navigate({ to: '/handbook/$page/$anchor', params: { page: page.id, anchor: heading.id } });
                    }}
                  >
                    {heading.text}
                  </a>
                </li>
              ))}
          </ul>
        </nav>
      )}
    </div>
  );
}
