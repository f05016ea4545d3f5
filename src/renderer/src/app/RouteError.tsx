import type { ErrorComponentProps } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';

/** A page whose code could not be loaded (the console was updated or stopped meanwhile). */
export function RouteError({ error }: ErrorComponentProps) {
  const { t } = useTranslation();
  return (
    <section role="alert">
      <h1>{t('app.notFound.title')}</h1>
      <p>{t('app.pageFailed', { message: error instanceof Error ? error.message : String(error) })}</p>
      <p>
        <button type="button" onClick={() => window.location.reload()}>
          {t('app.reload')}
        </button>
      </p>
    </section>
  );
}
