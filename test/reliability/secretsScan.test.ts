import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { createConsoleCore, type ConsoleCore } from '../../src/main/console';
import { MemoryCredentialStore } from '../../src/main/credentials';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';
import type { ArgsOf, Channel, ValueOf } from '../../src/shared/contract';
import type { Job } from '../../src/shared/jobs';
import type { Result } from '../../src/shared/result';
import { recordFigure } from '../support/reliability';
import {
  groupFindings,
  keyMaterialOf,
  needlesOf,
  scanForSecrets,
  secretsAnswered,
  secretsSent,
  withoutSeedPasswords,
  type ScanItem,
  type SecretKind,
} from '../support/secretsScan';

/**
 * One scan for every secret the main process and the command line used in a
 * session that touches each kind: seeded and typed passwords, a password the
 * console generates and temporary ones it shows once, passphrases and the keys
 * they protect, a PKCS#12 password, an OAuth2 client secret and a private key
 * for a certificate sign-in. It reads the console's data folder (profiles,
 * audit log, checklist runs, caches), its log, every answer it gave (what the
 * browser shell sends a page), every export, the command line's output and
 * the files it wrote beside a key. The end-to-end run does the same through
 * the browser (test/e2e/secrets-teardown.ts).
 */

const suite = 'Secrets (main process and command line)';

/** A stream that keeps what is written, and can pass for a terminal. */
function sink(): Writable & { text: () => string; isTTY?: boolean } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(Buffer.from(chunk));
      callback();
    },
  }) as Writable & { text: () => string; isTTY?: boolean };
  stream.text = () => Buffer.concat(chunks).toString('utf8');
  return stream;
}

