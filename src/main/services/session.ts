import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { authKindLabels, type StoredProfile } from '../../shared/profiles';
import type { AppError } from '../../shared/result';
import {
  passwordPolicyProblems,
  signedOut,
  type Identity,
  type PasswordChangeResult,
  type PasswordInfo,
  type Session,
  type SignInCause,
  type SignInProblem,
} from '../../shared/session';
import type { AdminDetails } from '../../shared/scm/types';
import { AdminsApi } from '../scm/admins';
import type { ScmClient } from '../scm/client';
import { daysUntil } from '../scm/dates';
import { ScmClientError, type NetworkCause } from '../scm/errors';
import { OrganizationsApi } from '../scm/organizations';
import { clientForProfile } from './profileClient';
import type { ProfileService } from './profiles';
import type { SandboxRunner } from './sandboxRunner';

/** A refusal the renderer shows as an error: never carries a secret. */
export class SessionError extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
    this.name = 'SessionError';
  }
}

const warnDays = 14;
/** The sandbox locks an admin after this many failures; real tenants do not publish theirs. */
const manyFailures = 5;
const sandboxPeerLogin = 'mrao';

const problems: Record<SignInCause, { title: string; explanation: string; steps: string[]; anchor: string }> = {
  'wrong-password': {
    title: 'Wrong password',
    explanation: 'SCM knows this admin, but the password the profile holds is not theirs.',
    steps: [
      'Enter the password again; the new one replaces the stored one.',
      'Make sure it is this admin’s password: a web-interface admin and an API admin have different ones.',
      'The console will not send the refused password again: failed attempts count towards a lock.',
    ],
    anchor: 'connecting#sign-in-wrong-password',
  },
  'unknown-login': {
    title: 'No admin with this login',
    explanation: 'The tenant is right (another profile reached it), but it has no admin with this login.',
    steps: ['Compare the login in the profile with the admin record, character by character.', 'Ask an RAO whether the admin exists in this tenant.'],
    anchor: 'connecting#sign-in-wrong-password',
  },
  locked: {
    title: 'The account is locked',
    explanation: 'SCM has counted many failed sign-ins for this admin, and then refuses even the right password.',
    steps: [
      'Stop every script and profile that uses this account, or it locks again at once.',
      'Ask your MRAO to unlock it, giving your login and customer URI, never the password.',
    ],
    anchor: 'connecting#sign-in-locked',
  },
  suspended: {
    title: 'The account is suspended',
    explanation: 'The admin exists but has been switched off.',
    steps: ['Ask an RAO who may edit your admin to set it active again.'],
    anchor: 'connecting#sign-in-locked',
  },
  'expired-password': {
    title: 'The password has expired',
    explanation: 'SCM accepts only a password change until a new password is set. A new admin’s temporary password counts as expired.',
    steps: ['Change the password here; the console stores the new one in the keychain.', 'Update every script that uses this account.'],
    anchor: 'connecting#sign-in-expired-password',
  },
  'idp-only': {
    title: 'This admin signs in only through an identity provider',
    explanation: 'Admins of type IDP cannot use the REST API at all, so SCM refuses any password.',
    steps: ['Use a separate admin of type API for the console and for scripts.', 'An RAO can create one: see the API admin procedure.'],
    anchor: 'connecting#sign-in-idp-only',
  },
  'unknown-customer': {
    title: 'Unknown customer URI',
    explanation: 'SCM has no customer with this URI on this host.',
    steps: ['Copy the part after /customer/ from your SCM login address.', 'Check that the host matches that address (for example hard.cert-manager.com).'],
    anchor: 'connecting#sign-in-unknown-customer',
  },
  'not-scm': {
    title: 'The host does not answer like SCM',
    explanation: 'Something answered at this address, but not the SCM REST API.',
    steps: ['Check the host in the profile: use the host of your SCM login address, such as cert-manager.com.'],
    anchor: 'connecting#profiles',
  },
  unreachable: {
    title: 'SCM could not be reached',
    explanation: 'The console got no answer from the host.',
    steps: ['Check the network connection and the host in the profile.', 'See whether SCM itself is down.'],
    anchor: 'errors#kind-network',
  },
  held: {
    title: 'The console did not send the password again',
    explanation: 'SCM refused this password before. Each refused attempt counts towards a lock of the account, so the console does not repeat it.',
    steps: [
      'Enter the password again. If it was right and the account was locked or suspended, enter the same one once it is unlocked.',
      'If you do not know the password, ask an admin above you (your RAO, or the MRAO for an RAO) to reset it.',
    ],
    anchor: 'connecting#sign-in-wrong-password',
  },
  'no-secret': {
    title: 'No secret is stored for this profile',
    explanation: 'The profile has no password (or key, or client secret) in the keychain yet.',
    steps: ['Open the profile and type the secret once; it goes straight into the keychain.'],
    anchor: 'connecting#keychain',
  },
  keychain: {
    title: 'The keychain did not answer',
    explanation: 'The console could not read the secret from the operating system’s keychain.',
    steps: ['Unlock the keychain (on Linux: the login keyring) and try again.'],
    anchor: 'connecting#keychain',
  },
  other: {
    title: 'SCM did not accept the sign-in',
    explanation: 'SCM answers “Unknown user” (-16) to several different problems and does not say which one it is.',
    steps: ['Work through the possible causes below, most likely first.'],
    anchor: 'connecting#sign-in-failures',
  },
};

