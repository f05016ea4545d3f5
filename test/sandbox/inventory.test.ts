import { describe, expect, it } from 'vitest';
import { clientCertificatePersons, startSandbox, type SandboxHandle } from '../../src/sandbox';
import { callerFor, testClock, useSandbox, withSandbox } from './helpers';

/*
 * The seeded certificates as a certificates page sees them: every status, expiries near and far,
 * requests waiting or stuck, renewals and replacements linked to what they followed, sparse records,
 * several organizations, departments, profiles and requesters; the same for the same seed.
 */

const dayMs = 86_400_000;
const hourMs = 3_600_000;

const sslStatuses = ['Invalid', 'Requested', 'Approved', 'Declined', 'Applied', 'Issued', 'Revoked', 'Expired', 'Replaced', 'Rejected', 'SAApproved', 'Init'];

/** SCM's details date, MM/dd/yyyy. */
const usDate = (ms: number) => {
  const date = new Date(ms);
  return `${String(date.getUTCMonth() + 1).padStart(2, '0')}/${String(date.getUTCDate()).padStart(2, '0')}/${date.getUTCFullYear()}`;
};

/** The kinds of certificate a certificates page shows that the sandbox's records lack, by name. */
function missingKinds(sandbox: SandboxHandle, now: number): string[] {
  const ssl = sandbox.records.sslCertificates();
  const units = new Map(sandbox.records.organizations().map((unit) => [unit.id, unit]));
  const kinds: [string, boolean][] = [
    ...sslStatuses.map((status): [string, boolean] => [`SSL ${status}`, ssl.some((c) => c.status === status)]),
    ['SSL Issued, ending within 30 days', ssl.some((c) => c.status === 'Issued' && c.expires! > now && c.expires! <= now + 30 * dayMs)],
    ['SSL Expired within the last 30 days', ssl.some((c) => c.status === 'Expired' && c.expires! >= now - 30 * dayMs)],
    ['SSL Expired over a year ago', ssl.some((c) => c.status === 'Expired' && c.expires! < now - 365 * dayMs)],
    ['SSL Requested over a day ago', ssl.some((c) => c.status === 'Requested' && c.requested < now - dayMs)],
    ['SSL Requested within a day', ssl.some((c) => c.status === 'Requested' && c.requested >= now - dayMs)],
    ['SSL Applied over a day ago, stuck', ssl.some((c) => c.status === 'Applied' && c.requested < now - dayMs && c.issueAt === null)],
    ['SSL Applied within a day, issued shortly', ssl.some((c) => c.status === 'Applied' && c.requested >= now - dayMs && c.issueAt !== null)],
    ['SSL renewed, with its renewal', ssl.some((c) => c.renewed && c.renewedToId !== null)],
    ['SSL Replaced, with its replacement', ssl.some((c) => c.status === 'Replaced' && c.replacedById !== null)],
    ['SSL discovered, without requester or custom fields', ssl.some((c) => c.requestedVia === 'Discovery' && c.requester === '' && c.customFields.length === 0)],
    ['SSL in two organizations', new Set(ssl.filter((c) => units.get(c.orgId)?.parentId === null).map((c) => c.orgId)).size >= 2],
    ['SSL in three departments', new Set(ssl.filter((c) => units.get(c.orgId)?.parentId !== null).map((c) => c.orgId)).size >= 3],
    ['SSL on three profiles', new Set(ssl.map((c) => c.profileId)).size >= 3],
    ['SSL from five requesters', new Set(ssl.map((c) => c.requester)).size >= 5],
  ];
  const smime = sandbox.records.clientCertificates();
  kinds.push(
    ...['issued', 'expired', 'revoked', 'requested'].map((state): [string, boolean] => [`S/MIME ${state}`, smime.some((c) => c.state === state)]),
    ['S/MIME issued, ending within 30 days', smime.some((c) => c.state === 'issued' && c.expires! <= now + 30 * dayMs)],
    ['S/MIME expired within the last 30 days', smime.some((c) => c.state === 'expired' && c.expires! >= now - 30 * dayMs)],
    ['S/MIME expired over a year ago', smime.some((c) => c.state === 'expired' && c.expires! < now - 365 * dayMs)],
    ['S/MIME on two profiles', new Set(smime.map((c) => c.profileId)).size >= 2],
    ['S/MIME in an organization and two departments', smime.some((c) => c.orgId === 1001) && new Set(smime.filter((c) => c.orgId !== 1001).map((c) => c.orgId)).size >= 2],
  );
  return kinds.filter(([, present]) => !present).map(([name]) => name);
}

