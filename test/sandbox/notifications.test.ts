import { describe, expect, it } from 'vitest';
import { callerFor, idFromLocation, useSandbox, type ScmCaller } from './helpers';

const sandbox = useSandbox();

const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

interface Rule {
  id: number;
  description: string;
  active: boolean;
  type: string;
  orgData: { selectedOrgType: string; orgDelegations: number[] };
  recipientData: { notifyRoles: string[]; recipients: { type: string; value: string }[] };
  additionalData: Record<string, unknown>;
  created: string;
  createdBy: string;
  modified: string;
  modifiedBy: string;
}

const body = (overrides: Record<string, unknown> = {}) => ({
  description: 'ssl-revoke',
  active: true,
  type: 'SSLRevoked',
  orgData: { selectedOrgType: 'SELECTED', orgDelegations: [1001] },
  recipientData: { notifyRoles: ['REQUESTER', 'MRAO', 'SSL_RAO'], recipients: [{ type: 'EMAIL', value: 'ops@sandbox-university.example' }] },
  additionalData: { revokedByAdmin: false, revokedByUser: true, certTypeId: 3001, days: 0, freq: 'ONCE' },
  ...overrides,
});

async function create(call: ScmCaller, overrides: Record<string, unknown> = {}): Promise<number> {
  const reply = await call('POST', '/api/notification/v1', body(overrides));
  expect(reply.status, reply.text).toBe(201);
  return idFromLocation(reply);
}

const listed = async (call: ScmCaller, query = '') => ((await call('GET', `/api/notification/v1?size=200${query}`)).json as Rule[]).map((rule) => rule.id);

describe('sandbox notification types', () => {
  it('offers an MRAO every type, and others the types of their roles', async () => {
    const s = sandbox();
    const all = (await callerFor(s, 'mrao')('GET', '/api/notification/v1/types')).json as string[];
    expect(all).toHaveLength(58);
    expect(all.slice(0, 3)).toEqual(['ClientCertExpiration', 'ClientCertRevoked', 'SSLApproved']);
    expect(all).toEqual(expect.arrayContaining(['SSLExpiration', 'DeviceRevoked', 'DomainAwaitingApprovalMrao', 'AdminChangePasswordByApi']));

    const rao = (await callerFor(s, 'rao')('GET', '/api/notification/v1/types')).json as string[];
    expect(rao).toEqual(expect.arrayContaining(['SSLExpiration', 'ClientCertRevoked', 'CSCertIssued', 'AdminCreation', 'DomainAwaitingApproval']));
    expect(rao).not.toContain('DeviceRevoked');
    expect(rao).not.toContain('DomainAwaitingApprovalMrao');

    const sslOnly = (await callerFor(s, 'drao-computing')('GET', '/api/notification/v1/types')).json as string[];
    expect(sslOnly).toContain('SSLRevoked');
    expect(sslOnly).toContain('DCVExpiration');
    expect(sslOnly).not.toContain('ClientCertRevoked');
    expect(sslOnly).not.toContain('CSCertIssued');
  });
});

