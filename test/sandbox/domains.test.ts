import { describe, expect, it } from 'vitest';
import { createDomain, limitedAdmin } from './domains-helpers';
import { callerFor, idFromLocation, useSandbox } from './helpers';

const sandbox = useSandbox({ firstLoginChange: 'none' });

const isoDay = /^\d{4}-\d{2}-\d{2}$/;
const dayMs = 24 * 60 * 60 * 1000;

interface DomainRow {
  id: number;
  name: string;
}

interface DomainDetails {
  id: number;
  name: string;
  delegationStatus: string;
  state: string;
  validationStatus: string;
  validationMethod?: string;
  dcvValidation?: string;
  dcvExpiration?: string;
  delegations: { orgId: number; certTypes: string[]; domainCertificateRequestPrivileges: string[]; status: string }[];
  ctLogMonitoring: { enabled: boolean; includeSubdomains: boolean; bucketId?: string };
}

const ids = (rows: unknown) => (rows as DomainRow[]).map((row) => row.id);

describe('sandbox domain list', () => {
  it('lists {id, name} with X-Total-Count, pages with position and size, and counts with HEAD', async () => {
    const mrao = callerFor(sandbox(), 'mrao');
    const all = await mrao('GET', '/api/domain/v1?size=200');
    expect(all.status).toBe(200);
    const rows = all.json as DomainRow[];
    expect(rows.slice(0, 8).map((row) => row.id)).toEqual([4001, 4002, 4003, 4004, 4005, 4006, 4007, 4008]);
    expect(rows[0]).toEqual({ id: 4001, name: 'sandbox-university.example' });
    expect(all.headers.get('x-total-count')).toBe(String(rows.length));
    const page = await mrao('GET', '/api/domain/v1?position=2&size=3');
    expect(page.json).toEqual(rows.slice(2, 5));
    expect(page.headers.get('x-total-count')).toBe(String(rows.length));
    const head = await mrao('HEAD', '/api/domain/v1?state=inactive');
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect(head.headers.get('x-total-count')).toBe('1');
  });

  it('shows each admin only the domains delegated to organizations in scope', async () => {
    const s = sandbox();
    const seen = async (login: string) => ids((await callerFor(s, login)('GET', '/api/domain/v1?size=200')).json).filter((id) => id < 5000);
    expect(await seen('rao')).toEqual([4001, 4002, 4003, 4004, 4005, 4006, 4007]);
    expect(await seen('drao-physics')).toEqual([4003]);
    expect(await seen('drao-computing')).toEqual([4004]);
    expect(await seen('rao-institute')).toEqual([4008]);
    const outside = await callerFor(s, 'rao')('GET', '/api/domain/v1/4008');
    expect(outside.status).toBe(404);
    expect(outside.json).toMatchObject({ code: -727 });
  });

  it('filters by name, state, status and orgId, and counts the same way', async () => {
    const mrao = callerFor(sandbox(), 'mrao');
    expect(ids((await mrao('GET', '/api/domain/v1?name=physics')).json)).toEqual([4003]);
    expect(ids((await mrao('GET', '/api/domain/v1?state=inactive')).json)).toEqual([4007]);
    expect(ids((await mrao('GET', '/api/domain/v1?status=requested')).json)).toContain(4004);
    expect(ids((await mrao('GET', '/api/domain/v1?status=approved&size=200')).json)).not.toContain(4004);
    expect(ids((await mrao('GET', '/api/domain/v1?orgId=1002')).json)).toEqual([4003]);
    expect(ids((await mrao('GET', '/api/domain/v1?name=&orgId=1005')).json)).toEqual([4008]);
    const count = await mrao('GET', '/api/domain/v1/count?state=active');
    expect(count.status).toBe(200);
    const active = await mrao('GET', '/api/domain/v1?state=active');
    expect(count.json).toEqual({ count: Number(active.headers.get('x-total-count')) });
    expect((await callerFor(sandbox(), 'drao-physics')('GET', '/api/domain/v1/count')).json).toEqual({ count: 1 });
    const bad = await mrao('GET', '/api/domain/v1?state=paused');
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ code: -1601 });
    expect((await mrao('GET', '/api/domain/v1?status=pending')).json).toMatchObject({ code: -1601 });
  });
});

