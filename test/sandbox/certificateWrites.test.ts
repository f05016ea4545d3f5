import { describe, expect, it } from 'vitest';
import type { ReadOnlyCopy, SandboxHandle, SslCertificate } from '../../src/sandbox';
import { callerFor, passwordOf, useSandbox } from './helpers';
import { makeCsr } from './ssl-helpers';
import { expectError } from './smime-helpers';

/*
 * What a certificates page does to certificates (approve, decline, revoke, renew, replace), as SCM
 * answers it, and the lost answer an exactly-once client must cope with: a write whose answer never
 * came, or whose connection was reset, has been done; one answered 503 has not.
 */

const sandbox = useSandbox();

/** SCM's details date, MM/dd/yyyy. */
const usDate = (ms: number) => {
  const date = new Date(ms);
  return `${String(date.getUTCMonth() + 1).padStart(2, '0')}/${String(date.getUTCDate()).padStart(2, '0')}/${date.getUTCFullYear()}`;
};

const used = new Set<number>();

/** A seeded certificate no other test here has used, in the university's own organization unless it says otherwise. */
function seeded(test: (certificate: ReadOnlyCopy<SslCertificate>) => boolean): ReadOnlyCopy<SslCertificate> {
  const found = sandbox().records.sslCertificates().find((c) => !used.has(c.id) && test(c));
  if (found === undefined) throw new Error('no such seeded certificate left');
  used.add(found.id);
  return found;
}

/** An issued certificate of the university a renewal can be ordered for: a renewable profile, names the university may still order. */
const renewable = (c: ReadOnlyCopy<SslCertificate>) => c.status === 'Issued' && c.orgId === 1001 && [3001, 3002].includes(c.profileId) && c.requestedVia !== 'Discovery' && !c.renewed;
const requested = (c: ReadOnlyCopy<SslCertificate>) => c.status === 'Requested' && !(c.profileId === 3004 && c.requester === 'mrao');

/** How long a client waits for an answer that is not coming. */
const patience = 500;

