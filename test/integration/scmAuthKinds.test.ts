import { afterEach, describe, expect, it } from 'vitest';
import { AdminsApi } from '../../src/main/scm/admins';
import { ScmClient, type ScmClientOptions } from '../../src/main/scm/client';
import { OrganizationsApi } from '../../src/main/scm/organizations';
import { ManualClock, startSandbox, type SandboxHandle, type SandboxOptions } from '../../src/sandbox';
import { failure } from './scmHelpers';

const open: { close(): Promise<void> }[] = [];
const sandboxes: SandboxHandle[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((item) => item.close()));
  await Promise.all(sandboxes.splice(0).map((sandbox) => sandbox.stop()));
});

async function sandboxWith(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const sandbox = await startSandbox({ certificates: 20, ...options });
  sandboxes.push(sandbox);
  return sandbox;
}

function clientWith(options: ScmClientOptions): ScmClient {
  const client = new ScmClient({ retry: { attempts: 2, baseDelayMs: 10 }, ...options });
  open.push(client);
  return client;
}

describe('OAuth2 client credentials against the sandbox token endpoint', () => {
  function oauthClient(sandbox: SandboxHandle, secret?: string, now?: () => number): ScmClient {
    const { clientId, clientSecret } = sandbox.oauthClients[0]!;
    return clientWith({ baseUrl: sandbox.url, auth: { kind: 'oauth2', clientId, clientSecret: async () => secret ?? clientSecret, tokenUrl: sandbox.tokenUrl }, ...(now === undefined ? {} : { now }) });
  }

  it('signs in with a bearer token and shares one token between concurrent calls', async () => {
    const sandbox = await sandboxWith();
    const client = oauthClient(sandbox);
    const results = await Promise.all(Array.from({ length: 6 }, () => new OrganizationsApi(client).list()));
    expect(results.every((orgs) => orgs.some((org) => org.name === 'Sandbox University'))).toBe(true);
    // The token acts as the API admin the client belongs to.
    expect((await new AdminsApi(client).passwordStatus()).state).toBeDefined();
    expect(sandbox.tokensIssued()).toBe(1);
  });

  it('renews the token before it expires', async () => {
    // One clock for the token service and the client: a second passes when the test says so.
    const clock = new ManualClock();
    const sandbox = await sandboxWith({ tokenLifetimeSeconds: 1, now: clock.now });
    const client = oauthClient(sandbox, undefined, clock.now);
    await new OrganizationsApi(client).list();
    clock.advance(700);
    await new OrganizationsApi(client).list();
    expect(sandbox.tokensIssued()).toBe(1);
    clock.advance(200);
    await new OrganizationsApi(client).list();
    expect(sandbox.tokensIssued()).toBe(2);
    // Renewed early, so SCM never had to refuse an expired token.
    expect([...sandbox.requestCounts.values()].reduce((sum, count) => sum + count, 0)).toBe(3);
  });

  it('fetches a fresh token once when SCM refuses one early, and the call still succeeds', async () => {
    let skew = 0;
    const sandbox = await sandboxWith({ tokenLifetimeSeconds: 600, now: () => Date.now() + skew });
    const client = oauthClient(sandbox);
    await new OrganizationsApi(client).list();
    skew = 601_000;
    expect((await new OrganizationsApi(client).list()).length).toBeGreaterThan(0);
    expect(sandbox.tokensIssued()).toBe(2);
  });

  it('says the client ID or secret was refused, without repeating the secret', async () => {
    const sandbox = await sandboxWith();
    const wrong = 'not-the-secret-4f1c9a';
    const error = await failure(new OrganizationsApi(oauthClient(sandbox, wrong)).list());
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/refused the client ID or secret/);
    expect(JSON.stringify({ ...error, message: error.message, hint: error.hint })).not.toContain(wrong);
    expect(sandbox.tokensIssued()).toBe(0);
  });

  it('refuses a plain-http token endpoint on another machine', () => {
    expect(() => clientWith({ baseUrl: 'https://admin.enterprise.sectigo.com', auth: { kind: 'oauth2', clientId: 'x', clientSecret: async () => 'y', tokenUrl: 'http://auth.example.org/token' } })).toThrow(/https/);
  });
});

