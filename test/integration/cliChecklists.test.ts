import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { MemoryCredentialStore, type CredentialStore } from '../../src/main/credentials';
import { Notices } from '../../src/main/services/notices';
import { ProfileService } from '../../src/main/services/profiles';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';
import { checklistIds } from '../../src/shared/checklists';
import { sink } from './scmHelpers';

let sandbox: SandboxHandle;

beforeAll(async () => {
  sandbox = await startSandbox({ certificates: 0 });
});

afterAll(async () => {
  await sandbox.stop();
});

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** A fresh app folder with a saved profile for a seeded admin of the sandbox. */
async function appFolder(login: string, name = 'University Tenant'): Promise<{ folder: string; profileId: string }> {
  const folder = await mkdtemp(join(tmpdir(), 'tcs-cli-checklists-'));
  const profiles = new ProfileService({ userDataDir: folder, credentials: new MemoryCredentialStore(), notices: new Notices() });
  const { id } = await profiles.create({ name, host: sandbox.url, customerUri: sandbox.customerUri, login, authKind: 'password' });
  return { folder, profileId: id };
}

/** A store that answers as the keychain does, kept in memory so the tests leave nothing behind. */
function keychainLike(): CredentialStore {
  const memory = new MemoryCredentialStore();
  return { kind: 'keychain', get: (id, kind) => memory.get(id, kind), set: (id, kind, value) => memory.set(id, kind, value), delete: (id, kind) => memory.delete(id, kind), list: () => memory.list() };
}

async function cli(args: string[], options: { folder: string; login?: string; credentials?: CredentialStore; env?: NodeJS.ProcessEnv }): Promise<Outcome> {
  const stdout = sink();
  const stderr = sink();
  const password = options.login === undefined ? undefined : sandbox.logins.find((candidate) => candidate.login === options.login)!.password;
  const code = await main([...args, '--user-data', options.folder], { json: false, stdout, stderr }, options.env ?? (password === undefined ? {} : { SCM_PASSWORD: password }), {
    credentials: options.credentials ?? new MemoryCredentialStore(),
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

async function inputFile(value: unknown): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'tcs-cli-input-')), 'inputs.json');
  await writeFile(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
}

function adminsWithLogin(login: string) {
  return [...sandbox.store.admins.values()].filter((admin) => admin.login === login);
}

async function runFiles(folder: string): Promise<string[]> {
  return readdir(join(folder, 'checklists')).catch(() => []);
}

