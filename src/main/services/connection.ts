import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { profileNameProblem } from '../../shared/profiles';
import { KeychainCredentialStore, MemoryCredentialStore, probeKeychain, type CredentialStore } from '../credentials';
import { product } from '../product';
import type { ScmClient } from '../scm/client';
import { defaultUserDataDir } from '../storage';
import { AuditService } from './audit';
import { Notices } from './notices';
import { clientForLogin, clientForProfile } from './profileClient';
import { ProfileService } from './profiles';
import { SandboxRunner } from './sandboxRunner';

/** The connection asked for cannot be made as given; the message says what to change. */
export class ConnectionProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConnectionProblem';
  }
}

/** A client signed in to one tenant for a shell that is not the app (the command line), and how to end it. */
export interface TenantConnection {
  client: ScmClient;
  /** The login (or OAuth2 client ID) SCM sees, for messages. */
  who: string;
  close(): Promise<void>;
}

export interface ConnectionOptions {
  /** The app's data folder: its profiles and its audit log. */
  userDataDir: string;
  /** A line per SCM request; never a credential. */
  log?: (line: string) => void;
  /** Told when a change made in SCM could not be written to the audit log. */
  onAuditFailure?: (message: string) => void;
  /**
   * Where secrets of accounts a command makes are kept (the new admin of a
   * checklist); by default as the app keeps them, see `accountSecretStore`.
   */
  credentials?: CredentialStore;
}

/**
 * Where a command keeps the secrets of accounts it makes, as the app does: the
 * keychain when one answers, else memory for this run only.
 */
export async function accountSecretStore(options: ConnectionOptions): Promise<CredentialStore> {
  if (options.credentials !== undefined) return options.credentials;
  return (await probeKeychain()).usable ? new KeychainCredentialStore() : new MemoryCredentialStore();
}

/** A store that keeps nothing beyond this run, for commands that only read what is on disk. */
export function emptySecretStore(): CredentialStore {
  return new MemoryCredentialStore();
}

/** The folder the desktop app keeps its data in, unless another is given. */
export function userDataFolder(given: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return given ?? defaultUserDataDir(product.name, env);
}

function auditFor(options: ConnectionOptions): AuditService {
  return new AuditService({ userDataDir: options.userDataDir, ...(options.onAuditFailure === undefined ? {} : { onFailure: options.onAuditFailure }) });
}

/** Connects with a login and password given by hand; changes it makes are recorded in the app's audit log. */
export function connectWithPassword(account: { baseUrl: string; customerUri: string; login: string; password: string }, options: ConnectionOptions): TenantConnection {
  const client = clientForLogin({
    baseUrl: account.baseUrl,
    customerUri: account.customerUri,
    login: account.login,
    password: async () => account.password,
    audit: auditFor(options),
    ...(options.log === undefined ? {} : { log: options.log }),
  });
  return { client, who: account.login, close: () => client.close() };
}

/**
 * Connects as a saved profile of the desktop app: the same profiles.json and
 * keychain entries, and the same audit log. The secret comes from
 * `secretFromEnv` when given (for cron without a keychain), else from the
 * keychain. The Sandbox profile runs on a copy of the app's practice state,
 * so the command line never changes it.
 */
export async function connectProfile(name: string, secretFromEnv: string | undefined, options: ConnectionOptions): Promise<TenantConnection> {
  const folder = options.userDataDir;
  const hidden = profileNameProblem(name);
  if (hidden !== null) throw new ConnectionProblem(`--profile: ${hidden}`);
  // Profiles are only read here; secrets are fetched below, from the keychain or the environment.
  const profiles = new ProfileService({ userDataDir: folder, credentials: new MemoryCredentialStore(), notices: new Notices() });
  const profile = await profiles.find(name);
  if (profile === undefined) {
    const known = (await profiles.list()).profiles.map((candidate) => candidate.name);
    throw new ConnectionProblem(`No profile called "${name}" in ${folder}. Profiles there: ${known.join(', ')}.`);
  }
  const audit = auditFor(options);
  const log = options.log === undefined ? {} : { log: options.log };
  if (profile.kind === 'sandbox') {
    const scratch = await mkdtemp(join(tmpdir(), 'tcs-admin-sandbox-'));
    const runner = new SandboxRunner(scratch);
    await mkdir(join(scratch, 'sandbox'), { recursive: true });
    // Without practice state yet, the copy fails and the sandbox starts from its seed.
    await copyFile(new SandboxRunner(folder).stateFile, runner.stateFile).catch(() => undefined);
    // A sandbox password changed in the app is in the keychain; the seed's own needs none.
    const changed = secretFromEnv === undefined && (await probeKeychain()).usable ? await new ProfileService({ userDataDir: folder, credentials: new KeychainCredentialStore(), notices: new Notices() }).sandboxSecret(profile.login).catch(() => undefined) : undefined;
    const client = await clientForProfile(profile, { secret: async () => secretFromEnv ?? changed ?? (await runner.passwordOf(profile.login)) ?? '', sandbox: runner, audit, ...log });
    return {
      client,
      who: profile.login,
      async close() {
        await client.close();
        await runner.stop();
        await rm(scratch, { recursive: true, force: true });
      },
    };
  }
  let secret = secretFromEnv;
  if (secret === undefined && profile.secretRefused !== undefined) {
    throw new ConnectionProblem(
      `SCM refused the secret of the profile "${profile.name}" on ${profile.secretRefused.slice(0, 10)}, so it is not sent again: each refused attempt counts towards a lock of the account. Enter it again in the app, or set SCM_PASSWORD for this run.`,
    );
  }
  if (secret === undefined) {
    const probe = await probeKeychain();
    if (!probe.usable) {
      throw new ConnectionProblem(`No keychain is reachable (${probe.reason}), so the profile's secret cannot be read. Set SCM_PASSWORD for this run, or give the connection with --base-url, --customer-uri and --login.`);
    }
    secret = await new ProfileService({ userDataDir: folder, credentials: new KeychainCredentialStore(), notices: new Notices() }).secret(profile.id);
    if (secret === undefined) throw new ConnectionProblem(`The profile "${profile.name}" has no secret in the keychain. Store one in the app, or set SCM_PASSWORD.`);
  }
  const value = secret;
  const client = await clientForProfile(profile, { secret: async () => value, sandbox: new SandboxRunner(folder), audit, ...log });
  return { client, who: profile.authKind === 'oauth2' ? (profile.clientId ?? '') : profile.login, close: () => client.close() };
}
