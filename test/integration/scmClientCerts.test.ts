import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificatesIn } from '../../src/main/scm/chain';
import { CodeSigningApi } from '../../src/main/scm/codesign';
import { collectAll } from '../../src/main/scm/paging';
import { PersonsApi, SmimeApi } from '../../src/main/scm/smime';
import { activityReport, domainReport, smimeInventory, smimeInventoryFromList } from '../../src/main/scm/reports';
import { SslApi } from '../../src/main/scm/ssl';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';
import { failure, loseNextAnswers, sandboxClients, shortWait } from './scmHelpers';
import { makeForeignCertificate, makeCsr } from '../sandbox/smime-helpers';
import { makeCsr as makeServerCsr } from '../sandbox/ssl-helpers';

let sandbox: SandboxHandle;
const { as, closeAll } = sandboxClients(() => sandbox);

beforeAll(async () => {
  sandbox = await startSandbox({ certificates: 10, issueDelaySeconds: 0.1 });
});

afterAll(async () => {
  await closeAll();
  await sandbox.stop();
});

const fast = { deadlineMs: 10_000, sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.min(ms, 50))) };

async function enrollFor(smime: SmimeApi, email: string, comments?: string) {
  const csr = await makeCsr('ec256', email);
  return smime.enroll({ orgId: 1001, csr: csr.pem, profileId: 3011, term: 365, email, firstName: 'Ada', lastName: 'Lovelace', ...(comments === undefined ? {} : { comments }) });
}

describe('client certificates', () => {
  it('lists the profiles, orders a certificate for a new person and collects it', async () => {
    const smime = new SmimeApi(as('rao'));
    expect((await smime.profiles(1001)).map((profile) => profile.id)).toContain(3011);
    const order = await enrollFor(smime, 'ada.lovelace@sandbox-university.example', 'for the analytical engine');
    expect(order.backendCertId).toMatch(/^\d+$/);
    const leaf = new X509Certificate(certificatesIn(await smime.collect(order.backendCertId, { format: 'x509', ...fast }))[0]!);
    expect(leaf.subjectAltName).toContain('ada.lovelace@sandbox-university.example');
    expect((await new PersonsApi(as('rao')).findByEmail('ada.lovelace@sandbox-university.example'))?.firstName).toBe('Ada');
    const row = await smime.findByMarker('ada.lovelace@sandbox-university.example', order.marker);
    expect(row?.comments).toContain('for the analytical engine');
  });

  it('finds an order whose answer was lost by its marker, and orders only once', async () => {
    const smime = new SmimeApi(as('rao', shortWait));
    const before = sandbox.store.smime.size;
    loseNextAnswers(sandbox);
    const order = await enrollFor(smime, 'lost.answer@sandbox-university.example');
    expect(sandbox.store.smime.size).toBe(before + 1);
    expect([...sandbox.store.smime.values()].find((certificate) => certificate.backendCertId === order.backendCertId)?.comments).toContain(order.marker);
  });

  it('renews by order and by serial, replaces, and revokes once (a repeat counts as done)', async () => {
    const smime = new SmimeApi(as('rao'));
    const first = await enrollFor(smime, 'grace.hopper@sandbox-university.example');
    await smime.collect(first.backendCertId, fast);
    const renewed = await smime.renew({ backendCertId: first.backendCertId });
    expect(renewed).not.toBe(first.backendCertId);
    const issued = (await collectAll(smime.list({ email: 'grace.hopper@sandbox-university.example', state: 'issued' })))[0]!;
    const bySerial = await smime.renew({ serialNumber: issued.serialNumber! });
    expect(bySerial).toMatch(/^\d+$/);
    const csr = await makeCsr('ec256', 'grace.hopper@sandbox-university.example');
    await smime.replace(first.backendCertId, csr.pem, 'key lost');
    await smime.collect(renewed, fast);
    await smime.revoke({ backendCertId: renewed }, 4, 'superseded');
    await smime.revoke({ backendCertId: renewed }, 4, 'superseded');
    const states = (await collectAll(smime.list({ email: 'grace.hopper@sandbox-university.example' }))).map((row) => row.state);
    expect(states).toContain('revoked');
  });

  it('revokes every certificate of a person who leaves', async () => {
    const smime = new SmimeApi(as('rao'));
    const order = await enrollFor(smime, 'leaver@sandbox-university.example');
    await smime.collect(order.backendCertId, fast);
    await smime.revokeAllOf('leaver@sandbox-university.example', 5, 'left the university');
    const rows = await collectAll(smime.list({ email: 'leaver@sandbox-university.example' }));
    expect(rows.every((row) => row.state === 'revoked')).toBe(true);
  });

  it('refuses a malformed email before asking SCM, and reports what SCM refuses', async () => {
    const smime = new SmimeApi(as('rao'));
    expect((await failure(enrollFor(smime, 'not-an-email'))).kind).toBe('validation');
    expect((await failure(smime.revoke({ backendCertId: '999999999' }, 4))).kind).toBe('not-found');
  });
});

