import { describe, expect, it } from 'vitest';
import type { ReadOnlyCopy, SslCertificate } from '../../src/sandbox';
import { callerFor, useSandbox, type ScmCaller } from './helpers';
import { expectError } from './smime-helpers';

/*
 * The SSL and client certificate reports as an inventory reads them: every row as the sandbox holds
 * the certificate, and the date filters a client uses to read only what changed since its last read.
 */

const dayMs = 86_400_000;

type Row = Record<string, unknown>;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const colons = (serial: string) => (serial.match(/.{2}/g) ?? []).join(':');

async function report(call: ScmCaller, kind: 'ssl-certificates' | 'client-certificates', filter: Record<string, unknown> = {}): Promise<Row[]> {
  const reply = await call('POST', `/api/report/v1/${kind}`, filter);
  expect(reply.status, reply.text).toBe(200);
  expect(reply.headers.get('content-length')).toBe(String(reply.bytes.length));
  return (reply.json as { reports: Row[] }).reports;
}

const ids = (rows: Row[]) => rows.map((row) => row.id as number).sort((a, b) => a - b);

describe('the SSL certificate report', () => {
  const sandbox = useSandbox();

  it('answers an MRAO every certificate, row for row as the sandbox holds it', async () => {
    const s = sandbox();
    const rows = await report(callerFor(s, 'mrao'), 'ssl-certificates');
    const records = s.records.sslCertificates();
    const units = new Map(s.records.organizations().map((unit) => [unit.id, unit]));
    const profiles = new Map(s.records.profiles().map((profile) => [profile.id, profile]));
    expect(rows.map((row) => row.id)).toEqual(records.map((c) => c.id));
    rows.forEach((row, index) => {
      const c = records[index]!;
      const issued = c.issued !== null;
      expect(row, `${c.id}`).toMatchObject({
        id: c.id, orgId: c.orgId, organizationName: units.get(c.orgId)!.name, commonName: c.commonName, subjAltNames: c.subjectAlternativeNames.join('; '),
        status: c.status, type: profiles.get(c.profileId)!.name, typeId: c.profileId, requester: c.requester === '' ? null : c.requester,
        requestedVia: c.requestedVia, term: c.term, backendCertId: c.backendCertId, requested: iso(c.requested), approved: iso(c.approved),
        declined: iso(c.declined), expires: iso(c.expires), revoked: iso(c.revoked), replaced: iso(c.replaced),
        serialNumber: issued ? colons(c.serialNumber) : null, city: units.get(c.orgId)!.city, country: units.get(c.orgId)!.country,
      });
    });
  });

  it('finds what was revoked, requested or issued since a moment, by certificateDateAttribute with from and to', async () => {
    const s = sandbox();
    const mrao = callerFor(s, 'mrao');
    const at = (filter: Record<string, unknown>) => report(mrao, 'ssl-certificates', filter).then(ids);
    const records = s.records.sslCertificates();
    const plainIssued = (c: ReadOnlyCopy<SslCertificate>) => c.status === 'Issued' && c.orgId === 1001 && c.requestedVia !== 'Discovery' && [3001, 3002].includes(c.profileId) && !c.renewed;
    const [toRevoke, toRenew] = records.filter(plainIssued);
    // An MRAO may not approve an EV certificate it requested itself.
    const toApprove = records.find((c) => c.status === 'Requested' && !(c.profileId === 3004 && c.requester === 'mrao'))!;
    sandbox.clock.advance(1000);
    const since = new Date(sandbox.clock.now()).toISOString();
    sandbox.clock.advance(1000);

    expect((await mrao('POST', `/api/ssl/v1/revoke/${toRevoke!.id}`, { reasonCode: 1, reason: 'key compromise' })).status).toBe(204);
    expect((await mrao('POST', `/api/ssl/v1/approve/${toApprove.id}`, { message: 'fine' })).status).toBe(204);
    const renewed = await mrao('POST', `/api/ssl/v1/renewById/${toRenew!.id}`, {});
    expect(renewed.status, renewed.text).toBe(200);
    const renewalId = (renewed.json as { sslId: number }).sslId;
    sandbox.passIssueDelay();

    expect(await at({ certificateDateAttribute: 2, from: since })).toEqual([toRevoke!.id]);
    expect(await at({ certificateDateAttribute: 4, from: since })).toEqual([renewalId]);
    // An approval has no date of its own to filter on: the approved certificate shows up once it is issued.
    expect(await at({ certificateDateAttribute: 5, from: since })).toEqual([toApprove.id, renewalId]);
    expect(await at({ certificateStatus: 2, certificateDateAttribute: 5, from: since })).toEqual([toApprove.id, renewalId]);
    expect(await at({ certificateStatus: 3, certificateDateAttribute: 2, from: since })).toEqual([toRevoke!.id]);
    expect(await at({ certificateStatus: 4, certificateDateAttribute: 2, from: since })).toEqual([]);
    // Without an attribute, from and to are about the request date.
    expect(await at({ from: since })).toEqual([renewalId]);

    const before = await report(mrao, 'ssl-certificates', { certificateDateAttribute: 2, to: since });
    expect(ids(before)).not.toContain(toRevoke!.id);
    expect(before.every((row) => Date.parse(row.revoked as string) <= Date.parse(since))).toBe(true);
    expect(before.length).toBe(s.records.sslCertificates().filter((c) => c.revoked !== null && c.revoked <= Date.parse(since)).length);

    const now = sandbox.clock.now();
    const window = { certificateDateAttribute: 3, from: new Date(now).toISOString(), to: new Date(now + 30 * dayMs).toISOString() };
    const ending = s.records.sslCertificates().filter((c) => c.expires !== null && c.expires >= now && c.expires <= now + 30 * dayMs);
    expect(ending.length).toBeGreaterThan(0);
    expect(await at(window)).toEqual(ending.map((c) => c.id));
    expect(await at({ ...window, certificateStatus: 2 })).toEqual(ending.filter((c) => c.status === 'Issued').map((c) => c.id));
  });

  it('reads certificateStatus 1 as every request not yet issued nor ended', async () => {
    const s = sandbox();
    const rows = await report(callerFor(s, 'mrao'), 'ssl-certificates', { certificateStatus: 1 });
    const pending = s.records.sslCertificates().filter((c) => ['Requested', 'Approved', 'Applied', 'SAApproved', 'Init'].includes(c.status));
    expect(ids(rows)).toEqual(pending.map((c) => c.id));
    expect(new Set(rows.map((row) => row.status))).toEqual(new Set(['Requested', 'Approved', 'Applied', 'SAApproved', 'Init']));
  });

  it('refuses a date attribute, status or date it does not know with -1601', async () => {
    const mrao = callerFor(sandbox(), 'mrao');
    expectError(await mrao('POST', '/api/report/v1/ssl-certificates', { certificateDateAttribute: 1, from: '2025-01-01T00:00:00Z' }), 400, -1601);
    expectError(await mrao('POST', '/api/report/v1/ssl-certificates', { certificateDateAttribute: 6 }), 400, -1601);
    expectError(await mrao('POST', '/api/report/v1/ssl-certificates', { certificateStatus: 5 }), 400, -1601);
    expectError(await mrao('POST', '/api/report/v1/ssl-certificates', { certificateDateAttribute: 2, from: 'last Tuesday' }), 400, -1601);
  });
});

