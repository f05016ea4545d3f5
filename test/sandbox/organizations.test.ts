import { describe, expect, it } from 'vitest';
import { callerFor, idFromLocation, useSandbox } from './helpers';

const sandbox = useSandbox();

describe('sandbox organizations and departments', () => {
  it('shows details with both REST API flags', async () => {
    const details = await callerFor(sandbox(), 'rao')('GET', '/api/organization/v1/1004');
    expect(details.status).toBe(200);
    expect(details.json).toMatchObject({ id: 1004, name: 'University Library', sslCertsApiEnabled: false, clientCertsApiEnabled: false, parentId: 1001, parentName: 'Sandbox University' });
  });

  it('creates a department under its parent by name, answering 201 with Location', async () => {
    const rao = callerFor(sandbox(), 'rao');
    const reply = await rao('POST', '/api/organization/v1', { name: 'Department of Music', parentOrgName: 'Sandbox University', address1: '2 Square', city: 'Sandbyn', country: 'SE', sslCertsApiEnabled: true });
    expect(reply.status).toBe(201);
    expect(reply.text).toBe('');
    const id = idFromLocation(reply);
    const orgs = (await rao('GET', '/api/organization/v1')).json as { departments: { id: number; name: string }[] }[];
    expect(orgs[0]!.departments).toContainEqual(expect.objectContaining({ id, name: 'Department of Music' }));
    expect((await rao('GET', `/api/organization/v1/${id}`)).json).toMatchObject({ sslCertsApiEnabled: true, clientCertsApiEnabled: false });
  });

  it('turns the REST API on for a department with PUT and answers with the updated object', async () => {
    const rao = callerFor(sandbox(), 'rao');
    const reply = await rao('PUT', '/api/organization/v1/1004', { sslCertsApiEnabled: true });
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ id: 1004, sslCertsApiEnabled: true, clientCertsApiEnabled: false });
    await rao('PUT', '/api/organization/v1/1004', { sslCertsApiEnabled: false });
  });

  it('refuses changes outside the admin’s rights', async () => {
    const s = sandbox();
    expect((await callerFor(s, 'rao')('POST', '/api/organization/v1', { name: 'New Org', address1: 'x', city: 'y', country: 'SE', clientCertificate: {} })).json).toMatchObject({ code: -3 });
    expect((await callerFor(s, 'drao-physics')('PUT', '/api/organization/v1/1003', { sslCertsApiEnabled: false })).status).toBe(404);
    expect((await callerFor(s, 'rao')('POST', '/api/organization/v1', { name: 'X', parentOrgName: 'Sandbox Research Institute', address1: 'x', city: 'y', country: 'SE' })).json).toMatchObject({ code: -1023 });
    expect((await callerFor(s, 'rao')('POST', '/api/organization/v1', { name: 'No address', parentOrgName: 'Sandbox University', country: 'SE' })).json).toMatchObject({ code: -7 });
  });

  it('lists the organizations where the caller holds a role', async () => {
    const rows = (await callerFor(sandbox(), 'drao-physics')('GET', '/api/organization/v1/managedBy/DRAO_SSL')).json;
    expect(rows).toEqual([{ id: 1002, name: 'Department of Physics', parentName: 'Sandbox University' }]);
    expect((await callerFor(sandbox(), 'drao-physics')('GET', '/api/organization/v1/managed-by/DRAO_SSL')).json).toEqual(rows);
  });
});