async function filesIn(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

describe('the scan itself', () => {
  const secret = 'Harbour "Lantern" 7319 & co';
  const typed = [{ kind: 'typed password' as SecretKind, value: secret }];
  const file = (text: string, label = 'a file'): ScanItem => ({ label, place: 'file', bytes: Buffer.from(text, 'utf8') });

  it('finds a secret as it is, inside JSON, percent-encoded, in HTML and in base64, and names only the place and the kind', () => {
    const forms = [secret, JSON.stringify({ secret }), `a?p=${encodeURIComponent(secret)}`, `<b>${secret.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}</b>`, Buffer.from(secret).toString('base64')];
    for (const [index, form] of forms.entries()) {
      const outcome = scanForSecrets(typed, [file(`before ${form} after`, `form ${index}`)]);
      expect(outcome.findings, `form ${index}`).toEqual([{ label: `form ${index}`, kind: 'typed password' }]);
      expect(groupFindings(outcome.findings).join('\n')).not.toContain('Lantern');
    }
    expect(needlesOf(secret).length).toBeGreaterThanOrEqual(5);
    expect(scanForSecrets(typed, [file('nothing here')]).findings).toEqual([]);
  });

  it('lets a secret show only where its kind may: a token in the console’s output, a shown password in one answer, a practice password in any', () => {
    const answer = (text: string, label: string): ScanItem => ({ label, place: 'answer', bytes: Buffer.from(text) });
    const output: ScanItem = { label: 'output', place: 'output', bytes: Buffer.from(`Open http://127.0.0.1:1/?token=token-0123456789 and ${secret}`) };
    expect(scanForSecrets([{ kind: 'console token', value: 'token-0123456789' }, ...typed], [output]).findings).toEqual([{ label: 'output', kind: 'typed password' }]);
    const shown = [{ kind: 'temporary password' as SecretKind, value: 'Shown-Once-4411' }];
    expect(scanForSecrets(shown, [answer('{"password":"Shown-Once-4411"}', 'first')]).findings).toEqual([]);
    expect(scanForSecrets(shown, [answer('Shown-Once-4411', 'first'), answer('Shown-Once-4411', 'second')]).findings).toEqual([{ label: 'second', kind: 'temporary password (in more answers than the 1 that show it)' }]);
    expect(scanForSecrets(shown, [file('Shown-Once-4411')]).findings).toHaveLength(1);
    // Typed as well as shown by the page: the page may show it, nothing may keep it.
    const practice = [{ kind: 'practice password' as SecretKind, value: 'Practice-9876' }, { kind: 'typed password' as SecretKind, value: 'Practice-9876' }];
    expect(scanForSecrets(practice, [answer('Practice-9876', 'a'), answer('Practice-9876', 'b')]).findings).toEqual([]);
    expect(scanForSecrets(practice, [file('Practice-9876')]).findings).toEqual([{ label: 'a file', kind: 'practice password, typed password' }]);
    // Too short to look for without finding it by chance.
    expect(scanForSecrets([{ kind: 'typed password', value: 'short' }], [file('short')])).toMatchObject({ looked: 0, tooShort: 1, findings: [] });
  });

  it('finds any unencrypted private key, and the key material of one a passphrase opens', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const plain = privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
    expect(scanForSecrets([], [file(plain)]).findings).toEqual([{ label: 'a file', kind: 'unencrypted private key' }]);
    expect(scanForSecrets([], [{ ...file(plain), sandboxKeysAllowed: true }]).findings).toEqual([]);
    const encrypted = privateKey.export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'a passphrase here' }) as string;
    expect(scanForSecrets([], [file(encrypted)]).findings).toEqual([]);
    const material = keyMaterialOf([`text before ${encrypted} after`], ['wrong one', 'a passphrase here']);
    expect(material).toHaveLength(2);
    const asKey = material.map((value) => ({ kind: 'private key' as SecretKind, value }));
    expect(scanForSecrets(asKey, [file(JSON.stringify(privateKey.export({ format: 'jwk' })))]).findings).toHaveLength(1);
    expect(scanForSecrets(asKey, [{ ...file(plain), sandboxKeysAllowed: true }]).findings).toHaveLength(1);
    expect(keyMaterialOf([encrypted], ['wrong one'])).toEqual([]);
  });

  it('takes the secrets from what is sent and from what is shown on purpose, and leaves the seed’s own passwords in the sandbox’s state', () => {
    expect(secretsSent('profiles:create', { name: 'x', authKind: 'oauth2', clientId: 'c', secret: 'client-secret-1' })).toEqual([{ kind: 'OAuth2 client secret', value: 'client-secret-1' }]);
    expect(secretsSent('profiles:update', { id: 'p', profile: { authKind: 'password' }, secret: 'Typed-Password-1' })).toEqual([{ kind: 'typed password', value: 'Typed-Password-1' }]);
    expect(secretsSent('session:changePassword', { profileId: 'p', currentPassword: 'Current-1', newPassword: 'New-Password-1' }).map((entry) => entry.value).sort()).toEqual(['Current-1', 'New-Password-1']);
    expect(secretsSent('certificates:act', { action: 'pkcs12', keyFile: 'x', keyPassphrase: 'key passphrase', password: 'p12 password' }).map((entry) => entry.kind)).toEqual(['passphrase', 'passphrase']);
    expect(secretsSent('checklists:secret', { runId: 'r', value: 'held passphrase' })).toEqual([{ kind: 'passphrase', value: 'held passphrase' }]);
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
    expect(secretsSent('profiles:create', { authKind: 'certificate', secret: pem })).toContainEqual({ kind: 'private key', value: privateKey.export({ format: 'jwk' }).d });
    expect(secretsAnswered('admins:reveal', { ok: true, value: { login: 'a', password: 'Temporary-1' } })).toEqual([{ kind: 'temporary password', value: 'Temporary-1' }]);
    expect(secretsAnswered('checklists:plan', { ok: true, value: { body: { password: '•••••••• (a temporary password)' } } })).toEqual([]);
    expect(secretsAnswered('sandbox:logins', { ok: true, value: [{ login: 'rao', practicePassword: 'Practice-1' }] })).toEqual([{ kind: 'practice password', value: 'Practice-1' }]);
    const state = Buffer.from(JSON.stringify({ admins: [{ login: 'rao', seededPassword: 'Seed-Password-1', note: 'Typed-Password-1' }] }));
    const read = withoutSeedPasswords(state).toString();
    expect(read).not.toContain('Seed-Password-1');
    expect(read).toContain('Typed-Password-1');
  });
});

