import { describe, expect, it } from 'vitest';
import { callerFor, idFromLocation, useSandbox } from './helpers';

const sandbox = useSandbox();

const newAdmin = (login: string, overrides: Record<string, unknown> = {}) => ({
  type: 'API',
  login,
  email: `${login}@sandbox-university.example`,
  forename: 'Service',
  surname: 'Account',
  password: 'Temporary-Pass-1234!',
  privileges: ['sslRequest', 'sslRevoke'],
  credentials: [{ role: 'RAO_SSL', orgId: 1001 }],
  ...overrides,
});

describe('sandbox admins', () => {
  it('creates an admin with 201, an empty body and the id only in Location', async () => {
    const rao = callerFor(sandbox(), 'rao');
    const reply = await rao('POST', '/api/admin/v1', newAdmin('svc-create'));
    expect(reply.status).toBe(201);
    expect(reply.text).toBe('');
    expect(reply.headers.get('location')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/admin\/v1\/\d+$/);
    const details = await rao('GET', `/api/admin/v1/${idFromLocation(reply)}`);
    expect(details.status).toBe(200);
    expect(details.json).toMatchObject({
      login: 'svc-create',
      type: 'API',
      credentials: [{ role: 'RAO_SSL', orgId: 1001 }],
      privileges: ['sslRequest', 'sslRevoke'],
      passwordState: 'EXPIRED',
      activeStatus: 'ACTIVE',
      clientAdminCreator: 'rao',
    });
    expect((details.json as { passwordExpiryDate: string }).passwordExpiryDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(details.json).not.toHaveProperty('password');
  });

  it('makes a new admin change the temporary password before anything else', async () => {
    const s = sandbox();
    await callerFor(s, 'rao')('POST', '/api/admin/v1', newAdmin('svc-first-login'));
    const fresh = callerFor(s, 'svc-first-login', 'Temporary-Pass-1234!');
    expect((await fresh('GET', '/api/organization/v1')).status).toBe(401);
    expect((await fresh('GET', '/api/admin/v1/password')).json).toMatchObject({ state: 'EXPIRED' });
    expect((await fresh('POST', '/api/admin/v1/changepassword', { newPassword: 'Temporary-Pass-1234!' })).json).toMatchObject({ code: -7306 });
    expect((await fresh('POST', '/api/admin/v1/changepassword', { newPassword: 'Own-Strong-Pass-99?' })).status).toBe(204);
    const own = callerFor(s, 'svc-first-login', 'Own-Strong-Pass-99?');
    expect((await own('GET', '/api/organization/v1')).status).toBe(200);
  });

  it('refuses what the reference refuses, with its codes', async () => {
    const s = sandbox();
    const rao = callerFor(s, 'rao');
    expect((await rao('POST', '/api/admin/v1', newAdmin('svc-x', { credentials: [] }))).json).toMatchObject({ code: -221 });
    expect((await rao('POST', '/api/admin/v1', newAdmin('svc-x', { credentials: [{ role: 'RAO_SSL', orgId: 1001 }, { role: 'DRAO_SSL', orgId: 1002 }] }))).json).toMatchObject({ code: -222 });
    expect((await rao('POST', '/api/admin/v1', newAdmin('svc-x', { credentials: [{ role: 'RAO_SSL', orgId: 1005 }] }))).json).toMatchObject({ code: -226 });
    expect((await rao('POST', '/api/admin/v1', newAdmin('svc-x', { email: 'not-an-address' }))).json).toMatchObject({ code: -237 });
    expect((await rao('POST', '/api/admin/v1', newAdmin('svc-x', { password: undefined }))).json).toMatchObject({ code: -7 });
    expect((await rao('POST', '/api/admin/v1', newAdmin('svc-x', { privileges: ['allowDCV'], credentials: [{ role: 'RAO_SMIME', orgId: 1001 }] }))).json).toMatchObject({ code: -255 });
    expect((await rao('POST', '/api/admin/v1', newAdmin('svc-x', { privileges: ['approveDomainDelegation'] }))).json).toMatchObject({ code: -234 });
    const drao = callerFor(s, 'drao-physics');
    expect((await drao('POST', '/api/admin/v1', newAdmin('svc-x', { credentials: [{ role: 'DRAO_SSL', orgId: 1002 }] }))).json).toMatchObject({ code: -3 });
    const bad = await rao('POST', '/api/admin/v1', '{"login": ');
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ code: -1002 });
    expect([...s.store.admins.values()].some((admin) => admin.login === 'svc-x')).toBe(false);
  });

  it('updates an admin with PUT, leaving omitted fields alone', async () => {
    const rao = callerFor(sandbox(), 'rao');
    const id = idFromLocation(await rao('POST', '/api/admin/v1', newAdmin('svc-update', { type: 'STANDARD' })));
    expect((await rao('PUT', `/api/admin/v1/${id}`, { type: 'API', privileges: ['sslRequest'] })).status).toBe(200);
    expect((await rao('GET', `/api/admin/v1/${id}`)).json).toMatchObject({ type: 'API', privileges: ['sslRequest'], email: 'svc-update@sandbox-university.example' });
    expect((await rao('DELETE', `/api/admin/v1/${id}`)).status).toBe(204);
    expect((await rao('GET', `/api/admin/v1/${id}`)).status).toBe(404);
  });

  it('lists the roles, privileges and identity providers an admin may use', async () => {
    const rao = callerFor(sandbox(), 'rao');
    expect((await rao('GET', '/api/admin/v1/roles')).json).toEqual(expect.arrayContaining(['RAO_SSL', 'DRAO_SSL']));
    expect((await rao('GET', '/api/admin/v1/roles')).json).not.toContain('MRAO');
    const privileges = (await rao('GET', '/api/admin/v1/privileges?role=RAO_SSL')).json as { name: string; description: string }[];
    expect(privileges.map((privilege) => privilege.name)).toContain('autoApproveCertificates');
    expect(privileges.map((privilege) => privilege.name)).not.toContain('wsApiUseOnly');
    expect((await rao('GET', '/api/admin/v1/idp')).json).toEqual([{ id: 1, name: 'Sandbox University IdP' }]);
  });

  it('shows an admin only the admins of organizations in its scope', async () => {
    const s = sandbox();
    const institute = (await callerFor(s, 'rao-institute')('GET', '/api/admin/v1?size=200')).json as { login: string }[];
    expect(institute.map((admin) => admin.login)).toEqual(['rao-institute']);
    const filtered = await callerFor(s, 'mrao')('GET', '/api/admin/v1?type=API&size=200');
    expect((filtered.json as { type: string }[]).every((admin) => admin.type === 'API')).toBe(true);
  });

  it('lists IdP and SAS admins without a login, in the list and in the details, as Sectigo’s examples do', async () => {
    const mrao = callerFor(sandbox(), 'mrao');
    const all = (await mrao('GET', '/api/admin/v1?size=200')).json as Record<string, unknown>[];
    const withoutLogin = all.filter((admin) => !('login' in admin));
    expect(withoutLogin.map((admin) => [admin.id, admin.type])).toEqual([[2011, 'IDP'], [2012, 'SAS'], [2013, 'IDP']]);
    expect(withoutLogin.every((admin) => typeof admin.email === 'string' && typeof admin.forename === 'string')).toBe(true);
    const details = (await mrao('GET', '/api/admin/v1/2011')).json as Record<string, unknown>;
    expect(details).not.toHaveProperty('login');
    expect(details).toMatchObject({ type: 'IDP', idpPersonId: 'eva.lindqvist@sandbox-university.example', identityProviderId: 1, credentials: [{ role: 'RAO_SMIME', orgId: 1001 }] });
    expect(details).not.toHaveProperty('passwordState');
    const sas = (await mrao('GET', '/api/admin/v1?type=SAS&size=200')).json as Record<string, unknown>[];
    expect(sas.map((admin) => admin.id)).toContain(2012);
    expect(((await mrao('GET', '/api/admin/v1?login=&size=200')).json as unknown[]).length).toBe(0);
  });

  it('asks for a login and a password before an admin without a login becomes a STANDARD admin', async () => {
    const rao = callerFor(sandbox(), 'rao');
    expect((await rao('PUT', '/api/admin/v1/2013', { type: 'STANDARD', password: 'Temporary-Pass-1234!' })).json).toMatchObject({ code: -7, description: 'login is required but missing' });
    expect((await rao('PUT', '/api/admin/v1/2013', { type: 'STANDARD', login: 'ines.moreau' })).json).toMatchObject({ code: -7, description: 'password is required but missing' });
    expect((await rao('PUT', '/api/admin/v1/2013', { type: 'STANDARD', login: 'ines.moreau', password: 'Temporary-Pass-1234!' })).status).toBe(200);
    expect((await rao('GET', '/api/admin/v1/2013')).json).toMatchObject({ type: 'STANDARD', login: 'ines.moreau', passwordState: 'EXPIRED' });
  });

  it('names an admin without a login by its email in the activity report', async () => {
    const mrao = callerFor(sandbox(), 'mrao');
    expect((await mrao('DELETE', '/api/admin/v1/2012')).status).toBe(204);
    const rows = ((await mrao('POST', '/api/report/v1/activity', {})).json as { reports: { action: string; details: string }[] }).reports;
    expect(rows).toContainEqual(expect.objectContaining({ action: 'Admin deleted', details: 'samir.haddad@sandbox-university.example' }));
  });

  it('records changes in the activity report', async () => {
    const rao = callerFor(sandbox(), 'rao');
    await rao('POST', '/api/admin/v1', newAdmin('svc-activity'));
    const report = await rao('POST', '/api/report/v1/activity', {});
    expect(report.headers.get('content-disposition')).toContain('rest_api_activity.json');
    const rows = (report.json as { statusCode: number; reports: { action: string; details: string }[] }).reports;
    expect(rows.some((row) => row.action === 'Admin created' && row.details === 'svc-activity')).toBe(true);
  });
});
