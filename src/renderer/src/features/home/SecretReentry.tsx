import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { ProfileView } from '../../../../shared/profiles';
import { useSessionStore } from '../session/store';

const secretLabels: Record<ProfileView['authKind'], string> = { password: 'Password', certificate: 'Private key (PEM)', oauth2: 'Client secret' };

/**
 * After SCM refused a secret, the way on: type it again (or the right one)
 * and sign in with it. The field is read once and emptied at once; the value
 * goes to main and never comes back.
 */
export function SecretReentry({ profile }: { profile: ProfileView }) {
  const reenterSecret = useSessionStore((state) => state.reenterSecret);
  const signingIn = useSessionStore((state) => state.signingIn !== null);
  const keychain = useSessionStore((state) => state.secretStore === 'keychain');
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement | HTMLTextAreaElement | null>(null);
  const id = useId();
  const label = secretLabels[profile.authKind];
  const who = profile.authKind === 'oauth2' ? (profile.clientId ?? 'this client') : profile.login;

  useEffect(() => input.current?.focus(), []);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const value = input.current?.value ?? '';
    if (input.current !== null) input.current.value = '';
    if (value === '') {
      setProblem(`Enter the ${label.toLowerCase()} of ${who}.`);
      input.current?.focus();
      return;
    }
    setProblem(null);
    const result = await reenterSecret(profile.id, value);
    if (!result.ok) {
      setProblem(`${result.error.message} Type it again.`);
      input.current?.focus();
    }
  };

  const describedBy = `${id}-hint${problem === null ? '' : ` ${id}-error`}`;
  return (
    <form className="inline-form secret-reentry" onSubmit={(event) => void submit(event)} noValidate>
      <div className="field">
        <label htmlFor={id}>
          {label} of {who}
        </label>
        <p id={`${id}-hint`} className="field-hint">
          {keychain ? 'It replaces the stored one in the keychain.' : 'It is kept in memory for this session only.'} The console sends it once, to sign in.
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
        {signingIn ? 'Signing in…' : 'Sign in with it'}
      </button>
    </form>
  );
}