describe('sandbox domain details', () => {
  it('answers the full shape with yyyy-MM-dd validation dates', async () => {
    const reply = await callerFor(sandbox(), 'rao')('GET', '/api/domain/v1/4001');
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({
      id: 4001,
      name: 'sandbox-university.example',
      delegationStatus: 'ACTIVE',
      state: 'ACTIVE',
      validationStatus: 'VALIDATED',
      validationMethod: 'CNAME_CSR_HASH',
      dcvValidation: expect.stringMatching(isoDay),
      dcvExpiration: expect.stringMatching(isoDay),
      delegations: [{ orgId: 1001, certTypes: ['SSL', 'SMIME'], domainCertificateRequestPrivileges: ['DOMAIN', 'SUBDOMAIN', 'WILDCARD_1ST_LEVEL', 'WILDCARD_2ND_LEVEL'], status: 'ACTIVE' }],
      ctLogMonitoring: { enabled: false, includeSubdomains: false },
    });
    const details = reply.json as DomainDetails;
    const days = (Date.parse(details.dcvExpiration!) - Date.parse(details.dcvValidation!)) / dayMs;
    expect(days).toBe(397);
  });

  it('reports requested delegations, missing and lapsed validation, and suspension', async () => {
    const mrao = callerFor(sandbox(), 'mrao');
    const get = async (id: number) => (await mrao('GET', `/api/domain/v1/${id}`)).json as DomainDetails;
    expect(await get(4004)).toMatchObject({ delegationStatus: 'REQUESTED', delegations: [{ orgId: 1003, status: 'REQUESTED' }] });
    const library = await get(4005);
    expect(library.validationStatus).toBe('NOT_VALIDATED');
    expect(library).not.toHaveProperty('validationMethod');
    expect(library).not.toHaveProperty('dcvExpiration');
    expect(await get(4006)).toMatchObject({ validationStatus: 'EXPIRED', validationMethod: 'EMAIL', dcvExpiration: expect.stringMatching(isoDay) });
    expect(await get(4007)).toMatchObject({ state: 'SUSPENDED' });
    const missing = await mrao('GET', '/api/domain/v1/999999');
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ code: -727 });
    expect((await mrao('GET', '/api/domain/v1/not-a-number')).status).toBe(404);
  });
});

