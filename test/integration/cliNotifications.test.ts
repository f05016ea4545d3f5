import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';
import { runCli } from './cliHelpers';

let sandbox: SandboxHandle;
let folder: string;

beforeEach(async () => {
  sandbox = await startSandbox({ certificates: 5 });
  folder = await mkdtemp(join(tmpdir(), 'tcs-cli-notifications-'));
});

afterEach(async () => {
  await sandbox.stop();
});

function run(args: string[], options: { as?: string; answer?: string } = {}) {
  return runCli(sandbox, folder, args, options);
}

const rule = (description: string) => [...sandbox.store.notifications.values()].find((candidate) => candidate.description === description);
const create = ['notifications', 'create', '--type', 'DCVExpiration', '--description', 'DCV expiring (University)', '--orgs', '1001', '--roles', 'SSL_RAO', '--recipients', 'pki@example.org'];

describe('tcs-admin notifications', () => {
  it('creates a rule once SCM’s needs are met, after --yes, and keeps descriptions unique', async () => {
    const noDays = await run([...create, '--yes']);
    expect(noDays.code).toBe(1);
    expect(noDays.stderr).toContain('days: Enter 1 to 365 days');
    const nobody = await run(['notifications', 'create', '--type', 'SSLRevoked', '--description', 'Revoked', '--orgs', '1001', '--yes']);
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain('recipients: Choose at least one recipient');
    const refused = await run([...create, '--days', '30']);
    expect(refused.code).toBe(2);
    expect(rule('DCV expiring (University)')).toBeUndefined();

    const done = await run([...create, '--days', '30', '--yes']);
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    const made = rule('DCV expiring (University)')!;
    expect(made.orgData).toEqual({ selectedOrgType: 'SELECTED', orgDelegations: [1001] });
    expect(made.additionalData.days).toBe(30);
    const twice = await run([...create, '--days', '30', '--yes']);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('exists already');
  });

  it('changes, turns off and deletes a rule, asking for its description in a terminal', async () => {
    await run([...create, '--days', '30', '--yes']);
    const id = rule('DCV expiring (University)')!.id;
    expect((await run(['notifications', 'update', String(id), '--days', '14', '--yes'])).code).toBe(0);
    expect(sandbox.store.notifications.get(id)!.additionalData.days).toBe(14);
    expect(sandbox.store.notifications.get(id)!.recipientData.notifyRoles).toEqual(['SSL_RAO']);
    const retype = await run(['notifications', 'update', String(id), '--type', 'SSLExpiration', '--yes']);
    expect(retype.code).toBe(2);
    expect(retype.stderr).toContain('does not change a notification’s type');
    expect((await run(['notifications', 'disable', String(id), '--yes'])).code).toBe(0);
    expect(sandbox.store.notifications.get(id)!.active).toBe(false);
    expect((await run(['notifications', 'delete', String(id)], { answer: 'DCV\n' })).code).toBe(2);
    expect(sandbox.store.notifications.has(id)).toBe(true);
    expect((await run(['notifications', 'delete', String(id)], { answer: 'DCV expiring (University)\n' })).code).toBe(0);
    expect(sandbox.store.notifications.has(id)).toBe(false);
  });
});
