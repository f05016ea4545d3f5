import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { callerFor, idFromLocation, useSandbox, type ScmCaller } from './helpers';
import { expectError, makeCsr } from './smime-helpers';

const university = 'sandbox-university.example';
const isoTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const personFields = [
  'commonName', 'created', 'createdBy', 'email', 'eppn', 'firstName', 'id', 'lastName', 'middleName', 'modified', 'modifiedBy',
  'organizationId', 'phone', 'secondaryEmails', 'upn', 'validationType',
].sort();
const run = randomBytes(3).toString('hex');
let counter = 0;
const uniqueEmail = (domain = university) => `person${run}${++counter}@${domain}`;

interface Person {
  id: number;
  email: string;
  organizationId: number;
  [field: string]: unknown;
}

const sandbox = useSandbox();

async function create(call: ScmCaller, fields: Record<string, unknown> = {}): Promise<number> {
  const reply = await call('POST', '/api/person/v1', { firstName: 'Tove', lastName: 'Strand', email: uniqueEmail(), organizationId: 1001, validationType: 'STANDARD', ...fields });
  expect(reply.status, reply.text).toBe(201);
  return idFromLocation(reply);
}

async function everyone(call: ScmCaller, query = ''): Promise<Person[]> {
  const reply = await call('GET', `/api/person/v1?size=200${query}`);
  expect(reply.status, reply.text).toBe(200);
  return reply.json as Person[];
}

describe('person list', () => {
  it('pages with position and size, counts with X-Total-Count and HEAD, and writes timestamps as ISO', async () => {
    const s = sandbox();
    const mrao = callerFor(s, 'mrao');
    const all = await mrao('GET', '/api/person/v1?size=200');
    const total = Number(all.headers.get('x-total-count'));
    expect(total).toBe(s.store.persons.size);
    expect(all.json).toHaveLength(total);
    const rows = all.json as Person[];
    expect(Object.keys(rows[0]!).sort()).toEqual(personFields);
    expect(rows[0]!.created).toMatch(isoTimestamp);
    expect(rows[0]!.modified).toMatch(isoTimestamp);
    const page = await mrao('GET', '/api/person/v1?position=5&size=10');
    expect(page.headers.get('x-total-count')).toBe(String(total));
    expect((page.json as Person[]).map((row) => row.id)).toEqual(rows.slice(5, 15).map((row) => row.id));
    expect((await mrao('GET', '/api/person/v1')).json).toHaveLength(Math.min(25, total));
    const head = await mrao('HEAD', '/api/person/v1?organizationId=1002');
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect(Number(head.headers.get('x-total-count'))).toBe(rows.filter((row) => row.organizationId === 1002).length);
  });

  it('filters by name, email, organization, common name, phone and secondary email', async () => {
    const rao = callerFor(sandbox(), 'rao');
    const email = uniqueEmail();
    const secondary = uniqueEmail();
    const id = await create(rao, { firstName: 'Quintus', middleName: 'Q', lastName: 'Filterson', email, phone: '+46 555 0101', secondaryEmails: [secondary], commonName: 'Q. Filterson' });
    const ids = async (query: string) => (await everyone(rao, `&${query}`)).map((row) => row.id);
    expect(await ids('name=quintus%20q%20filter')).toEqual([id]);
    expect(await ids(`email=${encodeURIComponent(email.toUpperCase())}`)).toEqual([id]);
    expect(await ids('commonName=Q.%20Filterson')).toEqual([id]);
    expect(await ids('phone=555%200101')).toEqual([id]);
    expect(await ids(`secondaryEmail=${encodeURIComponent(secondary)}`)).toEqual([id]);
    expect(await ids('organizationId=1001')).toContain(id);
    expect(await ids('organizationId=1002')).not.toContain(id);
    expectError(await rao('GET', '/api/person/v1?organizationId=abc'), 400, -1601);
  });

  it('shows each admin the persons of the organizations it can see: rao, drao-physics, rao-institute', async () => {
    const s = sandbox();
    const orgs = async (login: string) => new Set((await everyone(callerFor(s, login))).map((row) => row.organizationId));
    expect([...(await orgs('mrao'))].sort()).toEqual(expect.arrayContaining([1001, 1002, 1003]));
    expect([...(await orgs('rao'))].every((id) => [1001, 1002, 1003, 1004].includes(id))).toBe(true);
    expect([...(await orgs('drao-physics'))]).toEqual([1002]);
    const institute = callerFor(s, 'rao-institute');
    expect(await everyone(institute)).toEqual([]);
    const id = await create(institute, { organizationId: 1005, email: uniqueEmail('institute.example') });
    expect((await everyone(institute)).map((row) => row.id)).toEqual([id]);
    expectError(await callerFor(s, 'rao')('GET', `/api/person/v1/${id}`), 404, -105);
    expect((await everyone(callerFor(s, 'rao'))).map((row) => row.id)).not.toContain(id);
  });
});

