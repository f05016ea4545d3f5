import { createHash } from 'node:crypto';
import { sandboxProfileId, secretKindOf, type SecretState, type StoredProfile } from '../../../shared/profiles';
import type { CredentialStore, SecretKind } from '../../credentials';

/**
 * The profiles' secrets in the credential store, each under its key: this
 * folder's keychain scope and the profile's id. Which secrets exist is read
 * with one call to the store and then kept up to date here, so listing a
 * thousand profiles does not ask the keychain a thousand times.
 */
export class ProfileSecrets {
  readonly #credentials: CredentialStore;
  #present: Promise<Set<string>> | undefined;

  constructor(credentials: CredentialStore) {
    this.#credentials = credentials;
  }

  get kind(): CredentialStore['kind'] {
    return this.#credentials.kind;
  }

  #stored(): Promise<Set<string>> {
    this.#present ??= this.#credentials.list().then((entries) => new Set(entries.map((entry) => `${entry.profileId}:${entry.secret}`)));
    // A keychain that failed is asked again next time.
    this.#present.catch(() => (this.#present = undefined));
    return this.#present;
  }

  get(key: string, secret: SecretKind): Promise<string | undefined> {
    return this.#credentials.get(key, secret);
  }

  /** Keeps a secret, or forgets it with null. */
  async set(key: string, secret: SecretKind, value: string | null): Promise<void> {
    if (value === null) await this.#credentials.delete(key, secret);
    else await this.#credentials.set(key, secret, value);
    const present = await this.#present?.catch(() => undefined);
    if (value === null) present?.delete(`${key}:${secret}`);
    else present?.add(`${key}:${secret}`);
  }

  async has(key: string, secret: SecretKind): Promise<boolean> {
    try {
      return (await this.#stored()).has(`${key}:${secret}`);
    } catch {
      return false;
    }
  }

  async state(profile: StoredProfile, scope: string): Promise<SecretState> {
    if (profile.kind === 'sandbox') return 'built-in';
    if (!(await this.has(`${scope}-${profile.id}`, secretKindOf[profile.authKind]))) return 'missing';
    return this.#credentials.kind === 'keychain' ? 'stored' : 'session';
  }

  /**
   * Where the password of a sandbox admin goes once the Sandbox profile changed
   * it: one key per login, as the profile can practise as any seeded admin.
   */
  static sandboxKey(scope: string, login: string): string {
    return `${scope}-${sandboxProfileId}-${createHash('sha256').update(login).digest('hex').slice(0, 16)}`;
  }

  /** Forgets every entry under a key prefix: the sandbox passwords of a folder. */
  async forgetUnder(prefix: string): Promise<void> {
    for (const entry of await this.#credentials.list()) {
      if (entry.profileId.startsWith(prefix)) await this.set(entry.profileId, entry.secret, null);
    }
  }

  /**
   * Removes this folder's entries whose profile is gone. Other folders'
   * entries, and the sandbox's passwords, are left alone.
   */
  async removeOrphans(scope: string, profileIds: readonly string[]): Promise<void> {
    let entries: { profileId: string; secret: SecretKind }[];
    try {
      entries = await this.#credentials.list();
    } catch {
      return;
    }
    const prefix = `${scope}-`;
    const known = new Set(profileIds.map((id) => `${prefix}${id}`));
    const sandboxPrefix = `${prefix}${sandboxProfileId}-`;
    for (const entry of entries) {
      if (entry.profileId.startsWith(prefix) && !known.has(entry.profileId) && !entry.profileId.startsWith(sandboxPrefix)) {
        await this.#credentials.delete(entry.profileId, entry.secret).catch(() => undefined);
      }
    }
  }
}