describe('the seeded certificate inventory', () => {
  const sandbox = useSandbox();

  it('has every kind of certificate the certificates page shows, for any seed, from 50 certificates up', async () => {
    expect(missingKinds(sandbox(), sandbox.clock.now())).toEqual([]);
    for (const [seed, certificates] of [[2, 300], [3, 50], [4, 50]] as const) {
      await withSandbox({ seed, certificates }, async (other, clock) => {
        expect(missingKinds(other, clock.now()), `seed ${seed}, ${certificates} certificates`).toEqual([]);
      });
    }
  }, 60_000);

  it('dates every certificate as its status has it: nothing requested, issued or declined in the future, nothing issued before it was asked for', () => {
    const now = sandbox.clock.now();
    for (const c of sandbox().records.sslCertificates()) {
      const where = `${c.id} ${c.status}`;
      expect(c.requested, where).toBeLessThanOrEqual(now);
      expect(c.issued ?? 0, where).toBeLessThanOrEqual(now);
      expect(c.declined ?? 0, where).toBeLessThanOrEqual(now);
      expect(c.revoked ?? 0, where).toBeLessThanOrEqual(now);
      const issued = ['Issued', 'Expired', 'Revoked', 'Replaced'].includes(c.status);
      expect(c.issued !== null, where).toBe(issued);
      expect(c.expires !== null, where).toBe(issued);
      expect(c.serialNumber !== '', where).toBe(issued || c.status === 'Applied');
      if (issued && c.requestedVia !== 'Discovery') expect(c.requested, where).toBeLessThanOrEqual(c.issued!);
      if (c.status === 'Issued') expect(c.expires, where).toBeGreaterThan(now);
      if (c.status === 'Expired') expect(c.expires, where).toBeLessThanOrEqual(now);
      expect(c.revoked !== null, where).toBe(c.status === 'Revoked');
      expect(c.declined !== null, where).toBe(c.status === 'Declined');
    }
    for (const c of sandbox().records.clientCertificates()) {
      expect(c.issued ?? 0, `${c.id}`).toBeLessThanOrEqual(now);
      expect(c.revoked !== null, `${c.id}`).toBe(c.state === 'revoked');
      if (c.issued !== null && c.expires !== null) expect(Math.round((c.expires - c.issued) / dayMs), `${c.id}`).toBe(c.term);
    }
  });

  it('links each renewal and what it renewed both ways, and shows the original as renewed with the renewal’s date', async () => {
    const s = sandbox();
    const mrao = callerFor(s, 'mrao');
    const originals = s.records.sslCertificates().filter((c) => c.renewedToId !== null);
    expect(originals.length).toBeGreaterThan(2);
    for (const original of originals) {
      const renewal = s.records.sslCertificate(original.renewedToId!)!;
      expect(renewal.renewedFromId).toBe(original.id);
      expect(renewal.id).toBeGreaterThan(original.id);
      expect([renewal.commonName, renewal.orgId, renewal.profileId, renewal.term]).toEqual([original.commonName, original.orgId, original.profileId, original.term]);
      expect(renewal.requested).toBeGreaterThan(original.issued!);
      expect(original.renewed).toBe(true);
      expect(renewal.renewed).toBe(false);
    }
    const renewals = s.records.sslCertificates().filter((c) => c.renewedFromId !== null);
    expect(renewals.map((c) => c.renewedFromId).sort()).toEqual(originals.map((c) => c.id).sort());
    expect(new Set(renewals.map((c) => c.status)).size).toBeGreaterThan(1);
    const original = originals[0]!;
    const details = (await mrao('GET', `/api/ssl/v1/${original.id}`)).json as Record<string, unknown>;
    expect(details).toMatchObject({ renewed: true, renewedDate: usDate(s.records.sslCertificate(original.renewedToId!)!.requested) });
    const renewalDetails = (await mrao('GET', `/api/ssl/v1/${original.renewedToId}`)).json as Record<string, unknown>;
    expect(renewalDetails).toMatchObject({ renewed: false, commonName: original.commonName });
    expect(renewalDetails).not.toHaveProperty('renewedDate');
  });

  it('links each replaced certificate to its replacement, issued the day it was replaced', () => {
    const replaced = sandbox().records.sslCertificates().filter((c) => c.replacedById !== null);
    expect(replaced.length).toBeGreaterThan(2);
    for (const original of replaced) {
      const replacement = sandbox().records.sslCertificate(original.replacedById!)!;
      expect(original.status).toBe('Replaced');
      expect(replacement.issued).toBe(original.replaced);
      expect(replacement.id).toBeGreaterThan(original.id);
      expect(replacement.commonName).toBe(original.commonName);
    }
  });

  it('answers a discovered certificate without requester, owner or custom fields, in the details and the report', async () => {
    const s = sandbox();
    const mrao = callerFor(s, 'mrao');
    const discovered = s.records.sslCertificates().find((c) => c.requestedVia === 'Discovery')!;
    expect(discovered).toMatchObject({ requester: '', requesterId: null, approverId: null, externalRequester: '', comments: '', customFields: [] });
    const details = (await mrao('GET', `/api/ssl/v1/${discovered.id}`)).json as Record<string, unknown>;
    expect(details).toMatchObject({ id: discovered.id, requestedVia: 'Discovery', customFields: [] });
    for (const field of ['requester', 'requesterId', 'owner', 'ownerId', 'approved']) expect(details, field).not.toHaveProperty(field);
    const report = (await mrao('POST', '/api/report/v1/ssl-certificates', { commonName: discovered.commonName })).json as { reports: Record<string, unknown>[] };
    expect(report.reports.find((row) => row.id === discovered.id)).toMatchObject({ requester: null, approver: null, requestedVia: 'Discovery', customFields: [] });
  });

  it('requests certificates through several admins, one of them without a login, never through the library’s DRAO or a new admin', () => {
    const ssl = sandbox().records.sslCertificates();
    const requesters = new Set(ssl.map((c) => c.requester));
    for (const login of ['rao', 'mrao', 'drao-physics', 'drao-computing', 'rao-institute', 'api-automation']) expect(requesters.has(login), login).toBe(true);
    expect(requesters.has('samir.haddad@sandbox-university.example')).toBe(true);
    expect(requesters.has('drao-library')).toBe(false);
    expect(requesters.has('api-new')).toBe(false);
    expect(new Set(ssl.filter((c) => c.requester === 'api-automation').map((c) => c.requestedVia))).toEqual(new Set(['REST API']));
  });

  it('keeps a stuck Applied certificate Applied however long one waits, and issues the ones sent today shortly', () => {
    const s = sandbox();
    const applied = s.records.sslCertificates().filter((c) => c.status === 'Applied');
    const stuck = applied.filter((c) => c.issueAt === null);
    const sentToday = applied.filter((c) => c.issueAt !== null);
    expect(stuck.length).toBeGreaterThan(0);
    expect(sentToday.length).toBeGreaterThan(0);
    expect(sentToday.every((c) => c.issueAt! <= sandbox.clock.now() + hourMs)).toBe(true);
    sandbox.clock.advance(hourMs + 1000);
    for (const c of stuck) expect(s.records.sslCertificate(c.id)!.status).toBe('Applied');
    for (const c of sentToday) expect(s.records.sslCertificate(c.id)).toMatchObject({ status: 'Issued', issued: c.issueAt, expires: c.issueAt! + c.term * dayMs });
  });
});

