import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeychainCredentialStore, MemoryCredentialStore, probeKeychain } from '../main/credentials';
import { product } from '../main/product';
import { ScmClient } from '../main/scm/client';
import { AuditService } from '../main/services/audit';
import { Notices } from '../main/services/notices';
import { clientForProfile } from '../main/services/profileClient';
import { ProfileService } from '../main/services/profiles';
import { profileNameProblem } from '../shared/profiles';
import { SandboxRunner } from '../main/services/sandboxRunner';
import { defaultUserDataDir } from '../main/storage';
import { promptPassword } from './password';

export class UsageError extends Error {}

export interface ConnectionFlags {
  'base-url'?: string;
  'customer-uri'?: string;
  login?: string;
}

export const connectionHelp = `Connection: a saved profile of the desktop app,
  --profile NAME        the profile's name (or id); its secret comes from the keychain,
                        or from SCM_PASSWORD when that is set (for cron without a keychain)
  --user-data DIR       where the app keeps its profiles (default: the app's folder)
or all three of these (the console tells you what is missing):
  --base-url URL        the SCM host, e.g. https://cert-manager.com (a trailing /api is fine)
  --customer-uri NAME   your customer URI: the last part of https://cert-manager.com/customer/NAME
  --login LOGIN         the admin to act as (a dedicated API admin is best)
The password comes from the SCM_PASSWORD environment variable, or is asked for
without echo when run in a terminal.`;

/** `https://cert-manager.com/api/` and `https://cert-manager.com` both mean the host. */
export function normaliseBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--base-url "${raw}" is not a URL; use e.g. https://cert-manager.com`);
  }
  const local = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    throw new UsageError('--base-url must use https (plain http only for a sandbox on this machine)');
  }
  if (url.username !== '' || url.password !== '') throw new UsageError('--base-url must not contain a login or password');
  return url.origin;
}

export async function connect(flags: ConnectionFlags, env: NodeJS.ProcessEnv = process.env, log?: (line: string) => void): Promise<ScmClient> {
  const missing = (['base-url', 'customer-uri', 'login'] as const).filter((name) => flags[name] === undefined || flags[name] === '');
  if (missing.length === 3) throw new UsageError(`No connection given.\n\n${connectionHelp}\n\nExample:\n  SCM_PASSWORD=… tcs-admin orgs list --base-url https://cert-manager.com --customer-uri sunet --login api-admin`);
  if (missing.length > 0) throw new UsageError(`Missing ${missing.map((name) => `--${name}`).join(', ')}.\n\n${connectionHelp}`);
  const baseUrl = normaliseBaseUrl(flags['base-url']!);
  const customerUri = flags['customer-uri']!;
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(customerUri)) throw new UsageError('--customer-uri may hold only letters, digits, dots, dashes and underscores');
  const login = flags.login!;
  if (!/^[a-zA-Z0-9!@_.\-+']{1,128}$/.test(login)) throw new UsageError('--login holds characters SCM does not allow in a login');
  let password = env.SCM_PASSWORD;
  if (password === undefined || password === '') {
    try {
      password = await promptPassword(`Password for ${login} at ${baseUrl}: `);
    } catch {
      throw new UsageError('No password: set SCM_PASSWORD, or run the command in a terminal to be asked for it.');
    }
  }
  const secret = password;
  return new ScmClient({ baseUrl, auth: { kind: 'password', login, customerUri, password: async () => secret }, ...(log === undefined ? {} : { log }) });
}

export interface ProfileConnection {
  client: ScmClient;
  /** The profile's login (or OAuth2 client ID), for messages. */
  login: string;
  close(): Promise<void>;
}

/**
 * Connects as a saved profile of the desktop app: the same profiles.json and
 * keychain entries. The Sandbox profile runs on a copy of the app's practice
 * state, so the command line never changes it.
 */
export async function connectProfile(name: string, userDataDir: string | undefined, env: NodeJS.ProcessEnv = process.env, log?: (line: string) => void): Promise<ProfileConnection> {
  const folder = userDataDir ?? defaultUserDataDir(product.name, env);
  const fromEnv = env.SCM_PASSWORD !== undefined && env.SCM_PASSWORD !== '' ? env.SCM_PASSWORD : undefined;
  // Profiles are only read here; secrets are fetched below, from the keychain or SCM_PASSWORD.
  const hidden = profileNameProblem(name);
  if (hidden !== null) throw new UsageError(`--profile: ${hidden}`);
  const profiles = new ProfileService({ userDataDir: folder, credentials: new MemoryCredentialStore(), notices: new Notices() });
  const profile = await profiles.find(name);
  if (profile === undefined) {
    const known = (await profiles.list()).profiles.map((candidate) => candidate.name);
    throw new UsageError(`No profile called "${name}" in ${folder}. Profiles there: ${known.join(', ')}.`);
  }
  const audit = new AuditService({ userDataDir: folder });
  if (profile.kind === 'sandbox') {
    const scratch = await mkdtemp(join(tmpdir(), 'tcs-admin-sandbox-'));
    const runner = new SandboxRunner(scratch);
    await mkdir(join(scratch, 'sandbox'), { recursive: true });
    // Without practice state yet, the copy fails and the sandbox starts from its seed.
    await copyFile(new SandboxRunner(folder).stateFile, runner.stateFile).catch(() => undefined);
    // A sandbox password changed in the app is in the keychain; the seed's own needs none.
    const changed = fromEnv === undefined && (await probeKeychain()).usable ? await new ProfileService({ userDataDir: folder, credentials: new KeychainCredentialStore(), notices: new Notices() }).sandboxSecret(profile.login).catch(() => undefined) : undefined;
    const client = await clientForProfile(profile, { secret: async () => fromEnv ?? changed ?? (await runner.passwordOf(profile.login)) ?? '', sandbox: runner, audit, ...(log === undefined ? {} : { log }) });
    return {
      client,
      login: profile.login,
      async close() {
        await client.close();
        await runner.stop();
        await rm(scratch, { recursive: true, force: true });
      },
    };
  }
  let secret = fromEnv;
  if (secret === undefined && profile.secretRefused !== undefined) {
    throw new UsageError(
      `SCM refused the secret of the profile "${profile.name}" on ${profile.secretRefused.slice(0, 10)}, so it is not sent again: each refused attempt counts towards a lock of the account. Enter it again in the app, or set SCM_PASSWORD for this run.`,
    );
  }
  if (secret === undefined) {
    const probe = await probeKeychain();
    if (!probe.usable) {
      throw new UsageError(`No keychain is reachable (${probe.reason}), so the profile's secret cannot be read. Set SCM_PASSWORD for this run, or give the connection with --base-url, --customer-uri and --login.`);
    }
    secret = await new ProfileService({ userDataDir: folder, credentials: new KeychainCredentialStore(), notices: new Notices() }).secret(profile.id);
    if (secret === undefined) throw new UsageError(`The profile "${profile.name}" has no secret in the keychain. Store one in the app, or set SCM_PASSWORD.`);
  }
  const value = secret;
  const client = await clientForProfile(profile, { secret: async () => value, sandbox: new SandboxRunner(folder), audit, ...(log === undefined ? {} : { log }) });
  return { client, login: profile.authKind === 'oauth2' ? (profile.clientId ?? '') : profile.login, close: () => client.close() };
}