describe('person lookups', () => {
  it('finds a person id by URL-encoded email, 404 -105 when there is none or it is out of scope', async () => {
    const s = sandbox();
    const rao = callerFor(s, 'rao');
    const email = `o'brien+tag${++counter}@${university}`;
    const id = await create(rao, { email });
    const reply = await rao('GET', `/api/person/v1/id/byEmail/${encodeURIComponent(email)}`);
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ personId: id });
    expect(reply.headers.get('content-disposition')).toBe('inline;filename=f.txt');
    const missing = `nobody${counter}@${university}`;
    const unknown = await rao('GET', `/api/person/v1/id/byEmail/${encodeURIComponent(missing)}`);
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual({ code: -105, description: `Person with e-mail: ${missing} was not found` });
    expectError(await callerFor(s, 'drao-physics')('GET', `/api/person/v1/id/byEmail/${encodeURIComponent(email)}`), 404, -105);
  });

  it('reads a person by id with every field, 404 -105 otherwise', async () => {
    const rao = callerFor(sandbox(), 'rao');
    const email = uniqueEmail();
    const id = await create(rao, { email, middleName: 'M', eppn: 'tove@idp', upn: 'tove@ad', validationType: 'HIGH' });
    const reply = await rao('GET', `/api/person/v1/${id}`);
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({
      id,
      firstName: 'Tove',
      middleName: 'M',
      lastName: 'Strand',
      email,
      organizationId: 1001,
      validationType: 'HIGH',
      phone: '',
      secondaryEmails: [],
      commonName: 'Tove M Strand',
      eppn: 'tove@idp',
      upn: 'tove@ad',
      createdBy: 'rao',
      modifiedBy: 'rao',
    });
    expect(Object.keys(reply.json as object).sort()).toEqual(personFields);
    expectError(await rao('GET', '/api/person/v1/99999999'), 404, -105, 'Person with id: 99999999 was not found');
    expectError(await rao('GET', '/api/person/v1/abc'), 404, -105);
  });
});

describe('person create', () => {
  it('answers 201 with an empty body and the new id in Location', async () => {
    const s = sandbox();
    const rao = callerFor(s, 'rao');
    const before = s.store.persons.size;
    const reply = await rao('POST', '/api/person/v1', { firstName: 'Nils', lastName: 'Ek', email: uniqueEmail(), organizationId: 1002, validationType: 'STANDARD' });
    expect(reply.status).toBe(201);
    expect(reply.text).toBe('');
    expect(reply.headers.get('location')).toMatch(new RegExp(`^${s.url}/api/person/v1/\\d+$`));
    expect(s.store.persons.size).toBe(before + 1);
    expect((await rao('GET', `/api/person/v1/${idFromLocation(reply)}`)).json).toMatchObject({ firstName: 'Nils', lastName: 'Ek', organizationId: 1002, commonName: 'Nils Ek' });
  });

  it('validates names (-508, -500), email (-518), duplicates, validation type and organization', async () => {
    const s = sandbox();
    const rao = callerFor(s, 'rao');
    const body = (fields: Record<string, unknown>) => ({ firstName: 'Elin', lastName: 'Dahl', email: uniqueEmail(), organizationId: 1001, ...fields });
    expectError(await rao('POST', '/api/person/v1', body({ firstName: '', lastName: '' })), 400, -508);
    expectError(await rao('POST', '/api/person/v1', body({ lastName: undefined })), 400, -500);
    expectError(await rao('POST', '/api/person/v1', body({ firstName: '  ' })), 400, -500);
    expectError(await rao('POST', '/api/person/v1', body({ firstName: 'A'.repeat(40), lastName: 'B'.repeat(40) })), 400, -1601);
    expectError(await rao('POST', '/api/person/v1', body({ email: 'not-an-email' })), 400, -518);
    expectError(await rao('POST', '/api/person/v1', body({ email: undefined })), 400, -518);
    expectError(await rao('POST', '/api/person/v1', body({ validationType: 'MEDIUM' })), 400, -1601);
    expectError(await rao('POST', '/api/person/v1', body({ secondaryEmails: ['x'] })), 400, -1601);
    expectError(await rao('POST', '/api/person/v1', body({ organizationId: undefined })), 400, -7);
    expectError(await rao('POST', '/api/person/v1', body({ organizationId: 1005 })), 400, -1023);
    const email = uniqueEmail();
    await create(rao, { email });
    const before = s.store.persons.size;
    expectError(await rao('POST', '/api/person/v1', body({ email: email.toUpperCase() })), 400, -1601, /exists/);
    expect(s.store.persons.size).toBe(before);
    expectError(await rao('POST', '/api/person/v1', '{not json'), 400, -1002);
  });
});

