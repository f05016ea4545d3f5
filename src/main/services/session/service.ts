import { authKindLabels, type StoredProfile } from '../../../shared/profiles';
import { signedOut, type PasswordChangeResult, type Session } from '../../../shared/session';
import type { ScmClient } from '../../scm/client';
import type { AuditService } from '../audit';
import { keptWhileInUse } from '../secretCache';
import { clientForProfile } from '../profileClient';
import type { ProfileService } from '../profiles';
import type { SandboxRunner } from '../sandboxRunner';
import { diagnoseSignIn } from './diagnosis';
import { SessionError } from './error';
import { readIdentity, readPasswordInfo } from './identity';
import { changeOwnPassword, CurrentPasswordCheck } from './passwordChange';
import { problem } from './problems';

export interface SessionServiceOptions {
  profiles: ProfileService;
  sandbox: SandboxRunner;
  /** Where the changes made in SCM through this session are recorded. */
  audit: AuditService;
  now?: () => number;
  /** A line per SCM request, for the support log; never a credential. */
  log?: (line: string) => void;
}

function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

/**
 * Who the console is signed in as: one profile at a time, its SCM client, the
 * admin's identity and password state, and a diagnosis when SCM says no.
 */
export class SessionService {
  readonly #profiles: ProfileService;
  readonly #sandbox: SandboxRunner;
  readonly #audit: AuditService;
  readonly #now: () => number;
  readonly #log: ((line: string) => void) | undefined;
  #session: Session = signedOut;
  #client: ScmClient | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  /** Stops the sign-in under way, when another sign-in or a sign-out comes. */
  #signingIn: AbortController | undefined;
  readonly #currentPassword = new CurrentPasswordCheck();

  constructor(options: SessionServiceOptions) {
    this.#profiles = options.profiles;
    this.#sandbox = options.sandbox;
    this.#audit = options.audit;
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
    return clientForProfile(profile, {
      secret: secret ?? keptWhileInUse(fallback),
      sandbox: this.#sandbox,
      audit: this.#audit,
      ...(this.#log === undefined ? {} : { log: this.#log }),
      ...(signal === undefined ? {} : { signal }),
    });
  }

  #tenantOf(profile: StoredProfile): string {
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
    this.#release();
    this.#currentPassword.reset();
    const base = { profileId, practice: profile.kind === 'sandbox', tenant: this.#tenantOf(profile), identity: null, password: null };
    if (profile.secretRefused !== undefined && profile.authKind !== 'certificate') {
      this.#session = { ...base, status: 'failed', problem: problem('held', [], undefined, {
          explanation: `SCM refused this ${profile.authKind === 'oauth2' ? 'client secret' : 'password'} on ${profile.secretRefused.slice(0, 10)}. Each refused attempt counts towards a lock of the account, so the console does not send it again until you enter it anew.`,
          ...(profile.authKind === 'oauth2' ? { variant: 'held-client-secret' } : {}),
          params: { date: profile.secretRefused.slice(0, 10) },
        }) };
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
      const password = profile.authKind === 'oauth2' ? null : await readPasswordInfo(client, this.#now());
      if (password?.state === 'EXPIRED') {
        this.#client = client;
        this.#session = { ...base, status: 'password-expired', password, problem: problem('expired-password') };
        return this.#session;
      }
      const identity = await readIdentity(client, profile);
      this.#client = client;
      await this.#profiles.noteSignIn(profileId);
      this.#session = { ...base, status: 'signed-in', identity, password, problem: null };
    } catch (error) {
      await client.close();
      if (isAborted(signal)) return this.#session;
      const diagnosis = await diagnoseSignIn(error, profile, { profiles: this.#profiles, clientFor: (peer) => this.#clientFor(peer) });
      // A refused password or client secret counts towards a lock; a client certificate is not typed, and is not held back.
      if (!diagnosis.retry && diagnosis.cause !== 'held' && profile.authKind !== 'certificate') await this.#profiles.noteRefusal(profileId);
      this.#session = { ...base, status: 'failed', problem: diagnosis };
    }
    return this.#session;
  }

  async signOut(): Promise<Session> {
    this.#signingIn?.abort();
    return this.#serial(async () => {
      this.#release();
      this.#session = signedOut;
      return this.#session;
    });
  }

  /**
   * Changes the signed-in admin's own password: the one given, or a generated
   * one (see `changeOwnPassword`), then signs in again with it. Without a
   * keychain a generated password is given back once, to be shown, since
   * nothing else will keep it.
   */
  changePassword(profileId: string, change: { newPassword?: string; currentPassword?: string } = {}): Promise<PasswordChangeResult> {
    return this.#serial(async () => {
      if (this.#session.profileId !== profileId || this.#client === undefined || (this.#session.status !== 'signed-in' && this.#session.status !== 'password-expired')) {
        throw new SessionError({ kind: 'auth', message: 'Sign in to this profile before changing its password.', anchor: 'connecting#change-password' });
      }
      const profile = await this.#profiles.get(profileId);
      if (profile.authKind !== 'password') throw new SessionError({ kind: 'validation', message: `${authKindLabels[profile.authKind]} sign-in has no password to change.` });
      const keptIn = this.#profiles.secretStore;
      const password = await changeOwnPassword(
        { profiles: this.#profiles, sandbox: this.#sandbox, check: this.#currentPassword, clientWith: (target, secret) => this.#clientFor(target, secret) },
        profile,
        change,
      );
      this.#release();
      this.#session = signedOut;
      const session = await this.#signIn(profileId);
      return { session, keptIn, ...(change.newPassword === undefined && keptIn !== 'keychain' ? { generatedPassword: password } : {}) };
    });
  }

  /**
   * Lets go of the signed-in client without waiting for it: calls still under
   * way on it end on their own (answered, or at their deadline), so a tenant
   * that answers slowly or never holds up no sign-in to another, and no
   * sign-out. A write under way still gets its answer and its audit entry.
   */
  #release(): void {
    const client = this.#client;
    this.#client = undefined;
    void client?.close().catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.#client?.close();
    this.#client = undefined;
  }
}
