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
  type AuthKind,
  type ProfileExport,
  type ProfileInput,
  type ProfilesView,
  type ProfileView,
  type SecretState,
  type StoredProfile,
} from '../../shared/profiles';
import { maxSecretLength, secretKinds, type CredentialStore, type SecretKind } from '../credentials';
import { fieldErrorsOf } from '../../shared/fieldErrors';
import type { FieldError } from '../../shared/result';
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

/** What to do with the stored secret when the account a profile signs in to changes. */
export type StoredSecretChoice = 'keep' | 'forget';

export interface ProfileUpdateOptions {
  /** A new secret, saved with the profile or not at all. */
  secret?: string;
  /** Needed when the host, customer URI, login or client ID changes while a secret is stored. */
  storedSecret?: StoredSecretChoice;
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

const secretNames: Record<AuthKind, string> = { password: 'password', certificate: 'private key', oauth2: 'client secret' };

/** Why a secret cannot be kept for a sign-in method, or null. */
function secretProblem(value: string, authKind: AuthKind): string | null {
  if (value === '') return `Enter the ${secretNames[authKind]}.`;
  if (value.length > maxSecretLength) return `Enter at most ${maxSecretLength.toLocaleString('en')} characters: this is longer than any ${secretNames[authKind]} SCM takes.`;
  return authKind === 'certificate' ? privateKeyProblem(value) : null;
}

/** What changed of the account, for the question about its secret: "login", "host and login"... */
function changedParts(a: StoredProfile, b: StoredProfile): string {
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
function sameAccount(a: StoredProfile, b: Pick<StoredProfile, 'host' | 'customerUri' | 'login' | 'clientId' | 'tokenUrl'>): boolean {
  return a.host === b.host && a.customerUri === b.customerUri && a.login === b.login && a.clientId === b.clientId && a.tokenUrl === b.tokenUrl;
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
  #present: Promise<Set<string>> | undefined;

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

  /**
   * Changes run one after another; each is written atomically before it
   * counts. What `apply` did outside the file (a secret stored) it undoes
   * through `undo` when the change fails, so a profile and its secret are
   * saved together or not at all.
   */
  #change<T>(apply: (file: ProfilesFile, undo: (step: () => Promise<void>) => void) => Promise<T> | T): Promise<T> {
    const next = this.#queue.then(async () => {
      const file = structuredClone(await this.#read());
      const steps: (() => Promise<void>)[] = [];
      try {
        const result = await apply(file, (step) => steps.push(step));
        await writeJsonAtomic(this.#path, file);
        this.#file = Promise.resolve(file);
        return result;
      } catch (error) {
        for (const step of steps.reverse()) await step().catch(() => undefined);
        throw error;
      }
    });
    this.#queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Which secrets the store holds, as `key:kind`: read with one call to the
   * store and then kept up to date here, so listing a thousand profiles does
   * not ask the keychain a thousand times.
   */
  #stored(): Promise<Set<string>> {
    this.#present ??= this.#credentials.list().then((entries) => new Set(entries.map((entry) => `${entry.profileId}:${entry.secret}`)));
    // A keychain that failed is asked again next time.
    this.#present.catch(() => (this.#present = undefined));
    return this.#present;
  }

  async #setStored(key: string, secret: SecretKind, value: string | null): Promise<void> {
    if (value === null) await this.#credentials.delete(key, secret);
    else await this.#credentials.set(key, secret, value);
    const present = await this.#present?.catch(() => undefined);
    if (value === null) present?.delete(`${key}:${secret}`);
    else present?.add(`${key}:${secret}`);
  }

  async #has(key: string, secret: SecretKind): Promise<boolean> {
    try {
      return (await this.#stored()).has(`${key}:${secret}`);
    } catch {
      return false;
    }
  }

  async #secretState(profile: StoredProfile, scope: string): Promise<SecretState> {
    if (profile.kind === 'sandbox') return 'built-in';
    if (!(await this.#has(`${scope}-${profile.id}`, secretKindOf[profile.authKind]))) return 'missing';
    return this.#credentials.kind === 'keychain' ? 'stored' : 'session';
  }

  async #view(profile: StoredProfile): Promise<ProfileView> {
    return this.#viewIn(profile, (await this.#read()).keychainScope!);
  }

