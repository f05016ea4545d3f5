import { ConnectionProblem, connectProfile, connectWithPassword, type ConnectionOptions, type TenantConnection } from '../main/services/connection';
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
  --user-data DIR       where the app keeps its profiles and its audit log
                        (default: the app's folder)
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

export async function connect(flags: ConnectionFlags, env: NodeJS.ProcessEnv, options: ConnectionOptions): Promise<TenantConnection> {
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
  return connectWithPassword({ baseUrl, customerUri, login, password }, options);
}

/** Connects as a saved profile of the desktop app; its secret from SCM_PASSWORD when set, else from the keychain. */
export async function connectAsProfile(name: string, env: NodeJS.ProcessEnv, options: ConnectionOptions): Promise<TenantConnection> {
  const fromEnv = env.SCM_PASSWORD !== undefined && env.SCM_PASSWORD !== '' ? env.SCM_PASSWORD : undefined;
  try {
    return await connectProfile(name, fromEnv, options);
  } catch (error) {
    if (error instanceof ConnectionProblem) throw new UsageError(error.message);
    throw error;
  }
}
