import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { authKinds, type AuthKind } from '../../../../shared/profiles';
import type { AppError } from '../../../../shared/result';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { Field } from '../../ui/Field';
import { StatusMessage } from '../../ui/StatusMessage';
import { useSessionStore } from '../session/store';
import { problemText } from './problemText';
import {
  accountOf,
  newProfile,
  problemFields,
  profileOf,
  profileResolver,
  refusalOf,
  secretErrorName,
  valuesOf,
  wordingOf,
  type ProblemField,
  type ProfileValues,
  type SaveChecks,
} from './profileFormSchema';

/** What the last save or forget did, kept as what it means so that it follows a change of language. */
type Outcome =
  | { kind: 'savedWith'; secret: AuthKind; where: 'keychain' | 'session' }
  | { kind: 'savedForgotten'; secret: AuthKind }
  | { kind: 'savedRemoved'; secret: AuthKind; method: AuthKind }
  | { kind: 'savedWithout'; secret: AuthKind }
  | { kind: 'saved' }
  | { kind: 'forgotten'; secret: AuthKind };

function outcomeText(outcome: Outcome, t: TFunction): string {
  switch (outcome.kind) {
    case 'saved':
      return t('common.saved');
    case 'savedWith':
      return t(`settings.form.secrets.${outcome.secret}.savedWith`, { where: t(`settings.form.keptIn.${outcome.where}`) });
    case 'savedRemoved':
      return t(`settings.form.secrets.${outcome.secret}.savedRemoved`, { method: t(`settings.methodsInText.${outcome.method}`) });
    default:
      return t(`settings.form.secrets.${outcome.secret}.${outcome.kind}`);
  }
}

interface ProfileFormProps {
  /** The profile to edit; null to add one. */
  profileId: string | null;
  onClose: () => void;
}

/**
 * Adds or edits a connection profile, on react-hook-form. The secret field is
 * never part of the form's state: its value is read once on Save, the field
 * is emptied at once, and the value goes to main with the profile. From then
 * on the form shows only whether a secret is stored.
 */
