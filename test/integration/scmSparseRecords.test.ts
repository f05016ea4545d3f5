import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminsApi } from '../../src/main/scm/admins';
import { ScmClient } from '../../src/main/scm/client';
import { CodeSigningApi } from '../../src/main/scm/codesign';
import { DcvApi } from '../../src/main/scm/dcv';
import { DomainsApi } from '../../src/main/scm/domains';
import { NotificationsApi } from '../../src/main/scm/notifications';
import { OrganizationsApi } from '../../src/main/scm/organizations';
import { collectAll } from '../../src/main/scm/paging';
import { activityReport, domainReport, smimeInventory, sslInventory } from '../../src/main/scm/reports';
import { PersonsApi, SmimeApi } from '../../src/main/scm/smime';
import { SslApi } from '../../src/main/scm/ssl';
import { adminDisplayName } from '../../src/shared/scm/types';

/*
 * SCM leaves fields out of its records freely; Sectigo's own examples list IdP
 * and SAS admins without a login. Here a server answers every list and detail
 * the client reads with records that carry their id and nothing else, and the
 * client must read each of them.
 */

/** What the server answers, by method and path (without the query). */
const answers: Record<string, unknown> = {
  'GET /api/admin/v1': [{ id: 1 }, { id: 2, type: 'IDP', idpPersonId: 'eva@example.org', email: 'eva@example.org' }, { id: 3, type: 'SAS', forename: 'Sam', surname: 'Sas' }],
  'GET /api/admin/v1/2': { id: 2, type: 'IDP', passwordState: 'SOMETHING_NEW', activeStatus: 'ACTIVE', credentials: [{ orgId: 7 }, { role: 'RAO_SSL', orgId: 7 }] },
  'GET /api/admin/v1/4': { id: 4 },
  'GET /api/admin/v1/idp': [{ id: 1 }],
  'GET /api/organization/v1': [{ id: 10, departments: [{ id: 11 }] }, { id: 12 }],
  'GET /api/organization/v1/10': { id: 10 },
  'GET /api/ssl/v1': [{ sslId: 20 }],
  'GET /api/ssl/v1/20': { sslId: 20 },
  'GET /api/ssl/v1/21': {},
  'GET /api/ssl/v1/types': [{ id: 30 }],
  'GET /api/ssl/v1/customFields': [{ id: 31 }],
  'GET /api/smime/v2': [{ id: 40 }],
  'GET /api/smime/v1/types': [{ id: 41 }],
  'GET /api/person/v1': [{ id: 50 }],
  'GET /api/person/v1/50': { id: 50 },
  'GET /api/domain/v1': [{ id: 60 }],
  'GET /api/domain/v1/60': { id: 60, delegations: [{}] },
  'GET /api/dcv/v1/validation': [{ domain: 'example.org' }, {}],
  'POST /api/dcv/v2/validation/status': {},
  'GET /api/notification/v1': [{ id: 70, recipientData: { recipients: [{}] } }],
  'GET /api/cscert/v1': [{ id: 80 }],
  'POST /api/report/v1/ssl-certificates': { reports: [{ id: 90 }] },
  'POST /api/report/v1/client-certificates': { reports: [{ id: 91 }] },
  'POST /api/report/v1/domains': { reports: [{ id: 92 }] },
  'POST /api/report/v1/activity': { reports: [{}] },
};

let server: Server;
let client: ScmClient;

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0];
    const answer = answers[`${request.method} ${path}`];
    request.resume();
    if (answer === undefined) {
      response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ code: -1, description: 'not here' }));
      return;
    }
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (Array.isArray(answer)) headers['x-total-count'] = String(answer.length);
    response.writeHead(200, headers).end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  client = new ScmClient({ baseUrl: `http://127.0.0.1:${port}`, auth: { kind: 'password', login: 'rao', customerUri: 'sparse', password: async () => 'unused' } });
});