/** Causes where SCM refused the secret itself: sending it again only adds a failed attempt. */
const secretRefusedCauses: ReadonlySet<SignInCause> = new Set(['wrong-password', 'unknown-login', 'locked', 'suspended', 'idp-only', 'held']);

function problem(cause: SignInCause, alsoPossible: SignInCause[] = [], code?: number, override?: Partial<SignInProblem>): SignInProblem {
  return { cause, ...problems[cause], alsoPossible, ...(code === undefined ? {} : { code }), retry: !secretRefusedCauses.has(cause), ...override };
}

/** What to check for each way the network can fail, in the order most worth trying. */
const networkProblems: Record<NetworkCause, { title: string; steps: string[] }> = {
  dns: {
    title: 'The host name was not found',
    steps: ['Check the spelling of the host in the profile (for most tenants cert-manager.com).', 'Check that this computer can look up names: other sites, the VPN, the DNS settings.'],
  },
  refused: {
    title: 'The host refused the connection',
    steps: ['Check the host in the profile: SCM answers on https, port 443.', 'A firewall or proxy may block the connection: ask whoever runs your network.'],
  },
  tls: {
    title: 'The secure connection failed',
    steps: [
      'Check the host in the profile: it must be the SCM host itself, not a page in front of it.',
      'Where a proxy inspects TLS, its CA must be trusted by this computer.',
      'Check this computer’s date and time: a wrong clock makes valid certificates look expired.',
    ],
  },
  timeout: {
    title: 'SCM did not answer in time',
    steps: ['Try again in a minute: SCM may be slow right now.', 'Check the network, the VPN or the proxy between this computer and SCM.'],
  },
  reset: {
    title: 'The connection broke',
    steps: ['Try again. If it keeps breaking, a proxy or firewall may be cutting connections.'],
  },
  'too-large': {
    title: 'The host answered with far too much',
    steps: ['Check the host in the profile: SCM never sends this much for a sign-in.'],
  },
};

function networkProblem(error: ScmClientError): SignInProblem {
  const cause = error.network ?? (error.kind === 'timeout' ? 'timeout' : 'reset');
  return problem('unreachable', [], error.code, { ...networkProblems[cause], explanation: error.reason, anchor: error.anchor });
}

/** Compares a typed password with the stored one without telling, by timing, how much matched. */
function samePassword(typed: string, stored: string): boolean {
  const a = createHash('sha256').update(typed).digest();
  const b = createHash('sha256').update(stored).digest();
  return timingSafeEqual(a, b);
}

function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

/** Wrong current passwords in a row before a change needs a new sign-in. */
const maxWrongCurrentPasswords = 5;

/** A strong password that meets SCM's policy: 20 characters from every class. */
export function generatePassword(login: string): string {
  const classes = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '!#%+-=?@_~'];
  const all = classes.join('');
  for (;;) {
    const characters = classes.map((set) => set[randomInt(set.length)]!);
    while (characters.length < 20) characters.push(all[randomInt(all.length)]!);
    for (let i = characters.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [characters[i], characters[j]] = [characters[j]!, characters[i]!];
    }
    const candidate = characters.join('');
    if (passwordPolicyProblems(candidate, login).length === 0) return candidate;
  }
}