export function ProfileForm({ profileId, onClose }: ProfileFormProps) {
  const { t } = useTranslation();
  const createProfile = useSessionStore((state) => state.createProfile);
  const updateProfile = useSessionStore((state) => state.updateProfile);
  const forgetSecret = useSessionStore((state) => state.forgetSecret);
  const secretStore = useSessionStore((state) => state.secretStore);
  const [id, setId] = useState(profileId);
  const view = useSessionStore((state) => state.profiles.find((profile) => profile.id === id));
  // One object for the form's whole life, filled in as Save is pressed: the checks read it during that very submit.
  const checks = useRef<SaveChecks>({ secretLength: 0, askAboutStoredSecret: false });
  const { register, handleSubmit, reset, watch, setError, setFocus, formState } = useForm<ProfileValues, SaveChecks, ProfileValues>({
    defaultValues: view === undefined ? newProfile : valuesOf(view),
    resolver: profileResolver,
    context: checks.current,
    // Problems stay as Save found them until the next Save, as the summary lists them.
    mode: 'onSubmit',
    reValidateMode: 'onSubmit',
    // The summary takes the focus, not the first field.
    shouldFocusError: false,
  });
  const [replacing, setReplacing] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [formError, setFormError] = useState<AppError | null>(null);
  const [retypeSecret, setRetypeSecret] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  const focusSummary = useRef(false);
  const secretInput = useRef<HTMLInputElement | HTMLTextAreaElement | null>(null);
  const base = useId();
  const idOf = (part: ProblemField | 'title' | 'secret-state'): string => `${base}-${part}`;

  useEffect(() => setFocus('name'), [setFocus]);

  const values = watch();
  const authKind = values.authKind;
  const problemOf = (field: ProblemField) => wordingOf(field === 'secret' ? formState.errors.root?.secret : formState.errors[field]);
  const errorFor = (field: ProblemField): string | undefined => {
    const problem = problemOf(field);
    return problem === undefined ? undefined : problemText(problem, t);
  };
  const problems = problemFields.filter((field) => problemOf(field) !== undefined);

  // After a Save that found problems, the summary takes the focus once it is there.
  useEffect(() => {
    if (focusSummary.current && summary.current !== null) {
      focusSummary.current = false;
      summary.current.focus();
    }
  });

  const secretKept = view !== undefined && (view.secret === 'stored' || view.secret === 'session');
  const methodChanged = view !== undefined && view.kind === 'scm' && view.authKind !== authKind;
  const accountChanged = view !== undefined && view.kind === 'scm' && !methodChanged && accountOf(valuesOf(view)) !== accountOf(values);
  const showSecretInput = !secretKept || replacing || methodChanged;
  const askAboutStoredSecret = secretKept && accountChanged && !replacing;
  const secretTexts = (kind: AuthKind) => `settings.form.secrets.${kind}` as const;
  const secretLabel = t(`${secretTexts(authKind)}.label`);

  const labelOf = (field: ProblemField): string => {
    if (field === 'secret') return secretLabel;
    if (field === 'storedSecret') return t(`${secretTexts(authKind)}.question`);
    if (field === 'authKind') return t('settings.form.method');
    if (field === 'certificate') return t('settings.form.certificate');
    return t(`settings.form.${field}`);
  };
  const targetOf = (field: ProblemField): string => (field === 'authKind' ? `${idOf('authKind')}-${authKind}` : idOf(field));

  /** Shows main's refusal: each field's problem on its field and in the summary; anything else above the form. */
  const showRefusal = (error: AppError): void => {
    const { problems: refused, elsewhere } = refusalOf(error);
    for (const [field, problem] of refused) setError(field === 'secret' ? secretErrorName : field, problem);
    if (refused.some(([field]) => field === 'secret')) setReplacing(true);
    setFormError(elsewhere ? error : null);
    focusSummary.current = refused.length > 0;
  };

  const send = async (profile: ProfileValues, secret: string, asked: boolean): Promise<void> => {
    const typed = secret === '' ? undefined : secret;
    const storedSecret = asked && profile.storedSecret !== '' ? profile.storedSecret : undefined;
    const saved =
      id === null
        ? await createProfile(profileOf(profile), typed)
        : await updateProfile(id, profileOf(profile), { ...(typed === undefined ? {} : { secret: typed }), ...(storedSecret === undefined ? {} : { storedSecret }) });
    if (!saved.ok) {
      setRetypeSecret(typed !== undefined);
      showRefusal(saved.error);
      return;
    }
    setOutcome(
      typed !== undefined
        ? { kind: 'savedWith', secret: profile.authKind, where: saved.value.secret === 'stored' ? 'keychain' : 'session' }
        : storedSecret === 'forget' && view !== undefined
          ? { kind: 'savedForgotten', secret: view.authKind }
          : methodChanged && secretKept
            ? { kind: 'savedRemoved', secret: view.authKind, method: profile.authKind }
            : saved.value.secret === 'missing' && saved.value.kind === 'scm'
              ? { kind: 'savedWithout', secret: profile.authKind }
              : { kind: 'saved' },
    );
    setId(saved.value.id);
    reset(valuesOf(saved.value));
    setReplacing(false);
  };

  const save = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (formState.isSubmitting) return;
    // The secret leaves the page's fields now, whatever happens next.
    const secret = secretInput.current?.value ?? '';
    if (secretInput.current !== null) secretInput.current.value = '';
    setOutcome(null);
    setRetypeSecret(false);
    setFormError(null);
    const asked = askAboutStoredSecret;
    checks.current.secretLength = secret.length;
    checks.current.askAboutStoredSecret = asked;
    void handleSubmit(
      (profile) => send(profile, secret, asked),
      (found) => {
        setRetypeSecret(secret !== '');
        if (found.root?.secret !== undefined) setReplacing(true);
        focusSummary.current = true;
      },
    )(event);
  };

  const forget = async (): Promise<void> => {
    if (id === null) return;
    setOutcome(null);
    const result = await forgetSecret(id);
    if (result.ok) {
      setOutcome({ kind: 'forgotten', secret: authKind });
      setReplacing(false);
    } else setFormError(result.error);
  };

  const secretHint = `${t(`settings.form.secretHint.${secretStore}`)}${retypeSecret ? ` ${t('settings.form.retype')}` : ''}`;
  const storedSecretError = errorFor('storedSecret');
  const methodError = errorFor('authKind');

  return (
    <form
      className="panel profile-form"
      aria-labelledby={idOf('title')}
      onSubmit={save}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onClose();
        }
      }}
      noValidate
    >
      <h3 id={idOf('title')}>{id === null ? t('settings.form.addTitle') : t('settings.form.editTitle', { name: view?.name ?? values.name })}</h3>
      <ErrorSummary
        ref={summary}
        title={t('settings.form.summary', { count: problems.length })}
        items={problems.map((field) => ({ id: targetOf(field), label: labelOf(field), message: errorFor(field) ?? '' }))}
      />
      {formError === null ? null : <ErrorMessage error={formError} />}
      <Field id={idOf('name')} label={t('settings.form.name')} hint={t('settings.form.nameHint')} error={errorFor('name')}>
        {(describedBy, invalid) => <input id={idOf('name')} {...register('name')} aria-describedby={describedBy} aria-invalid={invalid} autoComplete="off" />}
      </Field>
      <Field id={idOf('host')} label={t('settings.form.host')} hint={t('settings.form.hostHint')} error={errorFor('host')}>
        {(describedBy, invalid) => (
          <input id={idOf('host')} {...register('host')} placeholder="cert-manager.com" aria-describedby={describedBy} aria-invalid={invalid} autoComplete="off" spellCheck={false} />
        )}
      </Field>
      <Field id={idOf('customerUri')} label={t('settings.form.customerUri')} hint={t('settings.form.customerUriHint')} error={errorFor('customerUri')}>
        {(describedBy, invalid) => <input id={idOf('customerUri')} {...register('customerUri')} aria-describedby={describedBy} aria-invalid={invalid} autoComplete="off" spellCheck={false} />}
      </Field>
      <Field id={idOf('login')} label={t('settings.form.login')} error={errorFor('login')}>
        {(describedBy, invalid) => <input id={idOf('login')} {...register('login')} aria-describedby={describedBy} aria-invalid={invalid} autoComplete="off" spellCheck={false} />}
      </Field>
      <fieldset className="field" aria-describedby={methodError === undefined ? undefined : `${idOf('authKind')}-error`}>
        <legend>{t('settings.form.method')}</legend>
        {methodError === undefined ? null : (
          <p id={`${idOf('authKind')}-error`} className="field-error">
            {methodError}
          </p>
        )}
        {authKinds.map((kind) => (
          <label key={kind} className="choice">
            <input id={`${idOf('authKind')}-${kind}`} type="radio" value={kind} {...register('authKind')} />
            {t(`settings.methods.${kind}`)}
          </label>
        ))}
      </fieldset>
      {authKind === 'oauth2' ? (
        <>
          <Field id={idOf('clientId')} label={t('settings.form.clientId')} error={errorFor('clientId')}>
            {(describedBy, invalid) => <input id={idOf('clientId')} {...register('clientId')} aria-describedby={describedBy} aria-invalid={invalid} autoComplete="off" spellCheck={false} />}
          </Field>
          <Field id={idOf('tokenUrl')} label={t('settings.form.tokenUrl')} hint={t('settings.form.tokenUrlHint')} error={errorFor('tokenUrl')}>
            {(describedBy, invalid) => <input id={idOf('tokenUrl')} {...register('tokenUrl')} aria-describedby={describedBy} aria-invalid={invalid} autoComplete="off" spellCheck={false} />}
          </Field>
        </>
      ) : null}
      {authKind === 'certificate' ? (
        <Field
          id={idOf('certificate')}
          label={t('settings.form.certificate')}
          hint={view?.certificateSummary === undefined ? t('settings.form.certificateHint') : t('settings.form.certificateCurrent', { summary: view.certificateSummary })}
          error={errorFor('certificate')}
        >
          {(describedBy, invalid) => <textarea id={idOf('certificate')} rows={6} {...register('certificate')} aria-describedby={describedBy} aria-invalid={invalid} spellCheck={false} />}
        </Field>
      ) : null}

      {showSecretInput ? (
        <Field id={idOf('secret')} label={secretLabel} hint={secretHint} error={errorFor('secret')}>
          {(describedBy, invalid) =>
            authKind === 'certificate' ? (
              <textarea
                key="private-key"
                ref={(element) => {
                  secretInput.current = element;
                }}
                id={idOf('secret')}
                rows={6}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                autoComplete="off"
                spellCheck={false}
              />
            ) : (
              <input
                key={authKind}
                ref={(element) => {
                  secretInput.current = element;
                }}
                id={idOf('secret')}
                type="password"
                aria-describedby={describedBy}
                aria-invalid={invalid}
                autoComplete="off"
                spellCheck={false}
              />
            )
          }
        </Field>
      ) : (
        <div className="field secret-state" role="group" aria-labelledby={idOf('secret-state')}>
          <p>
            <span id={idOf('secret-state')}>{secretLabel}</span>:{' '}
            <strong>{view?.secret === 'session' ? t(`${secretTexts(authKind)}.keptForSession`) : t(`${secretTexts(authKind)}.stored`)}</strong>
          </p>
          <p className="form-actions">
            <button
              type="button"
              onClick={() => {
                setReplacing(true);
                setOutcome(null);
                window.setTimeout(() => secretInput.current?.focus(), 0);
              }}
            >
              {t('settings.form.replace')}
            </button>
            <button type="button" onClick={() => void forget()}>
              {t('settings.form.forget')}
            </button>
          </p>
        </div>
      )}
      {replacing && secretKept && !methodChanged ? (
        <p>
          <button type="button" onClick={() => setReplacing(false)}>
            {t(`${secretTexts(authKind)}.keepStored`)}
          </button>
        </p>
      ) : null}
      {methodChanged && secretKept ? (
        <p className="warning">
          {t(`${secretTexts(view.authKind)}.removesStored`, {
            from: t(`settings.form.removedFrom.${view.secret === 'stored' ? 'keychain' : 'session'}`),
            method: t(`settings.methodsInText.${authKind}`),
          })}
        </p>
      ) : null}
      {askAboutStoredSecret ? (
        <fieldset className="field stored-secret" aria-describedby={storedSecretError === undefined ? `${idOf('storedSecret')}-hint` : `${idOf('storedSecret')}-hint ${idOf('storedSecret')}-error`}>
          <legend>{t(`${secretTexts(authKind)}.question`)}</legend>
          <p id={`${idOf('storedSecret')}-hint`} className="field-hint">
            {t(`${secretTexts(authKind)}.questionHint`)}
          </p>
          {storedSecretError === undefined ? null : (
            <p id={`${idOf('storedSecret')}-error`} className="field-error">
              {storedSecretError}
            </p>
          )}
          <label className="choice">
            <input id={idOf('storedSecret')} type="radio" value="keep" {...register('storedSecret')} />
            {t(`${secretTexts(authKind)}.keep`)}
          </label>
          <label className="choice">
            <input type="radio" value="forget" {...register('storedSecret')} />
            {t(`${secretTexts(authKind)}.forgetIt`)}
          </label>
          <p>
            <button type="button" className="link-button" onClick={() => setReplacing(true)}>
              {t(`${secretTexts(authKind)}.typeNew`)}
            </button>
          </p>
        </fieldset>
      ) : null}

      <p className="form-actions">
        <button type="submit" className="primary" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? t('common.saving') : t('common.save')}
        </button>
        <button type="button" onClick={onClose}>
          {id === null ? t('common.cancel') : t('common.close')}
        </button>
      </p>
      <StatusMessage>{outcome === null ? '' : outcomeText(outcome, t)}</StatusMessage>
    </form>
  );
}
