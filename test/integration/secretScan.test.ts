import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { AdminsApi } from '../../src/main/scm/admins';
import { ScmClient, type ScmAuth } from '../../src/main/scm/client';
import { ScmClientError } from '../../src/main/scm/errors';
import { OrganizationsApi } from '../../src/main/scm/organizations';
import { collectAll } from '../../src/main/scm/paging';
import { SslApi } from '../../src/main/scm/ssl';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';
import { sink } from './scmHelpers';
import { makeCsr } from '../sandbox/ssl-helpers';

let sandbox: SandboxHandle;
/** The seeded passwords as the sandbox started, also those a test below changes. */
let seeded: Map<string, string>;
const lines: string[] = [];
const errorTexts: string[] = [];
const secrets: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ certificates: 500, faultRate: 0.2, rateLimit: 40, issueDelaySeconds: 0.1 });
  seeded = new Map(sandbox.logins.map((entry) => [entry.login, entry.password]));
});

afterAll(async () => {
  await sandbox.stop();
});

function passwordOf(login: string): string {
  const password = seeded.get(login)!;
  secrets.push(password);
  return password;
}

function clientAs(auth: ScmAuth): ScmClient {
  return new ScmClient({ baseUrl: sandbox.url, auth, retry: { attempts: 8, baseDelayMs: 5, maxDelayMs: 50 }, log: (line) => lines.push(line) });
}

/** Runs a call and keeps every text its failure would show anywhere. */
async function attempt(call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (error) {
    if (!(error instanceof ScmClientError)) throw error;
    errorTexts.push(error.message, error.hint ?? '', error.scmDescription ?? '', String(error), error.stack ?? '', JSON.stringify(error.toAppError()), JSON.stringify(error));
  }
}

describe('credentials never reach a log line or an error', () => {
  it('keeps passwords, client secrets and keys out of the request log and of every error, under faults', async () => {
    const rao = clientAs({ kind: 'password', login: 'rao', customerUri: sandbox.customerUri, password: async () => passwordOf('rao') });
    await attempt(async () => collectAll(new SslApi(rao).list()));
    await attempt(() => new OrganizationsApi(rao).list());
    await attempt(() => new SslApi(rao).get(999_999_999));
    const csr = await makeCsr('ec256', 'scan.physics.sandbox-university.example');
    await attempt(() => new SslApi(rao).enroll({ orgId: 1002, csr: csr.pem, profileId: 3001, term: 365 }));
    await attempt(() => new SslApi(rao).enroll({ orgId: 1002, csr: 'not a csr', profileId: 3001, term: 365 }));
    await rao.close();

    const wrong = `Wrong-${passwordOf('rao')}-password`;
    secrets.push(wrong);
    const stranger = clientAs({ kind: 'password', login: 'rao', customerUri: sandbox.customerUri, password: async () => wrong });
    await attempt(() => new OrganizationsApi(stranger).list());
    await stranger.close();

    const expired = clientAs({ kind: 'password', login: 'api-new', customerUri: sandbox.customerUri, password: async () => passwordOf('api-new') });
    await attempt(() => new OrganizationsApi(expired).list());
    await attempt(() => new AdminsApi(expired).changePassword(`short-${passwordOf('api-new')}`));
    await expired.close();

    const { clientId, clientSecret } = sandbox.oauthClients[0]!;
    secrets.push(clientSecret, `${clientSecret}-not`);
    const oauth = clientAs({ kind: 'oauth2', clientId, clientSecret: async () => clientSecret, tokenUrl: sandbox.tokenUrl });
    await attempt(() => new OrganizationsApi(oauth).list());
    await oauth.close();
    const badOauth = clientAs({ kind: 'oauth2', clientId, clientSecret: async () => `${clientSecret}-not`, tokenUrl: sandbox.tokenUrl });
    await attempt(() => new OrganizationsApi(badOauth).list());
    await badOauth.close();

    // The scan means something only if the calls ran and failed in the ways above.
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.some((line) => / → (500|502|503|connection broke)/.test(line))).toBe(true);
    expect(errorTexts.length).toBeGreaterThanOrEqual(4 * 7);
    const everything = [...lines, ...errorTexts].join('\n');
    for (const secret of new Set(secrets)) expect(everything).not.toContain(secret);
  });

  it('keeps the password out of the command line’s output, even with --verbose and on failure', async () => {
    sandbox.faults.faultRate = 0;
    for (const [args, login] of [
      [['orgs', 'list', '--verbose'], 'rao'],
      [['certs', 'show', '999999999', '--verbose', '--json'], 'rao'],
      [['doctor', '--verbose'], 'rao'],
      [['orgs', 'list', '--verbose'], 'api-new'],
    ] as const) {
      const stdout = sink();
      const stderr = sink();
      const password = passwordOf(login);
      await main([...args, '--base-url', sandbox.url, '--customer-uri', sandbox.customerUri, '--login', login], { json: false, stdout, stderr }, { SCM_PASSWORD: password });
      expect(stderr.text()).toMatch(/^scm: GET \/api\//m);
      expect(`${stdout.text()}\n${stderr.text()}`).not.toContain(password);
    }
  });
});
