import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminsApi } from '../../src/main/scm/admins';
import { DcvApi } from '../../src/main/scm/dcv';
import { DomainsApi } from '../../src/main/scm/domains';
import { NotificationsApi } from '../../src/main/scm/notifications';
import { OrganizationsApi } from '../../src/main/scm/organizations';
import { ManualClock, startSandbox, type SandboxHandle } from '../../src/sandbox';
import { failure, loseNextAnswers, sandboxClients, shortWait } from './scmHelpers';

let sandbox: SandboxHandle;
const { as, closeAll } = sandboxClients(() => sandbox);
/** The sandbox's clock: a delay passes when a test moves it, never by itself. */
const clock = new ManualClock(Date.now() - 60 * 60_000);

beforeAll(async () => {
  sandbox = await startSandbox({ certificates: 10, issueDelaySeconds: 0.2, now: clock.now });
});

afterAll(async () => {
  await closeAll();
  await sandbox.stop();
});


describe('notification rules', () => {
  it('creates, reads, changes and deletes a rule', async () => {
    const notifications = new NotificationsApi(as('rao'));
    const id = await notifications.create({ description: 'Physics expiry warning', type: 'SSLExpiration', selectedOrgType: 'SELECTED', orgIds: [1002], notifyRoles: ['ORGANIZATION_CONTACT'], days: 30 });
    const listed = (await notifications.list({ description: 'Physics expiry' })).find((rule) => rule.id === id);
    expect(listed).toMatchObject({ description: 'Physics expiry warning', type: 'SSLExpiration', orgIds: [1002], days: 30, active: true });
    const changed = await notifications.update(id, { description: 'Physics expiry, 45 days', days: 45, active: false });
    expect(changed).toMatchObject({ description: 'Physics expiry, 45 days', days: 45, active: false });
    await notifications.delete(id);
    expect((await notifications.list()).some((rule) => rule.id === id)).toBe(false);
    expect((await failure(notifications.delete(id))).kind).toBe('not-found');
  });

  it('finds a rule whose answer was lost by its description, and makes only one', async () => {
    const notifications = new NotificationsApi(as('rao', shortWait));
    const before = sandbox.store.notifications.size;
    loseNextAnswers(sandbox);
    const id = await notifications.create({ description: 'Lost answer rule', type: 'DCVExpiration', selectedOrgType: 'SELECTED', orgIds: [1001], notifyRoles: ['ORGANIZATION_CONTACT'], days: 30 });
    expect(sandbox.store.notifications.size).toBe(before + 1);
    expect(sandbox.store.notifications.get(id)?.description).toBe('Lost answer rule');
  });

  it('keeps a lost answer’s outcome unknown when the look-up after it fails too', async () => {
    const client = as('rao', shortWait);
    const before = sandbox.store.notifications.size;
    loseNextAnswers(sandbox);
    const body = { description: 'Unknown outcome rule', type: 'DCVExpiration', active: true, orgData: { selectedOrgType: 'SELECTED', orgDelegations: [1001] }, recipientData: { notifyRoles: ['ORGANIZATION_CONTACT'], recipients: [] }, additionalData: { days: 30 } };
    const error = await failure(
      client.createOnce({ method: 'POST', path: '/api/notification/v1', body, operation: 'create a rule' }, () => Promise.reject(new Error('the look-up was refused'))),
    );
    // SCM made it; the caller is told it does not know, so it checks before it repeats anything.
    expect(error.outcomeUnknown).toBe(true);
    expect(sandbox.store.notifications.size).toBe(before + 1);
  });

  it('refuses an empty description before asking SCM, and says what SCM refused', async () => {
    const notifications = new NotificationsApi(as('rao'));
    expect((await failure(notifications.create({ description: ' ', type: 'SSLExpiration', selectedOrgType: 'ANY' }))).kind).toBe('validation');
    const refused = await failure(notifications.create({ description: 'Bad type', type: 'NoSuchType', selectedOrgType: 'SELECTED', orgIds: [1001], notifyRoles: [] }));
    expect(refused.kind).toBe('validation');
    expect(refused.code).toBeDefined();
  });
});

