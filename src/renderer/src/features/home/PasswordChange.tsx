import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { AppError } from '../../../../shared/result';
import { passwordPolicyGaps } from '../../../../shared/session';
import { errorText } from '../../lib/errors';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { Field } from '../../ui/Field';
import { useSessionStore, type PasswordChangeOutcome } from '../session/store';

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
type Values = Record<FieldName, string>;
const fieldOrder: readonly FieldName[] = ['currentPassword', 'newPassword', 'again'];
const empty: Values = { currentPassword: '', newPassword: '', again: '' };

/**
 * Changes the signed-in admin's own password. The current password is asked
 * for, as a script that can call the console cannot know it, except when a
 * generated password goes into the keychain unseen. Where there is no
 * keychain, a generated password comes back in the outcome, for the page
 * to show once (`ShownPassword`). The fields are react-hook-form's
 * uncontrolled inputs, reset the moment the change is sent.
 */
export function PasswordChange({ login, required, practice, onCancel, onChanged }: PasswordChangeProps) {
  const { t } = useTranslation();
  const changePassword = useSessionStore((state) => state.changePassword);
  const changing = useSessionStore((state) => state.changingPassword);
  const keychain = useSessionStore((state) => state.secretStore === 'keychain');
  const [mode, setMode] = useState<'generate' | 'type'>(keychain ? 'generate' : 'type');
  const [reveal, setReveal] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  const base = useId();
  const idOf = (part: string): string => `${base}-${part}`;
  const needsCurrent = mode === 'type' || !keychain;

  const needs = useMemo(() => (gaps: ReturnType<typeof passwordPolicyGaps>): string => gaps.map((gap) => t(`home.passwordChange.needs.${gap}`)).join(', '), [t]);
  // Every problem at once, each on its field, in the user's language.
  const schema = useMemo(
    () =>
      z
        .object({ currentPassword: z.string(), newPassword: z.string(), again: z.string() })
        .superRefine((values, context) => {
          if (needsCurrent && values.currentPassword === '') context.addIssue({ code: 'custom', path: ['currentPassword'], message: t('home.passwordChange.enterCurrent') });
          if (mode !== 'type') return;
          const gaps = passwordPolicyGaps(values.newPassword, login);
          if (values.newPassword === '') context.addIssue({ code: 'custom', path: ['newPassword'], message: t('home.passwordChange.enterNew') });
          else if (gaps.length > 0) context.addIssue({ code: 'custom', path: ['newPassword'], message: t('home.passwordChange.stillNeeds', { what: needs(gaps) }) });
          if (values.newPassword !== '' && values.again !== values.newPassword) context.addIssue({ code: 'custom', path: ['again'], message: t('home.passwordChange.typeSameAgain') });
        }),
    [needsCurrent, mode, login, t, needs],
  );
  const { register, handleSubmit, reset, watch, setError: setFieldError, formState } = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: empty,
    shouldFocusError: false,
    mode: 'onSubmit',
  });
  const problems = fieldOrder.filter((field) => formState.errors[field] !== undefined);

  useEffect(() => {
    if (!required) heading.current?.focus();
  }, [required]);

  const typed = watch('newPassword');
  const repeated = watch('again');
  const gaps = passwordPolicyGaps(typed, login);
  const live =
    typed === ''
      ? ''
      : gaps.length > 0
        ? t('home.passwordChange.stillNeeded', { what: needs(gaps) })
        : repeated !== '' && repeated !== typed
          ? t('home.passwordChange.notSame')
          : t('home.passwordChange.meetsPolicy');

  const submit = handleSubmit(
    async (values) => {
      if (changing) return;
      setError(null);
      // The passwords leave the page's fields now, whatever happens next.
      reset(empty);
      const result = await changePassword({
        ...(mode === 'type' ? { newPassword: values.newPassword } : {}),
        ...(needsCurrent ? { currentPassword: values.currentPassword } : {}),
      });
      if (!result.ok) {
        const field = result.error.field as FieldName | undefined;
        if (field !== undefined && fieldOrder.includes(field)) {
          setFieldError(field, { type: 'server', message: t('home.passwordChange.typeAgain', { message: errorText(result.error).message }) }, { shouldFocus: true });
        } else setError(result.error);
        return;
      }
      onChanged?.(result.value);
    },
    () => window.setTimeout(() => summary.current?.focus(), 0),
  );

  const field = (name: FieldName, label: string, hint?: string) => {
    const problem = formState.errors[name]?.message;
    return (
      <Field id={idOf(name)} label={label} hint={hint} error={problem}>
        {(describedBy, invalid) => (
          <input
            id={idOf(name)}
            type={reveal ? 'text' : 'password'}
            autoComplete={name === 'currentPassword' ? 'current-password' : 'new-password'}
            spellCheck={false}
            maxLength={name === 'currentPassword' ? 16 * 1024 : 64}
            aria-describedby={[describedBy, name === 'newPassword' ? idOf('live') : undefined].filter((part) => part !== undefined).join(' ') || undefined}
            aria-invalid={invalid}
            {...register(name)}
          />
        )}
      </Field>
    );
  };

  const labels: Record<FieldName, string> = {
    currentPassword: t('home.passwordChange.current'),
    newPassword: t('home.passwordChange.newPassword'),
    again: t('home.passwordChange.again'),
  };

  return (
    <form className="panel password-change" aria-labelledby={idOf('title')} onSubmit={(event) => void submit(event)} onKeyDown={(event) => event.key === 'Escape' && onCancel?.()} noValidate>
      <h2 id={idOf('title')} ref={heading} tabIndex={-1}>
        {required ? t('home.passwordChange.setNew') : t('home.passwordChange.change')}
      </h2>
      {required ? <p>{t('home.passwordChange.requiredLead', { login })}</p> : null}
      <ErrorSummary ref={summary} items={problems.map((name) => ({ id: idOf(name), label: labels[name], message: formState.errors[name]?.message ?? '' }))} />
      <fieldset>
        <legend>{t('home.passwordChange.newPassword')}</legend>
        <label className="choice">
          <input type="radio" name={idOf('mode')} checked={mode === 'generate'} onChange={() => setMode('generate')} />
          {keychain ? t('home.passwordChange.generateKeychain') : t('home.passwordChange.generateShown')}
        </label>
        <label className="choice">
          <input type="radio" name={idOf('mode')} checked={mode === 'type'} onChange={() => setMode('type')} />
          {t('home.passwordChange.typeNew')}
        </label>
      </fieldset>
      <div className="fields">
        {needsCurrent ? field('currentPassword', labels.currentPassword, practice ? t('home.passwordChange.currentHintPractice') : t('home.passwordChange.currentHint')) : null}
        {mode === 'type' ? (
          <>
            {field('newPassword', labels.newPassword, t('home.passwordChange.policy'))}
            {field('again', labels.again)}
            <p id={idOf('live')} className="field-hint" aria-live="polite">
              {live}
            </p>
          </>
        ) : null}
        {needsCurrent ? (
          <label className="choice">
            <input type="checkbox" checked={reveal} onChange={(event) => setReveal(event.target.checked)} />
            {t('home.passwordChange.reveal')}
          </label>
        ) : null}
      </div>
      <p className="form-actions">
        <button type="submit" className="primary" disabled={changing}>
          {changing ? t('home.passwordChange.changing') : t('home.passwordChange.submit')}
        </button>
        {onCancel === undefined ? null : (
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </p>
      {error === null ? null : <ErrorMessage error={error} />}
    </form>
  );
}
