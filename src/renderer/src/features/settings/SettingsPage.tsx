import { Link, useParams, useRouterState } from '@tanstack/react-router';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { languageChoices, themes } from '../../../../shared/settings';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { StatusMessage } from '../../ui/StatusMessage';
import { ProfilesSection } from './ProfilesSection';
import { useSettings, useUpdateSettings } from './useSettings';

export function SettingsPage() {
  const { t } = useTranslation();
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const { profileId } = useParams({ strict: false });
  const section = pathname.startsWith('/settings/profiles') ? 'profiles' : 'general';
  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">{t('settings.title')}</h1>
      <nav className="subnav" aria-label={t('settings.sections')}>
        <Link to="/settings" aria-current={section === 'general' ? 'page' : undefined}>
          {t('settings.general')}
        </Link>
        <Link to="/settings/profiles" aria-current={section === 'profiles' ? 'page' : undefined}>
          {t('settings.profiles')}
        </Link>
      </nav>
      {section === 'profiles' ? <ProfilesSection openId={profileId} /> : <GeneralSettings />}
    </section>
  );
}

function GeneralSettings() {
  const { t } = useTranslation();
  const settings = useSettings();
  const update = useUpdateSettings();
  const themeName = useId();
  const languageName = useId();

  return (
    <section aria-labelledby="general-title">
      <h2 id="general-title" className="visually-hidden">
        {t('settings.general')}
      </h2>
      {settings.error === null ? null : <ErrorMessage error={settings.error.error} />}
      {settings.data === undefined ? (
        settings.isPending ? <p aria-busy="true">{t('app.loading')}</p> : null
      ) : (
        <form className="settings-form" onSubmit={(event) => event.preventDefault()}>
          <fieldset>
            <legend>{t('settings.theme')}</legend>
            {themes.map((theme) => (
              <label key={theme} className="choice">
                <input type="radio" name={themeName} value={theme} checked={settings.data.theme === theme} onChange={() => update.change({ theme })} />
                {t(`settings.themes.${theme}`)}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t('settings.language')}</legend>
            {languageChoices.map((language) => (
              <label key={language} className="choice" lang={language === 'system' ? undefined : language}>
                <input type="radio" name={languageName} value={language} checked={settings.data.language === language} onChange={() => update.change({ language })} />
                {t(`settings.languages.${language}`)}
              </label>
            ))}
          </fieldset>
          <StatusMessage>{update.isPending ? t('common.saving') : update.isSuccess ? t('common.saved') : ''}</StatusMessage>
          {update.error === null ? null : <ErrorMessage error={update.error.error} />}
        </form>
      )}
    </section>
  );
}