describe('sandbox domain creation', () => {
  it('creates a domain with 201, an empty body and the id in Location', async () => {
    const mrao = callerFor(sandbox(), 'mrao');
    const reply = await mrao('POST', '/api/domain/v1', {
      name: 'NewLab.example',
      description: 'Made through the API',
      active: true,
      delegations: [{ orgId: 1001, certTypes: ['SSL', 'SMIME'], domainCertificateRequestPrivileges: ['DOMAIN', 'SUBDOMAIN'] }],
    });
    expect(reply.status).toBe(201);
    expect(reply.text).toBe('');
    expect(reply.headers.get('location')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/domain\/v1\/\d+$/);
    const details = (await mrao('GET', `/api/domain/v1/${idFromLocation(reply)}`)).json;
    expect(details).toMatchObject({
      name: 'newlab.example',
      delegationStatus: 'ACTIVE',
      state: 'ACTIVE',
      validationStatus: 'NOT_VALIDATED',
      delegations: [{ orgId: 1001, certTypes: ['SSL', 'SMIME'], domainCertificateRequestPrivileges: ['DOMAIN', 'SUBDOMAIN'], status: 'ACTIVE' }],
    });
  });

  it('takes wildcard names, suspended creation, all request privileges by default, and CT log monitoring', async () => {
    const mrao = callerFor(sandbox(), 'mrao');
    const reply = await mrao('POST', '/api/domain/v1', {
      name: '*.wild.example',
      active: false,
      ctLogMonitoring: { enabled: true, includeSubdomains: true, bucketId: '77' },
      delegations: [{ orgId: 1002, certTypes: ['SSL'] }],
    });
    expect(reply.status).toBe(201);
    const details = (await mrao('GET', `/api/domain/v1/${idFromLocation(reply)}`)).json;
    expect(details).toMatchObject({
      name: '*.wild.example',
      state: 'SUSPENDED',
      delegations: [{ orgId: 1002, domainCertificateRequestPrivileges: ['DOMAIN', 'SUBDOMAIN', 'WILDCARD_1ST_LEVEL', 'WILDCARD_2ND_LEVEL'] }],
      ctLogMonitoring: { enabled: true, includeSubdomains: true, bucketId: '77' },
    });
  });

  it('starts a domain below a validated one as validated, until the parent’s validation ends', async () => {
    const mrao = callerFor(sandbox(), 'mrao');
    const parent = (await mrao('GET', '/api/domain/v1/4001')).json as DomainDetails;
    const id = await createDomain(mrao, 'lab.sandbox-university.example');
    expect((await mrao('GET', `/api/domain/v1/${id}`)).json).toMatchObject({ validationStatus: 'VALIDATED', dcvExpiration: parent.dcvExpiration });
    const unrelated = await createDomain(mrao, 'unrelated-lab.example');
    expect((await mrao('GET', `/api/domain/v1/${unrelated}`)).json).toMatchObject({ validationStatus: 'NOT_VALIDATED' });
  });

  it('refuses bad names, duplicates and missing delegations with SCM’s codes', async () => {
    const mrao = callerFor(sandbox(), 'mrao');
    const create = async (body: Record<string, unknown>) => (await mrao('POST', '/api/domain/v1', { delegations: [{ orgId: 1001, certTypes: ['SSL'] }], ...body })).json;
    expect(await create({ name: 'bad_name.example' })).toEqual({ code: -732, description: 'Invalid domain name.' });
    expect(await create({ name: '-lead.example' })).toMatchObject({ code: -732 });
    expect(await create({ name: 'nodots' })).toMatchObject({ code: -732 });
    expect(await create({ name: 'x.*.example' })).toMatchObject({ code: -732 });
    expect(await create({ name: 'a.b' })).toMatchObject({ code: -712 });
    expect(await create({ name: `${'a'.repeat(250)}.example` })).toMatchObject({ code: -713 });
    expect(await create({ name: undefined })).toMatchObject({ code: -7 });
    expect(await create({ name: 'SANDBOX-University.example' })).toEqual({ code: -700, description: 'Such domain already exists' });
    expect(await create({ name: 'nodelegation.example', delegations: [] })).toMatchObject({ code: -709 });
    expect(await create({ name: 'nodelegation.example', delegations: undefined })).toMatchObject({ code: -709 });
    expect(await create({ name: 'badtype.example', delegations: [{ orgId: 1001, certTypes: ['Device'] }] })).toMatchObject({ code: -1601 });
    expect(await create({ name: 'nobucket.example', ctLogMonitoring: { enabled: true } })).toMatchObject({ code: -7 });
    const outside = await callerFor(sandbox(), 'rao')('POST', '/api/domain/v1', { name: 'elsewhere.example', delegations: [{ orgId: 1005, certTypes: ['SSL'] }] });
    expect(outside.status).toBe(400);
    expect(outside.json).toMatchObject({ code: -1023 });
    const unparsable = await mrao('POST', '/api/domain/v1', 'not json');
    expect(unparsable.json).toMatchObject({ code: -1002 });
  });

  it('needs allowManageDomains', async () => {
    const s = sandbox();
    const limited = await limitedAdmin(s, 'domains-no-manage', ['sslRequest']);
    const reply = await limited('POST', '/api/domain/v1', { name: 'refused.example', delegations: [{ orgId: 1001, certTypes: ['SSL'] }] });
    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({ code: -3, description: 'Not authorized to perform domain creation' });
    expect((await limited('PUT', '/api/domain/v1/4007/activate')).json).toMatchObject({ code: -3 });
    expect((await limited('POST', '/api/domain/v1/4001/delegation', { orgId: 1002, certTypes: ['SSL'] })).json).toMatchObject({ code: -3 });
    expect((await limited('GET', '/api/domain/v1/4001')).status).toBe(200);
  });
});

