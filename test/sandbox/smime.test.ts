import { describe, expect, it } from 'vitest';
import { randomBytes, type X509Certificate } from 'node:crypto';
import type { ManualClock, SandboxHandle } from '../../src/sandbox';
import { callerFor, idFromLocation, useSandbox, withSandbox as withTestSandbox, type ScmCaller, type ScmReply, type TestSandboxOptions } from './helpers';
import {
  expectError,
  makeCsr,
  makeForeignCertificate,
  opensslPkcs7Certificates,
  opensslText,
  opensslVerifySmime,
  pemCertificates,
  tamperSignature,
  type TestCsr,
} from './smime-helpers';

const university = 'sandbox-university.example';
const emailProtection = '1.3.6.1.5.5.7.3.4';
const usDate = /^\d{2}\/\d{2}\/\d{4}$/;
const isoDay = /^\d{4}-\d{2}-\d{2}$/;
const colonSerial = /^[0-9A-F]{2}(:[0-9A-F]{2})+$/;
const run = randomBytes(3).toString('hex');
let counter = 0;
/** An address no other test uses. */
const uniqueEmail = (domain = university) => `holder${run}${++counter}@${domain}`;

interface Holder {
  orgId?: number;
  email?: string;
  firstName?: string;
  lastName?: string;
  certType?: number;
  term?: number;
  csr?: string;
  [extra: string]: unknown;
}

interface Order {
  orderNumber: number;
  backendCertId: string;
}

async function enroll(call: ScmCaller, csr: TestCsr, holder: Holder = {}): Promise<ScmReply> {
  return call('POST', '/api/smime/v1/enroll', {
    orgId: 1001,
    csr: csr.pem,
    certType: 3011,
    term: 365,
    email: uniqueEmail(),
    firstName: 'Ada',
    lastName: 'Lovelace',
    ...holder,
  });
}

async function enrolled(call: ScmCaller, csr: TestCsr, holder: Holder = {}): Promise<Order> {
  const reply = await enroll(call, csr, holder);
  expect(reply.status, reply.text).toBe(200);
  return reply.json as Order;
}