describe('sandbox notification list', () => {
  it('lists full rules with ISO timestamps and X-Total-Count, pages, and counts with HEAD', async () => {
    const s = sandbox();
    const mrao = callerFor(s, 'mrao');
    await create(mrao, { description: 'list-one' });
    await create(mrao, { description: 'list-two' });
    const all = await mrao('GET', '/api/notification/v1?size=200');
    expect(all.status).toBe(200);
    const rules = all.json as Rule[];
    expect(all.headers.get('x-total-count')).toBe(String(rules.length));
    expect(rules[0]).toEqual({
      description: 'SSL expiring in 30 days',
      active: true,
      orgData: { selectedOrgType: 'ANY', orgDelegations: [] },
      recipientData: { notifyRoles: ['REQUESTER', 'ORGANIZATION_CONTACT'], recipients: [{ type: 'EMAIL', value: 'pki@sandbox-university.example' }] },
      additionalData: { days: 30, freq: 'ONCE' },
      type: 'SSLExpiration',
      id: 8001,
      created: expect.stringMatching(isoTime),
      createdBy: 'rao',
      modified: expect.stringMatching(isoTime),
      modifiedBy: 'rao',
    });
    expect(Object.keys(rules[0]!)).toEqual(['description', 'active', 'orgData', 'recipientData', 'additionalData', 'type', 'id', 'created', 'createdBy', 'modified', 'modifiedBy']);
    const page = await mrao('GET', '/api/notification/v1?position=1&size=2');
    expect(page.json).toEqual(rules.slice(1, 3));
    const head = await mrao('HEAD', '/api/notification/v1?selectedOrgType=ANY');
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect(head.headers.get('x-total-count')).toBe('2');
  });

  it('filters by id, description, orgId, selectedOrgType, type and certTypeId', async () => {
    const mrao = callerFor(sandbox(), 'mrao');
    const selected = await create(mrao, { description: 'filter-selected', orgData: { selectedOrgType: 'SELECTED', orgDelegations: [1003] } });
    const anyDept = await create(mrao, { description: 'filter-anydept', type: 'ClientCertRevoked', orgData: { selectedOrgType: 'ANYDEPT', orgDelegations: [1005] }, additionalData: { certTypeId: 3011 } });
    expect(await listed(mrao, `&id=${selected}`)).toEqual([selected]);
    expect(await listed(mrao, '&description=FILTER-any')).toEqual([anyDept]);
    expect(await listed(mrao, '&orgId=1003')).toEqual([selected]);
    expect(await listed(mrao, '&selectedOrgType=ANYDEPT')).toEqual([anyDept]);
    expect(await listed(mrao, '&type=ClientCertRevoked')).toEqual([anyDept]);
    expect(await listed(mrao, '&type=Client Certificate Revoked')).toEqual([anyDept]);
    expect(await listed(mrao, '&certTypeId=3011')).toEqual([anyDept]);
    expect(await listed(mrao, '&id=&description=')).toEqual(expect.arrayContaining([8001, 8002, selected, anyDept]));
    expect((await mrao('GET', '/api/notification/v1?id=first')).json).toMatchObject({ code: -1601 });
    expect((await mrao('GET', '/api/notification/v1?selectedOrgType=SOME')).json).toMatchObject({ code: -1601 });
    expect((await mrao('GET', '/api/notification/v1?type=Nonsense')).json).toMatchObject({ code: -9 });
  });

  it('shows each admin the rules that cover organizations in scope', async () => {
    const s = sandbox();
    const mrao = callerFor(s, 'mrao');
    const institute = await create(mrao, { description: 'scope-institute', orgData: { selectedOrgType: 'SELECTED', orgDelegations: [1005] } });
    const university = await create(mrao, { description: 'scope-university', orgData: { selectedOrgType: 'SELECTED', orgDelegations: [1001] } });
    const departments = await create(mrao, { description: 'scope-departments', orgData: { selectedOrgType: 'ANYDEPT', orgDelegations: [1001] } });
    const rao = await listed(callerFor(s, 'rao'));
    expect(rao).toEqual(expect.arrayContaining([8001, 8002, university, departments]));
    expect(rao).not.toContain(institute);
    const physics = await listed(callerFor(s, 'drao-physics'));
    expect(physics).toEqual(expect.arrayContaining([8001, 8002, departments]));
    expect(physics).not.toContain(university);
    expect(physics).not.toContain(institute);
    expect(await listed(callerFor(s, 'rao-institute'), '&description=scope')).toEqual([institute]);
    const hidden = await callerFor(s, 'rao')('PUT', `/api/notification/v1/${institute}`, { description: 'not mine' });
    expect(hidden.status).toBe(404);
    expect((await callerFor(s, 'rao')('DELETE', `/api/notification/v1/${institute}`)).status).toBe(404);
  });
});

