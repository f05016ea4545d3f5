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
  folder = await mkdtemp(join(tmpdir(), 'tcs-cli-domains-'));
});

afterEach(async () => {
  await sandbox.stop();
});

function run(args: string[], options: { as?: string; answer?: string } = {}) {
  return runCli(sandbox, folder, args, options);
}

const domain = (name: string) => [...sandbox.store.domains.values()].find((candidate) => candidate.name === name);
const domainChanges = () => sandbox.store.activity.filter((entry) => /^Domain /.test(entry.action)).length;

describe('tcs-admin domains and dcv', () => {
  it('adds a domain with its wildcard entry once, after --yes, and refuses what SCM would before asking it', async () => {
    const before = domainChanges();
    expect((await run(['domains', 'add', 'research.example.org', '--orgs', '1002'])).code).toBe(2);
    const wildcard = await run(['domains', 'add', '*.research.example.org', '--orgs', '1002', '--yes']);
    expect(wildcard.code).toBe(1);
    expect(wildcard.stderr).toContain('without “*.”');
    const outside = await run(['domains', 'add', 'research.example.org', '--orgs', '1005', '--yes']);
    expect(outside.code).toBe(1);
    expect(outside.stderr).toContain('outside what you manage');
    const drao = await run(['domains', 'add', 'research.example.org', '--orgs', '1002', '--yes'], { as: 'drao-library' });
    expect(drao.code).toBe(1);
    expect(domainChanges()).toBe(before);

    const done = await run(['domains', 'add', 'research.example.org', '--orgs', '1002', '--cert-types', 'SSL,SMIME', '--yes']);
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('Added research.example.org');
    expect(done.stdout).toContain('Added *.research.example.org');
    expect(domain('research.example.org')!.delegations).toEqual([expect.objectContaining({ orgId: 1002, certTypes: ['SSL', 'SMIME'] })]);
    expect(domain('*.research.example.org')).toBeDefined();
    const again = await run(['domains', 'add', 'research.example.org', '--orgs', '1002', '--yes']);
    expect(again.stdout).toContain('Already there: research.example.org');
    expect([...sandbox.store.domains.values()].filter((candidate) => candidate.name.endsWith('research.example.org'))).toHaveLength(2);
  });

  it('has an RAO’s delegation wait for the MRAO, who approves it; the RAO may not', async () => {
    await run(['domains', 'add', 'lab.example.org', '--orgs', '1002', '--no-wildcard', '--yes']);
    const added = domain('lab.example.org')!;
    expect((await run(['domains', 'delegate', String(added.id), '--org', '1003', '--yes'])).code).toBe(0);
    expect(added.delegations.find((delegation) => delegation.orgId === 1003)!.status).toBe('REQUESTED');
    const refused = await run(['domains', 'approve', String(added.id), '--org', '1003', '--yes']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('approveDomainDelegation');
    expect((await run(['domains', 'approve', String(added.id), '--org', '1003', '--yes'], { as: 'mrao' })).code).toBe(0);
    expect(added.delegations.find((delegation) => delegation.orgId === 1003)!.status).toBe('ACTIVE');
    const twice = await run(['domains', 'approve', String(added.id), '--org', '1003', '--yes'], { as: 'mrao' });
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('waits for an answer');
  });

  it('starts validation by CNAME, prints the record, submits it and reads the status again', async () => {
    await run(['domains', 'add', 'dcv.example.org', '--orgs', '1002', '--yes']);
    const started = await run(['dcv', 'start', 'dcv.example.org', '--method', 'CNAME', '--yes']);
    expect(started.stderr).toBe('');
    expect(started.code).toBe(0);
    expect(started.stdout).toMatch(/Publish in DNS:\n {2}\S+ CNAME \S+/);
    const submitted = await run(['dcv', 'submit', 'dcv.example.org', '--method', 'CNAME', '--yes']);
    expect(submitted.code).toBe(0);
    const status = await run(['dcv', 'recheck', 'dcv.example.org']);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/^dcv\.example\.org: \S+/);
  });
});