describe('persons', () => {
  it('adds, reads, changes and deletes a person', async () => {
    const persons = new PersonsApi(as('rao'));
    const id = await persons.create({ firstName: 'Alan', lastName: 'Turing', email: 'alan.turing@sandbox-university.example', organizationId: 1001 });
    expect(await persons.get(id)).toMatchObject({ firstName: 'Alan', lastName: 'Turing', organizationId: 1001 });
    await persons.update(id, { firstName: 'Alan Mathison' });
    expect((await persons.get(id)).firstName).toBe('Alan Mathison');
    expect((await persons.list({ email: 'alan.turing@sandbox-university.example' })).map((person) => person.id)).toEqual([id]);
    await persons.delete(id);
    expect((await failure(persons.get(id))).kind).toBe('not-found');
  });

  it('finds a person whose answer was lost by email, and adds them once', async () => {
    const persons = new PersonsApi(as('rao', shortWait));
    const before = sandbox.store.persons.size;
    loseNextAnswers(sandbox);
    const id = await persons.create({ firstName: 'Lost', lastName: 'Answer', email: 'lost.person@sandbox-university.example', organizationId: 1001 });
    expect(sandbox.store.persons.size).toBe(before + 1);
    expect(sandbox.store.persons.get(id)?.email).toBe('lost.person@sandbox-university.example');
  });
});

describe('code-signing certificates', () => {
  it('imports one (twice without a duplicate), lists it and records its revocation', async () => {
    const codeSigning = new CodeSigningApi(as('rao'));
    const foreign = await makeForeignCertificate({ subject: 'CN=Sandbox University Build Signing', usages: ['codeSigning'] });
    const [first] = await codeSigning.import([{ orgId: 1001, certificate: foreign.base64, owner: 'build team' }]);
    expect(first).toMatchObject({ created: true });
    const [again] = await codeSigning.import([{ orgId: 1001, certificate: foreign.base64 }]);
    expect(again).toEqual({ id: (first as { id: number }).id, created: false });
    const rows = await codeSigning.list({ commonName: 'Build Signing' });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ owner: 'build team', status: 'Issued' });
    await codeSigning.revokeManually({ certId: rows[0]!.id }, 1, 'key compromised');
    await codeSigning.revokeManually({ certId: rows[0]!.id }, 1, 'key compromised');
    expect((await codeSigning.list({ commonName: 'Build Signing' }))[0]!.status).toBe('Revoked');
    const [bad] = await codeSigning.import([{ orgId: 1001, certificate: 'not a certificate' }]);
    expect(bad).toEqual({ error: expect.stringMatching(/cannot be parsed/) });
  });
});

describe('SSL replace', () => {
  it('replaces an issued certificate with a new key, and wants a reason', async () => {
    const ssl = new SslApi(as('drao-computing'));
    const csr = await makeServerCsr('ec256', 'replace-me.sandbox-university.example');
    const order = await ssl.enroll({ orgId: 1003, csr: csr.pem, profileId: 3001, term: 365, customFields: [{ name: 'Service owner', value: 'tests' }] });
    await ssl.collectChain(order.id, fast);
    const next = await makeServerCsr('ec256', 'replace-me.sandbox-university.example');
    expect((await failure(ssl.replace(order.id, next.pem, ' '))).kind).toBe('validation');
    await ssl.replace(order.id, next.pem, 'key rotated');
    expect(sandbox.store.ssl.get(order.id)?.replacedById).toBeGreaterThan(order.id);
  });
});

describe('reports', () => {
  it('builds the client-certificate inventory from the report, and the same from the list where the report is refused', async () => {
    const rao = as('rao');
    const smime = new SmimeApi(rao);
    const byReport = await smimeInventory(rao, smime, { organizationIds: [1001] });
    expect(byReport.source).toBe('report');
    expect(byReport.rows.length).toBeGreaterThan(0);
    // An organization includes its departments.
    expect(byReport.rows.every((row) => [1001, 1002, 1003, 1004].includes(row.orgId!))).toBe(true);
    const everything = await smimeInventory(rao, smime);
    const fromList = await smimeInventoryFromList(smime);
    const essentials = (rows: typeof fromList) => rows.map((row) => [row.backendCertId, row.status, row.expires?.slice(0, 10) ?? null]).sort();
    expect(essentials(fromList)).toEqual(essentials(everything.rows));
    expect(everything.rows.find((row) => row.status === 'issued')?.expires).toMatch(/^\d{4}-\d{2}-\d{2}/);
  });

  it('reads what admins changed and every domain with its validation', async () => {
    const rao = as('rao');
    await new PersonsApi(rao).create({ firstName: 'Audit', lastName: 'Trail', email: 'audit.trail@sandbox-university.example', organizationId: 1001 });
    const activity = await activityReport(rao, { from: new Date(Date.now() - 3_600_000).toISOString() });
    expect(activity.some((entry) => entry.admin.length > 0 && entry.details.includes('audit.trail@sandbox-university.example'))).toBe(true);
    const domains = await domainReport(rao);
    expect(domains.find((domain) => domain.name === 'sandbox-university.example')).toMatchObject({ status: 'Active' });
  });
});
