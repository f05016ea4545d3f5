import { createPrivateKey, X509Certificate } from 'node:crypto';
import { profileInputSchema, type AuthKind, type ProfileInput, type StoredProfile } from '../../../shared/profiles';
import { fieldErrorsOf } from '../../../shared/fieldErrors';
import type { FieldError } from '../../../shared/result';
import { maxSecretLength } from '../../credentials';

/** A refusal with a message for the form, and the fields it concerns: every one that needs correcting. */
export class ProfileError extends Error {
  readonly fields: FieldError[];

  constructor(
    message: string,
    readonly field?: string,
    fields?: FieldError[],
  ) {
    super(message);
    this.name = 'ProfileError';
    this.fields = fields ?? (field === undefined ? [] : [{ field, message }]);
  }

  /** One refusal for several fields, each with its own message. */
  static ofFields(fields: FieldError[]): ProfileError {
    const message = fields.length === 1 ? fields[0]!.message : `Check the ${fields.length} fields marked; nothing was saved.`;
    return new ProfileError(message, fields[0]?.field, fields);
  }
}

export const secretNames: Record<AuthKind, string> = { password: 'password', certificate: 'private key', oauth2: 'client secret' };

/** Why a secret cannot be kept for a sign-in method, or null: in English, and as a key the interface words. */
export function secretProblem(value: string, authKind: AuthKind): Omit<FieldError, 'field'> | null {
  if (value === '') return { message: `Enter the ${secretNames[authKind]}.`, key: `profile.secretMissing.${authKind}` };
  if (value.length > maxSecretLength) {
    return {
      message: `Enter at most ${maxSecretLength.toLocaleString('en')} characters: this is longer than any ${secretNames[authKind]} SCM takes.`,
      key: `profile.secretTooLong.${authKind}`,
      params: { maximum: maxSecretLength },
    };
  }
  return authKind === 'certificate' ? privateKeyProblem(value) : null;
}

/** What changed of the account, for the question about its secret: "login", "host and login"... */
export function changedParts(a: StoredProfile, b: StoredProfile): string {
  const parts = [
    a.host !== b.host ? 'host' : undefined,
    a.customerUri !== b.customerUri ? 'customer URI' : undefined,
    a.login !== b.login ? 'login' : undefined,
    a.clientId !== b.clientId ? 'client ID' : undefined,
    a.tokenUrl !== b.tokenUrl ? 'token URL' : undefined,
  ].filter((part): part is string => part !== undefined);
  return parts.length <= 1 ? (parts[0] ?? 'account') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** The fields that name the account a secret belongs to. */
export function sameAccount(a: StoredProfile, b: Pick<StoredProfile, 'host' | 'customerUri' | 'login' | 'clientId' | 'tokenUrl'>): boolean {
  return a.host === b.host && a.customerUri === b.customerUri && a.login === b.login && a.clientId === b.clientId && a.tokenUrl === b.tokenUrl;
}

/**
 * Why a pasted private key cannot sign in, or null when it can. Node reads the
 * key itself; its own error text is not passed on, as it could quote the key.
 */
function privateKeyProblem(value: string): Omit<FieldError, 'field'> | null {
  // PKCS#8 and the older OpenSSL format each mark an encrypted key in its header.
  if (/^-+BEGIN ENCRYPTED /m.test(value) || /^Proc-Type: 4,ENCRYPTED/m.test(value)) {
    return {
      message: 'The private key is protected by a passphrase, which the console cannot keep. Export it without one (openssl pkey -in key.pem -out plain-key.pem) and paste that.',
      key: 'profile.privateKeyEncrypted',
    };
  }
  try {
    createPrivateKey(value);
    return null;
  } catch {
    return { message: 'The private key could not be read. Paste the whole key in PEM form, as exported with the admin’s certificate.', key: 'profile.privateKeyUnreadable' };
  }
}

export function summariseCertificate(pem: string | undefined): string | undefined {
  if (pem === undefined) return undefined;
  try {
    const certificate = new X509Certificate(pem);
    const subject = certificate.subject.split('\n').find((part) => part.startsWith('CN=')) ?? certificate.subject.split('\n')[0] ?? '';
    return `${subject.replace(/^CN=/, '')}, valid until ${new Date(certificate.validTo).toISOString().slice(0, 10)}`;
  } catch {
    return 'not a readable certificate';
  }
}

/** A profile's connection fields as they are kept, once every check has passed. */
export type ProfileFields = Pick<StoredProfile, 'name' | 'host' | 'customerUri' | 'login' | 'authKind' | 'clientId' | 'tokenUrl' | 'certificate'>;

/**
 * Every problem with a profile as typed, at once: the fields, a name in use
 * (`names` holds the other profiles' names in lower case), an unreadable
 * certificate, and the secret that comes with it.
 */
export function validateProfile(input: ProfileInput, names: ReadonlySet<string>, secret?: string): ProfileFields {
  const parsed = profileInputSchema.safeParse(input);
  const problems: FieldError[] = parsed.success ? [] : fieldErrorsOf(parsed.error);
  const fieldHas = (field: string) => problems.some((problem) => problem.field === field);
  const name = typeof input.name === 'string' ? input.name.normalize('NFC').trim() : '';
  if (!fieldHas('name') && names.has(name.toLowerCase())) {
    problems.push({ field: 'name', message: `A profile called “${name}” exists already. Choose another name.`, key: 'profile.nameTaken', params: { name: name.slice(0, 100) } });
  }
  if (parsed.success && parsed.data.certificate !== undefined && summariseCertificate(parsed.data.certificate) === 'not a readable certificate') {
    problems.push({ field: 'certificate', message: 'The certificate could not be read. Paste the whole PEM block, from -----BEGIN CERTIFICATE----- to its end.', key: 'profile.certificateUnreadable' });
  }
  if (secret !== undefined && !fieldHas('authKind')) {
    const problem = secretProblem(secret, input.authKind);
    if (problem !== null) problems.push({ field: 'secret', ...problem });
  }
  if (!parsed.success || problems.length > 0) throw ProfileError.ofFields(problems);
  const value = parsed.data;
  return {
    name: value.name,
    host: value.host,
    customerUri: value.customerUri,
    login: value.login,
    authKind: value.authKind,
    ...(value.authKind === 'oauth2' ? { clientId: value.clientId!, ...(value.tokenUrl === undefined || value.tokenUrl.trim() === '' ? {} : { tokenUrl: value.tokenUrl.trim() }) } : {}),
    ...(value.authKind === 'certificate' ? { certificate: value.certificate!.trim() } : {}),
  };
}

/** Checks a login typed for the Sandbox profile, which keeps its tenant and changes only the admin it practises as. */
export function validateSandboxLogin(login: string): string {
  const parsed = profileInputSchema.shape.login.safeParse(login);
  if (!parsed.success) throw ProfileError.ofFields(fieldErrorsOf(parsed.error).map((problem) => ({ ...problem, field: 'login' })));
  return parsed.data;
}
