import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/errors';
import type { ProfileView } from '../../../../shared/profiles';
import { useSessionStore } from '../session/store';


/**
 * After SCM refused a secret, the way on: type it again (or the right one)
 * and sign in with it. The field is read once and emptied at once; the value
 * goes to main and never comes back.
 */
export function SecretReentry({ profile }: { profile: ProfileView }) {
  const { t } = useTranslation();
  const reenterSecret = useSessionStore((state) => state.reenterSecret);
  const signingIn = useSessionStore((state) => state.signingIn !== null);
  const keychain = useSessionStore((state) => state.secretStore === 'keychain');
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement | HTMLTextAreaElement | null>(null);
  const id = useId();
  const label = t(`home.reentry.secrets.${profile.authKind}`);
  const who = profile.authKind === 'oauth2' ? (profile.clientId ?? t('home.reentry.thisClient')) : profile.login;

  useEffect(() => input.current?.focus(), []);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const value = input.current?.value ?? '';
    if (input.current !== null) input.current.value = '';
    if (value === '') {
      setProblem(t('home.reentry.enter', { secret: label.toLowerCase(), who }));
      input.current?.focus();
      return;
    }
    setProblem(null);
    const result = await reenterSecret(profile.id, value);
    if (!result.ok) {
      setProblem(t('home.reentry.typeAgain', { message: errorText(result.error).message }));
      input.current?.focus();
    }
  };

  const describedBy = `${id}-hint${problem === null ? '' : ` ${id}-error`}`;
  return (
    <form className="inline-form secret-reentry" onSubmit={(event) => void submit(event)} noValidate>
      <div className="field">
        <label htmlFor={id}>{t('home.reentry.label', { secret: label, who })}</label>
        <p id={`${id}-hint`} className="field-hint">
          {keychain ? t('home.reentry.hintKeychain') : t('home.reentry.hintSession')}
        </p>
        {problem === null ? null : (
          <p id={`${id}-error`} className="field-error">
            {problem}
          </p>
        )}
        {profile.authKind === 'certificate' ? (
          <textarea
            ref={(element) => {
              input.current = element;
            }}
            id={id}
            rows={5}
            spellCheck={false}
            aria-describedby={describedBy}
            aria-invalid={problem !== null}
          />
        ) : (
          <input
            ref={(element) => {
              input.current = element;
            }}
            id={id}
            type="password"
            autoComplete="current-password"
            spellCheck={false}
            maxLength={16 * 1024}
            aria-describedby={describedBy}
            aria-invalid={problem !== null}
          />
        )}
      </div>
      <button type="submit" className="primary" disabled={signingIn}>
        {signingIn ? t('home.reentry.signingIn') : t('home.reentry.submit')}
      </button>
    </form>
  );
}
