import { useId } from 'react';
import { themes, type Theme } from '../../../../shared/settings';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useSettingsStore } from './store';
import { ProfilesSection } from './ProfilesSection';

const themeLabels: Record<Theme, string> = {
  system: 'Follow the system',
  light: 'Light',
  dark: 'Dark',
};

interface SettingsPageProps {
  /** What follows `settings` in the address: `profiles`, and a profile to open. */
  rest: string[];
}

export function SettingsPage({ rest }: SettingsPageProps) {
  const section = rest[0] === 'profiles' ? 'profiles' : 'general';
  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <nav className="subnav" aria-label="Settings sections">
        <a href="#/settings" aria-current={section === 'general' ? 'page' : undefined}>
          General
        </a>
        <a href="#/settings/profiles" aria-current={section === 'profiles' ? 'page' : undefined}>
          Profiles
        </a>
      </nav>
      {section === 'profiles' ? <ProfilesSection openId={rest[1]} /> : <GeneralSettings />}
    </section>
  );
}

function GeneralSettings() {
  const settings = useSettingsStore((state) => state.settings);
  const loadError = useSettingsStore((state) => state.loadError);
  const saveError = useSettingsStore((state) => state.saveError);
  const saving = useSettingsStore((state) => state.saving);
  const savedCount = useSettingsStore((state) => state.savedCount);
  const setTheme = useSettingsStore((state) => state.setTheme);
  const name = useId();

  return (
    <section aria-labelledby="general-title">
      <h2 id="general-title" className="visually-hidden">
        General
      </h2>
      {loadError === null ? null : <ErrorMessage error={loadError} />}
      {settings === null ? (
        loadError === null ? <p aria-busy="true">Loading…</p> : null
      ) : (
        <form className="settings-form" onSubmit={(event) => event.preventDefault()}>
          <fieldset>
            <legend>Theme</legend>
            {themes.map((theme) => (
              <label key={theme} className="choice">
                <input
                  type="radio"
                  name={name}
                  value={theme}
                  checked={settings.theme === theme}
                  onChange={() => void setTheme(theme)}
                />
                {themeLabels[theme]}
              </label>
            ))}
          </fieldset>
          <p className="status" role="status" aria-live="polite">
            {saving ? 'Saving…' : savedCount > 0 && saveError === null ? 'Saved.' : ''}
          </p>
          {saveError === null ? null : <ErrorMessage error={saveError} />}
        </form>
      )}
    </section>
  );
}
