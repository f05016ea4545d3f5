import { Link, useRouterState } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';

/** An address the console has no page for: said plainly, with the way back. */
export function NotFound() {
  const { t } = useTranslation();
  const path = useRouterState({ select: (state) => state.location.pathname });
  return (
    <section aria-labelledby="not-found-title">
      <h1 id="not-found-title">{t('app.notFound.title')}</h1>
      <p>{t('app.notFound.text', { path })}</p>
      <p>
        <Link to="/home">{t('app.notFound.home')}</Link>
      </p>
    </section>
  );
}