describe('the client certificate report', () => {
  const sandbox = useSandbox();

  it('answers an MRAO every client certificate with its id, order, person, status, organization, profile, dates and serial', async () => {
    const s = sandbox();
    const rows = await report(callerFor(s, 'mrao'), 'client-certificates');
    const records = s.records.clientCertificates();
    const units = new Map(s.records.organizations().map((unit) => [unit.id, unit]));
    const profiles = new Map(s.records.profiles().map((profile) => [profile.id, profile]));
    const persons = new Map(s.records.persons().map((person) => [person.id, person]));
    expect(rows.map((row) => row.id)).toEqual(records.map((c) => c.id));
    rows.forEach((row, index) => {
      const c = records[index]!;
      expect(row, `${c.id}`).toMatchObject({
        id: c.id, backendCertId: c.backendCertId, orderNumber: Number(c.backendCertId), email: c.email, commonName: c.commonName, status: c.state,
        orgId: c.orgId, organizationName: units.get(c.orgId)!.name, type: profiles.get(c.profileId)!.name, typeId: c.profileId, term: c.term,
        personId: c.personId, firstName: persons.get(c.personId)!.firstName, lastName: persons.get(c.personId)!.lastName,
        requested: iso(c.requested), issued: iso(c.issued), expires: iso(c.expires), revoked: iso(c.revoked),
        serialNumber: c.issued === null ? null : colons(c.serialNumber),
      });
    });
  });

  it('finds a client certificate revoked since a moment', async () => {
    const s = sandbox();
    const mrao = callerFor(s, 'mrao');
    const victim = s.records.clientCertificates().find((c) => c.state === 'issued')!;
    sandbox.clock.advance(1000);
    const since = new Date(sandbox.clock.now()).toISOString();
    sandbox.clock.advance(1000);
    expect((await mrao('POST', `/api/smime/v1/revoke/order/${victim.backendCertId}`, { reasonCode: 4, reason: 'left' })).status).toBe(204);
    // The client certificate report numbers its date attributes 0 request, 1 issuance, 2 revocation, 3 expiration.
    expect(ids(await report(mrao, 'client-certificates', { certificateDateAttribute: 2, from: since }))).toEqual([victim.id]);
    expect(ids(await report(mrao, 'client-certificates', { certificateStatus: 3, certificateDateAttribute: 2, from: since }))).toEqual([victim.id]);
    expect(await report(mrao, 'client-certificates', { certificateDateAttribute: 0, from: since })).toEqual([]);
  });
});
