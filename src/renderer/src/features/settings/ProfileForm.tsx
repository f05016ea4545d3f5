import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { fieldErrorsOf } from '../../../../shared/fieldErrors';
import { authKindLabels, authKinds, normaliseHost, profileInputSchema, type AuthKind, type ProfileView } from '../../../../shared/profiles';
import type { AppError, FieldError } from '../../../../shared/result';
import { useSessionStore, type ProfileForm as ProfileFormValues } from '../session/store';
import { ErrorMessage } from '../../ui/ErrorMessage';

interface Fields {
  name: string;
  host: string;
  customerUri: string;
  login: string;
  authKind: AuthKind;
  clientId: string;
  tokenUrl: string;
  certificate: string;
}

type FieldName = keyof Omit<Fields, 'authKind'> | 'secret' | 'storedSecret';
const fieldNames: readonly FieldName[] = ['name', 'host', 'customerUri', 'login', 'clientId', 'tokenUrl', 'certificate', 'secret', 'storedSecret'];

const fieldLabels: Record<FieldName, string> = {
  name: 'Name',
  host: 'Host',
  customerUri: 'Customer URI',
  login: 'Login',
  clientId: 'OAuth2 client ID',
  tokenUrl: 'Token URL',
  certificate: 'Client certificate',
  secret: 'Secret',
  storedSecret: 'The stored secret',
};

/** The longest secret SCM takes; a longer one is refused before it is sent. */
const maxSecretLength = 16 * 1024;

/** The parts of a profile that name the account its secret belongs to. */
function accountOf(fields: Fields): string {
  const host = normaliseHost(fields.host);
  return JSON.stringify(['origin' in host ? host.origin : fields.host.trim(), fields.customerUri.trim(), fields.login.trim(), fields.authKind === 'oauth2' ? fields.clientId.trim() : '', fields.authKind === 'oauth2' ? fields.tokenUrl.trim() : '']);
}

/** Every problem the form can see before sending, all at once, each worded as what to do. */
function problemsOf(fields: Fields, secret: string): FieldError[] {
  const parsed = profileInputSchema.safeParse(valuesOf(fields));
  const problems = parsed.success ? [] : fieldErrorsOf(parsed.error);
  const label = secretLabels[fields.authKind].toLowerCase();
  if (secret.length > maxSecretLength) problems.push({ field: 'secret', message: `Enter at most ${maxSecretLength.toLocaleString('en')} characters: this is longer than any ${label} SCM takes.` });
  return problems;
}

const secretLabels: Record<AuthKind, string> = {
  password: 'Password',
  certificate: 'Private key (PEM)',
  oauth2: 'Client secret',
};

const newProfile: Fields = { name: '', host: 'cert-manager.com', customerUri: '', login: '', authKind: 'password', clientId: '', tokenUrl: '', certificate: '' };

function fieldsOf(profile: ProfileView): Fields {
  return {
    name: profile.name,
    host: profile.host,
    customerUri: profile.customerUri,
    login: profile.login,
    authKind: profile.authKind,
    clientId: profile.clientId ?? '',
    tokenUrl: profile.tokenUrl ?? '',
    certificate: profile.certificate ?? '',
  };
}

function valuesOf(fields: Fields): ProfileFormValues {
  return {
    name: fields.name,
    host: fields.host,
    customerUri: fields.customerUri,
    login: fields.login,
    authKind: fields.authKind,
    ...(fields.authKind === 'oauth2' ? { clientId: fields.clientId, ...(fields.tokenUrl.trim() === '' ? {} : { tokenUrl: fields.tokenUrl }) } : {}),
    ...(fields.authKind === 'certificate' && fields.certificate.trim() !== '' ? { certificate: fields.certificate } : {}),
  };
}

interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  error: string | undefined;
  children: (describedBy: string | undefined, invalid: boolean) => ReactNode;
}

