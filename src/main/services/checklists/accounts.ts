import { sandboxProfileId, type StoredProfile } from '../../../shared/profiles';
import type { ScmClient } from '../../scm/client';
import type { AuditService } from '../audit';
import { clientForProfile } from '../profileClient';
import type { AccountRef, ProfileService } from '../profiles';
import type { SandboxRunner } from '../sandboxRunner';

/** An account as a run names it: a profile's id, or `sandbox:<login>` for an admin of the built-in sandbox. */
export type AccountName = string;

const sandboxPrefix = 'sandbox:';

export function accountRefOf(name: AccountName): AccountRef {
  return name.startsWith(sandboxPrefix) ? { sandboxLogin: name.slice(sandboxPrefix.length) } : { profileId: name };
}

export function accountNameOf(ref: AccountRef): AccountName {
  return 'sandboxLogin' in ref ? `${sandboxPrefix}${ref.sandboxLogin}` : ref.profileId;
}

export interface ChecklistAccountsOptions {
  profiles: ProfileService;
  sandbox: SandboxRunner;
  audit: AuditService;
  log?: (line: string) => void;
}

/**
 * The accounts a checklist works with besides the signed-in one: the new
 * admin it makes (a profile of its own on a real SCM, a login to practise as
 * in the built-in sandbox) and the API admin it checks with.
 */
export class ChecklistAccounts {
  readonly #profiles: ProfileService;
  readonly #sandbox: SandboxRunner;
  readonly #audit: AuditService;
  readonly #log: ((line: string) => void) | undefined;

  constructor(options: ChecklistAccountsOptions) {
    this.#profiles = options.profiles;
    this.#sandbox = options.sandbox;
    this.#audit = options.audit;
    this.#log = options.log;
  }

  /** Where secrets go: the keychain, or this session's memory. */
  get secretStore(): 'keychain' | 'session' {
    return this.#profiles.secretStore;
  }

  /** The profile a name is taken by, if any (names are compared as the profile list does). */
  async profileNamed(name: string): Promise<StoredProfile | undefined> {
    const wanted = name.normalize('NFC').trim().toLowerCase();
    return (await this.#profiles.list()).profiles.find((profile) => profile.name.toLowerCase() === wanted);
  }

  /**
   * Makes the account for a new admin, with its first password: on a real
   * SCM a profile beside the one running the checklist (same host and
   * customer URI); in the built-in sandbox the login, to practise as.
   */
  async create(runner: StoredProfile, account: { login: string; profileName: string }, password: string): Promise<AccountRef> {
    if (runner.kind === 'sandbox') {
      const ref = { sandboxLogin: account.login };
      await this.#profiles.setAccountSecret(ref, 'password', password);
      return ref;
    }
    // A run stopped (a crash, a kill) after the profile was saved and before the run noted it finds it again here:
    // the same name for the same login on the same tenant is the one it made, and takes the new password.
    const made = await this.profileNamed(account.profileName);
    if (made !== undefined && made.kind === 'scm' && made.host === runner.host && made.customerUri === runner.customerUri && made.login === account.login) {
      const ref = { profileId: made.id };
      await this.#profiles.setAccountSecret(ref, 'password', password);
      return ref;
    }
    const created = await this.#profiles.create({ name: account.profileName, host: runner.host, customerUri: runner.customerUri, login: account.login, authKind: 'password' }, password);
    return { profileId: created.id };
  }

  async secret(ref: AccountRef, kind: 'password' | 'next-password'): Promise<string | undefined> {
    try {
      return await this.#profiles.accountSecret(ref, kind);
    } catch {
      // A profile deleted since: its secrets went with it.
      return undefined;
    }
  }

  setSecret(ref: AccountRef, kind: 'password' | 'next-password', value: string | null): Promise<void> {
    return this.#profiles.setAccountSecret(ref, kind, value);
  }

  /** The login an account signs in with, or undefined when its profile is gone. */
  async login(ref: AccountRef): Promise<string | undefined> {
    if ('sandboxLogin' in ref) return ref.sandboxLogin;
    return (await this.#profiles.find(ref.profileId))?.login;
  }

  /** What people call an account: its profile's name, or the sandbox login. */
  async label(ref: AccountRef): Promise<string | undefined> {
    if ('sandboxLogin' in ref) return ref.sandboxLogin;
    const profile = await this.#profiles.find(ref.profileId);
    return profile === undefined ? undefined : `${profile.name} (${profile.login})`;
  }

  /**
   * A client signed in as an account, with the password given or else its
   * stored one. Its changes go to the audit log under the account's login.
   */
  async clientAs(runner: StoredProfile, ref: AccountRef, password: () => Promise<string>, signal?: AbortSignal): Promise<ScmClient> {
    let profile: StoredProfile;
    if ('sandboxLogin' in ref) profile = { ...runner, login: ref.sandboxLogin };
    else {
      const found = await this.#profiles.find(ref.profileId);
      if (found === undefined) throw new Error('the account’s profile is gone');
      profile = found;
    }
    return clientForProfile(profile, {
      secret: password,
      sandbox: this.#sandbox,
      audit: this.#audit,
      ...(this.#log === undefined ? {} : { log: this.#log }),
      ...(signal === undefined ? {} : { signal }),
    });
  }

  /**
   * Accounts on the same tenant that could be API admins to check with:
   * profiles that sign in with a password to the same host and customer URI,
   * or, in the built-in sandbox, its logins.
   */
  async probeCandidates(runner: StoredProfile): Promise<{ name: AccountName; label: string }[]> {
    if (runner.kind === 'sandbox' || runner.id === sandboxProfileId) {
      const logins = await this.#sandbox.logins();
      return logins.filter((entry) => entry.login !== runner.login).map((entry) => ({ name: `${sandboxPrefix}${entry.login}`, label: `${entry.login}: ${entry.description}` }));
    }
    const { profiles } = await this.#profiles.list();
    return profiles
      .filter((profile) => profile.id !== runner.id && profile.kind === 'scm' && profile.host === runner.host && profile.customerUri === runner.customerUri && profile.authKind === 'password')
      .map((profile) => ({ name: profile.id, label: `${profile.name} (${profile.login})` }));
  }

  /** The stored password of an account to check with: a profile's, or a sandbox login's (changed, else the seed's). */
  async passwordOf(ref: AccountRef): Promise<string | undefined> {
    const stored = await this.secret(ref, 'password');
    if (stored !== undefined || !('sandboxLogin' in ref)) return stored;
    return this.#sandbox.passwordOf(ref.sandboxLogin);
  }
}