describe('client-certificate sign-in on /private over TLS', () => {
  it('signs in with the admin’s certificate and no password', async () => {
    const sandbox = await sandboxWith({ tls: true });
    expect(sandbox.url).toMatch(/^https:\/\/127\.0\.0\.1:/);
    const credentials = await sandbox.clientCertificate('rao');
    let keyFetches = 0;
    const client = clientWith({
      baseUrl: sandbox.url,
      trustedCertificates: [sandbox.caCertificate],
      auth: { kind: 'certificate', login: 'rao', customerUri: sandbox.customerUri, certificate: credentials.certificate, privateKey: async () => (keyFetches++, credentials.privateKey) },
    });
    const [orgs, admins] = await Promise.all([new OrganizationsApi(client).list(), new AdminsApi(client).list()]);
    expect(orgs.map((org) => org.name)).toContain('Sandbox University');
    expect(admins.map((admin) => admin.login)).toContain('rao');
    expect(keyFetches).toBe(1);
  });

  it('is refused with another admin’s certificate, and with none', async () => {
    const sandbox = await sandboxWith({ tls: true });
    const other = await sandbox.clientCertificate('drao-physics');
    const wrong = clientWith({
      baseUrl: sandbox.url,
      trustedCertificates: [sandbox.caCertificate],
      auth: { kind: 'certificate', login: 'rao', customerUri: sandbox.customerUri, certificate: other.certificate, privateKey: async () => other.privateKey },
    });
    expect((await failure(new OrganizationsApi(wrong).list())).kind).toBe('auth');
    const password = sandbox.logins.find((entry) => entry.login === 'rao')!.password;
    const response = await fetch(`${sandbox.url}/private/api/organization/v1`, { headers: { login: 'rao', password, customerUri: sandbox.customerUri } }).catch(() => undefined);
    // Node's fetch does not trust the sandbox CA; either way no data comes back without a certificate.
    expect(response === undefined || response.status === 401).toBe(true);
  });

  it('still accepts password sign-in over https when the sandbox CA is trusted', async () => {
    const sandbox = await sandboxWith({ tls: true });
    const password = sandbox.logins.find((entry) => entry.login === 'rao')!.password;
    const client = clientWith({ baseUrl: sandbox.url, trustedCertificates: [sandbox.caCertificate], auth: { kind: 'password', login: 'rao', customerUri: sandbox.customerUri, password: async () => password } });
    expect((await new OrganizationsApi(client).list()).length).toBeGreaterThan(0);
  });

  it('stops at once with a clear error when the host’s certificate is not trusted', async () => {
    const sandbox = await sandboxWith({ tls: true });
    const client = clientWith({ baseUrl: sandbox.url, retry: { attempts: 5, baseDelayMs: 10 }, auth: { kind: 'password', login: 'rao', customerUri: sandbox.customerUri, password: async () => 'irrelevant' } });
    const error = await failure(new OrganizationsApi(client).list());
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(/TLS certificate is not trusted/);
    expect(sandbox.requestCounts.size).toBe(0);
  });
});

describe('the -16 answer, diagnosed', () => {
  it('tells an expired password from a wrong one by asking for the password state', async () => {
    const sandbox = await sandboxWith();
    const login = (name: string, password: string) => clientWith({ baseUrl: sandbox.url, auth: { kind: 'password', login: name, customerUri: sandbox.customerUri, password: async () => password } });
    const passwordOf = (name: string) => sandbox.logins.find((entry) => entry.login === name)!.password;
    const expired = await failure(new OrganizationsApi(login('rao-expired', passwordOf('rao-expired'))).list());
    expect(expired.kind).toBe('expired-password');
    expect(expired.message).toMatch(/password of rao-expired has expired/);
    expect(expired.anchor).toBe('errors#kind-expired-password');
    const temporary = await failure(new OrganizationsApi(login('api-new', passwordOf('api-new'))).list());
    expect(temporary.kind).toBe('expired-password');
    const wrong = await failure(new OrganizationsApi(login('rao', 'Not-The-Password-1!')).list());
    expect(wrong.kind).toBe('auth');
    expect(wrong.code).toBe(-16);
  });
});
