import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../lib/query';
import { ErrorMessage } from '../../ui/ErrorMessage';

export function AboutPage() {
  const { t } = useTranslation();
  const info = useApiQuery('app:info', undefined);

  return (
    <section aria-labelledby="about-title">
      <h1 id="about-title">{t('about.title')}</h1>
      <p className="lead">{t('about.lead')}</p>
      {info.error === null ? null : <ErrorMessage error={info.error.error} />}
      {info.data === undefined ? (
        info.isPending ? <p aria-busy="true">{t('app.loading')}</p> : null
      ) : (
        <dl className="facts">
          <dt>{t('about.version')}</dt>
          <dd data-testid="about-version">{info.data.version}</dd>
          <dt>{t('about.runningIn')}</dt>
          <dd>{info.data.shell === 'electron' ? t('about.desktop') : t('about.browser')}</dd>
          <dt>{t('about.platform')}</dt>
          <dd>
            {info.data.platform} ({info.data.arch})
          </dd>
          {info.data.versions.electron === undefined ? null : (
            <>
              <dt>Electron</dt>
              <dd>{info.data.versions.electron}</dd>
            </>
          )}
          {info.data.versions.chromium === undefined ? null : (
            <>
              <dt>Chromium</dt>
              <dd>{info.data.versions.chromium}</dd>
            </>
          )}
          <dt>{t('about.node')}</dt>
          <dd>{info.data.versions.node}</dd>
          <dt>{t('about.dataFolder')}</dt>
          <dd>
            <code>{info.data.userDataDir}</code>
          </dd>
        </dl>
      )}
    </section>
  );
}
