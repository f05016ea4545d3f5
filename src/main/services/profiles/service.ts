import { randomBytes } from 'node:crypto';
import { sandboxProfileId, secretKindOf, type ProfileInput, type ProfilesView, type ProfileView, type StoredProfile } from '../../../shared/profiles';
import { secretKinds, type CredentialStore, type SecretKind } from '../../credentials';
import type { JsonDocument, UndoStep } from '../../storage';
import type { Notices } from '../notices';
import { namesBut, openProfilesFile, type ProfilesFile } from './file';
import { ProfileSecrets } from './secrets';
import { addImported, exportText, parseExport } from './transfer';
import { changedParts, ProfileError, sameAccount, secretNames, secretProblem, summariseCertificate, validateProfile, validateSandboxLogin } from './validation';

/** What to do with the stored secret when the account a profile signs in to changes. */
export type StoredSecretChoice = 'keep' | 'forget';

export interface ProfileUpdateOptions {
  /** A new secret, saved with the profile or not at all. */
  secret?: string;
  /** Needed when the host, customer URI, login or client ID changes while a secret is stored. */
  storedSecret?: StoredSecretChoice;
}

/** An account a checklist made for a new admin: a profile of its own, or a login of the built-in sandbox. */
export type AccountRef = { profileId: string } | { sandboxLogin: string };

export interface ProfileServiceOptions {
  userDataDir: string;
  /** The keychain, or memory for this session when no keychain is reachable. */
  credentials: CredentialStore;
  notices: Notices;
  now?: () => number;
}

const noSuchProfile = 'There is no such profile; it may have been deleted.';

/**
 * Connection profiles, in `profiles.json` in the user-data folder, with their
 * secrets in the credential store under the profile's id. The file never holds
 * a secret; deleting a profile deletes its secrets; a secret whose profile is
 * gone is removed when the profiles are loaded.
 */
export class ProfileService {
  readonly #document: JsonDocument<ProfilesFile>;
  readonly #secrets: ProfileSecrets;
  readonly #now: () => number;
  #tidied: Promise<void> | undefined;

  constructor(options: ProfileServiceOptions) {
    this.#now = options.now ?? Date.now;
    this.#document = openProfilesFile(options.userDataDir, options.notices, () => this.#stamp());
    this.#secrets = new ProfileSecrets(options.credentials);
  }

  get secretStore(): 'keychain' | 'session' {
    return this.#secrets.kind === 'keychain' ? 'keychain' : 'session';
  }

  #stamp(): string {
    return new Date(this.#now()).toISOString();
  }

  /** The file, once secrets left behind by deleted profiles have been removed from the store. */
  async #read(): Promise<ProfilesFile> {
    if (this.#tidied === undefined) {
      const tidying = this.#document.read().then((file) => this.#secrets.removeOrphans(file.keychainScope!, file.profiles.map((profile) => profile.id)));
      this.#tidied = tidying;
      tidying.catch(() => {
        if (this.#tidied === tidying) this.#tidied = undefined;
      });
    }
    await this.#tidied;
    return this.#document.read();
  }