export interface SessionServiceOptions {
  profiles: ProfileService;
  sandbox: SandboxRunner;
  now?: () => number;
  /** A line per SCM request, for the support log; never a credential. */
  log?: (line: string) => void;
}

/**
 * Who the console is signed in as: one profile at a time, its SCM client, the
 * admin's identity and password state, and a diagnosis when SCM says no.
 */
export class SessionService {
  readonly #profiles: ProfileService;
  readonly #sandbox: SandboxRunner;
  readonly #now: () => number;
  readonly #log: ((line: string) => void) | undefined;
  #session: Session = signedOut;
  #client: ScmClient | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  /** Stops the sign-in under way, when another sign-in or a sign-out comes. */
  #signingIn: AbortController | undefined;
  #wrongCurrentPasswords = 0;

  constructor(options: SessionServiceOptions) {
    this.#profiles = options.profiles;
    this.#sandbox = options.sandbox;
    this.#now = options.now ?? Date.now;
    this.#log = options.log;
    // Passwords changed in the practice sandbox mean nothing once it starts afresh.
    this.#sandbox.onReset(() => this.#profiles.forgetSandboxSecrets());
  }

  state(): Session {
    return this.#session;
  }

  /** The signed-in client, for the services that work in SCM. */
  client(): ScmClient {
    if (this.#client === undefined || this.#session.status !== 'signed-in') {
      throw new SessionError({ kind: 'auth', message: 'Sign in to a profile first.', anchor: 'connecting#profiles' });
    }
    return this.#client;
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(work);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #clientFor(profile: StoredProfile, secret?: () => Promise<string>, signal?: AbortSignal): Promise<ScmClient> {
    const fallback =
      profile.kind === 'sandbox'
        ? async () => (await this.#profiles.sandboxSecret(profile.login)) ?? (await this.#sandbox.passwordOf(profile.login)) ?? ''
        : async () => {
            const value = await this.#profiles.secret(profile.id);
            if (value === undefined) throw new SessionError({ kind: 'auth', message: 'No secret is stored for this profile.', anchor: 'connecting#keychain' });
            return value;
          };
    return clientForProfile(profile, { secret: secret ?? fallback, sandbox: this.#sandbox, ...(this.#log === undefined ? {} : { log: this.#log }), ...(signal === undefined ? {} : { signal }) });
  }

  async #tenantOf(profile: StoredProfile): Promise<string> {
    if (profile.kind === 'sandbox') return `${profile.customerUri} @ built-in sandbox`;
    return `${profile.authKind === 'oauth2' ? authKindLabels.oauth2 : profile.customerUri} @ ${new URL(profile.host).host}`;
  }

  /**
   * Signs in to a profile. A sign-in already under way (a slow or silent host)
   * is stopped first, so it never holds up another profile or a sign-out.
   */
  signIn(profileId: string): Promise<Session> {
    this.#signingIn?.abort();
    const controller = new AbortController();
    this.#signingIn = controller;
    const done = this.#serial(() => this.#signIn(profileId, controller.signal)).finally(() => {
      if (this.#signingIn === controller) this.#signingIn = undefined;
    });
    // A replaced sign-in answers with the state the work that replaced it left.
    return done.then(async (state) => {
      if (!controller.signal.aborted) return state;
      await this.#queue;
      return this.#session;
    });
  }

  async #signIn(profileId: string, signal?: AbortSignal): Promise<Session> {
    // Replaced by a later sign-in or a sign-out before its turn came.
    if (signal?.aborted === true) return this.#session;
    const profile = await this.#profiles.get(profileId);
    await this.#profiles.setActive(profileId);
    await this.#client?.close();
    this.#client = undefined;
    this.#wrongCurrentPasswords = 0;
    const base = { profileId, practice: profile.kind === 'sandbox', tenant: await this.#tenantOf(profile), identity: null, password: null };
    if (profile.secretRefused !== undefined && profile.authKind !== 'certificate') {
      this.#session = { ...base, status: 'failed', problem: problem('held', [], undefined, { explanation: `SCM refused this ${profile.authKind === 'oauth2' ? 'client secret' : 'password'} on ${profile.secretRefused.slice(0, 10)}. Each refused attempt counts towards a lock of the account, so the console does not send it again until you enter it anew.` }) };
      return this.#session;
    }
    if (profile.kind === 'scm') {
      let secret: string | undefined;
      try {
        secret = await this.#profiles.secret(profileId);
      } catch {
        this.#session = { ...base, status: 'failed', problem: problem('keychain') };
        return this.#session;
      }
      if (secret === undefined) {
        this.#session = { ...base, status: 'failed', problem: problem('no-secret') };
        return this.#session;
      }
    }
    const client = await this.#clientFor(profile, undefined, signal);
    try {
      const password = profile.authKind === 'oauth2' ? null : await this.#passwordInfo(client);
      if (password?.state === 'EXPIRED') {
        this.#client = client;
        this.#session = { ...base, status: 'password-expired', password, problem: problem('expired-password') };
        return this.#session;
      }
      const identity = await this.#identity(client, profile);
      this.#client = client;
      await this.#profiles.noteSignIn(profileId);
      this.#session = { ...base, status: 'signed-in', identity, password, problem: null };
    } catch (error) {
      await client.close();
      if (isAborted(signal)) return this.#session;
      const diagnosis = await this.#diagnose(error, profile);
      // A refused password or client secret counts towards a lock; a client certificate is not typed, and is not held back.
      if (!diagnosis.retry && diagnosis.cause !== 'held' && profile.authKind !== 'certificate') await this.#profiles.noteRefusal(profileId);
      this.#session = { ...base, status: 'failed', problem: diagnosis };
    }
    return this.#session;
  }

  async signOut(): Promise<Session> {
    this.#signingIn?.abort();
    return this.#serial(async () => {
      await this.#client?.close();
      this.#client = undefined;
      this.#session = signedOut;
      return this.#session;
    });
  }

  async #passwordInfo(client: ScmClient): Promise<PasswordInfo> {
    const status = await new AdminsApi(client).passwordStatus();
    const daysLeft = status.state === 'ALIVE' ? daysUntil(status.expires, this.#now()) : null;
    return { state: status.state, expires: status.expires, daysLeft, warning: daysLeft !== null && daysLeft < warnDays };
  }

  async #identity(client: ScmClient, profile: StoredProfile): Promise<Identity> {
    const organizationsApi = new OrganizationsApi(client);
    const organizations = await organizationsApi.list();
    const units = organizations.flatMap((org) => [{ id: org.id, name: org.name, parentId: null as number | null }, ...org.departments.map((dept) => ({ id: dept.id, name: dept.name, parentId: org.id as number | null }))]);
    const flags = await Promise.all(
      units.slice(0, 50).map((unit) =>
        organizationsApi.get(unit.id).then(
          (details) => ({ ssl: details.sslCertsApiEnabled, client: details.clientCertsApiEnabled }),
          () => ({ ssl: null, client: null }),
        ),
      ),
    );
    const names = new Map(units.map((unit) => [unit.id, unit.name]));
    let admin: AdminDetails | undefined;
    if (profile.authKind !== 'oauth2') {
      try {
        const admins = new AdminsApi(client);
        const found = await admins.findByLogin(profile.login);
        admin = found === undefined ? undefined : await admins.get(found.id);
      } catch {
        // Some admins may not read admin records; the scope above still says what they can do.
        admin = undefined;
      }
    }
    return {
      login: profile.authKind === 'oauth2' ? (profile.clientId ?? '') : profile.login,
      type: admin?.type ?? null,
      name: admin === undefined ? '' : `${admin.forename} ${admin.surname}`.trim(),
      email: admin?.email ?? '',
      roles: (admin?.credentials ?? []).map((credential) => ({ role: credential.role, orgId: credential.orgId, orgName: credential.orgId === null ? null : (names.get(credential.orgId) ?? null) })),
      privileges: admin?.privileges ?? [],
      organizations: units.map((unit, index) => ({ ...unit, sslApi: flags[index]?.ssl ?? null, clientApi: flags[index]?.client ?? null })),
    };
  }

  /**
   * Works out why SCM refused a sign-in. SCM answers -16 to most causes, so the
   * console asks what it can: the password state (in the client), and, where
   * another profile reaches the same tenant, that admin's record.
   */
  async #diagnose(error: unknown, profile: StoredProfile): Promise<SignInProblem> {
    if (error instanceof SessionError) return problem('no-secret');
    if (!(error instanceof ScmClientError)) return problem('other', [], undefined, { explanation: 'The sign-in failed unexpectedly.' });
    const code = error.code;
    if (error.kind === 'expired-password') return problem('expired-password', [], code);
    if (code === -410) return problem('unknown-customer', [], code);
    if (error.network !== undefined || error.kind === 'network' || error.kind === 'timeout') return networkProblem(error);
    if (error.kind === 'protocol' || error.status === 404 || error.status === 405) return problem('not-scm', [], code);
    if (error.kind !== 'auth') {
      return problem('other', [], code, { title: 'SCM refused the sign-in', explanation: error.reason, steps: error.hint === undefined ? [] : [error.hint], anchor: error.anchor });
    }
    if (profile.authKind === 'oauth2') {
      return problem('wrong-password', [], code, { title: 'The client ID or secret was refused', explanation: error.reason, steps: ['Check the client ID and enter the client secret again.'], anchor: 'connecting#auth-kinds' });
    }
    const record = await this.#peerLookup(profile);
    if (record === 'unknown-login') return problem('unknown-login', [], code);
    if (record !== undefined) {
      if (record.type === 'IDP' || record.type === 'SAS') return problem('idp-only', [], code);
      if (record.activeStatus === 'SUSPENDED') return problem('suspended', [], code);
      if ((record.failedAttempts ?? 0) >= manyFailures) return problem('locked', ['wrong-password'], code);
      if (record.passwordState === 'EXPIRED') return problem('expired-password', [], code);
      return problem('wrong-password', ['locked'], code);
    }
    const workedBefore = profile.lastSignIn !== undefined && (profile.secretChanged === undefined || profile.secretChanged < profile.lastSignIn);
    // SCM refused the password itself: whatever the cause, sending it again only adds a failed attempt.
    return workedBefore
      ? problem('other', ['locked', 'suspended', 'wrong-password', 'expired-password'], code, {
          title: 'SCM refused a password that worked before',
          explanation: `The same password worked on ${profile.lastSignIn!.slice(0, 10)}. SCM answers “Unknown user” (-16) whatever the cause, so the console cannot tell which of these it is.`,
          retry: false,
        })
      : problem('other', ['wrong-password', 'unknown-customer', 'unknown-login', 'idp-only', 'locked', 'expired-password'], code, { retry: false });
  }

  /** The refused admin's record, read through another profile that reaches the same tenant. */
  async #peerLookup(profile: StoredProfile): Promise<AdminDetails | 'unknown-login' | undefined> {
    const candidates: { profile: StoredProfile; secret?: () => Promise<string> }[] = [];
    if (profile.kind === 'sandbox') {
      if (profile.login !== sandboxPeerLogin) candidates.push({ profile: { ...profile, login: sandboxPeerLogin } });
    } else {
      const { profiles } = await this.#profiles.list();
      for (const other of profiles) {
        if (other.id !== profile.id && other.kind === 'scm' && other.authKind !== 'oauth2' && other.host === profile.host && other.customerUri === profile.customerUri && other.secret !== 'missing' && other.secretRefused === undefined) {
          candidates.push({ profile: other });
        }
      }
    }
    for (const candidate of candidates.slice(0, 2)) {
      const client = await this.#clientFor(candidate.profile, candidate.secret);
      try {
        const admins = new AdminsApi(client);
        const found = await admins.findByLogin(profile.login);
        if (found === undefined) return 'unknown-login';
        return await admins.get(found.id);
      } catch {
        continue;
      } finally {
        await client.close();
      }
    }
    return undefined;
  }

  /**
   * Changes the signed-in admin's own password: the one given, or a generated
   * one. The person must type the current password, which a script that can
   * call the console does not know, unless a generated password goes straight
   * into the keychain, seen by nobody. Without a keychain a generated password
   * is given back once, to be shown, since nothing else will keep it. The new
   * password is stored before SCM is asked, and the old one is put back if SCM
   * refuses, so a password SCM holds is never lost.
   */
  changePassword(profileId: string, change: { newPassword?: string; currentPassword?: string } = {}): Promise<PasswordChangeResult> {
    return this.#serial(async () => {
      if (this.#session.profileId !== profileId || this.#client === undefined || (this.#session.status !== 'signed-in' && this.#session.status !== 'password-expired')) {
        throw new SessionError({ kind: 'auth', message: 'Sign in to this profile before changing its password.', anchor: 'connecting#change-password' });
      }
      const profile = await this.#profiles.get(profileId);
      if (profile.authKind !== 'password') throw new SessionError({ kind: 'validation', message: `${authKindLabels[profile.authKind]} sign-in has no password to change.` });
      const keptIn = this.#profiles.secretStore;
      const generated = change.newPassword === undefined;
      const candidate = change.newPassword ?? generatePassword(profile.login);
      const broken = passwordPolicyProblems(candidate, profile.login);
      if (broken.length > 0) {
        throw new SessionError({ kind: 'validation', message: `The new password needs ${broken.join(', ')}.`, anchor: 'connecting#change-password', field: 'newPassword' });
      }
      const sandbox = profile.kind === 'sandbox';
      // A sandbox login's password is the seed's until the profile changes it; then it is kept like a profile's.
      const stored = sandbox ? await this.#profiles.sandboxSecret(profile.login) : await this.#profiles.secret(profileId);
      const old = sandbox ? (stored ?? (await this.#sandbox.passwordOf(profile.login))) : stored;
      if (old === undefined) throw new SessionError({ kind: 'auth', message: 'No password is stored for this profile.', anchor: 'connecting#keychain' });
      if (!generated || keptIn !== 'keychain') this.#confirmCurrentPassword(change.currentPassword, old);
      if (sandbox) await this.#profiles.setSandboxSecret(profile.login, candidate);
      else await this.#profiles.setSecret(profileId, candidate);
      // The change is signed with the old password, which the keychain no longer holds.
      const changer = await this.#clientFor(profile, async () => old);
      try {
        await new AdminsApi(changer).changePassword(candidate);
      } catch (error) {
        const tookEffect = error instanceof ScmClientError && error.outcomeUnknown ? await this.#works(profile, candidate) : false;
        if (!tookEffect) {
          if (sandbox) await this.#profiles.setSandboxSecret(profile.login, stored ?? null);
          else await this.#profiles.setSecret(profileId, old);
          if (error instanceof ScmClientError) throw new SessionError(error.toAppError());
          throw error;
        }
      } finally {
        await changer.close();
      }
      await this.#client.close();
      this.#client = undefined;
      this.#session = signedOut;
      const session = await this.#signIn(profileId);
      return { session, keptIn, ...(generated && keptIn !== 'keychain' ? { generatedPassword: candidate } : {}) };
    });
  }

  /**
   * The confirmation a script cannot give: the password in use now. Checked
   * here, before anything reaches SCM, so a wrong one never counts as a
   * failed sign-in there; after a few wrong ones, a new sign-in is needed.
   */
  #confirmCurrentPassword(typed: string | undefined, current: string): void {
    if (this.#wrongCurrentPasswords >= maxWrongCurrentPasswords) {
      throw new SessionError({ kind: 'auth', message: 'The current password was wrong too many times. Sign out and in again before you change the password.', anchor: 'connecting#change-password', field: 'currentPassword' });
    }
    if (typed === undefined || typed === '') {
      throw new SessionError({ kind: 'validation', message: 'Enter the current password: the console asks for it before it changes the password.', anchor: 'connecting#change-password', field: 'currentPassword' });
    }
    if (!samePassword(typed, current)) {
      this.#wrongCurrentPasswords += 1;
      throw new SessionError({ kind: 'validation', message: 'That is not the current password. Nothing was sent to SCM.', anchor: 'connecting#change-password', field: 'currentPassword' });
    }
    this.#wrongCurrentPasswords = 0;
  }

  async #works(profile: StoredProfile, password: string): Promise<boolean> {
    const client = await this.#clientFor(profile, async () => password);
    try {
      await new AdminsApi(client).passwordStatus();
      return true;
    } catch {
      return false;
    } finally {
      await client.close();
    }
  }

  async close(): Promise<void> {
    await this.#client?.close();
    this.#client = undefined;
  }
}