afterAll(async () => {
  await client.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('the SCM client reads records that carry only their id', () => {
  it('lists admins without a login, type, names or email, and names each one', async () => {
    const admins = await new AdminsApi(client).list();
    expect(admins).toEqual([
      { id: 1, type: null, login: null, email: '', forename: '', surname: '', idpPersonId: null },
      { id: 2, type: 'IDP', login: null, email: 'eva@example.org', forename: '', surname: '', idpPersonId: 'eva@example.org' },
      { id: 3, type: 'SAS', login: null, email: '', forename: 'Sam', surname: 'Sas', idpPersonId: null },
    ]);
    expect(admins.map(adminDisplayName)).toEqual(['#1', 'eva@example.org', 'Sam Sas']);
  });

  it('reads an admin’s details without password, credential or IdP fields, and a value it does not know as none', async () => {
    const admins = new AdminsApi(client);
    expect(await admins.get(4)).toEqual({
      id: 4,
      type: null,
      login: null,
      email: '',
      forename: '',
      surname: '',
      idpPersonId: null,
      passwordState: null,
      passwordExpiryDate: null,
      lastPasswordChange: null,
      activeStatus: null,
      credentials: [],
      privileges: [],
      identityProviderId: null,
      created: null,
      failedAttempts: null,
    });
    expect(await admins.get(2)).toMatchObject({ type: 'IDP', passwordState: null, activeStatus: 'ACTIVE', credentials: [{ role: 'RAO_SSL', orgId: 7 }] });
    expect(await admins.identityProviders()).toEqual([{ id: 1, name: '' }]);
  });

  it('reads organizations and departments', async () => {
    const organizations = new OrganizationsApi(client);
    expect(await organizations.list()).toEqual([
      { id: 10, name: '', departments: [{ id: 11, name: '' }] },
      { id: 12, name: '', departments: [] },
    ]);
    expect(await organizations.get(10)).toMatchObject({ id: 10, name: '', parentId: null, sslCertsApiEnabled: null, certTypes: [], contactEmails: [] });
  });

  it('reads SSL certificates, their details, profiles and custom fields', async () => {
    const ssl = new SslApi(client);
    expect(await collectAll(ssl.list())).toEqual([{ id: 20, commonName: '', subjectAlternativeNames: [], serialNumber: null }]);
    expect(await ssl.get(20)).toMatchObject({ id: 20, orgId: null, status: '', commonName: '', subjectAlternativeNames: [], profileId: null });
    expect((await ssl.get(21)).id).toBe(21);
    expect(await ssl.profiles()).toEqual([{ id: 30, name: '', description: '', terms: [], keyTypes: {} }]);
    expect(await ssl.customFields()).toEqual([{ id: 31, name: '', mandatory: false }]);
  });

  it('reads client certificates and their profiles', async () => {
    const smime = new SmimeApi(client);
    expect(await collectAll(smime.list())).toEqual([{ id: 40, backendCertId: '', state: '', subject: null, serialNumber: null, expires: null, comments: '' }]);
    expect(await smime.profiles()).toEqual([{ id: 41, name: '', description: '', terms: [], keyTypes: {} }]);
  });

  it('reads persons', async () => {
    const persons = new PersonsApi(client);
    expect(await persons.list()).toEqual([{ id: 50, firstName: '', lastName: '', email: '', organizationId: null }]);
    expect(await persons.get(50)).toEqual({ id: 50, firstName: '', lastName: '', email: '', organizationId: null });
  });

  it('reads domains, their details and validations', async () => {
    const domains = new DomainsApi(client);
    expect(await domains.list()).toEqual([{ id: 60, name: '' }]);
    expect(await domains.get(60)).toMatchObject({ id: 60, name: '', state: null, validationStatus: null, delegations: [{ orgId: null, certTypes: [], status: null }] });
    expect(await domains.validations()).toEqual([
      { domain: 'example.org', status: '', method: null, orderStatus: null, expires: null },
      { domain: '', status: '', method: null, orderStatus: null, expires: null },
    ]);
    expect(await new DcvApi(client).status('example.org')).toMatchObject({ status: '', orderStatus: 'NOT_INITIATED', method: null });
  });

  it('reads notification rules', async () => {
    expect(await new NotificationsApi(client).list()).toEqual([
      { id: 70, description: '', type: '', active: true, selectedOrgType: null, orgIds: [], notifyRoles: [], recipients: [{ type: '', value: '' }], days: null },
    ]);
  });

  it('reads code-signing certificates', async () => {
    expect(await new CodeSigningApi(client).list()).toEqual([
      { id: 80, orgId: null, commonName: '', subject: '', serialNumber: '', status: '', issued: null, expires: null, revoked: null, owner: '', backendCertId: '' },
    ]);
  });

  it('reads the reports', async () => {
    expect((await sslInventory(client, new SslApi(client))).rows).toEqual([
      { id: 90, orgId: null, organizationName: null, commonName: '', subjectAlternativeNames: [], status: '', profileName: null, requester: null, requested: null, issued: null, expires: null, serialNumber: null, term: null },
    ]);
    expect((await smimeInventory(client, new SmimeApi(client))).rows).toMatchObject([{ id: 91, backendCertId: '', email: '', status: '', orgId: null }]);
    expect(await domainReport(client)).toEqual([{ id: 92, name: '', status: null, dcvStatus: null, validUntil: null }]);
    expect(await activityReport(client)).toEqual([{ date: null, admin: '', action: '', details: '' }]);
  });
});
