import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { AppError } from '../../../../shared/result';
import { passwordPolicyProblems, passwordPolicyText } from '../../../../shared/session';
import { useSessionStore, type PasswordChangeOutcome } from '../session/store';
import { ErrorMessage } from '../../ui/ErrorMessage';

interface PasswordChangeProps {
  login: string;
  /** The password has expired: SCM accepts nothing else until it is changed. */
  required: boolean;
  /** The built-in sandbox: its current password is the practice password shown beside it. */
  practice: boolean;
  onCancel?: () => void;
  onChanged?: (outcome: PasswordChangeOutcome) => void;
}

type FieldName = 'currentPassword' | 'newPassword' | 'again';
type Problems = Partial<Record<FieldName, string>>;

const labels: Record<FieldName, string> = { currentPassword: 'Current password', newPassword: 'New password', again: 'Type it again' };

/** What the person must correct before anything is sent, all at once. */
function problemsOf(values: Record<FieldName, string>, mode: 'generate' | 'type', needsCurrent: boolean, login: string): Problems {
  const problems: Problems = {};
  if (needsCurrent && values.currentPassword === '') problems.currentPassword = 'Enter the current password.';
  if (mode === 'type') {
    const broken = passwordPolicyProblems(values.newPassword, login);
    if (values.newPassword === '') problems.newPassword = 'Enter the new password.';
    else if (broken.length > 0) problems.newPassword = `The new password still needs ${broken.join(', ')}.`;
    if (values.again !== values.newPassword && values.newPassword !== '') problems.again = 'Type the same new password again.';
  }
  return problems;
}

/**
 * Changes the signed-in admin's own password. The current password is asked
 * for, as a script that can call the console cannot know it, except when a
 * generated password goes into the keychain unseen. Where there is no
 * keychain, a generated password comes back in the outcome, for the page
 * to show once (`ShownPassword`). What is typed lives only in the fields,
 * which are emptied the moment the change is sent.
 */