describe('sandbox notification creation', () => {
  it('creates a rule with 201, an empty body and the id in Location, naming the creator', async () => {
    const s = sandbox();
    const rao = callerFor(s, 'rao');
    const reply = await rao('POST', '/api/notification/v1', body());
    expect(reply.status).toBe(201);
    expect(reply.text).toBe('');
    expect(reply.headers.get('location')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/notification\/v1\/\d+$/);
    const id = idFromLocation(reply);
    const rule = ((await rao('GET', `/api/notification/v1?id=${id}`)).json as Rule[])[0];
    expect(rule).toEqual({
      description: 'ssl-revoke',
      active: true,
      orgData: { selectedOrgType: 'SELECTED', orgDelegations: [1001] },
      recipientData: { notifyRoles: ['REQUESTER', 'MRAO', 'SSL_RAO'], recipients: [{ type: 'EMAIL', value: 'ops@sandbox-university.example' }] },
      additionalData: { days: 0, certTypeId: 3001, freq: 'ONCE', revokedByAdmin: false, revokedByUser: true },
      type: 'SSLRevoked',
      id,
      created: expect.stringMatching(isoTime),
      createdBy: 'Rao Sandbox',
      modified: expect.stringMatching(isoTime),
      modifiedBy: 'Rao Sandbox',
    });
    expect(s.store.notifications.has(id)).toBe(true);
  });

  it('takes display names as types and stores the code', async () => {
    const rao = callerFor(sandbox(), 'rao');
    const revoked = await create(rao, { type: 'SSL Certificate Revoked', description: 'by display name' });
    const admins = await create(rao, { type: 'Admin Created', description: 'admins by display name', additionalData: undefined });
    const rules = (await rao('GET', '/api/notification/v1?size=200&description=display name')).json as Rule[];
    expect(rules.map((rule) => [rule.id, rule.type])).toEqual([[revoked, 'SSLRevoked'], [admins, 'AdminCreation']]);
    expect(rules[1]!.additionalData).toEqual({});
  });

  it('refuses what SCM refuses, with its codes', async () => {
    const s = sandbox();
    const mrao = callerFor(s, 'mrao');
    const post = async (call: ScmCaller, overrides: Record<string, unknown>) => (await call('POST', '/api/notification/v1', body(overrides))).json;
    expect(await post(mrao, { type: 'SSLSomethingElse' })).toEqual({ code: -9, description: 'Unknown notification type' });
    expect(await post(mrao, { type: undefined })).toMatchObject({ code: -7 });
    expect(await post(mrao, { description: 'ab' })).toMatchObject({ code: -1601 });
    expect(await post(mrao, { description: 'x'.repeat(257) })).toMatchObject({ code: -1601 });
    expect(await post(mrao, { description: undefined })).toMatchObject({ code: -7 });
    expect(await post(mrao, { recipientData: undefined })).toMatchObject({ code: -7 });
    expect(await post(mrao, { recipientData: { recipients: [{ type: 'PIGEON', value: 'x' }] } })).toMatchObject({ code: -1601 });
    expect(await post(mrao, { recipientData: { recipients: [{ type: 'EMAIL', value: 'not-an-address' }] } })).toMatchObject({ code: -1601 });
    expect(await post(mrao, { recipientData: { notifyRoles: ['JANITOR'] } })).toMatchObject({ code: -1601 });
    expect(await post(mrao, { orgData: { selectedOrgType: 'SELECTED', orgDelegations: [] } })).toMatchObject({ code: -7 });
    expect(await post(mrao, { orgData: { selectedOrgType: 'SELECTED', orgDelegations: [999999] } })).toMatchObject({ code: -1023 });
    expect(await post(mrao, { orgData: { selectedOrgType: 'SOME' } })).toMatchObject({ code: -1601 });
    expect(await post(mrao, { additionalData: { freq: 'HOURLY' } })).toMatchObject({ code: -1601 });
    expect(await post(mrao, { additionalData: { certTypeId: 999999 } })).toMatchObject({ code: -1601 });
    expect(await post(callerFor(s, 'rao'), { orgData: { selectedOrgType: 'SELECTED', orgDelegations: [1005] } })).toMatchObject({ code: -1023 });
    expect(await post(callerFor(s, 'rao'), { orgData: { selectedOrgType: 'ANY', orgDelegations: [] } })).toMatchObject({ code: -3 });
    expect(await post(callerFor(s, 'drao-computing'), { type: 'ClientCertRevoked', orgData: { selectedOrgType: 'SELECTED', orgDelegations: [1003] } })).toMatchObject({ code: -3 });
    expect(await post(callerFor(s, 'rao'), { type: 'DomainAwaitingApprovalMrao' })).toMatchObject({ code: -3 });
    expect((await mrao('POST', '/api/notification/v1', 'not json')).json).toMatchObject({ code: -1002 });
  });
});

