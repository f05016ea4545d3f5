import { createHash, createPrivateKey, randomBytes, X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import {
  profileExportSchema,
  profileIdSchema,
  profileInputSchema,
  sandboxProfileId,
  secretKindOf,
  storedProfileSchema,
  type ProfileExport,
  type ProfileInput,
  type ProfilesView,
  type ProfileView,
  type SecretState,
  type StoredProfile,
} from '../../shared/profiles';
import type { CredentialStore, SecretKind } from '../credentials';
import { readJsonFile, writeJsonAtomic } from '../storage';
import type { Notices } from './notices';

export const profilesFileName = 'profiles.json';

const fileSchema = z.object({
  version: z.literal(1),
  /**
   * Names this folder's entries in the keychain, which every folder of profiles
   * shares: a second user-data folder (or a test) never sees, or cleans up,
   * another's secrets. Made when the file is first written.
   */
  keychainScope: z.string().regex(/^[a-f0-9]{12}$/).optional(),
  activeId: z.string().nullable(),
  profiles: z.array(storedProfileSchema),
});
type ProfilesFile = z.infer<typeof fileSchema>;

/** A refusal with a message for the form, and the field it concerns. */
export class ProfileError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ProfileError';
  }
}

export interface ProfileServiceOptions {
  userDataDir: string;
  /** The keychain, or memory for this session when no keychain is reachable. */
  credentials: CredentialStore;
  notices: Notices;
  now?: () => number;
}

function sandboxProfile(now: string): StoredProfile {
  return {
    id: sandboxProfileId,
    kind: 'sandbox',
    name: 'Sandbox',
    host: 'built-in',
    customerUri: 'sandbox-university',
    login: 'rao',
    authKind: 'password',
    created: now,
    updated: now,
  };
}

function firstIssue(error: z.ZodError): ProfileError {
  const issue = error.issues[0];
  return new ProfileError(issue?.message ?? 'The profile is not valid.', issue?.path.map(String).join('.') || undefined);
}

/**
 * Why a pasted private key cannot sign in, or null when it can. Node reads the
 * key itself; its own error text is not passed on, as it could quote the key.
 */
function privateKeyProblem(value: string): string | null {
  // PKCS#8 and the older OpenSSL format each mark an encrypted key in its header.
  if (/^-+BEGIN ENCRYPTED /m.test(value) || /^Proc-Type: 4,ENCRYPTED/m.test(value)) {
    return 'The private key is protected by a passphrase, which the console cannot keep. Export it without one (openssl pkey -in key.pem -out plain-key.pem) and paste that.';
  }
  try {
    createPrivateKey(value);
    return null;
  } catch {
    return 'The private key could not be read. Paste the whole key in PEM form, as exported with the admin’s certificate.';
  }
}

function summariseCertificate(pem: string | undefined): string | undefined {
  if (pem === undefined) return undefined;
  try {
    const certificate = new X509Certificate(pem);
    const subject = certificate.subject.split('\n').find((part) => part.startsWith('CN=')) ?? certificate.subject.split('\n')[0] ?? '';
    return `${subject.replace(/^CN=/, '')}, valid until ${new Date(certificate.validTo).toISOString().slice(0, 10)}`;
  } catch {
    return 'not a readable certificate';
  }
}

/**
 * Connection profiles, in `profiles.json` in the user-data folder, with their
 * secrets in the credential store under the profile's id. The file never holds
 * a secret; deleting a profile deletes its secrets; a secret whose profile is
 * gone is removed when the profiles are loaded.
 */