describe('person update, delete and invitation', () => {
  it('updates with 200, keeps the email (-524 when changed) and records who changed it', async () => {
    const rao = callerFor(sandbox(), 'rao');
    const email = uniqueEmail();
    const id = await create(rao, { email });
    const reply = await rao('PUT', `/api/person/v1/${id}`, { firstName: 'Maja', lastName: 'Lind', email: email.toUpperCase(), organizationId: 1003, phone: '+46 2', secondaryEmails: [] });
    expect(reply.status, reply.text).toBe(200);
    const after = (await rao('GET', `/api/person/v1/${id}`)).json;
    expect(after).toMatchObject({ firstName: 'Maja', lastName: 'Lind', email, organizationId: 1003, phone: '+46 2', modifiedBy: 'rao' });
    expectError(await rao('PUT', `/api/person/v1/${id}`, { email: uniqueEmail() }), 400, -524);
    expectError(await rao('PUT', `/api/person/v1/${id}`, { lastName: '' }), 400, -500);
    expectError(await rao('PUT', `/api/person/v1/${id}`, { organizationId: 1005 }), 400, -1023);
    expectError(await rao('PUT', '/api/person/v1/99999999', { phone: '1' }), 404, -105);
  });

  it('deletes with 200, but not a person holding a valid client certificate', async () => {
    const s = sandbox();
    const rao = callerFor(s, 'rao');
    const id = await create(rao);
    const reply = await rao('DELETE', `/api/person/v1/${id}`);
    expect(reply.status).toBe(200);
    expectError(await rao('GET', `/api/person/v1/${id}`), 404, -105);
    expectError(await rao('DELETE', `/api/person/v1/${id}`), 404, -105);

    const email = uniqueEmail();
    const enrolled = await rao('POST', '/api/smime/v1/enroll', {
      orgId: 1001,
      csr: (await makeCsr('ec256', 'x')).pem,
      certType: 3011,
      term: 365,
      email,
      firstName: 'Karin',
      lastName: 'Berg',
    });
    expect(enrolled.status, enrolled.text).toBe(200);
    const holder = ((await rao('GET', `/api/person/v1/id/byEmail/${encodeURIComponent(email)}`)).json as { personId: number }).personId;
    expectError(await rao('DELETE', `/api/person/v1/${holder}`), 400, -1601);
    expect(s.store.persons.has(holder)).toBe(true);
  });

  it('sends an invitation with 202', async () => {
    const s = sandbox();
    const rao = callerFor(s, 'rao');
    const id = await create(rao);
    const reply = await rao('POST', `/api/person/v1/${id}/invitation/send`);
    expect(reply.status).toBe(202);
    expect(reply.text).toBe('');
    expectError(await callerFor(s, 'rao-institute')('POST', `/api/person/v1/${id}/invitation/send`), 404, -105);
  });

  it('refuses changes from an admin without the clientCertManage privilege with -3', async () => {
    const s = sandbox();
    const mrao = callerFor(s, 'mrao');
    const created = await mrao('POST', '/api/admin/v1', {
      login: 'person-reader',
      email: `person-reader@${university}`,
      forename: 'Person',
      surname: 'Reader',
      password: 'Temporary-Pass-1234!',
      credentials: [{ role: 'RAO_SMIME', orgId: 1001 }],
      privileges: ['clientCertRequest'],
    });
    expect(created.status, created.text).toBe(201);
    expect((await callerFor(s, 'person-reader', 'Temporary-Pass-1234!')('POST', '/api/admin/v1/changepassword', { newPassword: 'Quiet-Meadow-2026!' })).status).toBe(204);
    const reader = callerFor(s, 'person-reader', 'Quiet-Meadow-2026!');
    expect((await reader('GET', '/api/person/v1')).status).toBe(200);
    expectError(await reader('POST', '/api/person/v1', { firstName: 'A', lastName: 'B', email: uniqueEmail(), organizationId: 1001 }), 400, -3, 'Not authorized to perform person creation');
    const id = await create(mrao);
    expectError(await reader('PUT', `/api/person/v1/${id}`, { phone: '1' }), 400, -3);
    expectError(await reader('DELETE', `/api/person/v1/${id}`), 400, -3);
  });
});
