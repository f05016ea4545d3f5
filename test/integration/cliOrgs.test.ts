import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OrganizationsApi } from '../../src/main/scm/organizations';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';
import { runCli } from './cliHelpers';
import { failure, sandboxClients } from './scmHelpers';

let sandbox: SandboxHandle;
let folder: string;
const clients = sandboxClients(() => sandbox);

beforeEach(async () => {
  sandbox = await startSandbox({ certificates: 30 });
  folder = await mkdtemp(join(tmpdir(), 'tcs-cli-orgs-'));
});

afterEach(async () => {
  await clients.closeAll();
  await sandbox.stop();
});

function run(args: string[], options: { as?: string; answer?: string } = {}) {
  return runCli(sandbox, folder, args, options);
}

function department(name: string) {
  return [...sandbox.store.organizations.values()].find((org) => org.parentId === 1001 && org.name === name);
}

function unitChanges(): number {
  return sandbox.store.activity.filter((entry) => /^(Organization|Department) /.test(entry.action)).length;
}

describe('tcs-admin orgs', () => {
  it('creates a department with its organization’s address, after --yes, and not without', async () => {
    const refused = await run(['orgs', 'create-department', '1001', '--name', 'Department of Chemistry']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('Nothing was sent. Add --yes');
    expect(department('Department of Chemistry')).toBeUndefined();

    const done = await run(['orgs', 'create-department', '1001', '--name', 'Department of Chemistry', '--contact-emails', 'pki@chem.example.org', '--ssl-api', 'on', '--yes']);
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    const made = department('Department of Chemistry')!;
    const university = sandbox.store.organization(1001)!;
    expect(made.address1).toBe(university.address1);
    expect(made.country).toBe(university.country);
    expect(made.contactEmails).toBe('pki@chem.example.org');
    expect(made.sslCertsApiEnabled).toBe(true);
    expect(made.clientCertsApiEnabled).toBe(false);

    const twice = await run(['orgs', 'create-department', '1001', '--name', 'Department of Chemistry', '--yes']);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('has a department called Department of Chemistry already');
  });

  it('changes only what the flags give, and refuses a DRAO who may not add departments, before SCM is asked', async () => {
    const done = await run(['orgs', 'update', '1002', '--contact-emails', 'pki@physics.example.org,ops@physics.example.org', '--client-api', 'off', '--yes']);
    expect(done.code).toBe(0);
    const physics = sandbox.store.organization(1002)!;
    expect(physics.contactEmails).toBe('pki@physics.example.org,ops@physics.example.org');
    expect(physics.clientCertsApiEnabled).toBe(false);
    expect(physics.name).toBe('Department of Physics');

    const before = unitChanges();
    const drao = await run(['orgs', 'create-department', '1001', '--name', 'Rogue', '--yes'], { as: 'drao-physics' });
    expect(drao.code).toBe(1);
    expect(drao.stderr).toContain('Only an RAO of Sandbox University (or an MRAO) adds its departments');
    const notRao = await run(['orgs', 'create-department', '1002', '--name', 'Sub', '--yes'], { as: 'drao-physics' });
    expect(notRao.code).toBe(1);
    expect(notRao.stderr).toContain('Departments belong to an organization');
    expect(unitChanges()).toBe(before);
  });

  it('refuses to delete a department with certificates, naming them, and deletes an empty one after its name is typed', async () => {
    const physicsCertificates = [...sandbox.store.ssl.values()].filter((certificate) => certificate.orgId === 1002).length;
    expect(physicsCertificates).toBeGreaterThan(0);
    const before = unitChanges();
    const refused = await run(['orgs', 'delete', '1002', '--yes']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`Department of Physics cannot be deleted while it has ${physicsCertificates} SSL certificate`);
    expect(sandbox.store.organization(1002)).toBeDefined();
    expect(unitChanges()).toBe(before);

    await run(['orgs', 'create-department', '1001', '--name', 'Short-lived', '--yes']);
    const id = department('Short-lived')!.id;
    const wrong = await run(['orgs', 'delete', String(id)], { answer: 'Short\n' });
    expect(wrong.code).toBe(2);
    expect(sandbox.store.organization(id)).toBeDefined();
    const done = await run(['orgs', 'delete', String(id)], { answer: 'Short-lived\n' });
    expect(done.code).toBe(0);
    expect(sandbox.store.organization(id)).toBeUndefined();
  });

  it('reads SCM’s -1021 on a change to a unit as a refused change, not as the REST API being off', async () => {
    const refused = await failure(new OrganizationsApi(clients.as('mrao')).delete(1001));
    expect(refused.code).toBe(-1021);
    expect(refused.kind).toBe('validation');
    expect(refused.message).toContain('a delete is refused while departments, certificates or domains depend on it');
    // On a certificate request the same code still means the unit's REST API is off.
    const library = [...sandbox.store.organizations.values()].find((org) => !org.sslCertsApiEnabled && org.parentId !== null)!;
    const off = await failure(clients.as('mrao').call({ method: 'GET', path: '/api/ssl/v1/types', query: { organizationId: library.id }, operation: 'list profiles' }));
    expect(off.code).toBe(-1021);
    expect(off.kind).toBe('api-disabled');
  });
});