describe('organizations and departments', () => {
  it('creates a department with the REST API on, changes it and deletes it', async () => {
    const organizations = new OrganizationsApi(as('rao'));
    const id = await organizations.create({ name: 'Department of Chemistry', parentName: 'Sandbox University', address1: 'Lab Road 1', city: 'Uppsala', country: 'SE', sslCertsApiEnabled: true, clientCertsApiEnabled: false });
    expect(await organizations.get(id)).toMatchObject({ name: 'Department of Chemistry', parentId: 1001, sslCertsApiEnabled: true, clientCertsApiEnabled: false });
    expect((await organizations.update(id, { clientCertsApiEnabled: true, contactEmails: ['chem@sandbox-university.example'] })).contactEmails).toEqual(['chem@sandbox-university.example']);
    expect(await organizations.findByName('Department of Chemistry', 'Sandbox University')).toBe(id);
    await organizations.delete(id);
    expect(await organizations.findByName('Department of Chemistry', 'Sandbox University')).toBeUndefined();
  });

  it('finds a department whose answer was lost by its name, and makes only one', async () => {
    const organizations = new OrganizationsApi(as('rao', shortWait));
    const before = sandbox.store.organizations.size;
    loseNextAnswers(sandbox);
    const id = await organizations.create({ name: 'Department of Geology', parentName: 'Sandbox University', address1: 'Rock Street 2', city: 'Uppsala', country: 'SE' });
    expect(sandbox.store.organizations.size).toBe(before + 1);
    expect(sandbox.store.organizations.get(id)?.name).toBe('Department of Geology');
  });

  it('needs a city or state, and an MRAO for a new organization', async () => {
    const organizations = new OrganizationsApi(as('rao'));
    expect((await failure(organizations.create({ name: 'Nowhere', parentName: 'Sandbox University', address1: 'x', country: 'SE' }))).kind).toBe('validation');
    expect((await failure(organizations.create({ name: 'Rogue Org', address1: 'x', city: 'y', country: 'SE' }))).kind).toBe('permission');
  });
});

describe('admins', () => {
  it('lists the privileges SCM knows and deletes an admin', async () => {
    const admins = new AdminsApi(as('rao'));
    expect((await admins.privileges()).map((privilege) => privilege.name)).toEqual(expect.arrayContaining(['sslRequest', 'allowDCV']));
    const id = await admins.create({ type: 'API', login: 'api-to-delete', email: 'gone@sandbox-university.example', forename: 'Gone', surname: 'Soon', password: 'Temporary-Pass-123!', credentials: [{ role: 'RAO_SSL', orgId: 1001 }] });
    await admins.delete(id);
    expect(await admins.findByLogin('api-to-delete')).toBeUndefined();
  });
});