  /**
   * One change of the file, after it was loaded and tidied. What `apply` did
   * outside the file (a secret stored) it undoes through `undo` when the
   * change fails, so a profile and its secret are saved together or not at all.
   */
  async #change<T>(apply: (file: ProfilesFile, undo: UndoStep) => Promise<T> | T): Promise<T> {
    await this.#read();
    return this.#document.change(apply);
  }

  /** The key a profile's secrets have in the credential store: this folder's scope and the profile's id. */
  async keyFor(id: string): Promise<string> {
    return `${(await this.#read()).keychainScope}-${id}`;
  }

  async #view(profile: StoredProfile): Promise<ProfileView> {
    return this.#viewIn(profile, (await this.#read()).keychainScope!);
  }

  async #viewIn(profile: StoredProfile, scope: string): Promise<ProfileView> {
    const summary = summariseCertificate(profile.certificate);
    return { ...profile, secret: await this.#secrets.state(profile, scope), ...(summary === undefined ? {} : { certificateSummary: summary }) };
  }

  async list(): Promise<ProfilesView> {
    const file = await this.#read();
    const scope = file.keychainScope!;
    const profiles: ProfileView[] = [];
    for (const profile of file.profiles) profiles.push(await this.#viewIn(profile, scope));
    return { profiles, activeId: file.activeId, secretStore: this.secretStore };
  }

  async get(id: string): Promise<StoredProfile> {
    const profile = (await this.#read()).profiles.find((candidate) => candidate.id === id);
    if (profile === undefined) throw new ProfileError(noSuchProfile);
    return profile;
  }

  /** A profile by name (any case) or id, for the command line. */
  async find(nameOrId: string): Promise<StoredProfile | undefined> {
    const profiles = (await this.#read()).profiles;
    const name = nameOrId.normalize('NFC').trim().toLowerCase();
    return profiles.find((profile) => profile.id === nameOrId) ?? profiles.find((profile) => profile.name.toLowerCase() === name);
  }

  async active(): Promise<StoredProfile | undefined> {
    const file = await this.#read();
    return file.profiles.find((profile) => profile.id === file.activeId);
  }

  /** Adds a profile and, when given, its secret: both are saved, or neither. */
  async create(input: ProfileInput, secret?: string): Promise<ProfileView> {
    const created = await this.#change(async (file, undo) => {
      const fields = validateProfile(input, namesBut(file), secret);
      const stamp = this.#stamp();
      const profile: StoredProfile = { id: randomBytes(8).toString('hex'), kind: 'scm', ...fields, created: stamp, updated: stamp };
      if (secret !== undefined) {
        const key = `${file.keychainScope}-${profile.id}`;
        await this.#secrets.set(key, secretKindOf[profile.authKind], secret);
        undo(() => this.#secrets.set(key, secretKindOf[profile.authKind], null));
        profile.secretChanged = stamp;
      }
      file.profiles.push(profile);
      return profile;
    });
    return this.#view(created);
  }

  /**
   * Changes a profile and, when given, its secret, together or not at all.
   * When the account changes (host, customer URI, login, client ID) while a
   * secret is stored, the caller must say whether it still belongs to the
   * account (a corrected typo) or not (another admin); nothing is forgotten
   * silently. A new sign-in method leaves the old method's secret unused, so
   * it is removed.
   */
  async update(id: string, input: ProfileInput, options: ProfileUpdateOptions = {}): Promise<ProfileView> {
    const { updated, forget } = await this.#change(async (file, undo) => {
      const index = file.profiles.findIndex((profile) => profile.id === id);
      const existing = file.profiles[index];
      if (existing === undefined) throw new ProfileError(noSuchProfile);
      if (existing.kind === 'sandbox') {
        // The Sandbox profile keeps its tenant; only the admin to practise as can change.
        const next: StoredProfile = { ...existing, login: validateSandboxLogin(input.login), updated: this.#stamp() };
        if (next.login !== existing.login) delete next.secretRefused;
        file.profiles[index] = next;
        return { updated: next, forget: [] as SecretKind[] };
      }
      const fields = validateProfile(input, namesBut(file, id), options.secret);
      const stamp = this.#stamp();
      const next: StoredProfile = { id, kind: 'scm', ...fields, created: existing.created, updated: stamp };
      const key = `${file.keychainScope}-${id}`;
      const oldKind = secretKindOf[existing.authKind];
      const newKind = secretKindOf[next.authKind];
      const account = sameAccount(existing, next);
      const holdsOld = await this.#secrets.has(key, oldKind);
      const forget: SecretKind[] = oldKind !== newKind && holdsOld ? [oldKind] : [];
      if (!account && holdsOld && oldKind === newKind && options.secret === undefined) {
        if (options.storedSecret === undefined) {
          throw ProfileError.ofFields([
            {
              field: 'storedSecret',
              message: `You changed the ${changedParts(existing, next)}. Say whether the stored ${secretNames[existing.authKind]} still belongs to this account, or type a new one.`,
              key: `profile.storedSecretUnanswered.${existing.authKind}`,
            },
          ]);
        }
        if (options.storedSecret === 'forget') forget.push(oldKind);
      }
      const keepsSecret = options.secret === undefined && oldKind === newKind && !forget.includes(oldKind);
      if (keepsSecret && existing.secretChanged !== undefined) next.secretChanged = existing.secretChanged;
      // A sign-in that worked, or a refusal, was for the old account.
      if (account && keepsSecret) {
        if (existing.lastSignIn !== undefined) next.lastSignIn = existing.lastSignIn;
        if (existing.secretRefused !== undefined) next.secretRefused = existing.secretRefused;
      }
      if (options.secret !== undefined) {
        const previous = await this.#secrets.get(key, newKind).catch(() => undefined);
        await this.#secrets.set(key, newKind, options.secret);
        undo(() => this.#secrets.set(key, newKind, previous ?? null));
        next.secretChanged = stamp;
      }
      file.profiles[index] = next;
      return { updated: next, forget };
    });
    for (const kind of forget) await this.#secrets.set(await this.keyFor(id), kind, null).catch(() => undefined);
    return this.#view(updated);
  }

  async duplicate(id: string): Promise<ProfileView> {
    const copy = await this.#change((file) => {
      const source = file.profiles.find((profile) => profile.id === id);
      if (source === undefined) throw new ProfileError(noSuchProfile);
      if (source.kind === 'sandbox') throw new ProfileError('The Sandbox profile cannot be duplicated; add a profile for another tenant instead.');
      let name = `${source.name} (copy)`;
      for (let n = 2; file.profiles.some((profile) => profile.name.toLowerCase() === name.toLowerCase()); n++) name = `${source.name} (copy ${n})`;
      const stamp = this.#stamp();
      const { lastSignIn: _lastSignIn, secretChanged: _secretChanged, secretRefused: _secretRefused, ...fields } = source;
      // The copy is usually for another admin, so the secret is not copied.
      const profile: StoredProfile = { ...fields, id: randomBytes(8).toString('hex'), name: name.slice(0, 80), created: stamp, updated: stamp };
      file.profiles.push(profile);
      return profile;
    });
    return this.#view(copy);
  }

  async delete(id: string): Promise<ProfilesView> {
    await this.#change((file) => {
      const profile = file.profiles.find((candidate) => candidate.id === id);
      if (profile === undefined) throw new ProfileError(noSuchProfile);
      if (profile.kind === 'sandbox') throw new ProfileError('The Sandbox profile cannot be deleted. Reset the sandbox to start its practice tenant afresh.');
      file.profiles = file.profiles.filter((candidate) => candidate.id !== id);
      if (file.activeId === id) file.activeId = sandboxProfileId;
    });
    const key = await this.keyFor(id);
    for (const secret of secretKinds) await this.#secrets.set(key, secret, null);
    return this.list();
  }

  async setActive(id: string): Promise<void> {
    await this.#change((file) => {
      if (!file.profiles.some((profile) => profile.id === id)) throw new ProfileError(noSuchProfile);
      file.activeId = id;
    });
  }

  /** Records a working sign-in, so a later refusal of the same secret reads as "locked or changed elsewhere". */
  async noteSignIn(id: string): Promise<void> {
    await this.#change((file) => {
      const profile = file.profiles.find((candidate) => candidate.id === id);
      if (profile !== undefined) profile.lastSignIn = this.#stamp();
    });
  }

  /**
   * Notes that SCM refused the profile's secret, so the console does not send
   * it again (failures count towards a lock) until the secret is typed anew.
   */
  async noteRefusal(id: string): Promise<void> {
    await this.#change((file) => {
      const profile = file.profiles.find((candidate) => candidate.id === id);
      if (profile !== undefined) profile.secretRefused = this.#stamp();
    });
  }

  /**
   * Keeps a profile's secret; the value goes straight to the store and is
   * never returned. For the Sandbox profile it is the password of the admin it
   * practises as. A refusal noted for the old secret no longer holds.
   */
  async setSecret(id: string, value: string): Promise<ProfileView> {
    const profile = await this.get(id);
    const problem = secretProblem(value, profile.authKind);
    if (problem !== null) throw ProfileError.ofFields([{ field: 'secret', ...problem }]);
    if (profile.kind === 'sandbox') await this.setSandboxSecret(profile.login, value);
    else await this.#secrets.set(await this.keyFor(id), secretKindOf[profile.authKind], value);
    const updated = await this.#change((file) => {
      const stored = file.profiles.find((candidate) => candidate.id === id)!;
      stored.secretChanged = this.#stamp();
      delete stored.secretRefused;
      return stored;
    });
    return this.#view(updated);
  }

  async forgetSecret(id: string): Promise<ProfileView> {
    const profile = await this.get(id);
    await this.#secrets.set(await this.keyFor(id), secretKindOf[profile.authKind], null);
    return this.#view(profile);
  }

  async #sandboxKey(login: string): Promise<string> {
    return ProfileSecrets.sandboxKey((await this.#read()).keychainScope!, login);
  }

  /** The password the Sandbox profile set for a sandbox login; undefined while it is still the seed's. */
  async sandboxSecret(login: string): Promise<string | undefined> {
    return this.#secrets.get(await this.#sandboxKey(login), 'password');
  }

  /** Keeps the password of a sandbox login, or forgets it with null. */
  async setSandboxSecret(login: string, value: string | null): Promise<void> {
    await this.#secrets.set(await this.#sandboxKey(login), 'password', value);
  }

  /** Forgets every sandbox password of this folder, as the sandbox starts afresh from its seed. */
  async forgetSandboxSecrets(): Promise<void> {
    await this.#secrets.forgetUnder(`${await this.keyFor(sandboxProfileId)}-`);
  }

  /**
   * A password of an account a checklist made: the profile's own (`password`),
   * or one on its way in (`next-password`), kept while SCM is asked to take it.
   */
  async accountSecret(account: AccountRef, kind: 'password' | 'next-password'): Promise<string | undefined> {
    if ('sandboxLogin' in account) return this.#secrets.get(await this.#sandboxKey(account.sandboxLogin), kind);
    const profile = await this.get(account.profileId);
    return this.#secrets.get(await this.keyFor(profile.id), kind === 'password' ? secretKindOf[profile.authKind] : kind);
  }

  /** Keeps (or with null forgets) a password of an account a checklist made. */
  async setAccountSecret(account: AccountRef, kind: 'password' | 'next-password', value: string | null): Promise<void> {
    if ('sandboxLogin' in account) {
      await this.#secrets.set(await this.#sandboxKey(account.sandboxLogin), kind, value);
      return;
    }
    if (kind === 'password' && value !== null) {
      await this.setSecret(account.profileId, value);
      return;
    }
    const profile = await this.get(account.profileId);
    await this.#secrets.set(await this.keyFor(profile.id), kind === 'password' ? secretKindOf[profile.authKind] : kind, value);
  }

  /** The secret itself: for main's SCM client only, at the moment of a request. */
  async secret(id: string): Promise<string | undefined> {
    const profile = await this.get(id);
    return this.#secrets.get(await this.keyFor(id), secretKindOf[profile.authKind]);
  }

  /** The profiles as a file for a colleague: no ids, no dates, no secrets. */
  async exportProfiles(ids?: readonly string[]): Promise<string> {
    return exportText((await this.#read()).profiles, ids);
  }

  /**
   * Adds the profiles of an exported file. Every entry is validated as if typed
   * in the form; a name that exists already gets a suffix. Nothing is added
   * unless every entry is valid.
   */
  async importProfiles(text: string): Promise<{ added: string[]; renamed: { from: string; to: string }[] }> {
    const entries = parseExport(text);
    return this.#change((file) => addImported(file, entries, this.#stamp()));
  }
}