describe('one scan over a session of the console and the command line', () => {
  let tenant: SandboxHandle;
  let folder: string;
  let elsewhere: string;
  let core: ConsoleCore | undefined;
  const logLines: string[] = [];
  const secrets: { kind: SecretKind; value: string }[] = [];
  const answers: ScanItem[] = [];
  const outputs: ScanItem[] = [];

  beforeAll(async () => {
    tenant = await startSandbox({ seed: 23, certificates: 40, issueDelaySeconds: 0 });
    for (const { password } of tenant.logins) secrets.push({ kind: 'seeded password', value: password });
    for (const { clientSecret } of tenant.oauthClients) secrets.push({ kind: 'OAuth2 client secret', value: clientSecret });
    folder = await mkdtemp(join(tmpdir(), 'tcs-secrets-scan-'));
    // Where a person keeps their own input files and keys: the scan reads the files the console writes there.
    elsewhere = await mkdtemp(join(tmpdir(), 'tcs-secrets-scan-own-'));
  });

  afterAll(async () => {
    await core?.close();
    await tenant.stop();
    await rm(folder, { recursive: true, force: true });
    await rm(elsewhere, { recursive: true, force: true });
  });

  const passwordOf = (login: string): string => tenant.seededPassword(login)!;

  /** Calls the console as the browser shell does, keeping every answer as the page would get it. */
  async function call<C extends Channel>(channel: C, args: ArgsOf<C>): Promise<Result<ValueOf<C>>> {
    secrets.push(...secretsSent(channel, args));
    const result = (await core!.dispatch(channel, args)) as Result<ValueOf<C>>;
    answers.push({ label: `answer ${answers.length + 1}, to ${channel}`, place: 'answer', bytes: Buffer.from(JSON.stringify(result), 'utf8') });
    secrets.push(...secretsAnswered(channel, result));
    return result;
  }

  async function value<C extends Channel>(channel: C, args: ArgsOf<C>): Promise<ValueOf<C>> {
    const result = await call(channel, args);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value;
  }

  function ended(job: Job): Promise<Job> {
    return new Promise((resolve) => {
      const check = (seen: Job) => {
        if (seen.id === job.id && seen.state !== 'running') {
          stop();
          resolve(seen);
        }
      };
      const stop = core!.jobs.subscribe(check);
      const now = core!.jobs.get(job.id);
      if (now !== undefined) check(now);
    });
  }

  /** Runs tcs-admin on the console's data folder; with `terminal`, as if typed in one. */
  async function cli(args: string[], env: NodeJS.ProcessEnv, options: { terminal?: boolean } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
    const stdout = sink();
    const stderr = sink();
    let stdin: (PassThrough & { isTTY?: boolean }) | undefined;
    if (options.terminal === true) {
      stdin = new PassThrough();
      stdin.isTTY = true;
      stdout.isTTY = true;
      stdin.end('');
    }
    const code = await main([...args, '--user-data', folder], { json: false, stdout, stderr, ...(stdin === undefined ? {} : { stdin }) }, env, { credentials: new MemoryCredentialStore() });
    outputs.push({ label: `tcs-admin ${args.slice(0, 2).join(' ')} (${outputs.length + 1}): its output`, place: 'answer', bytes: Buffer.from(`${stdout.text()}\n${stderr.text()}`, 'utf8') });
    return { code, stdout: stdout.text(), stderr: stderr.text() };
  }

  it('uses every kind of secret, then finds none of them in anything the console or the command line wrote, printed or answered', async () => {
    core = await createConsoleCore({ userDataDir: folder, shell: 'browser', openInSystemBrowser: null, credentials: new MemoryCredentialStore(), log: (line) => logLines.push(line), sandbox: { certificates: 0 } });

    // The practice tenant's own passwords, which the console shows on purpose.
    await value('sandbox:logins', undefined);

    // Sign-ins: a typed password, a wrong one, an OAuth2 client secret and a certificate's private key.
    const rao = await value('profiles:create', { name: 'Tenant RAO', host: tenant.url, customerUri: tenant.customerUri, login: 'rao', authKind: 'password', secret: passwordOf('rao') });
    const wrong = await value('profiles:create', { name: 'Wrong password', host: tenant.url, customerUri: tenant.customerUri, login: 'rao', authKind: 'password', secret: `Not-${passwordOf('rao')}` });
    expect((await value('session:signIn', { profileId: wrong.id })).status).toBe('failed');
    const client = tenant.oauthClients[0]!;
    const oauth = await value('profiles:create', { name: 'API client', host: tenant.url, customerUri: tenant.customerUri, login: client.clientId, authKind: 'oauth2', clientId: client.clientId, tokenUrl: tenant.tokenUrl, secret: client.clientSecret });
    expect((await value('session:signIn', { profileId: oauth.id })).status).toBe('signed-in');
    await call('organizations:tree', {});
    const signing = await tenant.clientCertificate('rao');
    await value('profiles:create', { name: 'Certificate RAO', host: tenant.url, customerUri: tenant.customerUri, login: 'rao', authKind: 'certificate', certificate: signing.certificate, secret: signing.privateKey });
    secrets.push({ kind: 'private key', value: createPrivateKey(signing.privateKey).export({ format: 'jwk' }).d! });

    // An expired password changed to a typed one, then to one the console generates and shows once (no keychain here).
    const expired = await value('profiles:create', { name: 'Expired', host: tenant.url, customerUri: tenant.customerUri, login: 'rao-expired', authKind: 'password', secret: passwordOf('rao-expired') });
    await call('session:signIn', { profileId: expired.id });
    const typedNew = 'Scan-Typed-New-2041!';
    expect((await call('session:changePassword', { profileId: expired.id, currentPassword: passwordOf('rao-expired'), newPassword: typedNew })).ok).toBe(true);
    const generated = await value('session:changePassword', { profileId: expired.id, currentPassword: typedNew });
    expect(generated.generatedPassword).toBeDefined();
    expect(tenant.checkPassword('rao-expired', generated.generatedPassword!)).toBe(true);

    // Admins: one created with a temporary password, another's reset, each shown once.
    await value('session:signIn', { profileId: rao.id });
    const created = await value('admins:create', {
      draft: { type: 'API', login: 'svc-scan', email: 'svc-scan@example.org', forename: 'Svc', surname: 'Scan', credentials: [{ role: 'RAO_SSL', orgId: 1001 }], privileges: ['sslRequest'], identityProviderId: null, idpPersonId: '' },
    });
    await value('admins:reveal', { revealId: created.handOver!.revealId });
    const reset = await value('admins:resetPassword', { id: created.row.id });
    await value('admins:reveal', { revealId: reset.handOver.revealId });

    // Certificates: a renewal with a key made here, and a PKCS#12 file from it.
    expect((await ended(await value('jobs:start', { kind: 'certificates:load' }))).state).toBe('done');
    const sort = { column: 'commonName', desc: false } as const;
    const issued = (await value('certificates:window', { filter: { kind: 'ssl', state: 'issued', profile: 'Sandbox OV SSL' }, sort, offset: 0, limit: 50 })).rows;
    const keyPassphrase = 'scan key passphrase 5150';
    // The first certificate SCM renews (some are under a domain their unit may no longer use).
    let renewed: ValueOf<'certificates:act'> | undefined;
    for (const row of issued) {
      const tried = await call('certificates:act', { action: 'renew', key: row.key, csr: { mode: 'generate', keyType: 'EC-P-256', passphrase: keyPassphrase } });
      if (tried.ok) {
        renewed = tried.value;
        break;
      }
    }
    if (renewed === undefined) throw new Error('SCM renewed none of the issued certificates');
    const keyFile = renewed.files[0]!.text!;
    if (tenant.store.ssl.get(Number(renewed.newKey!.slice(4)))!.status === 'Requested') await value('certificates:act', { action: 'approve', key: renewed.newKey!, message: 'Renewal' });
    await value('certificates:details', { key: renewed.newKey! });
    expect((await call('certificates:act', { action: 'pkcs12', key: renewed.newKey!, keyFile, keyPassphrase: 'not the passphrase', password: 'scan p12 password' })).ok).toBe(false);
    await value('certificates:act', { action: 'pkcs12', key: renewed.newKey!, keyFile, keyPassphrase, password: 'scan p12 password' });

    // The command line, on the same data folder: checklists (a temporary password shown once, a key made with its passphrase), admins, failures.
    const env = { SCM_PASSWORD: passwordOf('rao') };
    const inputs = join(elsewhere, 'api-admin.json');
    await writeFile(inputs, JSON.stringify({ login: 'api-scan', forename: 'CI', surname: 'Scan', email: 'pki@example.org', orgId: 1001, roles: ['RAO_SSL'], privileges: ['sslRequest'] }));
    const apiAdmin = await cli(['checklist', 'run', 'api-admin', '--input', inputs, '--yes', '--profile', 'Tenant RAO'], env);
    expect(apiAdmin.code, apiAdmin.stderr).toBe(0);
    secrets.push({ kind: 'temporary password', value: /^ {2}Password: (\S+)$/m.exec(apiAdmin.stderr)![1]! });
    await writeFile(join(elsewhere, 'first-certificate.json'), JSON.stringify({ orgId: 1001, profileId: 3002, term: 365, keyType: 'EC-P-256', commonName: 'scan.sandbox-university.example', subjectAlternativeNames: [], keyFile: join(elsewhere, 'scan.key'), bundles: ['pkcs12'], customFields: [{ name: 'Service owner', value: 'ci' }] }));
    const checklistPassphrase = 'scan checklist passphrase 8080';
    secrets.push({ kind: 'passphrase', value: checklistPassphrase });
    const firstCertificate = await cli(['checklist', 'run', 'first-certificate', '--input', join(elsewhere, 'first-certificate.json'), '--yes', '--profile', 'Tenant RAO'], { ...env, TCS_KEY_PASSPHRASE: checklistPassphrase });
    expect(firstCertificate.code, firstCertificate.stderr).toBe(0);
    const runId = /Run (api-admin-\d{8}-[0-9a-f]{8})/.exec(apiAdmin.stdout)![1]!;
    expect((await cli(['checklist', 'export', runId, '--format', 'html', '--output', join(elsewhere, 'record.html')], {})).code).toBe(0);
    expect((await cli(['checklist', 'export', runId, '--format', 'md'], {})).code).toBe(0);
    const connection = ['--base-url', tenant.url, '--customer-uri', tenant.customerUri, '--login', 'rao'];
    const chosen = 'Scan-Chosen-Temporary-77';
    secrets.push({ kind: 'typed password', value: chosen });
    await writeFile(join(elsewhere, 'password.txt'), `${chosen}\n`);
    const draft = ['--type', 'API', '--admin-login', 'svc-cli-scan', '--email', 'svc@example.org', '--forename', 'Svc', '--surname', 'Cli', '--roles', 'RAO_SSL:1001', '--preset', 'ssl'];
    const cliCreated = await cli(['admins', 'create', ...draft, '--password-file', join(elsewhere, 'password.txt'), '--yes', '--verbose', ...connection], env);
    expect(cliCreated.code, cliCreated.stderr).toBe(0);
    const cliReset = await cli(['admins', 'reset-password', String(tenant.store.adminByLogin('svc-cli-scan')!.id), '--yes', ...connection], env, { terminal: true });
    expect(cliReset.code, cliReset.stderr).toBe(0);
    secrets.push({ kind: 'temporary password', value: /^Temporary password for svc-cli-scan: (\S+)$/m.exec(cliReset.stdout)![1]! });
    // Each request logged, on success and on failure.
    expect((await cli(['doctor', '--verbose', ...connection], env)).stderr).toMatch(/^scm: GET \/api\//m);
    expect((await cli(['orgs', 'list', '--verbose', ...connection], { SCM_PASSWORD: `Wrong-${passwordOf('rao')}` })).code).not.toBe(0);

    // Exports from the console: profiles, admins, the audit log, certificates, the checklist record.
    await value('profiles:export', {});
    await value('admins:export', { filter: {}, sort: { column: 'login', desc: false } });
    await value('audit:list', { offset: 0, limit: 200 });
    await value('audit:export', {});
    const exported = await value('certificates:export', { filter: {}, sort });
    for (let part = 0; part < exported.parts; part += 1) await value('certificates:exportPart', { exportId: exported.exportId, part });
    const runs = await value('checklists:runs', {});
    for (const run of runs) await value('checklists:export', { runId: run.id, format: 'md', language: 'en' });
    expect(runs.length).toBeGreaterThanOrEqual(2);

    await core.close();
    core = undefined;

    // Everything, once.
    const items: ScanItem[] = [...answers, ...outputs, { label: 'the console’s log', place: 'output', bytes: Buffer.from(logLines.join('\n'), 'utf8') }];
    const pems = [keyFile];
    for (const file of await filesIn(folder)) {
      const path = relative(folder, file);
      const inSandbox = path.startsWith('sandbox/');
      const bytes = await readFile(file);
      items.push({ label: `data folder, ${path}`, place: 'file', bytes: inSandbox && path.endsWith('state.json') ? withoutSeedPasswords(bytes) : bytes, sandboxKeysAllowed: inSandbox });
    }
    for (const file of await filesIn(elsewhere)) {
      const name = relative(elsewhere, file);
      // The person's own input files hold what they chose to put there.
      if (name.endsWith('.json') || name === 'password.txt') continue;
      const bytes = await readFile(file);
      items.push({ label: `written beside the key: ${name}`, place: 'file', bytes });
      pems.push(bytes.toString('latin1'));
    }
    const passphrases = secrets.filter((secret) => secret.kind === 'passphrase').map((secret) => secret.value);
    const material = keyMaterialOf(pems, passphrases);
    // The renewal's key and the checklist's key, each opened with its own passphrase.
    expect(material.length).toBe(4);
    for (const value of material) secrets.push({ kind: 'private key', value });

    const outcome = scanForSecrets(secrets, items);
    const found = groupFindings(outcome.findings);
    expect(found, `${outcome.findings.length} secrets found`).toEqual([]);
    expect(outcome.looked).toBeGreaterThanOrEqual(20);
    expect(items.filter((item) => item.place === 'file').length).toBeGreaterThanOrEqual(8);
    recordFigure({ suite, name: 'secrets looked for', value: outcome.looked, unit: 'secrets' });
    recordFigure({ suite, name: 'files and answers scanned', value: outcome.scanned, unit: 'files and answers' });
    recordFigure({ suite, name: 'secrets found', value: outcome.findings.length, goal: '0', met: outcome.findings.length === 0 });
  }, 180_000);
});