describe('domains', () => {
  it('adds a domain, delegates it, suspends and activates it, and deletes it', async () => {
    const domains = new DomainsApi(as('rao'));
    const id = await domains.create({ name: 'Chemistry.Sandbox-University.example', delegations: [{ orgId: 1001, certTypes: ['SSL'] }] });
    expect((await domains.get(id)).name).toBe('chemistry.sandbox-university.example');
    await domains.delegate(id, { orgId: 1003, certTypes: ['SSL', 'SMIME'] });
    expect((await domains.get(id)).delegations.map((delegation) => delegation.orgId).sort()).toEqual([1001, 1003]);
    await domains.removeDelegation(id, 1003);
    expect((await domains.get(id)).delegations.map((delegation) => delegation.orgId)).toEqual([1001]);
    await domains.suspend(id);
    expect(sandbox.store.domains.get(id)?.active).toBe(false);
    await domains.activate(id);
    expect(sandbox.store.domains.get(id)?.active).toBe(true);
    await domains.delete(id);
    expect((await failure(domains.get(id))).kind).toBe('not-found');
  });

  it('finds a domain whose answer was lost by its name, and adds it once', async () => {
    const domains = new DomainsApi(as('rao', shortWait));
    const before = sandbox.store.domains.size;
    loseNextAnswers(sandbox);
    const id = await domains.create({ name: 'lost.sandbox-university.example', delegations: [{ orgId: 1001, certTypes: ['SSL'] }] });
    expect(sandbox.store.domains.size).toBe(before + 1);
    expect(sandbox.store.domains.get(id)?.name).toBe('lost.sandbox-university.example');
  });

  it('lets an MRAO approve or reject the delegations a RAO requested', async () => {
    const rao = new DomainsApi(as('rao'));
    const mrao = new DomainsApi(as('mrao'));
    const id = await rao.create({ name: 'approval.sandbox-university.example', delegations: [{ orgId: 1001, certTypes: ['SSL'] }] });
    await rao.delegate(id, { orgId: 1002, certTypes: ['SSL'] });
    const statusOf = async (orgId: number) => (await mrao.get(id)).delegations.find((delegation) => delegation.orgId === orgId)?.status;
    expect(await statusOf(1001)).toBe('REQUESTED');
    await mrao.approveDelegation(id, 1001);
    expect(await statusOf(1001)).toBe('ACTIVE');
    await mrao.rejectDelegation(id, 1002);
    expect(await statusOf(1002)).toBeUndefined();
    expect((await failure(mrao.approveDelegation(id, 1001))).code).toBe(-705);
  });

  it('refuses a malformed name before asking SCM', async () => {
    expect((await failure(new DomainsApi(as('rao')).create({ name: 'not a domain', delegations: [{ orgId: 1001, certTypes: ['SSL'] }] }))).kind).toBe('validation');
  });
});

describe('domain control validation', () => {
  it('starts a CNAME order, submits it, and sees the domain validated', async () => {
    const domains = new DomainsApi(as('rao'));
    await domains.create({ name: 'cname-dcv.example.net', delegations: [{ orgId: 1001, certTypes: ['SSL'] }] });
    const dcv = new DcvApi(as('rao'));
    const instructions = await dcv.start('cname-dcv.example.net', 'CNAME');
    expect(instructions).toMatchObject({ method: 'CNAME', host: expect.stringMatching(/^_.*cname-dcv\.example\.net\.$/), point: expect.stringMatching(/sectigo\.com\.$/) });
    expect((await dcv.submit('cname-dcv.example.net', 'CNAME')).orderStatus).toBe('SUBMITTED');
    expect((await dcv.status('cname-dcv.example.net')).status).not.toBe('VALIDATED');
    clock.advance(400);
    const status = await dcv.status('cname-dcv.example.net');
    expect(status.status).toBe('VALIDATED');
    expect(status.expires).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('gives the file for HTTP, the record for TXT and the addresses for email, and clears an order', async () => {
    await new DomainsApi(as('rao')).create({ name: 'files-dcv.example.net', delegations: [{ orgId: 1001, certTypes: ['SSL'] }] });
    const dcv = new DcvApi(as('rao'));
    const http = await dcv.start('files-dcv.example.net', 'HTTP');
    expect(http).toMatchObject({ method: 'HTTP', url: expect.stringMatching(/^http:\/\/files-dcv\.example\.net\/\.well-known\/pki-validation\/.+\.txt$/) });
    await dcv.clear('files-dcv.example.net');
    expect((await dcv.status('files-dcv.example.net')).orderStatus).toBe('NOT_INITIATED');
    const mail = await dcv.start('files-dcv.example.net', 'EMAIL');
    expect(mail.method === 'EMAIL' && mail.emails).toContain('admin@files-dcv.example.net');
    const txt = await dcv.submit('files-dcv.example.net', 'TXT');
    expect(txt).toMatchObject({ orderStatus: 'SUBMITTED', host: expect.stringContaining('files-dcv.example.net') });
    expect(txt.point).not.toBeNull();
    expect((await failure(dcv.submit('files-dcv.example.net', 'EMAIL'))).kind).toBe('validation');
  });

  it('answers not-found for a domain SCM does not have', async () => {
    expect((await failure(new DcvApi(as('rao')).status('nowhere.example.invalid'))).kind).toBe('not-found');
  });
});
