import type { StoredProfile } from '../../shared/profiles';
import { ScmClient, type ScmAuth } from '../scm/client';
import type { SandboxRunner } from './sandboxRunner';

export interface ProfileClientOptions {
  /** The profile's secret, fetched at the moment a request needs it. */
  secret: () => Promise<string>;
  /** The built-in sandbox, for the Sandbox profile. */
  sandbox: SandboxRunner;
  log?: (line: string) => void;
  /** Stops every call the client makes. */
  signal?: AbortSignal;
}

/** An SCM client that signs in the way a profile says. */
export async function clientForProfile(profile: StoredProfile, options: ProfileClientOptions): Promise<ScmClient> {
  const log = { ...(options.log === undefined ? {} : { log: options.log }), ...(options.signal === undefined ? {} : { signal: options.signal }) };
  if (profile.kind === 'sandbox') {
    const sandbox = await options.sandbox.ensure();
    return new ScmClient({ ...log, baseUrl: sandbox.url, auth: { kind: 'password', login: profile.login, customerUri: sandbox.customerUri, password: options.secret } });
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
  return new ScmClient({ ...log, baseUrl: profile.host, auth });
}