describe('sandbox notification update and deletion', () => {
  it('updates with 200 and the full object, keeping the type', async () => {
    const mrao = callerFor(sandbox(), 'mrao');
    const id = await create(mrao, { description: 'before-update' });
    const reply = await mrao('PUT', `/api/notification/v1/${id}`, {
      description: 'after-update',
      active: false,
      orgData: { selectedOrgType: 'SELECTED', orgDelegations: [1002] },
      recipientData: { notifyRoles: ['MRAO'], recipients: [{ type: 'SLACK', value: '#pki' }] },
      additionalData: { days: 14, freq: 'DAILY' },
    });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({
      description: 'after-update',
      active: false,
      orgData: { selectedOrgType: 'SELECTED', orgDelegations: [1002] },
      recipientData: { notifyRoles: ['MRAO'], recipients: [{ type: 'SLACK', value: '#pki' }] },
      additionalData: { days: 14, freq: 'DAILY' },
      type: 'SSLRevoked',
      id,
      created: expect.stringMatching(isoTime),
      createdBy: 'Mrao Sandbox',
      modified: expect.stringMatching(isoTime),
      modifiedBy: 'Mrao Sandbox',
    });
    expect((await mrao('PUT', `/api/notification/v1/${id}`, { type: 'SSLRevoked', active: true })).json).toMatchObject({ active: true, description: 'after-update' });
    const changed = await mrao('PUT', `/api/notification/v1/${id}`, { type: 'SSLExpiration' });
    expect(changed.status).toBe(400);
    expect(changed.json).toMatchObject({ code: -1601 });
    expect((await mrao('PUT', `/api/notification/v1/${id}`, { description: 'no' })).json).toMatchObject({ code: -1601 });
    expect((await mrao('PUT', '/api/notification/v1/999999', { description: 'missing' })).status).toBe(404);
  });

  it('deletes with 200, after which the rule is gone', async () => {
    const rao = callerFor(sandbox(), 'rao');
    const id = await create(rao, { description: 'to-delete' });
    const reply = await rao('DELETE', `/api/notification/v1/${id}`);
    expect(reply.status).toBe(200);
    expect(reply.text).toBe('');
    expect(await listed(rao, `&id=${id}`)).toEqual([]);
    expect((await rao('DELETE', `/api/notification/v1/${id}`)).status).toBe(404);
  });

  it('lets only an MRAO change or delete rules covering every organization (-3)', async () => {
    const rao = callerFor(sandbox(), 'rao');
    const update = await rao('PUT', '/api/notification/v1/8001', { description: 'taken over' });
    expect(update.status).toBe(400);
    expect(update.json).toEqual({ code: -3, description: 'Not authorized to perform notification update' });
    expect((await rao('DELETE', '/api/notification/v1/8002')).json).toEqual({ code: -3, description: 'Not authorized to perform notification deletion' });
    expect((await callerFor(sandbox(), 'mrao')('PUT', '/api/notification/v1/8002', { description: 'New admins (tenant)' })).status).toBe(200);
  });
});