  async #viewIn(profile: StoredProfile, scope: string): Promise<ProfileView> {
    const summary = summariseCertificate(profile.certificate);
    return { ...profile, secret: await this.#secretState(profile, scope), ...(summary === undefined ? {} : { certificateSummary: summary }) };
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
    if (profile === undefined) throw new ProfileError('There is no such profile; it may have been deleted.');
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

  /**
   * Every problem with a profile as typed, at once: the fields, a name in use
   * (`names` holds the other profiles' names in lower case), an unreadable
   * certificate, and the secret that comes with it.
   */
  #validate(input: ProfileInput, names: ReadonlySet<string>, secret?: string) {
    const parsed = profileInputSchema.safeParse(input);
    const problems: FieldError[] = parsed.success ? [] : fieldErrorsOf(parsed.error);
    const fieldHas = (field: string) => problems.some((problem) => problem.field === field);
    const name = typeof input.name === 'string' ? input.name.normalize('NFC').trim() : '';
    if (!fieldHas('name') && names.has(name.toLowerCase())) problems.push({ field: 'name', message: `A profile called “${name}” exists already. Choose another name.` });
    if (parsed.success && parsed.data.certificate !== undefined && summariseCertificate(parsed.data.certificate) === 'not a readable certificate') {
      problems.push({ field: 'certificate', message: 'The certificate could not be read. Paste the whole PEM block, from -----BEGIN CERTIFICATE----- to its end.' });
    }
    if (secret !== undefined && !fieldHas('authKind')) {
      const problem = secretProblem(secret, input.authKind);
      if (problem !== null) problems.push({ field: 'secret', message: problem });
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

  #namesBut(file: ProfilesFile, exceptId?: string): Set<string> {
    return new Set(file.profiles.filter((profile) => profile.id !== exceptId).map((profile) => profile.name.toLowerCase()));
  }

  /** Adds a profile and, when given, its secret: both are saved, or neither. */
  async create(input: ProfileInput, secret?: string): Promise<ProfileView> {
    const created = await this.#change(async (file, undo) => {
      const fields = this.#validate(input, this.#namesBut(file), secret);
      const stamp = this.#stamp();
      const profile: StoredProfile = { id: randomBytes(8).toString('hex'), kind: 'scm', ...fields, created: stamp, updated: stamp };
      if (secret !== undefined) {
        const key = `${file.keychainScope}-${profile.id}`;
        await this.#setStored(key, secretKindOf[profile.authKind], secret);
        undo(() => this.#setStored(key, secretKindOf[profile.authKind], null));
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
      if (existing === undefined) throw new ProfileError('There is no such profile; it may have been deleted.');
      if (existing.kind === 'sandbox') {
        // The Sandbox profile keeps its tenant; only the admin to practise as can change.
        const login = profileInputSchema.shape.login.safeParse(input.login);
        if (!login.success) throw ProfileError.ofFields(fieldErrorsOf(login.error).map((problem) => ({ ...problem, field: 'login' })));
        const next: StoredProfile = { ...existing, login: login.data, updated: this.#stamp() };
        if (next.login !== existing.login) delete next.secretRefused;
        file.profiles[index] = next;
        return { updated: next, forget: [] as SecretKind[] };
      }
      const fields = this.#validate(input, this.#namesBut(file, id), options.secret);
      const stamp = this.#stamp();
      const next: StoredProfile = { id, kind: 'scm', ...fields, created: existing.created, updated: stamp };
      const key = `${file.keychainScope}-${id}`;
      const oldKind = secretKindOf[existing.authKind];
      const newKind = secretKindOf[next.authKind];
      const account = sameAccount(existing, next);
      const holdsOld = await this.#has(key, oldKind);
      const forget: SecretKind[] = oldKind !== newKind && holdsOld ? [oldKind] : [];
      if (!account && holdsOld && oldKind === newKind && options.secret === undefined) {
        if (options.storedSecret === undefined) {
          throw new ProfileError(
            `You changed the ${changedParts(existing, next)}. Say whether the stored ${secretNames[existing.authKind]} still belongs to this account, or type a new one.`,
            'storedSecret',
          );
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
        const previous = await this.#credentials.get(key, newKind).catch(() => undefined);
        await this.#setStored(key, newKind, options.secret);
        undo(() => this.#setStored(key, newKind, previous ?? null));
        next.secretChanged = stamp;
      }
      file.profiles[index] = next;
      return { updated: next, forget };
    });
    for (const kind of forget) await this.#setStored(await this.keyFor(id), kind, null).catch(() => undefined);
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
      if (profile === undefined) throw new ProfileError('There is no such profile; it may have been deleted.');
      if (profile.kind === 'sandbox') throw new ProfileError('The Sandbox profile cannot be deleted. Reset the sandbox to start its practice tenant afresh.');
      file.profiles = file.profiles.filter((candidate) => candidate.id !== id);
      if (file.activeId === id) file.activeId = sandboxProfileId;
    });
    const key = await this.keyFor(id);
    for (const secret of secretKinds) await this.#setStored(key, secret, null);
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
    if (problem !== null) throw new ProfileError(problem, 'secret');
    if (profile.kind === 'sandbox') await this.setSandboxSecret(profile.login, value);
    else await this.#setStored(await this.keyFor(id), secretKindOf[profile.authKind], value);
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
    await this.#setStored(await this.keyFor(id), secretKindOf[profile.authKind], null);
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
    await this.#setStored(await this.#sandboxKey(login), 'password', value);
  }

  /** Forgets every sandbox password of this folder, as the sandbox starts afresh from its seed. */
  async forgetSandboxSecrets(): Promise<void> {
    const prefix = `${await this.keyFor(sandboxProfileId)}-`;
    for (const entry of await this.#credentials.list()) {
      if (entry.profileId.startsWith(prefix)) await this.#setStored(entry.profileId, entry.secret, null);
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
      const names = this.#namesBut(file);
      // The next number to try per name, so many repeats of one name cost no more than distinct ones.
      const nextNumber = new Map<string, number>();
      const stamp = this.#stamp();
      for (const [index, entry] of parsed.data.profiles.entries()) {
        let name = entry.name.normalize('NFC').trim();
        if (names.has(name.toLowerCase())) {
          const base = name;
          let n = nextNumber.get(base.toLowerCase()) ?? 2;
          while (names.has(`${base} (${n})`.toLowerCase())) n++;
          nextNumber.set(base.toLowerCase(), n + 1);
          name = `${base} (${n})`;
          renamed.push({ from: base, to: name });
        }
        let fields;
        try {
          fields = this.#validate({ ...entry, name }, names);
        } catch (error) {
          throw new ProfileError(`Profile ${index + 1} (“${entry.name.slice(0, 80)}”) was not imported: ${(error as ProfileError).fields.map((problem) => `${problem.field}: ${problem.message}`).join(' ') || (error as Error).message}`);
        }
        names.add(fields.name.toLowerCase());
        file.profiles.push({ id: randomBytes(8).toString('hex'), kind: 'scm', ...fields, created: stamp, updated: stamp });
        added.push(fields.name);
      }
      return { added, renamed };
    });
  }
}

export function isProfileId(value: string): boolean {
  return profileIdSchema.safeParse(value).success;
}