/** A labelled control with its hint and, when main refused it, the reason beside it. */
function Field({ id, label, hint, error, children }: FieldProps) {
  const describedBy = [hint === undefined ? undefined : `${id}-hint`, error === undefined ? undefined : `${id}-error`].filter((part) => part !== undefined).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(describedBy === '' ? undefined : describedBy, error !== undefined)}
      {hint === undefined ? null : (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {error === undefined ? null : (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

interface ProfileFormProps {
  /** The profile to edit; null to add one. */
  profileId: string | null;
  onClose: () => void;
}

/**
 * Adds or edits a connection profile. The secret field is never bound to state:
 * its value is read once on Save, the field is emptied at once, and the value
 * goes to main with `profilesSetSecret`. From then on the form shows only
 * whether a secret is stored.
 */
export function ProfileForm({ profileId, onClose }: ProfileFormProps) {
  const createProfile = useSessionStore((state) => state.createProfile);
  const updateProfile = useSessionStore((state) => state.updateProfile);
  const forgetSecret = useSessionStore((state) => state.forgetSecret);
  const secretStore = useSessionStore((state) => state.secretStore);
  const [id, setId] = useState(profileId);
  const view = useSessionStore((state) => state.profiles.find((profile) => profile.id === id));
  const [fields, setFields] = useState<Fields>(() => (view === undefined ? newProfile : fieldsOf(view)));
  const [replacing, setReplacing] = useState(false);
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState('');
  const [formError, setFormError] = useState<AppError | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldError[]>([]);
  const [retypeSecret, setRetypeSecret] = useState(false);
  const [storedSecret, setStoredSecret] = useState<'keep' | 'forget' | null>(null);
  const summary = useRef<HTMLDivElement>(null);
  const secretInput = useRef<HTMLInputElement | HTMLTextAreaElement | null>(null);
  const base = useId();
  const idOf = (part: FieldName | 'title' | 'method' | 'secret-state' | 'summary'): string => `${base}-${part}`;
  const nameInput = useRef<HTMLInputElement>(null);

  useEffect(() => nameInput.current?.focus(), []);

  const errorFor = (field: FieldName): string | undefined => fieldErrors.find((problem) => problem.field === field)?.message;
  const set = <K extends keyof Fields>(key: K, value: Fields[K]): void => setFields((current) => ({ ...current, [key]: value }));

  /** Shows every problem on its field and in a summary that takes the focus; anything else above the form. */
  const showProblems = (problems: FieldError[], error: AppError | null): void => {
    const known = problems.flatMap((problem) => {
      const field = fieldNames.find((name) => name === problem.field || `profile.${name}` === problem.field);
      return field === undefined ? [] : [{ field, message: problem.message }];
    });
    if (known.some((problem) => problem.field === 'secret')) setReplacing(true);
    setFieldErrors(known);
    setFormError(known.length > 0 && known.length === problems.length ? null : error);
    if (known.length > 0) window.setTimeout(() => summary.current?.focus(), 0);
  };

  const secretLabel = secretLabels[fields.authKind];
  const secretKept = view !== undefined && (view.secret === 'stored' || view.secret === 'session');
  const methodChanged = view !== undefined && view.kind === 'scm' && view.authKind !== fields.authKind;
  const accountChanged = view !== undefined && view.kind === 'scm' && !methodChanged && accountOf(fieldsOf(view)) !== accountOf(fields);
  const showSecretInput = !secretKept || replacing || methodChanged;
  const askAboutStoredSecret = secretKept && accountChanged && !replacing;

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (saving) return;
    // The secret leaves the page's fields now, whatever happens next.
    const secret = secretInput.current?.value ?? '';
    if (secretInput.current !== null) secretInput.current.value = '';
    setStatus('');
    setRetypeSecret(false);
    const problems = problemsOf(fields, secret);
    if (askAboutStoredSecret && storedSecret === null) {
      problems.push({ field: 'storedSecret', message: `Choose whether the stored ${secretLabel.toLowerCase()} still belongs to this account.` });
    }
    if (problems.length > 0) {
      setRetypeSecret(secret !== '');
      showProblems(problems, null);
      return;
    }
    setSaving(true);
    setFormError(null);
    setFieldErrors([]);
    const typed = secret === '' ? undefined : secret;
    const saved =
      id === null
        ? await createProfile(valuesOf(fields), typed)
        : await updateProfile(id, valuesOf(fields), {
            ...(typed === undefined ? {} : { secret: typed }),
            ...(askAboutStoredSecret && storedSecret !== null ? { storedSecret } : {}),
          });
    setSaving(false);
    if (!saved.ok) {
      setRetypeSecret(secret !== '');
      showProblems(saved.error.fields ?? (saved.error.field === undefined ? [] : [{ field: saved.error.field, message: saved.error.message }]), saved.error);
      return;
    }
    const kept = saved.value.secret === 'stored' ? 'in the keychain' : 'in memory for this session only';
    setStatus(
      typed !== undefined
        ? `Saved, with the ${secretLabel.toLowerCase()} ${kept}.`
        : askAboutStoredSecret && storedSecret === 'forget'
          ? `Saved. The stored ${secretLabels[view!.authKind].toLowerCase()} was forgotten.`
          : methodChanged && secretKept
            ? `Saved. The stored ${secretLabels[view!.authKind].toLowerCase()} was removed, as ${authKindLabels[fields.authKind].toLowerCase()} sign-in does not use it.`
            : saved.value.secret === 'missing' && saved.value.kind === 'scm'
              ? `Saved, without a ${secretLabel.toLowerCase()}: add it before you sign in.`
              : 'Saved.',
    );
    setId(saved.value.id);
    setFields(fieldsOf(saved.value));
    setStoredSecret(null);
    setReplacing(false);
  };

  const forget = async (): Promise<void> => {
    if (id === null) return;
    setStatus('');
    const result = await forgetSecret(id);
    if (result.ok) {
      setStatus(`The ${secretLabels[fields.authKind].toLowerCase()} was forgotten.`);
      setReplacing(false);
    } else showProblems([], result.error);
  };

  const secretHint =
    secretStore === 'keychain'
      ? 'Goes straight into the keychain when you save; it is never shown again.'
      : 'No keychain is reachable: the secret is kept in memory for this session only and never written to disk.';

  return (
    <form className="panel profile-form" aria-labelledby={idOf('title')} onSubmit={(event) => void save(event)} onKeyDown={(event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        onClose();
      }
    }} noValidate>
      <h3 id={idOf('title')}>{id === null ? 'Add a profile' : `Edit “${view?.name ?? fields.name}”`}</h3>
      {fieldErrors.length === 0 ? null : (
        <div className="error-summary" role="alert" tabIndex={-1} ref={summary} aria-labelledby={idOf('summary')}>
          <h4 id={idOf('summary')}>{fieldErrors.length === 1 ? 'Check this field; nothing was saved' : `Check these ${fieldErrors.length} fields; nothing was saved`}</h4>
          <ul>
            {fieldErrors.map((problem) => (
              <li key={problem.field}>
                <a
                  href={`#${idOf(problem.field as FieldName)}`}
                  onClick={(event) => {
                    event.preventDefault();
                    document.getElementById(idOf(problem.field as FieldName))?.focus();
                  }}
                >
                  {problem.field === 'secret' ? secretLabel : fieldLabels[problem.field as FieldName]}: {problem.message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {formError === null ? null : <ErrorMessage error={formError} />}
      <Field id={idOf('name')} label="Name" hint="Any name you will recognise, for example “University – SSL API”." error={errorFor('name')}>
        {(describedBy, invalid) => <input ref={nameInput} id={idOf('name')} value={fields.name} onChange={(event) => set('name', event.target.value)} aria-describedby={describedBy} aria-invalid={invalid} autoComplete="off" />}
      </Field>
      <Field id={idOf('host')} label="Host" hint="The SCM instance from your SCM login address; cert-manager.com for most." error={errorFor('host')}>
        {(describedBy, invalid) => (
          <input id={idOf('host')} value={fields.host} placeholder="cert-manager.com" onChange={(event) => set('host', event.target.value)} aria-describedby={describedBy} aria-invalid={invalid} autoComplete="off" spellCheck={false} />
        )}
      </Field>
      <Field id={idOf('customerUri')} label="Customer URI" hint="The part after /customer/ in your SCM login address." error={errorFor('customerUri')}>
        {(describedBy, invalid) => (
          <input id={idOf('customerUri')} value={fields.customerUri} onChange={(event) => set('customerUri', event.target.value)} aria-describedby={describedBy} aria-invalid={invalid} autoComplete="off" spellCheck={false} />
        )}
      </Field>
      <Field id={idOf('login')} label="Login" error={errorFor('login')}>
        {(describedBy, invalid) => (
          <input id={idOf('login')} value={fields.login} onChange={(event) => set('login', event.target.value)} aria-describedby={describedBy} aria-invalid={invalid} autoComplete="off" spellCheck={false} />
        )}
      </Field>
      <fieldset className="field">
        <legend>Sign-in method</legend>
        {authKinds.map((kind) => (
          <label key={kind} className="choice">
            <input type="radio" name={idOf('method')} value={kind} checked={fields.authKind === kind} onChange={() => set('authKind', kind)} />
            {authKindLabels[kind]}
          </label>
        ))}
      </fieldset>
      {fields.authKind === 'oauth2' ? (
        <>
          <Field id={idOf('clientId')} label="OAuth2 client ID" error={errorFor('clientId')}>
            {(describedBy, invalid) => (
              <input id={idOf('clientId')} value={fields.clientId} onChange={(event) => set('clientId', event.target.value)} aria-describedby={describedBy} aria-invalid={invalid} autoComplete="off" spellCheck={false} />
            )}
          </Field>
          <Field id={idOf('tokenUrl')} label="Token URL (optional)" hint="Leave empty to use Sectigo’s token service." error={errorFor('tokenUrl')}>
            {(describedBy, invalid) => (
              <input id={idOf('tokenUrl')} value={fields.tokenUrl} onChange={(event) => set('tokenUrl', event.target.value)} aria-describedby={describedBy} aria-invalid={invalid} autoComplete="off" spellCheck={false} />
            )}
          </Field>
        </>
      ) : null}
      {fields.authKind === 'certificate' ? (
        <Field
          id={idOf('certificate')}
          label="Client certificate (PEM)"
          hint={view?.certificateSummary === undefined ? 'The admin’s certificate, from -----BEGIN CERTIFICATE----- to its end. It is public and kept in the profile.' : `Current: ${view.certificateSummary}.`}
          error={errorFor('certificate')}
        >
          {(describedBy, invalid) => (
            <textarea id={idOf('certificate')} rows={6} value={fields.certificate} onChange={(event) => set('certificate', event.target.value)} aria-describedby={describedBy} aria-invalid={invalid} spellCheck={false} />
          )}
        </Field>
      ) : null}

      {showSecretInput ? (
        <Field id={idOf('secret')} label={secretLabel} hint={retypeSecret ? `${secretHint} It was cleared when you pressed Save: type it again.` : secretHint} error={errorFor('secret')}>
          {(describedBy, invalid) =>
            fields.authKind === 'certificate' ? (
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
                key={fields.authKind}
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
            <span id={idOf('secret-state')}>{secretLabel}</span>: <strong>{view?.secret === 'session' ? 'kept for this session only' : 'stored'}</strong>
          </p>
          <p className="form-actions">
            <button
              type="button"
              onClick={() => {
                setReplacing(true);
                setStatus('');
                window.setTimeout(() => secretInput.current?.focus(), 0);
              }}
            >
              Replace
            </button>
            <button type="button" onClick={() => void forget()}>
              Forget
            </button>
          </p>
        </div>
      )}
      {replacing && secretKept && !methodChanged ? (
        <p>
          <button type="button" onClick={() => setReplacing(false)}>
            Keep the stored {secretLabel.toLowerCase()}
          </button>
        </p>
      ) : null}
      {methodChanged && secretKept ? (
        <p className="warning">
          Saving removes the stored {secretLabels[view.authKind].toLowerCase()} from {view.secret === 'stored' ? 'the keychain' : 'memory'}:{' '}
          {authKindLabels[fields.authKind].toLowerCase()} sign-in does not use it.
        </p>
      ) : null}
      {askAboutStoredSecret ? (
        <fieldset className="field stored-secret" aria-describedby={errorFor('storedSecret') === undefined ? `${idOf('storedSecret')}-hint` : `${idOf('storedSecret')}-hint ${idOf('storedSecret')}-error`}>
          <legend>The stored {secretLabel.toLowerCase()}</legend>
          <p id={`${idOf('storedSecret')}-hint`} className="field-hint">
            You changed the account this profile signs in to. Does the stored {secretLabel.toLowerCase()} still belong to it?
          </p>
          {errorFor('storedSecret') === undefined ? null : (
            <p id={`${idOf('storedSecret')}-error`} className="field-error">
              {errorFor('storedSecret')}
            </p>
          )}
          <label className="choice">
            <input id={idOf('storedSecret')} type="radio" name={idOf('storedSecret')} checked={storedSecret === 'keep'} onChange={() => setStoredSecret('keep')} />
            Keep it: I only corrected a mistake, it is still this account’s {secretLabel.toLowerCase()}
          </label>
          <label className="choice">
            <input type="radio" name={idOf('storedSecret')} checked={storedSecret === 'forget'} onChange={() => setStoredSecret('forget')} />
            Forget it: this is another admin or tenant
          </label>
          <p>
            <button type="button" className="link-button" onClick={() => setReplacing(true)}>
              Type the new account’s {secretLabel.toLowerCase()} instead
            </button>
          </p>
        </fieldset>
      ) : null}

      <p className="form-actions">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save'}
        </button>
        <button type="button" onClick={onClose}>
          {id === null ? 'Cancel' : 'Close'}
        </button>
      </p>
      <p className="status" role="status" aria-live="polite">
        {status}
      </p>
    </form>
  );
}
