import { zodResolver } from '@hookform/resolvers/zod';
import type { FieldErrors, FieldError as FormError, GlobalError, Resolver } from 'react-hook-form';
import { z } from 'zod';
import { describeIssue, withMessageKey, type Wording } from '../../../../shared/fieldErrors';
import { authKinds, normaliseHost, profileInputSchema, type AuthKind, type ProfileView } from '../../../../shared/profiles';
import { fieldErrorSchema, type AppError, type FieldError, type MessageParams } from '../../../../shared/result';
import { i18next } from '../../lib/i18n';
import type { ProfileForm as ProfileInput } from '../session/store';

/** What the profile form holds: the profile as typed, and the answer about a stored secret. Never the secret. */
export interface ProfileValues {
  name: string;
  host: string;
  customerUri: string;
  login: string;
  authKind: AuthKind;
  clientId: string;
  tokenUrl: string;
  certificate: string;
  /** Whether the stored secret still belongs to a changed account; '' until answered. */
  storedSecret: '' | 'keep' | 'forget';
}

/** Every field a problem can be shown on, in the order the form shows them. */
export const problemFields = ['name', 'host', 'customerUri', 'login', 'authKind', 'clientId', 'tokenUrl', 'certificate', 'secret', 'storedSecret'] as const;
export type ProblemField = (typeof problemFields)[number];

/**
 * The secret is no value of the form (it never enters its state), so its
 * problem is kept with the errors that belong to no registered field.
 */
export const secretErrorName = 'root.secret';

/** The longest secret SCM takes; a longer one is refused before it is sent. */
export const maxSecretLength = 16 * 1024;

export const newProfile: ProfileValues = { name: '', host: 'cert-manager.com', customerUri: '', login: '', authKind: 'password', clientId: '', tokenUrl: '', certificate: '', storedSecret: '' };

export function valuesOf(profile: ProfileView): ProfileValues {
  return {
    name: profile.name,
    host: profile.host,
    customerUri: profile.customerUri,
    login: profile.login,
    authKind: profile.authKind,
    clientId: profile.clientId ?? '',
    tokenUrl: profile.tokenUrl ?? '',
    certificate: profile.certificate ?? '',
    storedSecret: '',
  };
}

/** The profile as main takes it: only the fields its sign-in method uses. */
export function profileOf(values: ProfileValues): ProfileInput {
  return {
    name: values.name,
    host: values.host,
    customerUri: values.customerUri,
    login: values.login,
    authKind: values.authKind,
    ...(values.authKind === 'oauth2' ? { clientId: values.clientId, ...(values.tokenUrl.trim() === '' ? {} : { tokenUrl: values.tokenUrl }) } : {}),
    ...(values.authKind === 'certificate' && values.certificate.trim() !== '' ? { certificate: values.certificate } : {}),
  };
}

/** The parts of a profile that name the account its secret belongs to. */
export function accountOf(values: ProfileValues): string {
  const host = normaliseHost(values.host);
  return JSON.stringify([
    'origin' in host ? host.origin : values.host.trim(),
    values.customerUri.trim(),
    values.login.trim(),
    values.authKind === 'oauth2' ? values.clientId.trim() : '',
    values.authKind === 'oauth2' ? values.tokenUrl.trim() : '',
  ]);
}

/** What the checks need besides the values, known only when Save is pressed. */
export interface SaveChecks {
  secretLength: number;
  askAboutStoredSecret: boolean;
}

/** A problem as the form keeps it: react-hook-form's error, with the key and values that word it in the user's language. */
export type FormProblem = FormError & Wording;

/** A problem the form's own checks find, with its English from the catalogue as the message every problem carries. */
function ownProblem(type: string, key: string, params?: MessageParams): FormProblem {
  const english = Object.fromEntries(Object.entries(params ?? {}).map(([name, value]) => [name, typeof value === 'number' ? value.toLocaleString('en') : value]));
  return { type, key, message: i18next.getFixedT('en')(`validation.${key}` as never, english), ...(params === undefined ? {} : { params }) };
}

/** The form's values through the shared profile schema, as main will check them. */
const formSchema = z
  .object({
    name: z.string(),
    host: z.string(),
    customerUri: z.string(),
    login: z.string(),
    authKind: z.enum(authKinds),
    clientId: z.string(),
    tokenUrl: z.string(),
    certificate: z.string(),
    storedSecret: z.enum(['', 'keep', 'forget']),
  })
  .transform(profileOf)
  .pipe(profileInputSchema);

/**
 * Checks a profile as main will, every problem at once: the shared schema
 * through zodResolver, the secret's length, and the question about a stored
 * secret. zod's own problems are worded by `describeIssue`, whose key and
 * values the form keeps beside each message, so it can say them in the
 * user's language whenever it shows them.
 */
export const profileResolver: Resolver<ProfileValues, SaveChecks, ProfileValues> = async (values, checks, options) => {
  const wordings = new Map<string, Wording>();
  const wordIssue = (issue: Parameters<typeof describeIssue>[0]): string => {
    const wording = describeIssue(issue);
    wordings.set(wording.message, wording);
    return wording.message;
  };
  const checked = await zodResolver(formSchema, { error: wordIssue }, { raw: true })(values, checks, options);
  const errors: FieldErrors<ProfileValues> = {};
  for (const field of problemFields) {
    if (field === 'secret') continue;
    const error = checked.errors[field];
    if (error?.message !== undefined) errors[field] = { ...error, ...(wordings.get(error.message) ?? withMessageKey({ message: error.message })) } satisfies FormProblem;
  }
  if (checks !== undefined && checks.secretLength > maxSecretLength) {
    errors.root = { secret: ownProblem('too_big', `profile.secretTooLong.${values.authKind}`, { maximum: maxSecretLength }) };
  }
  if (checks?.askAboutStoredSecret === true && values.storedSecret === '') {
    errors.storedSecret = ownProblem('required', `profile.storedSecretUnanswered.${values.authKind}`);
  }
  return Object.keys(errors).length === 0 ? { values, errors: {} } : { values: {}, errors };
};

const wordingParts = fieldErrorSchema.pick({ key: true, params: true });

/** The wording of a problem the form keeps: react-hook-form keeps the object it was given, key and values with it. */
export function wordingOf(error: FormError | GlobalError | undefined): Wording | undefined {
  if (error === undefined || typeof error.message !== 'string') return undefined;
  const parts = wordingParts.safeParse(error);
  return { message: error.message, ...(parts.success ? parts.data : {}) };
}

/** A field main named, as the form calls it: `profile.name` and `name` are the same field. */
function formFieldOf(field: string): ProblemField | undefined {
  return problemFields.find((name) => name === field || `profile.${name}` === field);
}

/** Main's refusal of a save, sorted: the problems of fields the form shows, and whether anything else was refused. */
export function refusalOf(error: AppError): { problems: [ProblemField, FormProblem][]; elsewhere: boolean } {
  const fields: FieldError[] = error.fields ?? (error.field === undefined ? [] : [{ field: error.field, message: error.message }]);
  const problems = fields.flatMap((problem): [ProblemField, FormProblem][] => {
    const field = formFieldOf(problem.field);
    const { message, key, params } = withMessageKey(problem);
    return field === undefined ? [] : [[field, { type: 'refused', message, ...(key === undefined ? {} : { key }), ...(params === undefined ? {} : { params }) }]];
  });
  return { problems, elsewhere: problems.length === 0 || problems.length < fields.length };
}