describe('sandbox domain delegation', () => {
  it('makes a non-MRAO’s delegation REQUESTED until an MRAO approves it', async () => {
    const s = sandbox();
    const rao = callerFor(s, 'rao');
    const mrao = callerFor(s, 'mrao');
    const id = await createDomain(rao, 'requested-by-rao.example', [1002]);
    expect((await rao('GET', `/api/domain/v1/${id}`)).json).toMatchObject({ delegationStatus: 'REQUESTED', delegations: [{ orgId: 1002, status: 'REQUESTED' }] });
    expect(ids((await mrao('GET', '/api/domain/v1?status=requested&size=200')).json)).toContain(id);

    const byRao = await rao('POST', `/api/domain/v1/${id}/delegation/approve`, { orgId: 1002 });
    expect(byRao.status).toBe(400);
    expect(byRao.json).toEqual({ code: -3, description: 'Not authorized to perform domain delegation approval' });

    const approved = await mrao('POST', `/api/domain/v1/${id}/delegation/approve`, { orgId: 1002 });
    expect(approved.status).toBe(200);
    expect(approved.text).toBe('');
    expect((await rao('GET', `/api/domain/v1/${id}`)).json).toMatchObject({ delegationStatus: 'ACTIVE', delegations: [{ orgId: 1002, status: 'ACTIVE' }] });
    expect((await callerFor(s, 'drao-physics')('GET', `/api/domain/v1/${id}`)).status).toBe(200);

    const again = await mrao('POST', `/api/domain/v1/${id}/delegation/approve`, { orgId: 1002 });
    expect(again.status).toBe(400);
    expect(again.json).toEqual({ code: -705, description: "This operation cannot be performed as the delegation status is other than 'Requested'." });
  });

  it('rejects a requested delegation by removing it', async () => {
    const s = sandbox();
    const mrao = callerFor(s, 'mrao');
    const rejected = await mrao('POST', '/api/domain/v1/4004/delegation/reject', { orgId: 1003 });
    expect(rejected.status).toBe(200);
    expect((await mrao('GET', '/api/domain/v1/4004')).json).toMatchObject({ delegations: [] });
    expect((await callerFor(s, 'drao-computing')('GET', '/api/domain/v1/4004')).status).toBe(404);
    expect((await mrao('POST', '/api/domain/v1/4004/delegation/reject', { orgId: 1003 })).json).toMatchObject({ code: -707 });
    expect((await mrao('POST', '/api/domain/v1/4004/delegation/approve', {})).json).toMatchObject({ code: -7 });
  });

  it('adds and removes a delegation on one domain', async () => {
    const mrao = callerFor(sandbox(), 'mrao');
    const id = await createDomain(mrao, 'delegate-me.example');
    const added = await mrao('POST', `/api/domain/v1/${id}/delegation`, { orgId: 1003, certTypes: ['SSL', 'SMIME'], domainCertificateRequestPrivileges: ['SUBDOMAIN'] });
    expect(added.status).toBe(200);
    expect(added.text).toBe('');
    expect(((await mrao('GET', `/api/domain/v1/${id}`)).json as DomainDetails).delegations).toContainEqual({
      orgId: 1003,
      certTypes: ['SSL', 'SMIME'],
      domainCertificateRequestPrivileges: ['SUBDOMAIN'],
      status: 'ACTIVE',
    });
    expect((await mrao('DELETE', `/api/domain/v1/${id}/delegation`, { orgId: 1003, certTypes: ['SMIME'] })).status).toBe(200);
    expect(((await mrao('GET', `/api/domain/v1/${id}`)).json as DomainDetails).delegations).toContainEqual(expect.objectContaining({ orgId: 1003, certTypes: ['SSL'] }));
    expect((await mrao('DELETE', `/api/domain/v1/${id}/delegation`, { orgId: 1003, certTypes: ['SSL'], domainCertificateRequestPrivileges: ['SUBDOMAIN'] })).status).toBe(200);
    expect(((await mrao('GET', `/api/domain/v1/${id}`)).json as DomainDetails).delegations.map((delegation) => delegation.orgId)).toEqual([1001]);
    expect((await mrao('DELETE', `/api/domain/v1/${id}/delegation`, { orgId: 1003 })).json).toMatchObject({ code: -707 });
    expect((await mrao('POST', `/api/domain/v1/${id}/delegation`, { orgId: 999999, certTypes: ['SSL'] })).json).toMatchObject({ code: -1023 });
    expect((await mrao('POST', `/api/domain/v1/${id}/delegation`, { orgId: 1003 })).json).toMatchObject({ code: -7 });
  });

  it('delegates several domains at once, or none when one id is wrong', async () => {
    const mrao = callerFor(sandbox(), 'mrao');
    const first = await createDomain(mrao, 'bulk-one.example');
    const second = await createDomain(mrao, 'bulk-two.example');
    const refused = await mrao('POST', '/api/domain/v1/delegation', { domainIds: [first, 999999], orgId: 1004, certTypes: ['SSL'], domainCertificateRequestPrivileges: ['DOMAIN'] });
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({ code: -727 });
    expect(((await mrao('GET', `/api/domain/v1/${first}`)).json as DomainDetails).delegations).toHaveLength(1);
    const reply = await mrao('POST', '/api/domain/v1/delegation', { domainIds: [first, second], orgId: 1004, certTypes: ['SMIME', 'SSL'], domainCertificateRequestPrivileges: ['SUBDOMAIN', 'DOMAIN'] });
    expect(reply.status).toBe(200);
    expect(reply.text).toBe('');
    for (const id of [first, second]) {
      expect(((await mrao('GET', `/api/domain/v1/${id}`)).json as DomainDetails).delegations).toContainEqual({ orgId: 1004, certTypes: ['SMIME', 'SSL'], domainCertificateRequestPrivileges: ['SUBDOMAIN', 'DOMAIN'], status: 'ACTIVE' });
    }
    expect(ids((await mrao('GET', '/api/domain/v1?orgId=1004')).json)).toEqual([4005, first, second]);
    expect((await mrao('POST', '/api/domain/v1/delegation', { domainIds: [], orgId: 1004, certTypes: ['SSL'] })).json).toMatchObject({ code: -1601 });
  });
});