/** Calls the sandbox's API as a seeded admin, as a colleague in SCM's web interface would change things. */
async function asAdmin(login: string, method: string, path: string, body: unknown): Promise<number> {
  const password = sandbox.logins.find((candidate) => candidate.login === login)!.password;
  const reply = await fetch(`${sandbox.url}${path}`, { method, headers: { login, password, customerUri: sandbox.customerUri, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await reply.arrayBuffer();
  return reply.status;
}

const apiAdminInputs = (login: string) => ({ login, forename: 'CI', surname: 'Automation', email: 'pki@example.org', orgId: 1001, roles: ['RAO_SSL'], privileges: ['sslRequest', 'sslRenew'] });

function runIdIn(text: string): string {
  const match = /\b((?:api-admin|rest-api|notifications)-\d{8}-[0-9a-f]{8})\b/.exec(text);
  expect(match, text).not.toBeNull();
  return match![1]!;
}

describe('tcs-admin checklist list', () => {
  it('lists each checklist with who it is for and its steps, and gives the inputs as JSON Schema', async () => {
    const { folder } = await appFolder('rao');
    const table = await cli(['checklist', 'list'], { folder });
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('api-admin  Create a dedicated API admin');
    expect(table.stdout).toContain('For an RAO or DRAO whose admin may create admins');
    expect(table.stdout).toMatch(/^ {2}2\. Turn the REST API on \(done by the console\)$/m);
    const json = await cli(['checklist', 'list', '--json'], { folder });
    const descriptors = JSON.parse(json.stdout) as { id: string; for: string; inputs: { type: string; properties: Record<string, unknown>; required: string[] }; steps: { id: string; title: string }[] }[];
    expect(descriptors.map((descriptor) => descriptor.id)).toEqual([...checklistIds]);
    const apiAdmin = descriptors[0]!;
    expect(apiAdmin.inputs.type).toBe('object');
    expect(Object.keys(apiAdmin.inputs.properties)).toEqual(expect.arrayContaining(['login', 'email', 'orgId', 'roles', 'privileges']));
    expect(apiAdmin.inputs.required).toEqual(expect.arrayContaining(['login', 'orgId', 'roles']));
    expect(apiAdmin.steps.map((step) => step.id)).toEqual(['check-rights', 'create-admin', 'change-password', 'api-only', 'verify-access', 'hand-over']);
  });

  it('documents its exit codes in its help', async () => {
    const { folder } = await appFolder('rao');
    const help = await cli(['checklist', 'run', '--help'], { folder });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^ {2}10 {2}a step waits to be done by hand/m);
    expect(help.stdout).toMatch(/^ {2}2 {3}bad usage or input/m);
    expect((await cli(['--help'], { folder })).stdout).toContain('checklist run ID');
  });
});

describe('tcs-admin checklist run api-admin', () => {
  it('creates exactly one API-only admin, shows its password once without a keychain, and keeps the run where the app finds it', async () => {
    const { folder, profileId } = await appFolder('rao');
    const before = sandbox.store.admins.size;
    const result = await cli(['checklist', 'run', 'api-admin', '--input', await inputFile(apiAdminInputs('api-ci')), '--yes', '--profile', 'University Tenant'], { folder, login: 'rao' });
    expect(result.code, result.stderr).toBe(0);
    expect(sandbox.store.admins.size).toBe(before + 1);
    const [admin] = adminsWithLogin('api-ci');
    expect(adminsWithLogin('api-ci')).toHaveLength(1);
    expect(admin!.type).toBe('API');
    expect(admin!.credentials).toEqual([expect.objectContaining({ role: 'RAO_SSL', orgId: 1001 })]);
    // Each request is shown before it is sent, its password masked.
    expect(result.stderr).toContain('POST /api/admin/v1  (as rao)');
    expect(result.stderr).toMatch(/"password": "•+ \(a temporary password/);
    expect(result.stderr).toMatch(/^\[6\/6\] Hand the password to your automation: Done\./m);
    // No keychain: shown once, on stderr, and it is the admin's password now.
    expect(result.stderr).toContain('Warning: no keychain is reachable');
    const password = /^ {2}Password: (\S+)$/m.exec(result.stderr)![1]!;
    expect(sandbox.checkPassword('api-ci', password)).toBe(true);
    expect(result.stdout).not.toContain(password);
    const runId = runIdIn(result.stdout);
    expect(result.stdout).toContain(`Run ${runId}: Done (6 of 6 steps finished).`);
    // The app's file for the profile holds it, and the new admin's profile is saved beside the runner's.
    expect(await runFiles(folder)).toEqual([`${profileId}.json`]);
    const stored = await readFile(join(folder, 'checklists', `${profileId}.json`), 'utf8');
    expect(stored).toContain(runId);
    const profiles = new ProfileService({ userDataDir: folder, credentials: new MemoryCredentialStore(), notices: new Notices() });
    expect((await profiles.find('api-ci (API)'))?.login).toBe('api-ci');

    // Neither the record, the status, the run file nor the audit log holds the password.
    const status = await cli(['checklist', 'status', runId], { folder });
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/^Status +Done$/m);
    expect(status.stdout).toMatch(/Create the admin with a temporary password +Done +rao +\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z +Created api-ci/);
    const statusJson = await cli(['checklist', 'status', runId, '--json'], { folder });
    expect((JSON.parse(statusJson.stdout) as { status: string }).status).toBe('done');
    const markdown = await cli(['checklist', 'export', runId, '--format', 'md'], { folder });
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toContain('api-ci');
    const page = join(folder, 'record.html');
    expect((await cli(['checklist', 'export', runId, '--format', 'html', '--language', 'sv', '--output', page], { folder })).code).toBe(0);
    const audit = await readFile(join(folder, 'audit.jsonl'), 'utf8');
    expect(audit).toContain('/api/admin/v1');
    for (const written of [status.stdout, status.stderr, statusJson.stdout, markdown.stdout, await readFile(page, 'utf8'), stored, audit]) expect(written).not.toContain(password);

    // Checked again by a later command: what SCM holds is as the run left it, but without a keychain the password went with the command that made it.
    const verify = await cli(['checklist', 'verify', runId], { folder, login: 'rao' });
    expect(verify.code, verify.stdout + verify.stderr).toBe(1);
    expect(verify.stdout).toMatch(/^holds {3}Make it API-only: Still as the checklist left it: api-ci is of type API/m);
    expect(verify.stdout).toMatch(/^CHANGED Check that it works: .*password is no longer known here/m);
    expect(verify.stdout).not.toContain(password);
  }, 60_000);

  it('says the password is in the keychain, and shows nothing, when the keychain answers', async () => {
    const { folder } = await appFolder('rao');
    const keychain = keychainLike();
    const result = await cli(['checklist', 'run', 'api-admin', '--input', await inputFile(apiAdminInputs('api-keychain')), '--yes', '--profile', 'University Tenant'], { folder, login: 'rao', credentials: keychain });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('The password of api-keychain is in the keychain, with the profile "api-keychain (API)"');
    expect(result.stderr).not.toContain('Password:');
    expect(adminsWithLogin('api-keychain')).toHaveLength(1);

    // Checked again by a later command, with the password from the keychain: everything still holds.
    const verify = await cli(['checklist', 'verify', runIdIn(result.stdout)], { folder, login: 'rao', credentials: keychain });
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/^holds {3}Check that it works: Still as the checklist left it: api-keychain signs in/m);
    expect(verify.stdout).toContain('still holds in SCM');
  }, 60_000);

  it('refuses to change SCM without --yes when there is no terminal to ask in, and creates nothing', async () => {
    const { folder } = await appFolder('rao');
    const before = sandbox.store.admins.size;
    const result = await cli(['checklist', 'run', 'api-admin', '--input', await inputFile(apiAdminInputs('api-refused')), '--profile', 'University Tenant'], { folder, login: 'rao' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('there is no terminal to ask in before each change. Nothing was started. Add --yes');
    expect(sandbox.store.admins.size).toBe(before);
    expect(adminsWithLogin('api-refused')).toEqual([]);
    expect(await runFiles(folder)).toEqual([]);
  });

  it('asks before each change in a terminal, sends nothing on no, and goes on later with verify --yes', async () => {
    const { folder } = await appFolder('rao');
    const password = sandbox.logins.find((candidate) => candidate.login === 'rao')!.password;
    const stdin = Object.assign(new PassThrough(), { isTTY: true });
    let stderr = '';
    const answers = ['n'];
    const terminalErr = new Writable({
      write(chunk: Buffer, _encoding, done) {
        stderr += chunk.toString();
        // The person answers once the question is on the screen.
        if (chunk.toString().includes('[y/N]')) stdin.write(`${answers.shift() ?? ''}\n`);
        done();
      },
    });
    const stdout = sink();
    const terminalOut = Object.assign(stdout, { isTTY: true });
    const code = await main(['checklist', 'run', 'api-admin', '--profile', 'University Tenant', '--user-data', folder, '--input', await inputFile(apiAdminInputs('api-asked'))], { json: false, stdout: terminalOut, stderr: terminalErr, stdin }, { SCM_PASSWORD: password }, { credentials: new MemoryCredentialStore() });
    expect(code, stderr).toBe(2);
    expect(stderr).toContain('POST /api/admin/v1  (as rao)');
    expect(stderr).toContain('Send this to SCM? [y/N] ');
    expect(stderr).toContain('Nothing was sent.');
    expect(adminsWithLogin('api-asked')).toEqual([]);
    const runId = runIdIn(stderr);
    const status = await cli(['checklist', 'status', runId, '--json'], { folder });
    expect((JSON.parse(status.stdout) as { steps: { state: string }[] }).steps.map((step) => step.state)).toEqual(['verified', 'pending', 'pending', 'pending', 'pending', 'pending']);
    const later = await cli(['checklist', 'verify', runId, '--yes'], { folder, login: 'rao' });
    expect(later.code, later.stderr).toBe(0);
    expect(adminsWithLogin('api-asked')).toHaveLength(1);
  }, 60_000);

  it('stops (exit 1) on a failed step with its error and handbook section, and creates nothing', async () => {
    const { folder } = await appFolder('drao-library', 'Library');
    const before = sandbox.store.admins.size;
    const inputs = { ...apiAdminInputs('api-library'), orgId: 1004, roles: ['DRAO_SSL'] };
    const result = await cli(['checklist', 'run', 'api-admin', '--yes', '--profile', 'Library', '--input', await inputFile(inputs)], { folder, login: 'drao-library' });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain('the step “Check that you may create it” failed.');
    expect(result.stderr).toContain('lacks the privilege “Create admins” (allowCreate)');
    expect(result.stderr).toMatch(/^Handbook: procedure-api-admin#check$/m);
    expect(result.stdout).toMatch(/: Stopped on a failure \(0 of 6 steps finished\)\.$/m);
    expect(sandbox.store.admins.size).toBe(before);
  }, 60_000);

  it('prints every field that needs correcting and exits 2, starting nothing', async () => {
    const { folder } = await appFolder('rao');
    const before = sandbox.store.admins.size;
    const bad = await cli(['checklist', 'run', 'api-admin', '--yes', '--profile', 'University Tenant', '--input', await inputFile({ login: 'x', forename: 'CI', email: 'not-an-address', orgId: 'library', roles: ['RAO_SSL', 'DRAO_SSL'], privileges: [], colour: 'blue' })], { folder, login: 'rao' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('need correcting; nothing was started');
    expect(bad.stderr).toMatch(/^ {2}login: Enter a login of 3 to 128 characters\.$/m);
    expect(bad.stderr).toMatch(/^ {2}surname: /m);
    expect(bad.stderr).toMatch(/^ {2}email: Enter an email address/m);
    expect(bad.stderr).toMatch(/^ {2}orgId: /m);
    expect(bad.stderr).toMatch(/^ {2}colour: /m);
    // What only SCM can tell: the login is taken.
    const taken = await cli(['checklist', 'run', 'api-admin', '--yes', '--profile', 'University Tenant', '--input', await inputFile(apiAdminInputs('rao'))], { folder, login: 'rao' });
    expect(taken.code).toBe(2);
    expect(taken.stderr).toMatch(/^ {2}login: An admin with the login rao exists already in SCM/m);
    const notJson = await cli(['checklist', 'run', 'api-admin', '--yes', '--profile', 'University Tenant', '--input', await inputFile('{"login": ')], { folder, login: 'rao' });
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toContain('is not valid JSON');
    expect(sandbox.store.admins.size).toBe(before);
    expect(await runFiles(folder)).toEqual([]);
  });

  it('needs a saved profile other than the built-in sandbox', async () => {
    const { folder } = await appFolder('rao');
    const flags = await cli(['checklist', 'run', 'api-admin', '--yes', '--base-url', sandbox.url, '--customer-uri', sandbox.customerUri, '--login', 'rao', '--input', await inputFile(apiAdminInputs('api-flags'))], { folder, login: 'rao' });
    expect(flags.code).toBe(2);
    expect(flags.stderr).toContain('checklists need a saved profile, not --base-url, --customer-uri, --login');
    const none = await cli(['checklist', 'run', 'api-admin', '--yes', '--input', await inputFile(apiAdminInputs('api-none'))], { folder, login: 'rao' });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('give --profile NAME');
    const practice = await cli(['checklist', 'run', 'api-admin', '--yes', '--profile', 'Sandbox', '--input', await inputFile(apiAdminInputs('api-practice'))], { folder });
    expect(practice.code).toBe(2);
    expect(practice.stderr).toContain('is the app\'s built-in sandbox');
    expect(adminsWithLogin('api-flags')).toEqual([]);
    expect(await runFiles(folder)).toEqual([]);
  });
});

describe('tcs-admin checklist run rest-api', () => {
  it('stops (exit 10) at the step done by hand where the admin may not edit, and finishes (exit 0) once it is done', async () => {
    const { folder } = await appFolder('drao-library', 'Library');
    expect(sandbox.store.organizations.get(1004)?.sslCertsApiEnabled).toBe(false);
    const waiting = await cli(['checklist', 'run', 'rest-api', '--yes', '--profile', 'Library', '--input', await inputFile({ orgId: 1004, flags: ['ssl'] })], { folder, login: 'drao-library' });
    expect(waiting.code, waiting.stderr).toBe(10);
    expect(waiting.stdout).toContain('Waiting for a step done by hand: Turn the REST API on');
    expect(waiting.stdout).toContain('Settings → Organizations → select University Library');
    expect(waiting.stdout).toMatch(/^ {2}Organization or department: University Library$/m);
    const runId = runIdIn(waiting.stdout);
    expect(waiting.stdout).toContain(`Run \`tcs-admin checklist verify ${runId} --user-data ${folder}\` when done.`);
    expect(sandbox.store.organizations.get(1004)?.sslCertsApiEnabled).toBe(false);

    // Not done yet: it still waits.
    const early = await cli(['checklist', 'verify', runId], { folder, login: 'drao-library' });
    expect(early.code).toBe(10);
    expect(early.stderr).toContain('Not done yet in SCM: The REST API for SSL certificates is still off on University Library');

    // An RAO of the university turns it on, as in SCM's web interface.
    expect(await asAdmin('rao', 'PUT', '/api/organization/v1/1004', { sslCertsApiEnabled: true })).toBeLessThan(300);
    const done = await cli(['checklist', 'verify', runId, '--json'], { folder, login: 'drao-library' });
    expect(done.code, done.stderr).toBe(0);
    const report = JSON.parse(done.stdout) as { exitCode: number; run: { status: string; steps: { id: string; state: string }[] } };
    expect(report.exitCode).toBe(0);
    expect(report.run.status).toBe('done');
    expect(report.run.steps.map((step) => `${step.id}:${step.state}`)).toEqual(['read-state:verified', 'enable-api:verified', 'secret-key:skipped', 'read-back:verified', 'probe:skipped']);
    const status = await cli(['checklist', 'status', runId], { folder });
    expect(status.stdout).toMatch(/Turn the REST API on +Verified +drao-library/);
  }, 60_000);
});

describe('tcs-admin checklist run notifications', () => {
  it('creates the proposed notifications, creates nothing the second time, and notices one switched off since', async () => {
    const { folder } = await appFolder('rao');
    const first = await cli(['checklist', 'run', 'notifications', '--yes', '--profile', 'University Tenant'], { folder, login: 'rao' });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain('No --input given: using what the app proposes');
    const made = [...sandbox.store.notifications.values()].filter((rule) => rule.description.startsWith('TCS baseline:'));
    expect(made.length).toBeGreaterThan(0);
    expect(made.every((rule) => rule.active)).toBe(true);
    const count = sandbox.store.notifications.size;

    const again = await cli(['checklist', 'run', 'notifications', '--yes', '--profile', 'University Tenant', '--input', await inputFile({ orgId: 1001, rules: [{ type: 'SSLExpiration', roles: ['REQUESTER'], emails: [], days: 30 }] })], { folder, login: 'rao' });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('Every chosen notification exists and is active: nothing was created.');
    expect(sandbox.store.notifications.size).toBe(count);

    const runId = runIdIn(first.stdout);
    expect(await asAdmin('rao', 'PUT', `/api/notification/v1/${made[0]!.id}`, { active: false })).toBeLessThan(300);
    const drifted = await cli(['checklist', 'verify', runId], { folder, login: 'rao' });
    expect(drifted.code).toBe(1);
    expect(drifted.stdout).toMatch(/^CHANGED Create what is missing: Changed since: /m);
  }, 60_000);
});
