import type { StoredProfile } from '../../shared/profiles';
import { ScmClient, type ScmAuth } from '../scm/client';
import type { AuditContext, AuditService } from './audit';
import type { SandboxRunner } from './sandboxRunner';

export interface ProfileClientOptions {
  /** The profile's secret, fetched at the moment a request needs it. */
  secret: () => Promise<string>;
  /** The built-in sandbox, for the Sandbox profile. */
  sandbox: SandboxRunner;
  /** Where every change the client makes in SCM is recorded. */
  audit: AuditService;
  log?: (line: string) => void;
  /** Stops every call the client makes. */
  signal?: AbortSignal;
}

/** The tenant a profile reaches, as the audit log names it. */
export function tenantOf(profile: Pick<StoredProfile, 'kind' | 'host' | 'customerUri'>): string {
  if (profile.kind === 'sandbox') return 'built-in sandbox';
  const host = URL.canParse(profile.host) ? new URL(profile.host).host : profile.host;
  return profile.customerUri === '' ? host : `${profile.customerUri} @ ${host}`;
}

/** An SCM client that signs in the way a profile says, and records its changes in the audit log. */
export async function clientForProfile(profile: StoredProfile, options: ProfileClientOptions): Promise<ScmClient> {
  const common = {
    ...(options.log === undefined ? {} : { log: options.log }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    onWrite: options.audit.hookFor({ profile: { id: profile.id, name: profile.name }, tenant: tenantOf(profile) }),
  };
  if (profile.kind === 'sandbox') {
    const sandbox = await options.sandbox.ensure();
    return new ScmClient({ ...common, baseUrl: sandbox.url, auth: { kind: 'password', login: profile.login, customerUri: sandbox.customerUri, password: options.secret } });
  }
  let auth: ScmAuth;
  switch (profile.authKind) {
    case 'password':
      auth = { kind: 'password', login: profile.login, customerUri: profile.customerUri, password: options.secret };
      break;
    case 'certificate':
      auth = { kind: 'certificate', login: profile.login, customerUri: profile.customerUri, certificate: profile.certificate ?? '', privateKey: options.secret };
      break;
    case 'oauth2':
      auth = { kind: 'oauth2', clientId: profile.clientId ?? '', clientSecret: options.secret, ...(profile.tokenUrl === undefined ? {} : { tokenUrl: profile.tokenUrl }) };
      break;
  }
  return new ScmClient({ ...common, baseUrl: profile.host, auth });
}

export interface LoginClientOptions {
  /** The SCM host's origin, e.g. `https://cert-manager.com`. */
  baseUrl: string;
  customerUri: string;
  login: string;
  password: () => Promise<string>;
  audit: AuditService;
  log?: (line: string) => void;
}

/** An SCM client for a connection given by hand (the command line's flags), recorded in the audit log without a profile. */
export function clientForLogin(options: LoginClientOptions): ScmClient {
  const context: AuditContext = { profile: null, tenant: `${options.customerUri} @ ${new URL(options.baseUrl).host}` };
  return new ScmClient({
    baseUrl: options.baseUrl,
    auth: { kind: 'password', login: options.login, customerUri: options.customerUri, password: options.password },
    onWrite: options.audit.hookFor(context),
    ...(options.log === undefined ? {} : { log: options.log }),
  });
}
