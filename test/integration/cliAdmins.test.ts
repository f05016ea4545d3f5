import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';
import { runCli } from './cliHelpers';

let sandbox: SandboxHandle;
let folder: string;

beforeEach(async () => {
  sandbox = await startSandbox();
  folder = await mkdtemp(join(tmpdir(), 'tcs-cli-admins-'));
});

afterEach(async () => {
  await sandbox.stop();
});

function run(args: string[], options: { as?: string; answer?: string } = {}) {
  return runCli(sandbox, folder, args, options);
}

async function passwordFile(password: string): Promise<string> {
  const path = join(folder, `password-${Math.random().toString(36).slice(2)}.txt`);
  await writeFile(path, `${password}\n`, { mode: 0o600 });
  return path;
}

/** How many requests changed admins, by the sandbox's own record. */
function adminChanges(): number {
  return sandbox.store.activity.filter((entry) => entry.action.startsWith('Admin ')).length;
}

const newAdmin = ['--type', 'API', '--admin-login', 'svc-cli', '--email', 'svc-cli@example.org', '--forename', 'Svc', '--surname', 'Cli', '--roles', 'RAO_SSL:1001', '--preset', 'ssl'];
const temporary = 'Temporary-Pass-2026!';

describe('tcs-admin admins create', () => {
  it('refuses without --yes when not in a terminal, and without a password file where no terminal can show one', async () => {
    const file = await passwordFile(temporary);
    const refused = await run(['admins', 'create', ...newAdmin, '--password-file', file]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('there is no terminal to ask in. Nothing was sent. Add --yes');
    const noFile = await run(['admins', 'create', ...newAdmin, '--yes']);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain('--password-file');
    expect(sandbox.store.adminByLogin('svc-cli')).toBeUndefined();
    expect(adminChanges()).toBe(0);
  });

  it('creates an API admin with the least SSL privileges and the temporary password from the file', async () => {
    const done = await run(['admins', 'create', ...newAdmin, '--password-file', await passwordFile(temporary), '--yes']);
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/^Created admin svc-cli \(id \d+\)\./);
    expect(done.stdout).not.toContain(temporary);
    const admin = sandbox.store.adminByLogin('svc-cli')!;
    expect(admin.type).toBe('API');
    expect(admin.credentials).toEqual([{ role: 'RAO_SSL', orgId: 1001 }]);
    expect([...admin.privileges].sort()).toEqual(['sslRenew', 'sslReplace', 'sslRequest', 'sslRevoke']);
    expect(admin.temporaryPassword).toBe(true);
    expect(sandbox.checkPassword('svc-cli', temporary)).toBe(true);
  });

  it('shows a password it made once in a terminal, after a yes', async () => {
    const done = await run(['admins', 'create', ...newAdmin], { answer: 'y\n' });
    expect(done.code).toBe(0);
    const shown = /Temporary password for svc-cli: (\S+)/.exec(done.stdout)?.[1];
    expect(shown).toBeDefined();
    expect(sandbox.checkPassword('svc-cli', shown!)).toBe(true);
  });

  it('stops at SCM’s rules before anything is sent: mixed levels, one unit per role, privileges the RAO lacks', async () => {
    const file = await passwordFile(temporary);
    const mixed = await run(['admins', 'create', ...newAdmin.slice(0, 10), '--roles', 'RAO_SSL:1001,DRAO_SMIME:1002', '--password-file', file, '--yes']);
    expect(mixed.code).toBe(1);
    expect(mixed.stderr).toContain('credentials: Keep every role on one level');
    expect(mixed.stderr).toContain('-222');
    const beyond = await run(['admins', 'create', ...newAdmin, '--privileges', 'approveDomainDelegation', '--password-file', file, '--yes']);
    expect(beyond.code).toBe(1);
    expect(beyond.stderr).toContain('privileges.approveDomainDelegation: You do not hold approveDomainDelegation yourself');
    const dcv = await run(['admins', 'create', ...newAdmin.slice(0, 10), '--roles', 'RAO_SMIME:1001', '--privileges', 'allowDCV', '--password-file', file, '--yes']);
    expect(dcv.code).toBe(1);
    expect(dcv.stderr).toContain('Allow DCV is for SSL admins only');
    const outside = await run(['admins', 'create', ...newAdmin.slice(0, 10), '--roles', 'RAO_SSL:1005', '--password-file', file, '--yes']);
    expect(outside.code).toBe(1);
    expect(outside.stderr).toContain('outside what you manage');
    expect(sandbox.store.adminByLogin('svc-cli')).toBeUndefined();
    expect(adminChanges()).toBe(0);
  });

  it('refuses a DRAO who may not create admins, naming the privilege, before SCM is asked', async () => {
    const refused = await run(['admins', 'create', ...newAdmin.slice(0, 10), '--roles', 'DRAO_SSL:1002', '--password-file', await passwordFile(temporary), '--yes'], { as: 'drao-physics' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('You do not hold the privilege allowCreate');
    expect(adminChanges()).toBe(0);
  });
});

describe('tcs-admin admins update, suspend, activate, reset-password and delete', () => {
  async function created(): Promise<number> {
    const done = await run(['admins', 'create', ...newAdmin, '--password-file', await passwordFile(temporary), '--yes']);
    expect(done.code).toBe(0);
    return sandbox.store.adminByLogin('svc-cli')!.id;
  }

  it('changes only what the flags give', async () => {
    const id = await created();
    const done = await run(['admins', 'update', String(id), '--email', 'pki-team@example.org', '--privileges', 'sslRequest,sslRenew', '--yes']);
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    const admin = sandbox.store.admins.get(id)!;
    expect(admin.email).toBe('pki-team@example.org');
    expect([...admin.privileges].sort()).toEqual(['sslRenew', 'sslRequest']);
    expect(admin.forename).toBe('Svc');
    expect(admin.credentials).toEqual([{ role: 'RAO_SSL', orgId: 1001 }]);
    const wrongType = await run(['admins', 'update', String(id), '--type', 'SAS', '--yes']);
    expect(wrongType.code).toBe(1);
    expect(wrongType.stderr).toContain('SCM does not change a API admin to SAS');
  });

  it('suspends and activates after a yes, and sends nothing on a no', async () => {
    const id = await created();
    const no = await run(['admins', 'suspend', String(id)], { answer: 'n\n' });
    expect(no.code).toBe(2);
    expect(sandbox.store.admins.get(id)!.activeStatus).toBe('ACTIVE');
    expect((await run(['admins', 'suspend', String(id)], { answer: 'y\n' })).code).toBe(0);
    expect(sandbox.store.admins.get(id)!.activeStatus).toBe('SUSPENDED');
    const again = await run(['admins', 'suspend', String(id), '--yes']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('suspended already');
    expect((await run(['admins', 'activate', String(id), '--yes'])).code).toBe(0);
    expect(sandbox.store.admins.get(id)!.activeStatus).toBe('ACTIVE');
  });

  it('resets a password to a temporary one, and refuses for an IdP admin who has none', async () => {
    const id = await created();
    const next = 'Another-Temp-Pass-77#';
    const done = await run(['admins', 'reset-password', String(id), '--password-file', await passwordFile(next), '--yes']);
    expect(done.code).toBe(0);
    expect(done.stdout).not.toContain(next);
    expect(sandbox.checkPassword('svc-cli', next)).toBe(true);
    expect(sandbox.store.admins.get(id)!.temporaryPassword).toBe(true);
    const idp = sandbox.store.adminByLogin('idp-only')!;
    const refused = await run(['admins', 'reset-password', String(idp.id), '--password-file', await passwordFile(next), '--yes']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('identity provider and has no password');
  });

  it('deletes only after the name is typed, passing the certificates to another admin', async () => {
    const id = await created();
    const rao = sandbox.store.adminByLogin('rao')!;
    const certificate = [...sandbox.store.ssl.values()].find((candidate) => candidate.orgId === 1001)!;
    certificate.requesterId = id;
    const wrong = await run(['admins', 'delete', String(id), '--replacing-requester', String(rao.id)], { answer: 'svc\n' });
    expect(wrong.code).toBe(2);
    expect(sandbox.store.admins.has(id)).toBe(true);
    const refused = await run(['admins', 'delete', String(id)]);
    expect(refused.code).toBe(2);
    const done = await run(['admins', 'delete', String(id), '--replacing-requester', String(rao.id)], { answer: 'svc-cli\n' });
    expect(done.stderr).toContain('Type svc-cli to confirm');
    expect(done.code).toBe(0);
    expect(sandbox.store.admins.has(id)).toBe(false);
    expect(certificate.requesterId).toBe(rao.id);
  });
});