describe('the sandbox’s records', () => {
  const sandbox = useSandbox({ certificates: 60 });

  it('are copies, in id order, that a later change does not alter and that change nothing in the sandbox', async () => {
    const s = sandbox();
    const before = s.records.sslCertificates();
    expect(before.map((c) => c.id)).toEqual([...before.map((c) => c.id)].sort((a, b) => a - b));
    const scribbled = before[0] as unknown as { status: string; subjectAlternativeNames: string[] };
    const { status } = scribbled;
    scribbled.status = 'Invalid';
    scribbled.subjectAlternativeNames.push('scribbled.example');
    expect(s.records.sslCertificate(before[0]!.id)).toMatchObject({ status, subjectAlternativeNames: expect.not.arrayContaining(['scribbled.example']) });
    const unit = s.records.organizations()[0] as unknown as { name: string };
    unit.name = 'Scribbled';
    expect(s.records.organizations()[0]!.name).toBe('Sandbox University');
    const issued = before.find((c) => c.status === 'Issued')!;
    const revoked = await callerFor(s, 'mrao')('POST', `/api/ssl/v1/revoke/${issued.id}`, { reasonCode: 4, reason: 'superseded' });
    expect(revoked.status).toBe(204);
    expect(before.find((c) => c.id === issued.id)!.status).toBe('Issued');
    expect(s.records.sslCertificate(issued.id)).toMatchObject({ status: 'Revoked', reasonCode: 4, revoked: sandbox.clock.now() });
    expect(s.records.sslCertificate(1)).toBeUndefined();
    expect(s.records.organizations().map((unit) => [unit.id, unit.parentId])).toEqual([[1001, null], [1002, 1001], [1003, 1001], [1004, 1001], [1005, null]]);
    expect(s.records.profiles().filter((profile) => profile.kind === 'ssl').map((profile) => profile.id)).toEqual([3001, 3002, 3003, 3004]);
    const client = s.records.clientCertificates()[0]!;
    expect(s.records.clientCertificate(client.id)).toEqual(client);
    expect(s.records.persons().some((person) => person.id === client.personId && person.email === client.email)).toBe(true);
  });
});