export class ProfileService {
  readonly #path: string;
  readonly #credentials: CredentialStore;
  readonly #notices: Notices;
  readonly #now: () => number;
  #file: Promise<ProfilesFile> | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: ProfileServiceOptions) {
    this.#path = join(options.userDataDir, profilesFileName);
    this.#credentials = options.credentials;
    this.#notices = options.notices;
    this.#now = options.now ?? Date.now;
  }

  get secretStore(): 'keychain' | 'session' {
    return this.#credentials.kind === 'keychain' ? 'keychain' : 'session';
  }

  #stamp(): string {
    return new Date(this.#now()).toISOString();
  }

  async #load(): Promise<ProfilesFile> {
    const outcome = await readJsonFile(this.#path, (data) => fileSchema.parse(data));
    let file: ProfilesFile;
    if (outcome.status === 'ok') file = outcome.value;
    else {
      if (outcome.status === 'unreadable') {
        this.#notices.add(`Your connection profiles could not be read because ${outcome.reason}. The file was kept as ${outcome.keptAs}; only the Sandbox profile is set up.`);
      }
      file = { version: 1, activeId: sandboxProfileId, profiles: [] };
    }
    let changed = outcome.status !== 'ok';
    if (file.keychainScope === undefined) {
      file.keychainScope = randomBytes(6).toString('hex');
      changed = true;
    }
    if (!file.profiles.some((profile) => profile.kind === 'sandbox')) file.profiles.unshift(sandboxProfile(this.#stamp()));
    if (file.activeId !== null && !file.profiles.some((profile) => profile.id === file.activeId)) file.activeId = sandboxProfileId;
    if (changed) await writeJsonAtomic(this.#path, file);
    await this.#removeOrphanSecrets(file);
    return file;
  }

  async #removeOrphanSecrets(file: ProfilesFile): Promise<void> {
    let entries: { profileId: string; secret: SecretKind }[];
    try {
      entries = await this.#credentials.list();
    } catch {
      return;
    }
    const prefix = `${file.keychainScope}-`;
    const known = new Set(file.profiles.map((profile) => `${prefix}${profile.id}`));
    const sandboxPrefix = `${prefix}${sandboxProfileId}-`;
    for (const entry of entries) {
      // Only this folder's entries: others belong to another folder of profiles. Sandbox passwords belong to the sandbox.
      if (entry.profileId.startsWith(prefix) && !known.has(entry.profileId) && !entry.profileId.startsWith(sandboxPrefix)) {
        await this.#credentials.delete(entry.profileId, entry.secret).catch(() => undefined);
      }
    }
  }

  /** The key a profile's secrets have in the credential store: this folder's scope and the profile's id. */
  async keyFor(id: string): Promise<string> {
    return `${(await this.#read()).keychainScope}-${id}`;
  }

  #read(): Promise<ProfilesFile> {
    this.#file ??= this.#load();
    return this.#file;
  }

  /** Changes run one after another; each is written atomically before it counts. */
  #change<T>(apply: (file: ProfilesFile) => Promise<T> | T): Promise<T> {
    const next = this.#queue.then(async () => {
      const file = structuredClone(await this.#read());
      const result = await apply(file);
      await writeJsonAtomic(this.#path, file);
      this.#file = Promise.resolve(file);
      return result;
    });
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #secretState(profile: StoredProfile): Promise<SecretState> {
    if (profile.kind === 'sandbox') return 'built-in';
    let value: string | undefined;
    try {
      value = await this.#credentials.get(await this.keyFor(profile.id), secretKindOf[profile.authKind]);
    } catch {
      return 'missing';
    }
    if (value === undefined) return 'missing';
    return this.#credentials.kind === 'keychain' ? 'stored' : 'session';
  }

  async #view(profile: StoredProfile): Promise<ProfileView> {
    const summary = summariseCertificate(profile.certificate);
    return { ...profile, secret: await this.#secretState(profile), ...(summary === undefined ? {} : { certificateSummary: summary }) };
  }

  async list(): Promise<ProfilesView> {
    const file = await this.#read();
    return { profiles: await Promise.all(file.profiles.map((profile) => this.#view(profile))), activeId: file.activeId, secretStore: this.secretStore };
  }

  async get(id: string): Promise<StoredProfile> {
    const profile = (await this.#read()).profiles.find((candidate) => candidate.id === id);
    if (profile === undefined) throw new ProfileError('There is no such profile; it may have been deleted.');
    return profile;
  }

  /** A profile by name (any case) or id, for the command line. */
  async find(nameOrId: string): Promise<StoredProfile | undefined> {
    const profiles = (await this.#read()).profiles;
    return profiles.find((profile) => profile.id === nameOrId) ?? profiles.find((profile) => profile.name.toLowerCase() === nameOrId.trim().toLowerCase());
  }

  async active(): Promise<StoredProfile | undefined> {
    const file = await this.#read();
    return file.profiles.find((profile) => profile.id === file.activeId);
  }

  #validate(input: ProfileInput, file: ProfilesFile, exceptId?: string) {
    const parsed = profileInputSchema.safeParse(input);
    if (!parsed.success) throw firstIssue(parsed.error);
    const value = parsed.data;
    if (file.profiles.some((profile) => profile.id !== exceptId && profile.name.toLowerCase() === value.name.toLowerCase())) {
      throw new ProfileError(`A profile called “${value.name}” exists already.`, 'name');
    }
    if (value.certificate !== undefined && summariseCertificate(value.certificate) === 'not a readable certificate') {
      throw new ProfileError('The certificate could not be read. Paste the whole PEM block.', 'certificate');
    }
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

  async create(input: ProfileInput): Promise<ProfileView> {
    const created = await this.#change((file) => {
      const fields = this.#validate(input, file);
      const stamp = this.#stamp();
      const profile: StoredProfile = { id: randomBytes(8).toString('hex'), kind: 'scm', ...fields, created: stamp, updated: stamp };
      file.profiles.push(profile);
      return profile;
    });
    return this.#view(created);
  }

  async update(id: string, input: ProfileInput): Promise<ProfileView> {
    const { updated, dropSecret } = await this.#change((file) => {
      const index = file.profiles.findIndex((profile) => profile.id === id);
      const existing = file.profiles[index];
      if (existing === undefined) throw new ProfileError('There is no such profile; it may have been deleted.');
      if (existing.kind === 'sandbox') {
        // The Sandbox profile keeps its tenant; only the admin to practise as can change.
        const login = profileInputSchema.shape.login.safeParse(input.login);
        if (!login.success) throw firstIssue(login.error);
        const next = { ...existing, login: login.data, updated: this.#stamp() };
        file.profiles[index] = next;
        return { updated: next, dropSecret: undefined };
      }
      const fields = this.#validate(input, file, id);
      const next: StoredProfile = { id, kind: 'scm', ...fields, created: existing.created, updated: this.#stamp() };
      // Another admin or tenant means the old secret is not theirs; another method needs another secret.
      const sameAccount = existing.host === next.host && existing.customerUri === next.customerUri && existing.login === next.login && existing.clientId === next.clientId;
      const dropSecret = !sameAccount || existing.authKind !== next.authKind ? secretKindOf[existing.authKind] : undefined;
      if (dropSecret === undefined) {
        if (existing.lastSignIn !== undefined) next.lastSignIn = existing.lastSignIn;
        if (existing.secretChanged !== undefined) next.secretChanged = existing.secretChanged;
      }
      file.profiles[index] = next;
      return { updated: next, dropSecret };
    });
    if (dropSecret !== undefined) await this.#credentials.delete(await this.keyFor(id), dropSecret);
    return this.#view(updated);
  }

  async duplicate(id: string): Promise<ProfileView> {
    const copy = await this.#change((file) => {
      const source = file.profiles.find((profile) => profile.id === id);
      if (source === undefined) throw new ProfileError('There is no such profile; it may have been deleted.');
      if (source.kind === 'sandbox') throw new ProfileError('The Sandbox profile cannot be duplicated; add a profile for another tenant instead.');
      let name = `${source.name} (copy)`;
      for (let n = 2; file.profiles.some((profile) => profile.name.toLowerCase() === name.toLowerCase()); n++) name = `${source.name} (copy ${n})`;
      const stamp = this.#stamp();
      const { lastSignIn: _lastSignIn, secretChanged: _secretChanged, ...fields } = source;
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
      if (profile === undefined) throw new ProfileError('There is no such profile; it may have been deleted.');
      if (profile.kind === 'sandbox') throw new ProfileError('The Sandbox profile cannot be deleted. Reset the sandbox to start its practice tenant afresh.');
      file.profiles = file.profiles.filter((candidate) => candidate.id !== id);
      if (file.activeId === id) file.activeId = sandboxProfileId;
    });
    const key = await this.keyFor(id);
    await Promise.all((['password', 'private-key', 'client-secret'] as const).map((secret) => this.#credentials.delete(key, secret)));
    return this.list();
  }

  async setActive(id: string): Promise<void> {
    await this.#change((file) => {
      if (!file.profiles.some((profile) => profile.id === id)) throw new ProfileError('There is no such profile; it may have been deleted.');
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

  /** Keeps a profile's secret; the value goes straight to the store and is never returned. */
  async setSecret(id: string, value: string): Promise<ProfileView> {
    const profile = await this.get(id);
    if (profile.kind === 'sandbox') throw new ProfileError('The sandbox knows its own passwords; there is nothing to store.');
    if (value === '' || value.length > 16 * 1024) throw new ProfileError('The secret is empty or too long.', 'secret');
    if (profile.authKind === 'certificate') {
      const problem = privateKeyProblem(value);
      if (problem !== null) throw new ProfileError(problem, 'secret');
    }
    await this.#credentials.set(await this.keyFor(id), secretKindOf[profile.authKind], value);
    const updated = await this.#change((file) => {
      const stored = file.profiles.find((candidate) => candidate.id === id)!;
      stored.secretChanged = this.#stamp();
      return stored;
    });
    return this.#view(updated);
  }

  async forgetSecret(id: string): Promise<ProfileView> {
    const profile = await this.get(id);
    await this.#credentials.delete(await this.keyFor(id), secretKindOf[profile.authKind]);
    return this.#view(profile);
  }

  /**
   * Where the password of a sandbox admin goes once the Sandbox profile changed
   * it: one key per login, as the profile can practise as any seeded admin.
   */
  async #sandboxKey(login: string): Promise<string> {
    return `${await this.keyFor(sandboxProfileId)}-${createHash('sha256').update(login).digest('hex').slice(0, 16)}`;
  }

  /** The password the Sandbox profile set for a sandbox login; undefined while it is still the seed's. */
  async sandboxSecret(login: string): Promise<string | undefined> {
    return this.#credentials.get(await this.#sandboxKey(login), 'password');
  }

  /** Keeps the password of a sandbox login, or forgets it with null. */
  async setSandboxSecret(login: string, value: string | null): Promise<void> {
    const key = await this.#sandboxKey(login);
    if (value === null) await this.#credentials.delete(key, 'password');
    else await this.#credentials.set(key, 'password', value);
  }

  /** Forgets every sandbox password of this folder, as the sandbox starts afresh from its seed. */
  async forgetSandboxSecrets(): Promise<void> {
    const prefix = `${await this.keyFor(sandboxProfileId)}-`;
    for (const entry of await this.#credentials.list()) {
      if (entry.profileId.startsWith(prefix)) await this.#credentials.delete(entry.profileId, entry.secret);
    }
  }

  /** The secret itself: for main's SCM client only, at the moment of a request. */
  async secret(id: string): Promise<string | undefined> {
    const profile = await this.get(id);
    return this.#credentials.get(await this.keyFor(id), secretKindOf[profile.authKind]);
  }

  /** The profiles as a file for a colleague: no ids, no dates, no secrets. */
  async exportProfiles(ids?: readonly string[]): Promise<string> {
    const file = await this.#read();
    const chosen = file.profiles.filter((profile) => profile.kind === 'scm' && (ids === undefined || ids.includes(profile.id)));
    const document: ProfileExport = {
      format: 'tcs-admin-console-profiles',
      version: 1,
      profiles: chosen.map((profile) => ({
        name: profile.name,
        host: profile.host,
        customerUri: profile.customerUri,
        login: profile.login,
        authKind: profile.authKind,
        ...(profile.clientId === undefined ? {} : { clientId: profile.clientId }),
        ...(profile.tokenUrl === undefined ? {} : { tokenUrl: profile.tokenUrl }),
        ...(profile.certificate === undefined ? {} : { certificate: profile.certificate }),
      })),
    };
    return `${JSON.stringify(document, null, 2)}\n`;
  }

  /**
   * Adds the profiles of an exported file. Every entry is validated as if typed
   * in the form; a name that exists already gets a suffix. Nothing is added
   * unless every entry is valid.
   */
  async importProfiles(text: string): Promise<{ added: string[]; renamed: { from: string; to: string }[] }> {
    if (text.length > 1024 * 1024) throw new ProfileError('The file is too large to be a profiles file.');
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new ProfileError('The file is not JSON. Choose a file exported from the console’s profiles.');
    }
    const parsed = profileExportSchema.safeParse(data);
    if (!parsed.success) throw new ProfileError('The file is not a profiles file exported from the console.');
    // Checked on the raw entries: parsing drops unknown fields, and a secret must not pass unnoticed.
    const secretish = /password|secret|private|key/i;
    for (const entry of (data as { profiles: unknown[] }).profiles) {
      if (typeof entry === 'object' && entry !== null && Object.keys(entry).some((key) => secretish.test(key))) {
        throw new ProfileError('The file contains secrets; the console does not import them. Export the profiles again from the console.');
      }
    }
    return this.#change((file) => {
      const added: string[] = [];
      const renamed: { from: string; to: string }[] = [];
      const incoming: StoredProfile[] = [];
      for (const [index, entry] of parsed.data.profiles.entries()) {
        let name = entry.name.trim();
        const taken = (candidate: string) => [...file.profiles, ...incoming].some((profile) => profile.name.toLowerCase() === candidate.toLowerCase());
        if (taken(name)) {
          let n = 2;
          while (taken(`${name} (${n})`)) n++;
          renamed.push({ from: name, to: `${name} (${n})` });
          name = `${name} (${n})`;
        }
        let fields;
        try {
          fields = this.#validate({ ...entry, name, host: entry.host }, { ...file, profiles: [...file.profiles, ...incoming] });
        } catch (error) {
          throw new ProfileError(`Profile ${index + 1} (“${entry.name}”) was not imported: ${(error as Error).message}`);
        }
        const stamp = this.#stamp();
        incoming.push({ id: randomBytes(8).toString('hex'), kind: 'scm', ...fields, created: stamp, updated: stamp });
        added.push(name);
      }
      file.profiles.push(...incoming);
      return { added, renamed };
    });
  }
}

export function isProfileId(value: string): boolean {
  return profileIdSchema.safeParse(value).success;
}