/** One request as mrao that gives up after `ms`: its status, or what happened instead. */
async function attempt(s: SandboxHandle, path: string, body: unknown, ms = 10_000): Promise<number | 'no answer' | 'connection failed'> {
  try {
    const response = await fetch(`${s.url}${path}`, {
      method: 'POST',
      headers: { login: 'mrao', password: passwordOf(s, 'mrao'), customerUri: s.customerUri, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(ms),
    });
    await response.arrayBuffer();
    return response.status;
  } catch (error) {
    return (error as Error).name === 'TimeoutError' ? 'no answer' : 'connection failed';
  }
}

describe('approve and decline', () => {
  it('approves a Requested certificate, which is Applied and then Issued; approving it again answers -1112', async () => {
    const s = sandbox();
    const mrao = callerFor(s, 'mrao');
    const certificate = seeded(requested);
    expect((await mrao('POST', `/api/ssl/v1/approve/${certificate.id}`, { message: 'approved' })).status).toBe(204);
    expect(s.records.sslCertificate(certificate.id)).toMatchObject({ status: 'Applied', approved: sandbox.clock.now(), approverId: s.store.adminByLogin('mrao')!.id });
    expectError(await mrao('POST', `/api/ssl/v1/approve/${certificate.id}`, { message: 'again' }), 400, -1112, /state = Applied/);
    sandbox.passIssueDelay();
    expect(s.records.sslCertificate(certificate.id)).toMatchObject({ status: 'Issued' });
    expectError(await mrao('POST', `/api/ssl/v1/approve/${certificate.id}`, { message: 'again' }), 400, -1112, /state = Issued/);
  });

  it('refuses with -1112 to approve a certificate in any state but Requested', async () => {
    const mrao = callerFor(sandbox(), 'mrao');
    for (const status of ['Issued', 'Expired', 'Revoked', 'Replaced', 'Declined', 'Rejected', 'Invalid', 'Applied']) {
      const certificate = seeded((c) => c.status === status);
      expectError(await mrao('POST', `/api/ssl/v1/approve/${certificate.id}`, { message: 'ok' }), 400, -1112, new RegExp(`state = ${status}`));
    }
  });

  it('declines a Requested certificate, and refuses with -1112 to decline an issued one', async () => {
    const s = sandbox();
    const mrao = callerFor(s, 'mrao');
    const certificate = seeded(requested);
    expect((await mrao('POST', `/api/ssl/v1/decline/${certificate.id}`, { message: 'not ours' })).status).toBe(204);
    expect(s.records.sslCertificate(certificate.id)).toMatchObject({ status: 'Declined', declined: sandbox.clock.now() });
    expectError(await mrao('POST', `/api/ssl/v1/decline/${seeded((c) => c.status === 'Issued').id}`, { message: 'no' }), 400, -1112);
    expectError(await mrao('POST', `/api/ssl/v1/approve/${certificate.id}`, { message: 'after all' }), 400, -1112, /state = Declined/);
  });
});

describe('revoke, renew and replace', () => {
  it('revokes an issued certificate once; revoking it again, by id or serial, answers -159', async () => {
    const s = sandbox();
    const mrao = callerFor(s, 'mrao');
    const certificate = seeded((c) => c.status === 'Issued');
    expect((await mrao('POST', `/api/ssl/v1/revoke/${certificate.id}`, { reasonCode: 5, reason: 'service closed' })).status).toBe(204);
    expect(s.records.sslCertificate(certificate.id)).toMatchObject({ status: 'Revoked', reasonCode: 5, revoked: sandbox.clock.now() });
    expectError(await mrao('POST', `/api/ssl/v1/revoke/${certificate.id}`, { reasonCode: 5, reason: 'again' }), 400, -159);
    expectError(await mrao('POST', `/api/ssl/v1/revoke/serial/${certificate.serialNumber}`, { reasonCode: 5, reason: 'again' }), 400, -159);
    expectError(await mrao('POST', `/api/ssl/v1/revoke/${seeded((c) => c.status === 'Requested').id}`, { reasonCode: 0, reason: 'never issued' }), 400, -102);
  });

  it('renews by id into a new certificate, linked both ways, the original showing renewed with the date', async () => {
    const s = sandbox();
    const mrao = callerFor(s, 'mrao');
    const original = seeded(renewable);
    const reply = await mrao('POST', `/api/ssl/v1/renewById/${original.id}`, {});
    expect(reply.status, reply.text).toBe(200);
    const renewalId = (reply.json as { sslId: number }).sslId;
    expect(renewalId).toBeGreaterThan(original.id);
    expect(s.records.sslCertificate(original.id)).toMatchObject({ renewed: true, renewedToId: renewalId, status: 'Issued' });
    expect(s.records.sslCertificate(renewalId)).toMatchObject({ renewedFromId: original.id, commonName: original.commonName, orgId: original.orgId, requested: sandbox.clock.now() });
    expect((await mrao('GET', `/api/ssl/v1/${original.id}`)).json).toMatchObject({ renewed: true, renewedDate: usDate(sandbox.clock.now()) });
  });

  it('replaces an issued certificate: the new one is linked, and the old one is Replaced once the new one is issued', async () => {
    const s = sandbox();
    const mrao = callerFor(s, 'mrao');
    const original = seeded((c) => renewable(c) && !c.commonName.startsWith('*'));
    const csr = await makeCsr('ec256', original.commonName);
    expect((await mrao('POST', `/api/ssl/v1/replace/${original.id}`, { csr: csr.pem, reason: 'new key' })).status).toBe(204);
    const replacementId = s.records.sslCertificate(original.id)!.replacedById!;
    expect(s.records.sslCertificate(replacementId)).toMatchObject({ commonName: original.commonName, status: 'Applied' });
    sandbox.passIssueDelay();
    const replacement = s.records.sslCertificate(replacementId)!;
    expect(replacement.status).toBe('Issued');
    expect(s.records.sslCertificate(original.id)).toMatchObject({ status: 'Replaced', replaced: replacement.issued });
  });
});

describe('a write whose answer is lost', () => {
  const writes: [string, () => { path: string; body: unknown; done: () => boolean; retry: number }][] = [
    ['revoke', () => {
      const c = seeded((candidate) => candidate.status === 'Issued');
      return { path: `/api/ssl/v1/revoke/${c.id}`, body: { reasonCode: 4, reason: 'superseded' }, done: () => sandbox().records.sslCertificate(c.id)!.status === 'Revoked', retry: -159 };
    }],
    ['renew', () => {
      const c = seeded(renewable);
      return { path: `/api/ssl/v1/renewById/${c.id}`, body: {}, done: () => sandbox().records.sslCertificate(c.id)!.renewedToId !== null, retry: 200 };
    }],
    ['approve', () => {
      const c = seeded(requested);
      return { path: `/api/ssl/v1/approve/${c.id}`, body: { message: 'ok' }, done: () => sandbox().records.sslCertificate(c.id)!.status === 'Applied', retry: -1112 };
    }],
  ];

  it.each(writes)('%s: done when the answer never comes or the connection is reset, not done when refused with 503', async (_name, next) => {
    const s = sandbox();
    const lost = next();
    s.faults.loseNextAnswers = 1;
    expect(await attempt(s, lost.path, lost.body, patience)).toBe('no answer');
    expect(lost.done()).toBe(true);
    // Asked again, SCM says it is done already (a renewal is made again: a client must look before it asks).
    const again = await callerFor(s, 'mrao')('POST', lost.path, lost.body);
    expect(again.status === 200 ? 200 : (again.json as { code: number }).code).toBe(lost.retry);

    const reset = next();
    s.faults.resetNextAnswers = 1;
    expect(await attempt(s, reset.path, reset.body)).toBe('connection failed');
    expect(reset.done()).toBe(true);

    const timedOut = next();
    s.faults.timeoutRate = 1;
    try {
      expect(await attempt(s, timedOut.path, timedOut.body, patience)).toBe('no answer');
    } finally {
      s.faults.timeoutRate = 0;
    }
    expect(timedOut.done()).toBe(true);

    const refused = next();
    s.faults.refuseNextRequests = 1;
    expect(await attempt(s, refused.path, refused.body)).toBe(503);
    expect(refused.done()).toBe(false);
    expect(await attempt(s, refused.path, refused.body)).toBe(refused.path.includes('renewById') ? 200 : 204);
    expect(refused.done()).toBe(true);
  });

  it('at the fault rate: a revoke answered 500, 502 or 503 was not done, one whose connection was reset was', async () => {
    const s = sandbox();
    const outcomes = new Set<string>();
    s.faults.faultRate = 1;
    try {
      for (let round = 0; round < 40 && !(outcomes.has('connection failed') && outcomes.size >= 3); round++) {
        const c = seeded((candidate) => candidate.status === 'Issued');
        const outcome = await attempt(s, `/api/ssl/v1/revoke/${c.id}`, { reasonCode: 4, reason: 'superseded' });
        outcomes.add(String(outcome));
        expect([500, 502, 503, 'connection failed'], `${c.id}`).toContain(outcome);
        expect(sandbox().records.sslCertificate(c.id)!.status, `${c.id} after ${outcome}`).toBe(outcome === 'connection failed' ? 'Revoked' : 'Issued');
      }
    } finally {
      s.faults.faultRate = 0;
    }
    expect(outcomes.has('connection failed')).toBe(true);
    expect(outcomes.size).toBeGreaterThanOrEqual(3);
  });
});
