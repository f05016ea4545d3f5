import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { AppError } from '../../../shared/result';
import { passwordPolicyProblems, passwordPolicyText } from '../../../shared/session';
import { useSessionStore } from '../stores/session';
import { ErrorMessage } from './ErrorMessage';

interface PasswordChangeProps {
  login: string;
  /** The password has expired: SCM accepts nothing else until it is changed. */
  required: boolean;
  onCancel?: () => void;
  onChanged?: () => void;
}

type Check = { kind: 'problems'; problems: string[] } | { kind: 'mismatch' } | { kind: 'empty' } | { kind: 'fine' } | null;

function checkText(check: Check): string {
  if (check === null) return '';
  if (check.kind === 'problems') return `Still needed: ${check.problems.join(', ')}.`;
  if (check.kind === 'mismatch') return 'The two passwords are not the same.';
  if (check.kind === 'empty') return 'Type the new password.';
  return 'Meets the policy.';
}

/**
 * Changes the signed-in admin's own password: a generated one that goes
 * straight to the keychain and is never shown, or one the user types, checked
 * against the policy as it is typed. What is typed lives only in the fields,
 * which are emptied the moment the change is sent.
 */
export function PasswordChange({ login, required, onCancel, onChanged }: PasswordChangeProps) {
  const changePassword = useSessionStore((state) => state.changePassword);
  const changing = useSessionStore((state) => state.changingPassword);
  const [mode, setMode] = useState<'generate' | 'type'>('generate');
  const [reveal, setReveal] = useState(false);
  const [check, setCheck] = useState<Check>(null);
  const [error, setError] = useState<AppError | null>(null);
  const newPassword = useRef<HTMLInputElement>(null);
  const again = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const ids = { title: useId(), choice: useId(), password: useId(), again: useId(), policy: useId(), check: useId() };

  useEffect(() => {
    if (!required) heading.current?.focus();
  }, [required]);

  const recheck = (): Check => {
    const typed = newPassword.current?.value ?? '';
    const repeated = again.current?.value ?? '';
    if (typed === '') return repeated === '' ? null : { kind: 'empty' };
    const problems = passwordPolicyProblems(typed, login);
    if (problems.length > 0) return { kind: 'problems', problems };
    if (repeated !== '' && repeated !== typed) return { kind: 'mismatch' };
    return { kind: 'fine' };
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (changing) return;
    setError(null);
    let chosen: string | undefined;
    if (mode === 'type') {
      const typed = newPassword.current?.value ?? '';
      const problems = passwordPolicyProblems(typed, login);
      let failed: Check = null;
      if (typed === '') failed = { kind: 'empty' };
      else if (problems.length > 0) failed = { kind: 'problems', problems };
      else if (again.current?.value !== typed) failed = { kind: 'mismatch' };
      if (failed !== null) {
        setCheck(failed);
        (failed.kind === 'mismatch' ? again : newPassword).current?.focus();
        return;
      }
      chosen = typed;
      newPassword.current!.value = '';
      again.current!.value = '';
      setCheck(null);
    }
    const result = await changePassword(chosen);
    if (result.ok) onChanged?.();
    else setError(result.error);
  };

  const checkInvalid = check !== null && check.kind !== 'fine';

  return (
    <form className="panel password-change" aria-labelledby={ids.title} onSubmit={(event) => void submit(event)} onKeyDown={(event) => event.key === 'Escape' && onCancel?.()}>
      <h2 id={ids.title} ref={heading} tabIndex={-1}>
        {required ? 'Set a new password' : 'Change the password'}
      </h2>
      {required ? <p>Until the password is changed, SCM accepts nothing else from {login}. The new one replaces the stored one at once.</p> : null}
      <fieldset>
        <legend>New password</legend>
        <label className="choice">
          <input type="radio" name={ids.choice} checked={mode === 'generate'} onChange={() => setMode('generate')} />
          Generate a strong password (recommended for API admins; stored in the keychain, never shown)
        </label>
        <label className="choice">
          <input type="radio" name={ids.choice} checked={mode === 'type'} onChange={() => setMode('type')} />
          Type a new password
        </label>
      </fieldset>
      {mode === 'type' ? (
        <div className="fields">
          <p id={ids.policy} className="field-hint">
            {passwordPolicyText}
          </p>
          <div className="field">
            <label htmlFor={ids.password}>New password</label>
            <input
              ref={newPassword}
              id={ids.password}
              type={reveal ? 'text' : 'password'}
              autoComplete="new-password"
              spellCheck={false}
              aria-describedby={`${ids.policy} ${ids.check}`}
              aria-invalid={check?.kind === 'problems' || check?.kind === 'empty'}
              onChange={() => setCheck(recheck())}
            />
          </div>
          <div className="field">
            <label htmlFor={ids.again}>Type it again</label>
            <input
              ref={again}
              id={ids.again}
              type={reveal ? 'text' : 'password'}
              autoComplete="new-password"
              spellCheck={false}
              aria-describedby={ids.check}
              aria-invalid={check?.kind === 'mismatch'}
              onChange={() => setCheck(recheck())}
            />
          </div>
          <label className="choice">
            <input type="checkbox" checked={reveal} onChange={(event) => setReveal(event.target.checked)} />
            Show what I type
          </label>
          <p id={ids.check} className={checkInvalid ? 'field-error' : 'field-ok'} aria-live="polite">
            {checkText(check)}
          </p>
        </div>
      ) : null}
      <p className="form-actions">
        <button type="submit" className="primary" disabled={changing}>
          {changing ? 'Changing the password…' : 'Change password'}
        </button>
        {onCancel === undefined ? null : (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </p>
      {error === null ? null : <ErrorMessage error={error} />}
    </form>
  );
}