describe('sandbox domain state and deletion', () => {
  it('suspends and activates a domain with 200', async () => {
    const rao = callerFor(sandbox(), 'rao');
    const id = await createDomain(callerFor(sandbox(), 'mrao'), 'toggle.example');
    const suspended = await rao('PUT', `/api/domain/v1/${id}/suspend`);
    expect(suspended.status).toBe(200);
    expect(suspended.text).toBe('');
    expect((await rao('GET', `/api/domain/v1/${id}`)).json).toMatchObject({ state: 'SUSPENDED' });
    expect(ids((await rao('GET', '/api/domain/v1?state=inactive')).json)).toContain(id);
    expect((await rao('PUT', `/api/domain/v1/${id}/activate`)).status).toBe(200);
    expect((await rao('GET', `/api/domain/v1/${id}`)).json).toMatchObject({ state: 'ACTIVE' });
  });

  it('changes CT log monitoring with 200', async () => {
    const mrao = callerFor(sandbox(), 'mrao');
    const id = await createDomain(mrao, 'monitored.example');
    const reply = await mrao('PUT', `/api/domain/v1/${id}/monitoring`, { enabled: true, includeSubdomains: true, bucketId: 42 });
    expect(reply.status).toBe(200);
    expect(reply.text).toBe('');
    expect((await mrao('GET', `/api/domain/v1/${id}`)).json).toMatchObject({ ctLogMonitoring: { enabled: true, includeSubdomains: true, bucketId: '42' } });
    expect((await mrao('PUT', `/api/domain/v1/${id}/monitoring`, { enabled: false })).status).toBe(200);
    expect((await mrao('GET', `/api/domain/v1/${id}`)).json).toMatchObject({ ctLogMonitoring: { enabled: false, includeSubdomains: true } });
    expect((await mrao('PUT', `/api/domain/v1/${id}/monitoring`, { enabled: true, bucketId: 'not-a-bucket' })).json).toMatchObject({ code: -1601 });
  });

  it('deletes a domain with 204, but not one with SSL certificates (-740)', async () => {
    const mrao = callerFor(sandbox(), 'mrao');
    const id = await createDomain(mrao, 'short-lived.example');
    const deleted = await mrao('DELETE', `/api/domain/v1/${id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect((await mrao('GET', `/api/domain/v1/${id}`)).status).toBe(404);
    const inUse = await mrao('DELETE', '/api/domain/v1/4003');
    expect(inUse.status).toBe(400);
    expect(inUse.json).toEqual({ code: -740, description: 'This operation cannot be performed due to SSL certificates enrolled for this domain or its subdomains.' });
    expect((await mrao('GET', '/api/domain/v1/4003')).status).toBe(200);
  });

  it('lets an RAO delete or suspend only domains whose every organization it manages (-738)', async () => {
    const s = sandbox();
    const shared = await createDomain(callerFor(s, 'mrao'), 'shared-with-institute.example', [1001, 1005]);
    const rao = callerFor(s, 'rao');
    expect((await rao('GET', `/api/domain/v1/${shared}`)).json).toMatchObject({ delegations: [{ orgId: 1001 }] });
    const refused = await rao('DELETE', `/api/domain/v1/${shared}`);
    expect(refused.status).toBe(400);
    expect(refused.json).toEqual({ code: -738, description: 'Access denied. You are not allowed to perform the delete operation on this domain.' });
    expect((await rao('PUT', `/api/domain/v1/${shared}/suspend`)).json).toMatchObject({ code: -738 });
    expect((await callerFor(s, 'mrao')('DELETE', `/api/domain/v1/${shared}`)).status).toBe(204);
  });
});

describe('sandbox domains report', () => {
  it('reports the domains in scope with download headers', async () => {
    const reply = await callerFor(sandbox(), 'rao')('POST', '/api/report/v1/domains');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-disposition')).toBe('attachment; filename="rest_api_domains.json"');
    expect(reply.headers.get('cache-control')).toBe('must-revalidate');
    expect(reply.headers.get('pragma')).toBe('public');
    const body = reply.json as { statusCode: number; reports: { id: number; name: string; status: string; requested: string; dcvStatus: string; stickyUntil?: string }[] };
    expect(body.statusCode).toBe(0);
    const byId = new Map(body.reports.map((row) => [row.id, row]));
    expect(byId.has(4008)).toBe(false);
    expect(byId.get(4001)).toEqual({
      id: 4001,
      name: 'sandbox-university.example',
      status: 'Active',
      requested: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      dcvStatus: 'Validated',
      stickyUntil: expect.stringMatching(/Z$/),
    });
    expect(byId.get(4005)).toMatchObject({ dcvStatus: 'Not Initiated' });
    expect(byId.get(4005)).not.toHaveProperty('stickyUntil');
    expect(byId.get(4006)).toMatchObject({ dcvStatus: 'Expired' });
    expect(byId.get(4007)).toMatchObject({ status: 'Suspended' });
    const institute = (await callerFor(sandbox(), 'rao-institute')('POST', '/api/report/v1/domains', {})).json as typeof body;
    expect(institute.reports.map((row) => row.id)).toEqual([4008]);
  });
});