/** The list row of one certificate, found by its backendCertId. */
async function rowOf(call: ScmCaller, backendCertId: string): Promise<Record<string, unknown>> {
  const reply = await call('GET', `/api/smime/v2?backendCertId=${backendCertId}`);
  expect(reply.status, reply.text).toBe(200);
  const rows = reply.json as Record<string, unknown>[];
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

async function detailsOf(call: ScmCaller, id: number): Promise<Record<string, unknown>> {
  const reply = await call('GET', `/api/smime/v1/${id}`);
  expect(reply.status, reply.text).toBe(200);
  return reply.json as Record<string, unknown>;
}

const spkiOf = (certificate: X509Certificate) => certificate.publicKey.export({ type: 'spki', format: 'der' });
const selfSigned = (certificate: X509Certificate) => certificate.subject === certificate.issuer;

function roles(certificates: X509Certificate[], csr: TestCsr): string[] {
  return certificates.map((certificate) => (spkiOf(certificate).equals(csr.spki) ? 'leaf' : selfSigned(certificate) ? 'root' : 'intermediate'));
}

const formatOrders: Record<string, string[]> = {
  x509: ['leaf', 'intermediate', 'root'],
  x509R: ['root', 'intermediate', 'leaf'],
  x509CO: ['leaf'],
  pemco: ['leaf'],
  x509IO: ['intermediate', 'root'],
  x509IOR: ['root', 'intermediate'],
  pem: ['root', 'intermediate', 'leaf'],
  pemia: ['leaf', 'intermediate', 'root'],
};

function withSandbox(options: TestSandboxOptions, test: (sandbox: SandboxHandle, clock: ManualClock) => Promise<void>): Promise<void> {
  return withTestSandbox({ certificates: 20, ...options }, test);
}

/** Creates an admin through the API and signs in as it, with its temporary password changed. */
async function newAdmin(sandbox: SandboxHandle, login: string, credentials: { role: string; orgId: number }[], privileges: string[]): Promise<ScmCaller> {
  const created = await callerFor(sandbox, 'mrao')('POST', '/api/admin/v1', {
    login,
    email: `${login}@${university}`,
    forename: 'Test',
    surname: 'Admin',
    password: 'Temporary-Pass-1234!',
    credentials,
    privileges,
  });
  expect(created.status, created.text).toBe(201);
  const changed = await callerFor(sandbox, login, 'Temporary-Pass-1234!')('POST', '/api/admin/v1/changepassword', { newPassword: 'Settled-Granite-2026!' });
  expect(changed.status, changed.text).toBe(204);
  return callerFor(sandbox, login, 'Settled-Granite-2026!');
}

const sandbox = useSandbox({ issueDelaySeconds: 60 });
/** Lets the issue delay pass on the sandbox's clock. */
const issue = () => sandbox.passIssueDelay();

describe('S/MIME profiles and custom fields', () => {
  it('lists the client certificate profiles with terms and key types, under v1 and v2', async () => {
    const rao = callerFor(sandbox(), 'rao');
    const reply = await rao('GET', '/api/smime/v1/types');
    expect(reply.status).toBe(200);
    const profiles = reply.json as Record<string, unknown>[];
    expect(profiles.map((profile) => profile.id)).toEqual([3011, 3012, 3013]);
    expect(Object.keys(profiles[0]!).sort()).toEqual(['description', 'id', 'keyTypes', 'name', 'terms', 'useSecondaryOrgName']);
    expect(profiles[0]).toMatchObject({ terms: [365, 730, 1095], keyTypes: { RSA: ['2048', '3072', '4096'], EC: ['P-256', 'P-384'] } });
    expect((await rao('GET', '/api/smime/v2/types')).json).toEqual(profiles);
  });

  it('checks the organization asked about: -1021 when its client certificate API is off, -1023 when not visible', async () => {
    const rao = callerFor(sandbox(), 'rao');
    expect((await rao('GET', '/api/smime/v1/types?organizationId=1002')).status).toBe(200);
    expectError(await rao('GET', '/api/smime/v1/types?organizationId=1004'), 400, -1021, 'Operation is not allowed for organization');
    expectError(await rao('GET', '/api/smime/v2/types?organizationId=1004'), 400, -1021);
    expectError(await rao('GET', '/api/smime/v1/types?organizationId=1005'), 400, -1023);
    expectError(await callerFor(sandbox(), 'drao-physics')('GET', '/api/smime/v1/types?organizationId=1003'), 400, -1023);
  });

  it('lists the client certificate custom fields', async () => {
    const rao = callerFor(sandbox(), 'rao');
    const reply = await rao('GET', '/api/smime/v1/customFields');
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual([{ id: 3111, name: 'Employee number', mandatory: false }]);
    expect((await rao('GET', '/api/smime/v2/customFields')).json).toEqual(reply.json);
  });
});

describe('S/MIME enroll to collect', () => {
  it('enrolls with a real CSR, is pending until issued, then collects an emailProtection certificate for the CSR key', async () => {
    const s = sandbox();
    const rao = callerFor(s, 'rao');
    const csr = await makeCsr('rsa2048', 'Ada Lovelace');
    const email = uniqueEmail();
    const reply = await enroll(rao, csr, { email, middleName: 'King', customFields: [{ name: 'Employee number', value: 'E-1815' }], comments: 'first' });
    expect(reply.status, reply.text).toBe(200);
    const order = reply.json as Order;
    expect(Object.keys(order).sort()).toEqual(['backendCertId', 'orderNumber']);
    expect(typeof order.backendCertId).toBe('string');
    expect(order.orderNumber).toBe(Number(order.backendCertId));

    const pending = await rowOf(rao, order.backendCertId);
    expect(pending).toMatchObject({ state: 'requested', backendCertId: order.backendCertId, orderNumber: order.orderNumber, certificateDetails: {} });
    expect(pending).not.toHaveProperty('serialNumber');
    const requested = await detailsOf(rao, pending.id as number);
    expect(requested).toMatchObject({ status: 'requested', orgId: 1001, term: 365, requestedVia: 'REST Enroll API', commonName: 'Ada King Lovelace', comments: 'first' });
    expect(requested.requested).toMatch(usDate);
    expect(requested).not.toHaveProperty('issued');
    expectError(await rao('GET', `/api/smime/v1/collect/${order.backendCertId}`), 400, -183, 'Certificate is not collectable.');

    issue();
    const issued = await detailsOf(rao, pending.id as number);
    expect(issued).toMatchObject({
      id: pending.id,
      status: 'issued',
      backendCertId: order.backendCertId,
      certType: { id: 3011, name: 'Sandbox S/MIME Standard' },
      keyAlgorithm: 'RSA',
      keySize: 2048,
      keyType: 'RSA - 2048',
      extendedKeyUsages: ['emailProtection', 'clientAuth'],
      subjectAlternativeNames: [email],
      customFields: [{ name: 'Employee number', value: 'E-1815' }],
    });
    for (const field of ['requested', 'issued', 'expires']) expect(issued[field], field).toMatch(usDate);
    expect(issued.serialNumber).toMatch(colonSerial);

    const collected = await rao('GET', `/api/smime/v1/collect/${order.backendCertId}`);
    expect(collected.status, collected.text).toBe(200);
    expect(collected.headers.get('content-type')).toBe('application/octet-stream');
    expect(collected.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.p7b"$/);
    expect(collected.text).toMatch(/^-----BEGIN PKCS7-----/);
    const bundle = opensslPkcs7Certificates(collected.bytes, 'PEM');
    expect(roles(bundle, csr).sort()).toEqual(['intermediate', 'leaf', 'root']);

    const chain = pemCertificates((await rao('GET', `/api/smime/v1/collect/${order.backendCertId}?format=x509`)).text);
    const [leaf, intermediate, root] = chain as [X509Certificate, X509Certificate, X509Certificate];
    expect(spkiOf(leaf).equals(csr.spki)).toBe(true);
    expect(leaf.keyUsage).toContain(emailProtection);
    expect(leaf.subjectAltName).toBe(`email:${email}`);
    expect(leaf.checkEmail(email)).toBe(email);
    expect(leaf.serialNumber.replace(/^0+/, '')).toBe((issued.serialNumber as string).replace(/:/g, '').replace(/^0+/, ''));
    expect(leaf.checkIssued(intermediate)).toBe(true);
    expect(leaf.verify(intermediate.publicKey)).toBe(true);
    expect(intermediate.verify(root.publicKey)).toBe(true);
    expect(opensslVerifySmime(leaf, intermediate, root)).toMatch(/: OK$/);
    const text = opensslText(leaf);
    expect(text).toContain('E-mail Protection');
    expect(text).toContain(`email:${email}`);

    const row = await rowOf(rao, order.backendCertId);
    expect(Object.keys(row).sort()).toEqual(['backendCertId', 'certificateDetails', 'comments', 'expires', 'id', 'orderNumber', 'serialNumber', 'state']);
    expect(row).toMatchObject({ state: 'issued', serialNumber: issued.serialNumber, certificateDetails: { subject: leaf.subject.split('\n').join(', ') } });
    expect(row.expires).toMatch(isoDay);
    expect((await detailsOf(rao, pending.id as number)).certificateDetails).toMatchObject({ subject: leaf.subject.split('\n').join(', '), subjectAltNames: `rfc822Name=${email}` });
  });

  it('renders every collect format, in the query and the path form, under v1 and v2', async () => {
    const rao = callerFor(sandbox(), 'rao');
    const csr = await makeCsr('ec256', 'Grace Hopper');
    const order = await enrolled(rao, csr, { firstName: 'Grace', lastName: 'Hopper' });
    issue();
    for (const [format, order_] of Object.entries(formatOrders)) {
      for (const version of ['v1', 'v2']) {
        for (const path of [`/api/smime/${version}/collect/${order.backendCertId}?format=${format}`, `/api/smime/${version}/collect/${order.backendCertId}/${format}`]) {
          const reply = await rao('GET', path);
          expect(reply.status, `${path}: ${reply.text}`).toBe(200);
          expect(reply.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.(crt|pem)"$/);
          expect(roles(pemCertificates(reply.text), csr), path).toEqual(order_);
        }
      }
    }
    const binary = await rao('GET', `/api/smime/v2/collect/${order.backendCertId}/bin`);
    expect(binary.bytes[0]).toBe(0x30);
    expect(roles(opensslPkcs7Certificates(binary.bytes, 'DER'), csr).sort()).toEqual(['intermediate', 'leaf', 'root']);
    expect((await rao('GET', `/api/smime/v1/collect/${order.backendCertId}?format=base64`)).text).toBe((await rao('GET', `/api/smime/v1/collect/${order.backendCertId}`)).text);
    expectError(await rao('GET', `/api/smime/v1/collect/${order.backendCertId}?format=pkcs12`), 400, -1450);
  });

  it('accepts the v2 enroll path', async () => {
    const rao = callerFor(sandbox(), 'rao');
    const reply = await rao('POST', '/api/smime/v2/enroll', {
      orgId: 1001,
      csr: (await makeCsr('ec256', 'V Two')).pem,
      certType: 3011,
      term: 730,
      email: uniqueEmail(),
      firstName: 'V',
      lastName: 'Two',
    });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.json).toMatchObject({ backendCertId: expect.any(String), orderNumber: expect.any(Number) });
  });

  it('answers collect of unknown certificates with 404 -5101, and of ids that are no order number with -1104', async () => {
    const rao = callerFor(sandbox(), 'rao');
    expectError(await rao('GET', '/api/smime/v1/collect/99999999'), 404, -5101);
    expectError(await rao('GET', '/api/smime/v1/collect/not-a-number'), 400, -1104, 'Invalid order number');
  });
});

describe('S/MIME persons on enroll', () => {
  it('creates the person on first enroll and matches the same person, by email in any case, afterwards', async () => {
    const s = sandbox();
    const rao = callerFor(s, 'rao');
    const email = uniqueEmail();
    const before = s.store.persons.size;
    const first = await enrolled(rao, await makeCsr('ec256', 'x'), { email, firstName: 'Ingrid', lastName: 'Holm', phone: '+46 1', eppn: 'ingrid@idp' });
    expect(s.store.persons.size).toBe(before + 1);
    const lookup = await rao('GET', `/api/person/v1/id/byEmail/${encodeURIComponent(email)}`);
    expect(lookup.status).toBe(200);
    const personId = (lookup.json as { personId: number }).personId;
    const person = (await rao('GET', `/api/person/v1/${personId}`)).json;
    expect(person).toMatchObject({ firstName: 'Ingrid', lastName: 'Holm', email, organizationId: 1001, commonName: 'Ingrid Holm', phone: '+46 1', eppn: 'ingrid@idp', createdBy: 'rao' });

    const second = await enrolled(rao, await makeCsr('ec256', 'x'), { email: email.toUpperCase(), firstName: 'Other', lastName: 'Name' });
    expect(s.store.persons.size).toBe(before + 1);
    const mine = (await rao('GET', `/api/smime/v2?personId=${personId}`)).json as { backendCertId: string }[];
    expect(mine.map((row) => row.backendCertId).sort()).toEqual([first.backendCertId, second.backendCertId].sort());
  });

  it('refuses a sixth requested or valid certificate for one person with -188', async () => {
    const rao = callerFor(sandbox(), 'rao');
    const email = uniqueEmail();
    const csr = await makeCsr('ec256', 'Many');
    for (let n = 0; n < 5; n++) await enrolled(rao, csr, { email });
    expectError(await enroll(rao, csr, { email }), 400, -188);
    const [victim] = (await rao('GET', `/api/smime/v2?email=${encodeURIComponent(email)}`)).json as { backendCertId: string }[];
    issue();
    expect((await rao('POST', `/api/smime/v1/revoke/order/${victim!.backendCertId}`, { reason: '' })).status).toBe(204);
    expect((await enroll(rao, csr, { email })).status).toBe(200);
  });
});

describe('S/MIME enroll refusals', () => {
  it('checks the organization: required, visible for client certificates (-1023), API enabled (-1021)', async () => {
    const s = sandbox();
    const rao = callerFor(s, 'rao');
    const csr = await makeCsr('ec256', 'x');
    expectError(await enroll(rao, csr, { orgId: undefined }), 400, -7, 'orgId is required but missing');
    expectError(await enroll(rao, csr, { orgId: 1004, email: uniqueEmail() }), 400, -1021, 'Operation is not allowed for organization');
    expectError(await enroll(rao, csr, { orgId: 1005, email: uniqueEmail('institute.example') }), 400, -1023);
    expectError(await enroll(callerFor(s, 'drao-physics'), csr, { orgId: 1001 }), 400, -1023);
    expectError(await enroll(callerFor(s, 'api-automation'), csr), 400, -1023);
  });

  it('checks the profile (-172) and the term (-36)', async () => {
    const rao = callerFor(sandbox(), 'rao');
    const csr = await makeCsr('rsa2048', 'x');
    expectError(await enroll(rao, csr, { certType: 3001 }), 400, -172, 'Client certificate profile is invalid.');
    expectError(await enroll(rao, csr, { certType: 999 }), 400, -172);
    expectError(await enroll(rao, csr, { certType: undefined }), 400, -7);
    expectError(await enroll(rao, csr, { term: 500 }), 400, -36);
    expectError(await enroll(rao, csr, { certType: 3012, term: 365 }), 400, -36);
    expect((await enroll(rao, csr, { certType: 3012, term: 395 })).status).toBe(200);
  });

  it('checks the CSR: Base-64 (-9), structure (-10), signature (-138), key size (-141), ECC for the profile (-170)', async () => {
    const rao = callerFor(sandbox(), 'rao');
    const good = await makeCsr('ec256', 'x');
    expectError(await enroll(rao, good, { csr: '***' }), 400, -9);
    expectError(await enroll(rao, good, { csr: Buffer.from('not a request at all').toString('base64') }), 400, -10);
    expectError(await enroll(rao, good, { csr: tamperSignature(good.pem) }), 400, -138);
    expectError(await enroll(rao, await makeCsr('rsa1024', 'x')), 400, -141);
    expectError(await enroll(rao, good, { certType: 3012, term: 395 }), 400, -170);
    expectError(await enroll(rao, good, { csr: undefined }), 400, -7);
  });

  it('requires email, first and last name, with their length rules', async () => {
    const rao = callerFor(sandbox(), 'rao');
    const csr = await makeCsr('ec256', 'x');
    expectError(await enroll(rao, csr, { email: undefined }), 400, -7, 'email is required but missing');
    expectError(await enroll(rao, csr, { firstName: '' }), 400, -7, 'firstName is required but missing');
    expectError(await enroll(rao, csr, { lastName: undefined }), 400, -7, 'lastName is required but missing');
    expectError(await enroll(rao, csr, { email: 'not-an-address' }), 400, -1601);
    expectError(await enroll(rao, csr, { email: `${'a'.repeat(120)}@${university}` }), 400, -1601);
    expectError(await enroll(rao, csr, { firstName: 'A'.repeat(30), middleName: 'B'.repeat(20), lastName: 'C'.repeat(20) }), 400, -1601);
    expectError(await enroll(rao, csr, { commonName: 'X'.repeat(65) }), 400, -1601);
    expectError(await enroll(rao, csr, { secondaryEmails: ['nope'] }), 400, -1601);
    expect((await enroll(rao, csr, { firstName: 'A'.repeat(30), middleName: 'B'.repeat(10), lastName: 'C'.repeat(20) })).status).toBe(200);
  });

  it("checks the email's domain: delegated for S/MIME to the organization or its parent (-1010)", async () => {
    const s = sandbox();
    const csr = await makeCsr('ec256', 'x');
    const rao = callerFor(s, 'rao');
    expectError(await enroll(rao, csr, { email: uniqueEmail('elsewhere.example') }), 400, -1010, /Domain '.*elsewhere\.example' is not allowed/);
    expectError(await enroll(rao, csr, { orgId: 1003, email: uniqueEmail(`cs.${university}`) }), 400, -1010);
    expectError(await enroll(rao, csr, { email: uniqueEmail('old-project.example') }), 400, -1010);
    expectError(await enroll(rao, csr, { email: uniqueEmail(`physics.${university}`) }), 400, -1010);
    const physics = callerFor(s, 'drao-physics');
    expect((await enroll(physics, csr, { orgId: 1002, email: uniqueEmail(`physics.${university}`) })).status).toBe(200);
    expect((await enroll(physics, csr, { orgId: 1002, email: uniqueEmail(university) })).status).toBe(200);
    expectError(await enroll(callerFor(s, 'rao-institute'), csr, { orgId: 1005, email: uniqueEmail(university) }), 400, -1010);
    expect((await enroll(callerFor(s, 'rao-institute'), csr, { orgId: 1005, email: uniqueEmail('institute.example') })).status).toBe(200);
  });

  it('refuses an enroll once the domain validation has expired (-107)', async () => {
    await withSandbox({}, async (s, clock) => {
      const physics = callerFor(s, 'drao-physics');
      const csr = await makeCsr('ec256', 'x');
      expect((await enroll(physics, csr, { orgId: 1002, email: uniqueEmail(`physics.${university}`) })).status).toBe(200);
      clock.advance(22 * 86_400_000);
      expectError(await enroll(physics, csr, { orgId: 1002, email: uniqueEmail(`physics.${university}`) }), 400, -107, /physics\.sandbox-university\.example/);
    });
  });

  it('refuses an admin without the clientCertRequest privilege with -3', async () => {
    const s = sandbox();
    const viewer = await newAdmin(s, 'smime-viewer', [{ role: 'RAO_SMIME', orgId: 1001 }], []);
    expectError(await enroll(viewer, await makeCsr('ec256', 'x')), 400, -3, 'Not authorized to perform certificate enrollment');
    expect((await viewer('GET', '/api/smime/v2')).status).toBe(200);
  });
});

describe('S/MIME collect while pending', () => {
  for (const [code, description] of [
    [-183, 'Certificate is not collectable.'],
    [-1400, 'The request is being processed by Sectigo.'],
    [-109, 'Certificate is not available now, please try again later.'],
  ] as const) {
    it(`answers 400 ${code} while not issued when told to`, async () => {
      await withSandbox({ smimePendingCode: code, issueDelaySeconds: 3600 }, async (s) => {
        const rao = callerFor(s, 'rao');
        const order = await enrolled(rao, await makeCsr('ec256', 'x'));
        for (const path of [`/api/smime/v1/collect/${order.backendCertId}`, `/api/smime/v2/collect/${order.backendCertId}/x509`]) {
          const reply = await rao('GET', path);
          expect(reply.status).toBe(400);
          expect(reply.json).toEqual({ code, description });
        }
        const seededPending = [...s.store.smime.values()].find((certificate) => certificate.state === 'requested' && certificate.orgId !== 1005)!;
        expect((await rao('GET', `/api/smime/v1/collect/${seededPending.backendCertId}`)).json).toEqual({ code, description });
      });
    });
  }
});

describe('S/MIME list', () => {
  it('pages with position and size and counts with X-Total-Count and HEAD', async () => {
    const s = sandbox();
    const mrao = callerFor(s, 'mrao');
    const all = await mrao('GET', '/api/smime/v2?size=200');
    const total = Number(all.headers.get('x-total-count'));
    expect(total).toBe(s.store.smime.size);
    expect(all.json).toHaveLength(total);
    const head = await mrao('HEAD', '/api/smime/v2');
    expect(head.status).toBe(200);
    expect(head.headers.get('x-total-count')).toBe(String(total));
    expect(head.text).toBe('');
    const page = await mrao('GET', '/api/smime/v2?position=3&size=4');
    expect(page.headers.get('x-total-count')).toBe(String(total));
    expect((page.json as { id: number }[]).map((row) => row.id)).toEqual((all.json as { id: number }[]).slice(3, 7).map((row) => row.id));
    expect((await mrao('GET', '/api/smime/v2')).json).toHaveLength(Math.min(25, total));
    const issuedHead = await mrao('HEAD', '/api/smime/v2?state=issued');
    expect(Number(issuedHead.headers.get('x-total-count'))).toBe((all.json as { state: string }[]).filter((row) => row.state === 'issued').length);
  });

  it('filters by state, person, email, profile, serial number, key and key vault', async () => {
    const rao = callerFor(sandbox(), 'rao');
    const csr = await makeCsr('rsa2048', 'Filter Me');
    const email = uniqueEmail();
    const order = await enrolled(rao, csr, { email });
    issue();
    const row = await rowOf(rao, order.backendCertId);
    const rows = async (query: string) => (await rao('GET', `/api/smime/v2?size=200&${query}`)).json as Record<string, unknown>[];
    expect((await rows('state=issued')).every((item) => item.state === 'issued')).toBe(true);
    expect((await rows('state=ISSUED')).length).toBe((await rows('state=issued')).length);
    expectError(await rao('GET', '/api/smime/v2?state=shining'), 400, -1601);
    expect((await rows(`email=${encodeURIComponent(email)}`)).map((item) => item.id)).toEqual([row.id]);
    expect((await rows(`serialNumber=${row.serialNumber as string}`)).map((item) => item.id)).toEqual([row.id]);
    expect((await rows(`serialNumber=${(row.serialNumber as string).replace(/:/g, '').toLowerCase()}`)).map((item) => item.id)).toEqual([row.id]);
    expect((await rows('keyAlgorithm=RSA')).map((item) => item.id)).toContain(row.id);
    expect((await rows('keyAlgorithm=EC')).map((item) => item.id)).not.toContain(row.id);
    expect((await rows('certTypeId=3012')).map((item) => item.id)).not.toContain(row.id);
    expect((await rows('extendedKeyUsage=emailProtection')).map((item) => item.id)).toContain(row.id);
    expect(await rows('keyVault=true')).toEqual([]);
    expectError(await rao('GET', '/api/smime/v2?personId=abc'), 400, -1601);
  });

  it('shows each admin the certificates of its organizations only: rao, drao-physics, rao-institute', async () => {
    const s = sandbox();
    const orgsOf = async (login: string) => {
      const reply = await callerFor(s, login)('GET', '/api/smime/v2?size=200');
      return new Set(((reply.json as { id: number }[]).map((row) => s.store.smime.get(row.id)!.orgId)));
    };
    expect([...(await orgsOf('rao'))].every((orgId) => [1001, 1002, 1003, 1004].includes(orgId))).toBe(true);
    expect([...(await orgsOf('drao-physics'))]).toEqual([1002]);
    const institute = callerFor(s, 'rao-institute');
    const order = await enrolled(institute, await makeCsr('ec256', 'x'), { orgId: 1005, email: uniqueEmail('institute.example') });
    expect([...(await orgsOf('rao-institute'))]).toEqual([1005]);
    expect((await callerFor(s, 'api-automation')('GET', '/api/smime/v2')).headers.get('x-total-count')).toBe('0');
    const id = (await rowOf(institute, order.backendCertId)).id as number;
    expectError(await callerFor(s, 'rao')('GET', `/api/smime/v1/${id}`), 404, -5101);
    expectError(await callerFor(s, 'rao')('GET', `/api/smime/v1/collect/${order.backendCertId}`), 404, -5101);
    expect((await callerFor(s, 'rao')('GET', `/api/smime/v2?backendCertId=${order.backendCertId}`)).json).toEqual([]);
  });

  it('lists a person’s certificates by person id and by URL-encoded email, 404 -105 for unknown persons', async () => {
    const s = sandbox();
    const rao = callerFor(s, 'rao');
    const email = uniqueEmail();
    await enrolled(rao, await makeCsr('ec256', 'x'), { email });
    await enrolled(rao, await makeCsr('ec256', 'x'), { email });
    const personId = ((await rao('GET', `/api/person/v1/id/byEmail/${encodeURIComponent(email)}`)).json as { personId: number }).personId;
    const byId = await rao('GET', `/api/smime/v2/byPersonId/${personId}`);
    expect(byId.status).toBe(200);
    expect(byId.json).toHaveLength(2);
    expect(byId.json).toEqual((await rao('GET', `/api/smime/v2?personId=${personId}`)).json);
    const byEmail = await rao('GET', `/api/smime/v2/byPersonEmail/${encodeURIComponent(email)}`);
    expect(byEmail.status).toBe(200);
    expect(byEmail.json).toEqual(byId.json);
    expect(byEmail.headers.get('content-disposition')).toBe('inline;filename=f.txt');
    expectError(await rao('GET', '/api/smime/v2/byPersonId/99999999'), 404, -105, 'Person with id: 99999999 was not found');
    expectError(await rao('GET', `/api/smime/v2/byPersonEmail/${encodeURIComponent(`nobody@${university}`)}`), 404, -105, `Person with e-mail: nobody@${university} was not found`);
    expectError(await callerFor(s, 'rao-institute')('GET', `/api/smime/v2/byPersonId/${personId}`), 404, -105);
  });
});

describe('S/MIME details, update and delete', () => {
  it('updates comments and custom fields only, answering with the details', async () => {
    const rao = callerFor(sandbox(), 'rao');
    const order = await enrolled(rao, await makeCsr('ec256', 'x'), { comments: 'before' });
    const id = (await rowOf(rao, order.backendCertId)).id as number;
    const before = await detailsOf(rao, id);
    const reply = await rao('PUT', `/api/smime/v1/${id}`, { comments: 'after', customFields: [{ name: 'Employee number', value: '42' }], term: 730, orgId: 1002 });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.json).toEqual({ ...before, comments: 'after', customFields: [{ name: 'Employee number', value: '42' }] });
    expect(await detailsOf(rao, id)).toEqual(reply.json);
    expectError(await rao('PUT', `/api/smime/v1/${id}`, { customFields: [{ name: 'Shoe size', value: '42' }] }), 400, -1601);
    expect((await rao('PUT', `/api/smime/v2/${id}`, { comments: 'v2' })).json).toMatchObject({ comments: 'v2' });
    expectError(await rao('PUT', '/api/smime/v1/99999999', { comments: 'x' }), 404, -5101);
  });

  it('deletes only imported certificates (-3 otherwise) with 204', async () => {
    const s = sandbox();
    const rao = callerFor(s, 'rao');
    const order = await enrolled(rao, await makeCsr('ec256', 'x'));
    const id = (await rowOf(rao, order.backendCertId)).id as number;
    expectError(await rao('DELETE', `/api/smime/v1/${id}`), 400, -3, 'Not authorized to perform deletion of a certificate that was not imported or discovered');
    const email = uniqueEmail();
    const foreign = await makeForeignCertificate({ subject: 'CN=Imported Person', emails: [email], usages: ['emailProtection'] });
    const imported = (await rao('POST', '/api/smime/v2/import', [{ orgID: 1001, cert: foreign.base64 }])).json as { cert: { id: number } }[];
    const importedId = imported[0]!.cert.id;
    expect((await rao('DELETE', `/api/smime/v1/${importedId}`)).status).toBe(204);
    expectError(await rao('GET', `/api/smime/v1/${importedId}`), 404, -5101);
    expectError(await rao('DELETE', `/api/smime/v1/${importedId}`), 404, -5101);
  });
});

describe('S/MIME renew and replace', () => {
  it('renews an issued certificate by backendCertId and by serial number into a new requested order', async () => {
    const rao = callerFor(sandbox(), 'rao');
    const csr = await makeCsr('ec256', 'x');
    const email = uniqueEmail();
    const order = await enrolled(rao, csr, { email });
    expectError(await rao('POST', `/api/smime/v2/renew/order/${order.backendCertId}`), 400, -105);
    issue();
    const reply = await rao('POST', `/api/smime/v2/renew/order/${order.backendCertId}`);
    expect(reply.status, reply.text).toBe(200);
    const renewal = reply.json as Order;
    expect(Object.keys(renewal).sort()).toEqual(['backendCertId', 'orderNumber']);
    expect(renewal.backendCertId).not.toBe(order.backendCertId);
    expect(await rowOf(rao, renewal.backendCertId)).toMatchObject({ state: 'requested' });
    expect(await rowOf(rao, order.backendCertId)).toMatchObject({ state: 'issued' });
    issue();
    const leaf = pemCertificates((await rao('GET', `/api/smime/v1/collect/${renewal.backendCertId}/x509CO`)).text)[0]!;
    expect(spkiOf(leaf).equals(csr.spki)).toBe(true);
    expect(leaf.checkEmail(email)).toBe(email);

    const serial = (await rowOf(rao, order.backendCertId)).serialNumber as string;
    const bySerial = await rao('POST', `/api/smime/v2/renew/serial/${serial}`);
    expect(bySerial.status, bySerial.text).toBe(200);
    expect(bySerial.json).toMatchObject({ backendCertId: expect.any(String) });
    expectError(await rao('POST', '/api/smime/v2/renew/serial/01:02:03'), 404, -5101);
    expectError(await rao('POST', '/api/smime/v2/renew/order/99999999'), 404, -5101);
  });

  it('refuses to renew where the profile forbids it (-180), and to order for a domain not validated (-1137)', async () => {
    const rao = callerFor(sandbox(), 'rao');
    const oneOff = await enrolled(rao, await makeCsr('ec256', 'x'), { certType: 3013, term: 365 });
    issue();
    expectError(await rao('POST', `/api/smime/v2/renew/order/${oneOff.backendCertId}`), 400, -180);
    // Added by the MRAO, so the delegation is active at once; it has no validation yet.
    const added = await callerFor(sandbox(), 'mrao')('POST', '/api/domain/v1', { name: 'alumni-mail.example', delegations: [{ orgId: 1001, certTypes: ['SMIME'] }] });
    expect(added.status, added.text).toBe(201);
    expectError(await enroll(rao, await makeCsr('ec256', 'x'), { email: uniqueEmail('alumni-mail.example') }), 400, -1137);
  });

  it('replaces a certificate with a new key (204), revoking the old one unless asked not to', async () => {
    const rao = callerFor(sandbox(), 'rao');
    const email = uniqueEmail();
    const order = await enrolled(rao, await makeCsr('ec256', 'x'), { email });
    issue();
    const fresh = await makeCsr('rsa2048', 'x');
    const reply = await rao('POST', `/api/smime/v2/replace/order/${order.backendCertId}`, { csr: fresh.pem, reason: 'lost laptop', revoke: true });
    expect(reply.status, reply.text).toBe(204);
    expect(reply.text).toBe('');
    const old = await rowOf(rao, order.backendCertId);
    expect(old.state).toBe('revoked');
    expect(await detailsOf(rao, old.id as number)).toMatchObject({ status: 'revoked', reasonCode: 4 });
    const rows = (await rao('GET', `/api/smime/v2?email=${encodeURIComponent(email)}`)).json as { backendCertId: string; state: string }[];
    const replacement = rows.find((row) => row.backendCertId !== order.backendCertId)!;
    expect(replacement.state).toBe('requested');
    issue();
    const leaf = pemCertificates((await rao('GET', `/api/smime/v1/collect/${replacement.backendCertId}/x509CO`)).text)[0]!;
    expect(spkiOf(leaf).equals(fresh.spki)).toBe(true);

    const kept = await enrolled(rao, await makeCsr('ec256', 'x'), { email });
    issue();
    expect((await rao('POST', `/api/smime/v2/replace/order/${kept.backendCertId}`, { csr: fresh.pem, reason: '', revoke: false })).status).toBe(204);
    expect((await rowOf(rao, kept.backendCertId)).state).toBe('issued');
    expectError(await rao('POST', `/api/smime/v2/replace/order/${kept.backendCertId}`, { csr: 'garbage!', reason: '' }), 400, -9);
  });
});

describe('S/MIME revoke', () => {
  it('revokes by backendCertId (v1 and v2) with 204; collect then answers -110 and a second revoke -159', async () => {
    const rao = callerFor(sandbox(), 'rao');
    const first = await enrolled(rao, await makeCsr('ec256', 'x'));
    const second = await enrolled(rao, await makeCsr('ec256', 'x'));
    expectError(await rao('POST', `/api/smime/v1/revoke/order/${first.backendCertId}`, { reasonCode: 1, reason: 'x' }), 400, -102, 'Only issued certificates could be revoked.');
    issue();
    expectError(await rao('POST', `/api/smime/v1/revoke/order/${first.backendCertId}`, { reasonCode: 2, reason: 'x' }), 400, -1601);
    const reply = await rao('POST', `/api/smime/v1/revoke/order/${first.backendCertId}`, { reasonCode: 1, reason: '' });
    expect(reply.status, reply.text).toBe(204);
    const details = await detailsOf(rao, (await rowOf(rao, first.backendCertId)).id as number);
    expect(details).toMatchObject({ status: 'revoked', reasonCode: 1 });
    expect(details.revoked).toMatch(usDate);
    expectError(await rao('GET', `/api/smime/v1/collect/${first.backendCertId}`), 400, -110);
    expectError(await rao('POST', `/api/smime/v1/revoke/order/${first.backendCertId}`, { reason: 'again' }), 400, -159);
    expect((await rao('POST', `/api/smime/v2/revoke/order/${second.backendCertId}`, { reason: 'no reason code' })).status).toBe(204);
    expect(await detailsOf(rao, (await rowOf(rao, second.backendCertId)).id as number)).toMatchObject({ status: 'revoked', reasonCode: 0 });
    expectError(await rao('POST', '/api/smime/v1/revoke/order/99999999', { reason: '' }), 404, -5101);
    expectError(await rao('POST', '/api/smime/v1/revoke/order/abc', { reason: '' }), 400, -1104);
  });

  it('revokes by serial number in any written form', async () => {
    const rao = callerFor(sandbox(), 'rao');
    const order = await enrolled(rao, await makeCsr('ec256', 'x'));
    issue();
    const serial = (await rowOf(rao, order.backendCertId)).serialNumber as string;
    const reply = await rao('POST', `/api/smime/v1/revoke/serial/${serial.replace(/:/g, '').toLowerCase()}`, { reasonCode: 4, reason: 'superseded' });
    expect(reply.status, reply.text).toBe(204);
    expect((await rowOf(rao, order.backendCertId)).state).toBe('revoked');
    expectError(await rao('POST', `/api/smime/v2/revoke/serial/${serial}`, { reason: '' }), 400, -159);
  });

  it('revokes every valid certificate of a person by email, -1108 when there is none', async () => {
    const rao = callerFor(sandbox(), 'rao');
    const email = uniqueEmail();
    const issuedOne = await enrolled(rao, await makeCsr('ec256', 'x'), { email });
    const issuedTwo = await enrolled(rao, await makeCsr('ec256', 'x'), { email });
    issue();
    const pending = await enrolled(rao, await makeCsr('ec256', 'x'), { email });
    const reply = await rao('POST', '/api/smime/v1/revoke', { email: email.toUpperCase(), reasonCode: 5, reason: 'left the university' });
    expect(reply.status, reply.text).toBe(204);
    expect((await rowOf(rao, issuedOne.backendCertId)).state).toBe('revoked');
    expect((await rowOf(rao, issuedTwo.backendCertId)).state).toBe('revoked');
    expect((await rowOf(rao, pending.backendCertId)).state).toBe('requested');
    expectError(await rao('POST', '/api/smime/v1/revoke', { email, reason: '' }), 400, -1108, `No valid client certificates found for ${email}`);
    expectError(await rao('POST', '/api/smime/v2/revoke', { email: `nobody@${university}`, reason: '' }), 400, -1108);
    expectError(await rao('POST', '/api/smime/v1/revoke', { reason: '' }), 400, -7);
  });

  it('marks a certificate revoked by hand, by id or by serial number and issuer, at the given date', async () => {
    const rao = callerFor(sandbox(), 'rao');
    const one = await enrolled(rao, await makeCsr('ec256', 'x'));
    const two = await enrolled(rao, await makeCsr('ec256', 'x'));
    issue();
    const oneId = (await rowOf(rao, one.backendCertId)).id as number;
    const reply = await rao('POST', '/api/smime/v1/revoke/manual', { certId: oneId, revokeDate: '2024-03-05T10:00:00Z', reasonCode: 3, reason: '' });
    expect(reply.status, reply.text).toBe(204);
    expect(await detailsOf(rao, oneId)).toMatchObject({ status: 'revoked', revoked: '03/05/2024', reasonCode: 3 });
    const leaf = pemCertificates((await rao('GET', `/api/smime/v1/collect/${two.backendCertId}/x509CO`)).text)[0]!;
    const serial = (await rowOf(rao, two.backendCertId)).serialNumber as string;
    expectError(await rao('POST', '/api/smime/v2/revoke/manual', { serialNumber: serial, issuer: 'CN=Someone Else', reasonCode: 0 }), 404, -5101);
    const bySerial = await rao('POST', '/api/smime/v2/revoke/manual', { serialNumber: serial, issuer: leaf.issuer.split('\n').join(', '), reasonCode: 0 });
    expect(bySerial.status, bySerial.text).toBe(204);
    expect((await rowOf(rao, two.backendCertId)).state).toBe('revoked');
    expectError(await rao('POST', '/api/smime/v1/revoke/manual', { reasonCode: 9, certId: oneId }), 400, -1601);
    expectError(await rao('POST', '/api/smime/v1/revoke/manual', { reasonCode: 0 }), 400, -7);
  });

  it('refuses an admin without the clientCertRevoke privilege with -3', async () => {
    const s = sandbox();
    const requester = await newAdmin(s, 'smime-requester', [{ role: 'RAO_SMIME', orgId: 1001 }], ['clientCertRequest']);
    const order = await enrolled(requester, await makeCsr('ec256', 'x'));
    issue();
    expectError(await requester('POST', `/api/smime/v1/revoke/order/${order.backendCertId}`, { reason: '' }), 400, -3, 'Not authorized to perform certificate revocation');
    expectError(await requester('POST', '/api/smime/v1/revoke', { email: `x@${university}`, reason: '' }), 400, -3);
  });
});

describe('S/MIME import', () => {
  it('imports certificates issued elsewhere per element, once, with the person its email names', async () => {
    const s = sandbox();
    const rao = callerFor(s, 'rao');
    const email = uniqueEmail();
    const foreign = await makeForeignCertificate({ subject: 'CN=Marie Curie, O=Elsewhere', emails: [email], usages: ['emailProtection'] });
    const noEmail = await makeForeignCertificate({ subject: 'CN=Nobody', usages: ['emailProtection'] });
    const reply = await rao('POST', '/api/smime/v2/import', [
      { orgID: 1001, cert: foreign.base64, comments: 'migrated' },
      { orgID: 1001, cert: noEmail.base64 },
      { orgID: 1001, cert: 'not base64 DER at all' },
      { cert: foreign.base64 },
      { orgID: 1005, cert: foreign.base64 },
    ]);
    expect(reply.status, reply.text).toBe(200);
    const results = reply.json as Record<string, unknown>[];
    expect(results).toHaveLength(5);
    expect(results[0]).toEqual({
      cert: { id: expect.any(Number), subject: foreign.certificate.subject.split('\n').join(', '), serialNumber: foreign.certificate.serialNumber.match(/.{2}/g)!.join(':') },
      created: true,
    });
    for (const failed of results.slice(1)) expect(Object.keys(failed)).toEqual(['errorMessage']);
    const id = (results[0] as { cert: { id: number } }).cert.id;
    expect(await detailsOf(rao, id)).toMatchObject({ status: 'issued', requestedVia: 'Imported', comments: 'migrated', subjectAlternativeNames: [email] });
    const person = await rao('GET', `/api/person/v1/id/byEmail/${encodeURIComponent(email)}`);
    expect(person.status).toBe(200);
    const again = (await rao('POST', '/api/smime/v2/import', [{ orgID: 1001, cert: foreign.base64 }])).json as Record<string, unknown>[];
    expect(again).toEqual([{ cert: (results[0] as { cert: unknown }).cert, created: false }]);
    const backendCertId = (await detailsOf(rao, id)).backendCertId as string;
    const leaf = pemCertificates((await rao('GET', `/api/smime/v1/collect/${backendCertId}/x509CO`)).text)[0]!;
    expect(leaf.raw.equals(foreign.certificate.raw)).toBe(true);
    expectError(await rao('POST', '/api/smime/v2/import', { orgID: 1001 }), 400, -1002);
  });
});

describe('client certificate report', () => {
  it('answers every client certificate in scope as a download, with the filters applied', async () => {
    const s = sandbox();
    const rao = callerFor(s, 'rao');
    const reply = await rao('POST', '/api/report/v1/client-certificates', {});
    expect(reply.status, reply.text).toBe(200);
    expect(reply.headers.get('content-disposition')).toBe('attachment; filename="rest_api_client-certificates.json"');
    expect(reply.headers.get('cache-control')).toBe('must-revalidate');
    expect(reply.headers.get('pragma')).toBe('public');
    const body = reply.json as { statusCode: number; reports: Record<string, unknown>[] };
    expect(body.statusCode).toBe(0);
    expect(body.reports).toHaveLength(Number((await rao('HEAD', '/api/smime/v2')).headers.get('x-total-count')));
    expect(Object.keys(body.reports[0]!).sort()).toEqual(
      [
        'backendCertId', 'comments', 'commonName', 'customFields', 'email', 'expires', 'firstName', 'id', 'issued', 'issuer', 'lastName', 'md5', 'orderNumber',
        'orgId', 'organizationName', 'personId', 'publicKeyType', 'reasonCode', 'requested', 'requestedVia', 'revoked', 'serialNumber', 'sha1', 'status', 'term',
        'type', 'typeId',
      ].sort(),
    );
    expect(body.reports.find((row) => row.issued !== null)!.issued).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

    const revoked = (await rao('POST', '/api/report/v1/client-certificates', { certificateStatus: 3 })).json as { reports: { status: string }[] };
    expect(revoked.reports.length).toBeGreaterThan(0);
    expect(revoked.reports.every((row) => row.status === 'revoked')).toBe(true);
    const physics = (await rao('POST', '/api/report/v1/client-certificates', { organizationIds: [1002] })).json as { reports: { orgId: number }[] };
    expect(physics.reports.every((row) => row.orgId === 1002)).toBe(true);
    const university = (await rao('POST', '/api/report/v1/client-certificates', { organizationIds: [1001] })).json as { reports: unknown[] };
    expect(university.reports).toHaveLength(body.reports.length);
    const future = (await rao('POST', '/api/report/v1/client-certificates', { certificateDateAttribute: 0, from: '2999-01-01T00:00:00Z' })).json as { reports: unknown[] };
    expect(future.reports).toEqual([]);
    expectError(await rao('POST', '/api/report/v1/client-certificates', { certificateStatus: 1 }), 400, -1601);
    const draoRows = (await callerFor(s, 'drao-physics')('POST', '/api/report/v1/client-certificates', {})).json as { reports: { orgId: number }[] };
    expect(draoRows.reports.length).toBeGreaterThan(0);
    expect(draoRows.reports.every((row) => row.orgId === 1002)).toBe(true);
    const instituteRows = (await callerFor(s, 'rao-institute')('POST', '/api/report/v1/client-certificates')).json as { reports: { orgId: number }[] };
    expect(instituteRows.reports.every((row) => row.orgId === 1005)).toBe(true);
  });
});

describe('S/MIME on a read-only tenant', () => {
  it('answers reads and refuses enroll, renew, replace, revoke and import with -3', async () => {
    await withSandbox({ readOnly: true }, async (s) => {
      const rao = callerFor(s, 'rao');
      const csr = await makeCsr('ec256', 'x');
      expect((await rao('GET', '/api/smime/v2')).status).toBe(200);
      expect((await rao('GET', '/api/smime/v1/types')).status).toBe(200);
      const issued = [...s.store.smime.values()].find((certificate) => certificate.state === 'issued' && certificate.orgId === 1001)!;
      expect((await rao('GET', `/api/smime/v1/collect/${issued.backendCertId}`)).status).toBe(200);
      expectError(await enroll(rao, csr), 400, -3, 'Not authorized to perform certificate enrollment');
      expectError(await rao('POST', `/api/smime/v2/renew/order/${issued.backendCertId}`), 400, -3, 'Not authorized to perform certificate renewal');
      expectError(await rao('POST', `/api/smime/v2/replace/order/${issued.backendCertId}`, { csr: csr.pem, reason: '' }), 400, -3, 'Not authorized to perform certificate replacement');
      expectError(await rao('POST', `/api/smime/v1/revoke/order/${issued.backendCertId}`, { reason: '' }), 400, -3, 'Not authorized to perform certificate revocation');
      expectError(await rao('POST', '/api/smime/v1/revoke', { email: issued.email, reason: '' }), 400, -3);
      expectError(await rao('POST', '/api/smime/v1/revoke/manual', { certId: issued.id }), 400, -3);
      expectError(await rao('POST', '/api/smime/v2/import', []), 400, -3);
      expect((await rao('GET', `/api/smime/v1/${issued.id}`)).json).toMatchObject({ status: 'issued' });
    });
  });
});

describe('S/MIME in a department created through the API', () => {
  it('enrolls for the new department, whose email domain its parent holds', async () => {
    const s = sandbox();
    const mrao = callerFor(s, 'mrao');
    const created = await mrao('POST', '/api/organization/v1', {
      name: `Department of Chemistry ${counter++}`,
      parentOrgName: 'Sandbox University',
      address1: '1 Lab Road',
      city: 'Sandbyn',
      country: 'SE',
      clientCertsApiEnabled: true,
    });
    expect(created.status, created.text).toBe(201);
    const departmentId = idFromLocation(created);
    expect((await enroll(callerFor(s, 'rao'), await makeCsr('ec256', 'x'), { orgId: departmentId })).status).toBe(200);
  });
});
