import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../shared/result';
import { useErrorText } from '../lib/errors';

/**
 * The browser shell's page for a tab that has no key: the address was used or
 * expired, or the console restarted. It says how to get a working address.
 */
export function NotConnected({ error }: { error: AppError }) {
  const { t } = useTranslation();
  const text = useErrorText(error);
  return (
    <main id="main" className="not-connected" aria-labelledby="not-connected-title">
      <h1 id="not-connected-title">{t('app.notConnected.title')}</h1>
      <p>{text.message}</p>
      {text.hint === undefined ? null : <p>{text.hint}</p>}
      <p className="field-hint">{t('app.notConnected.why')}</p>
    </main>
  );
}
