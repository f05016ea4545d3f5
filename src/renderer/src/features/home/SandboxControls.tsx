import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfileView } from '../../../../shared/profiles';
import type { AppError } from '../../../../shared/result';
import { useSessionStore } from '../session/store';
import { ErrorMessage } from '../../ui/ErrorMessage';

interface SandboxControlsProps {
  profile: ProfileView;
}

/** The practice tenant's own controls: which seeded admin to practise as, and a fresh start. */
export function SandboxControls({ profile }: SandboxControlsProps) {
  const { t } = useTranslation();
  const logins = useSessionStore((state) => state.sandboxLogins);
  const loadSandboxLogins = useSessionStore((state) => state.loadSandboxLogins);
  const practiseAs = useSessionStore((state) => state.practiseAs);
  const resetSandbox = useSessionStore((state) => state.resetSandbox);
  const resetting = useSessionStore((state) => state.resettingSandbox);
  const busy = useSessionStore((state) => state.signingIn !== null);
  const [chosen, setChosen] = useState(profile.login);
  const current = logins?.find((login) => login.login === profile.login);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [done, setDone] = useState('');
  const confirmButton = useRef<HTMLButtonElement>(null);
  const resetButton = useRef<HTMLButtonElement>(null);
  const ids = { title: useId(), select: useId(), confirm: useId() };

  useEffect(() => {
    if (logins === null) void loadSandboxLogins();
  }, [logins, loadSandboxLogins]);

  useEffect(() => setChosen(profile.login), [profile.login]);

  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  const practise = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setError(null);
    setDone('');
    const result = await practiseAs(chosen);
    if (!result.ok) setError(result.error);
  };

  const reset = async (): Promise<void> => {
    setError(null);
    const result = await resetSandbox();
    setConfirming(false);
    resetButton.current?.focus();
    if (result.ok) setDone(t('home.sandbox.done'));
    else setError(result.error);
  };

  return (
    <section className="panel sandbox-controls" aria-labelledby={ids.title}>
      <h2 id={ids.title}>{t('home.sandbox.title')}</h2>
      <form className="inline-form" onSubmit={(event) => void practise(event)}>
        <div className="field">
          <label htmlFor={ids.select}>{t('home.sandbox.practiseAs')}</label>
          <select id={ids.select} value={chosen} onChange={(event) => setChosen(event.target.value)} disabled={logins === null}>
            {(logins ?? [{ login: profile.login, description: '' }]).map((login) => (
              <option key={login.login} value={login.login}>
                {login.description === '' ? login.login : `${login.login}: ${login.description}`}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={busy || chosen === profile.login}>
          {t('home.sandbox.practise')}
        </button>
      </form>
      {current === undefined ? null : current.practicePassword === undefined ? (
        <p className="field-hint">{t('home.sandbox.changedPassword', { login: current.login })}</p>
      ) : (
        <p className="practice-password">
          {t('home.sandbox.practicePassword', { login: current.login })} <code>{current.practicePassword}</code>. {t('home.sandbox.practiceHint')}
        </p>
      )}

      <p>
        <button ref={resetButton} type="button" aria-expanded={confirming} onClick={() => setConfirming(true)}>
          {t('home.sandbox.reset')}
        </button>
      </p>
      {confirming ? (
        <div className="confirm" role="group" aria-labelledby={ids.confirm}>
          <p id={ids.confirm}>
            <strong>{t('home.sandbox.confirmTitle')}</strong> {t('home.sandbox.confirmText')}
          </p>
          <p className="form-actions">
            <button ref={confirmButton} type="button" className="danger" disabled={resetting} onClick={() => void reset()}>
              {resetting ? t('home.sandbox.resetting') : t('home.sandbox.confirm')}
            </button>
            <button
              type="button"
              onClick={() => {
                setConfirming(false);
                resetButton.current?.focus();
              }}
            >
              {t('common.cancel')}
            </button>
          </p>
        </div>
      ) : null}
      <p className="status" role="status">
        {done}
      </p>
      {error === null ? null : <ErrorMessage error={error} />}
    </section>
  );
}