describe('the seed', () => {
  it('gives the same certificates, persons and client certificates for the same seed and moment, and others for another seed', async () => {
    const clock = testClock();
    const first = await startSandbox({ seed: 11, certificates: 400, now: clock.now });
    const second = await startSandbox({ seed: 11, certificates: 400, now: clock.now });
    const other = await startSandbox({ seed: 12, certificates: 400, now: clock.now });
    try {
      expect(second.records.sslCertificates()).toEqual(first.records.sslCertificates());
      expect(second.records.clientCertificates()).toEqual(first.records.clientCertificates());
      expect(second.records.persons()).toEqual(first.records.persons());
      expect(other.records.sslCertificates().map((c) => c.commonName)).not.toEqual(first.records.sslCertificates().map((c) => c.commonName));
    } finally {
      await Promise.all([first.stop(), second.stop(), other.stop()]);
    }
  });

  it('seeds client certificates for thirty persons up to 300 SSL certificates, and for one person in ten above', async () => {
    expect([0, 300, 301, 20_000, 100_000].map(clientCertificatePersons)).toEqual([30, 30, 30, 2_000, 10_000]);
    await withSandbox({ certificates: 5_000 }, async (s) => {
      expect(s.records.persons()).toHaveLength(500);
      const count = s.records.clientCertificates().length;
      expect(count).toBeGreaterThan(430);
      expect(count).toBeLessThan(570);
      const ids = [...s.records.persons().map((p) => p.id), ...s.records.clientCertificates().map((c) => c.id), ...s.records.sslCertificates().map((c) => c.id)];
      expect(new Set(ids).size).toBe(ids.length);
      expect(new Set(s.records.persons().map((p) => p.email)).size).toBe(500);
    });
  }, 30_000);
});
