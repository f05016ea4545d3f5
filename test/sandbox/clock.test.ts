import type { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ManualClock, startSandbox } from '../../src/sandbox';
import { createDomain } from './domains-helpers';
import { callerFor, withSandbox, type ScmCaller } from './helpers';
import { makeCsr, pemCertificates } from './ssl-helpers';

const dayMs = 24 * 60 * 60 * 1000;

async function enrollAutoApproved(call: ScmCaller, commonName: string): Promise<number> {
  const reply = await call('POST', '/api/ssl/v1/enroll', {
    orgId: 1003,
    csr: (await makeCsr('ec256', commonName)).pem,
    certType: 3001,
    term: 365,
    customFields: [{ name: 'Service owner', value: 'clock-tests' }],
  });
  expect(reply.status, reply.text).toBe(200);
  return (reply.json as { sslId: number }).sslId;
}

const statusOf = async (call: ScmCaller, sslId: number) => ((await call('GET', `/api/ssl/v1/${sslId}`)).json as { status: string }).status;

describe('a manual clock', () => {
  it('moves only when told to, forward by advance and anywhere by set', () => {
    const clock = new ManualClock(1_000);
    const { now } = clock;
    expect(now()).toBe(1_000);
    expect(clock.advance(500)).toBe(1_500);
    expect(now()).toBe(1_500);
    clock.set(200);
    expect(now()).toBe(200);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.set(Number.NaN)).toThrow(RangeError);
  });
});

describe('the sandbox on a manual clock', () => {
  it('keeps an auto-approved certificate Applied until its clock passes the issue delay, however long that takes', async () => {
    await withSandbox({ certificates: 0, issueDelaySeconds: 2 }, async (sandbox, clock) => {
      const call = callerFor(sandbox, 'drao-computing');
      const sslId = await enrollAutoApproved(call, 'clock-applied.sandbox-university.example');
      expect(await statusOf(call, sslId)).toBe('Applied');
      clock.advance(1_999);
      expect(await statusOf(call, sslId)).toBe('Applied');
      expect(((await call('GET', `/api/ssl/v1?commonName=clock-applied`)).json as unknown[]).length).toBe(1);
      expect((await call('GET', `/api/ssl/v1/collect/${sslId}`)).json).toMatchObject({ code: 0 });
      clock.advance(1);
      expect(await statusOf(call, sslId)).toBe('Issued');
      expect((await call('HEAD', `/api/ssl/v1?commonName=clock-applied&status=Issued`)).headers.get('x-total-count')).toBe('1');
    });
  });

  it('keeps a DCV order submitted until its clock passes the check delay', async () => {
    await withSandbox({ certificates: 0, issueDelaySeconds: 600 }, async (sandbox, clock) => {
      const mrao = callerFor(sandbox, 'mrao');
      await createDomain(mrao, 'clock-dcv.example');
      await mrao('POST', '/api/dcv/v1/validation/submit/domain/txt', { domain: 'clock-dcv.example' });
      const status = async () => (await mrao('POST', '/api/dcv/v2/validation/status', { domain: 'clock-dcv.example' })).json;
      clock.advance(599_999);
      expect(await status()).toMatchObject({ status: 'NOT_VALIDATED', orderStatus: 'SUBMITTED' });
      clock.advance(1);
      expect(await status()).toMatchObject({ status: 'VALIDATED', orderStatus: 'NOT_INITIATED' });
    });
  });

  it('issues certificates, and makes its CA, at its clock’s time', async () => {
    const then = Date.UTC(2009, 5, 15, 12, 0, 0);
    const clock = new ManualClock(then);
    const sandbox = await startSandbox({ certificates: 0, issueDelaySeconds: 2, now: clock.now });
    try {
      const call = callerFor(sandbox, 'drao-computing');
      const sslId = await enrollAutoApproved(call, 'clock-then.sandbox-university.example');
      clock.advance(2_000);
      const [leaf, intermediate, root] = pemCertificates((await call('GET', `/api/ssl/v1/collect/${sslId}/x509`)).text) as [X509Certificate, X509Certificate, X509Certificate];
      expect(Date.parse(leaf.validFrom)).toBe(then + 2_000);
      expect(Date.parse(leaf.validTo)).toBe(then + 2_000 + 365 * dayMs);
      for (const issuer of [intermediate, root]) {
        expect(Date.parse(issuer.validFrom)).toBeLessThanOrEqual(then);
        expect(Date.parse(issuer.validTo)).toBeGreaterThan(then + 365 * dayMs);
      }
    } finally {
      await sandbox.stop();
    }
  });
});