export function PasswordChange({ login, required, practice, onCancel, onChanged }: PasswordChangeProps) {
  const changePassword = useSessionStore((state) => state.changePassword);
  const changing = useSessionStore((state) => state.changingPassword);
  const keychain = useSessionStore((state) => state.secretStore === 'keychain');
  const [mode, setMode] = useState<'generate' | 'type'>(keychain ? 'generate' : 'type');
  const [reveal, setReveal] = useState(false);
  const [problems, setProblems] = useState<Problems>({});
  const [live, setLive] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const inputs = { currentPassword: useRef<HTMLInputElement>(null), newPassword: useRef<HTMLInputElement>(null), again: useRef<HTMLInputElement>(null) };
  const heading = useRef<HTMLHeadingElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  const base = useId();
  const idOf = (part: string): string => `${base}-${part}`;
  const needsCurrent = mode === 'type' || !keychain;

  useEffect(() => {
    if (!required) heading.current?.focus();
  }, [required]);

  const values = (): Record<FieldName, string> => ({
    currentPassword: inputs.currentPassword.current?.value ?? '',
    newPassword: inputs.newPassword.current?.value ?? '',
    again: inputs.again.current?.value ?? '',
  });

  /** Says, as the new password is typed, what the policy still needs. */
  const recheck = (): void => {
    const typed = values();
    if (typed.newPassword === '') return setLive('');
    const broken = passwordPolicyProblems(typed.newPassword, login);
    setLive(broken.length > 0 ? `Still needed: ${broken.join(', ')}.` : typed.again !== '' && typed.again !== typed.newPassword ? 'The two passwords are not the same.' : 'Meets the policy.');
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (changing) return;
    setError(null);
    const typed = values();
    const found = problemsOf(typed, mode, needsCurrent, login);
    setProblems(found);
    if (Object.keys(found).length > 0) {
      window.setTimeout(() => summary.current?.focus(), 0);
      return;
    }
    for (const input of Object.values(inputs)) if (input.current !== null) input.current.value = '';
    setLive('');
    const result = await changePassword({
      ...(mode === 'type' ? { newPassword: typed.newPassword } : {}),
      ...(needsCurrent ? { currentPassword: typed.currentPassword } : {}),
    });
    if (!result.ok) {
      const field = result.error.field as FieldName | undefined;
      if (field !== undefined && field in labels) {
        setProblems({ [field]: `${result.error.message} Type the passwords again.` });
        window.setTimeout(() => inputs[field].current?.focus(), 0);
      } else setError(result.error);
      return;
    }
    onChanged?.(result.value);
  };

  const listed = (Object.keys(labels) as FieldName[]).filter((field) => problems[field] !== undefined);
  const field = (name: FieldName, hint?: string) => {
    const problem = problems[name];
    const describedBy = [hint === undefined ? undefined : idOf(`${name}-hint`), problem === undefined ? undefined : idOf(`${name}-error`), name === 'newPassword' ? idOf('live') : undefined]
      .filter((part) => part !== undefined)
      .join(' ');
    return (
      <div className="field">
        <label htmlFor={idOf(name)}>{labels[name]}</label>
        {hint === undefined ? null : (
          <p id={idOf(`${name}-hint`)} className="field-hint">
            {hint}
          </p>
        )}
        {problem === undefined ? null : (
          <p id={idOf(`${name}-error`)} className="field-error">
            {problem}
          </p>
        )}
        <input
          ref={inputs[name]}
          id={idOf(name)}
          type={reveal ? 'text' : 'password'}
          autoComplete={name === 'currentPassword' ? 'current-password' : 'new-password'}
          spellCheck={false}
          maxLength={name === 'currentPassword' ? 16 * 1024 : 64}
          aria-describedby={describedBy === '' ? undefined : describedBy}
          aria-invalid={problem !== undefined}
          onChange={name === 'currentPassword' ? undefined : recheck}
        />
      </div>
    );
  };

  return (
    <form className="panel password-change" aria-labelledby={idOf('title')} onSubmit={(event) => void submit(event)} onKeyDown={(event) => event.key === 'Escape' && onCancel?.()} noValidate>
      <h2 id={idOf('title')} ref={heading} tabIndex={-1}>
        {required ? 'Set a new password' : 'Change the password'}
      </h2>
      {required ? <p>Until the password is changed, SCM accepts nothing else from {login}. The new one replaces the stored one at once.</p> : null}
      {listed.length === 0 ? null : (
        <div className="error-summary" role="alert" tabIndex={-1} ref={summary} aria-labelledby={idOf('summary')}>
          <h3 id={idOf('summary')}>Check {listed.length === 1 ? 'this field' : `these ${listed.length} fields`}</h3>
          <ul>
            {listed.map((name) => (
              <li key={name}>
                <a
                  href={`#${idOf(name)}`}
                  onClick={(event) => {
                    event.preventDefault();
                    inputs[name].current?.focus();
                  }}
                >
                  {labels[name]}: {problems[name]}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <fieldset>
        <legend>New password</legend>
        <label className="choice">
          <input type="radio" name={idOf('mode')} checked={mode === 'generate'} onChange={() => setMode('generate')} />
          {keychain
            ? 'Generate a strong password (recommended for API admins): it goes into the keychain and is never shown'
            : 'Generate a strong password and show it to me once: there is no keychain here to keep it'}
        </label>
        <label className="choice">
          <input type="radio" name={idOf('mode')} checked={mode === 'type'} onChange={() => setMode('type')} />
          Type a new password
        </label>
      </fieldset>
      <div className="fields">
        {needsCurrent
          ? field(
              'currentPassword',
              practice
                ? 'In the sandbox this is the practice password shown under Sandbox below, unless you have changed it. The console asks for it so that only you can change the password.'
                : 'The password this profile signs in with now. The console asks for it so that only you, not a program on this computer, can change it.',
            )
          : null}
        {mode === 'type' ? (
          <>
            {field('newPassword', passwordPolicyText)}
            {field('again')}
            <p id={idOf('live')} className="field-hint" aria-live="polite">
              {live}
            </p>
          </>
        ) : null}
        {needsCurrent ? (
          <label className="choice">
            <input type="checkbox" checked={reveal} onChange={(event) => setReveal(event.target.checked)} />
            Show what I type
          </label>
        ) : null}
      </div>
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
