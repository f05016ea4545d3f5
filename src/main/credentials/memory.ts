import { accountName, checkKey, checkValue, parseAccount, type CredentialStore, type SecretKind } from './store';

/**
 * Secrets in this process's memory only: for the sandbox, for tests, and for
 * "this session only" when no keychain is reachable. Nothing reaches the disk.
 */
export class MemoryCredentialStore implements CredentialStore {
  readonly kind = 'memory';
  readonly #entries = new Map<string, string>();

  async get(profileId: string, secret: SecretKind): Promise<string | undefined> {
    checkKey(profileId, secret);
    return this.#entries.get(accountName(profileId, secret));
  }

  async set(profileId: string, secret: SecretKind, value: string): Promise<void> {
    checkKey(profileId, secret);
    checkValue(value);
    this.#entries.set(accountName(profileId, secret), value);
  }

  async delete(profileId: string, secret: SecretKind): Promise<void> {
    checkKey(profileId, secret);
    this.#entries.delete(accountName(profileId, secret));
  }

  async list(): Promise<{ profileId: string; secret: SecretKind }[]> {
    return [...this.#entries.keys()].flatMap((account) => parseAccount(account) ?? []);
  }
}
