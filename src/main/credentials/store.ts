/**
 * The secrets a profile may have: one per sign-in method, and a password on
 * its way in (`next-password`), kept while SCM is asked to take it so that a
 * change whose answer was lost can still be finished.
 */
export const secretKinds = ['password', 'private-key', 'client-secret', 'next-password'] as const;
export type SecretKind = (typeof secretKinds)[number];

/**
 * Where profile secrets are kept: the OS keychain, or memory. Values go in and
 * come out only here; they never appear in an error.
 */
export interface CredentialStore {
  readonly kind: 'keychain' | 'memory';
  get(profileId: string, secret: SecretKind): Promise<string | undefined>;
  set(profileId: string, secret: SecretKind, value: string): Promise<void>;
  /** Succeeds when there is nothing to delete. */
  delete(profileId: string, secret: SecretKind): Promise<void>;
  /** Every entry this app keeps. */
  list(): Promise<{ profileId: string; secret: SecretKind }[]>;
}

export type CredentialStoreFailure = 'unavailable' | 'locked' | 'invalid' | 'failed';

/** The keychain could not do what was asked. The message says what to do and never holds a secret. */
export class CredentialStoreError extends Error {
  constructor(
    readonly reason: CredentialStoreFailure,
    message: string,
  ) {
    super(message);
    this.name = 'CredentialStoreError';
  }
}

const profileIdPattern = /^[a-z0-9-]{1,64}$/;
export const maxSecretLength = 16 * 1024;

export function checkKey(profileId: string, secret: string): asserts secret is SecretKind {
  if (!profileIdPattern.test(profileId)) throw new CredentialStoreError('invalid', 'Not a profile id.');
  if (!(secretKinds as readonly string[]).includes(secret)) throw new CredentialStoreError('invalid', 'Not a kind of secret the console keeps.');
}

export function checkValue(value: string): void {
  if (typeof value !== 'string' || value === '') throw new CredentialStoreError('invalid', 'The secret is empty.');
  if (value.length > maxSecretLength) throw new CredentialStoreError('invalid', `The secret is longer than ${maxSecretLength} characters.`);
}

/** The account name under the app's service: `profile:secret`. */
export function accountName(profileId: string, secret: SecretKind): string {
  return `${profileId}:${secret}`;
}

export function parseAccount(account: string): { profileId: string; secret: SecretKind } | undefined {
  const [profileId = '', secret = '', ...rest] = account.split(':');
  if (rest.length > 0 || !profileIdPattern.test(profileId) || !(secretKinds as readonly string[]).includes(secret)) return undefined;
  return { profileId, secret: secret as SecretKind };
}
