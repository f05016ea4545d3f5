import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminsApi } from '../../src/main/scm/admins';
import { certificatesIn, orderChain, readChain } from '../../src/main/scm/chain';
import { ScmClient } from '../../src/main/scm/client';
import { ScmClientError } from '../../src/main/scm/errors';
import { OrganizationsApi } from '../../src/main/scm/organizations';
import { collectAll } from '../../src/main/scm/paging';
import { inventoryFromDetails, sslInventory } from '../../src/main/scm/reports';
import { SslApi } from '../../src/main/scm/ssl';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';
import { makeCsr } from '../sandbox/ssl-helpers';

let sandbox: SandboxHandle;
const clients: ScmClient[] = [];

function clientFor(login: string, options: { headersMs?: number } = {}): ScmClient {
  const password = sandbox.logins.find((candidate) => candidate.login === login)!.password;
  const client = new ScmClient({
    baseUrl: sandbox.url,
    auth: { kind: 'password', login, customerUri: sandbox.customerUri, password: async () => password },
    retry: { baseDelayMs: 5, maxDelayMs: 50 },
    ...(options.headersMs === undefined ? {} : { timeouts: { normal: { headersMs: options.headersMs, bodyMs: options.headersMs }, long: { headersMs: options.headersMs, bodyMs: options.headersMs } } }),
  });
  clients.push(client);
  return client;
}

beforeAll(async () => {
  sandbox = await startSandbox({ issueDelaySeconds: 0.3 });
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await sandbox.stop();
});

const fastPoll = { sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.min(ms, 100))) };

describe('the SCM client for SSL, organizations and admins, against the sandbox', () => {
  it('reads organizations with their REST API flags, and the caller’s password state', async () => {
    const rao = clientFor('rao');
    const orgs = await new OrganizationsApi(rao).list();
    expect(orgs).toEqual([{ id: 1001, name: 'Sandbox University', departments: expect.arrayContaining([{ id: 1004, name: 'University Library' }]) }]);
    expect(await new OrganizationsApi(rao).get(1004)).toMatchObject({ sslCertsApiEnabled: false, clientCertsApiEnabled: false, parentId: 1001 });
    const password = await new AdminsApi(rao).passwordStatus();
    expect(password.state).toBe('ALIVE');
    expect(password.expires).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('orders, waits for issuance and collects a certificate whose chain comes back leaf to root in every format', async () => {
    const computing = new SslApi(clientFor('drao-computing'));
    const csr = await makeCsr('ec256', 'client-test.sandbox-university.example');
    const order = await computing.enroll({ orgId: 1003, csr: csr.pem, profileId: 3001, term: 365, customFields: [{ name: 'Service owner', value: 'tests' }], comments: 'made by a test' });
    expect(order.id).toBeGreaterThan(0);
    const details = await computing.get(order.id);
    expect(details.comments).toContain(order.marker);
    expect(details.requested).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const chain = await computing.collectChain(order.id, fastPoll);
    expect(chain).toHaveLength(3);
    const [leaf, intermediate, root] = chain.map((pem) => new X509Certificate(pem));
    expect(leaf!.subject).toContain('client-test.sandbox-university.example');
    expect(Buffer.from(leaf!.publicKey.export({ type: 'spki', format: 'der' }))).toEqual(csr.spki);
    expect(leaf!.checkIssued(intermediate!)).toBe(true);
    expect(intermediate!.checkIssued(root!)).toBe(true);
    for (const format of ['pem', 'x509R', 'pemia', 'base64', 'bin']) {
      const body = await computing.collect(order.id, { format, ...fastPoll });
      expect(orderChain(certificatesIn(body)), format).toEqual(chain);
    }
  });

  it('says in its own words when a downloaded chain holds no certificate it can read', () => {
    const truncated = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n';
    for (const body of [Buffer.from('<html>maintenance</html>'), Buffer.from(truncated), Buffer.from([0x30, 0x82, 0xff, 0xff, 0x01]), Buffer.alloc(0)]) {
      let caught: unknown;
      try {
        readChain(body, 'client certificate 7');
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ScmClientError);
      const error = caught as ScmClientError;
      expect(error.kind).toBe('protocol');
      expect(error.message).toBe("Could not download client certificate 7: SCM's answer held no certificate the console could read.");
    }
  });

  it('waits while a certificate awaits approval, gives up at its deadline, and collects once approved', async () => {
    const physics = new SslApi(clientFor('drao-physics'));
    const csr = await makeCsr('rsa2048', 'pending-test.physics.sandbox-university.example');
    const order = await physics.enroll({ orgId: 1002, csr: csr.pem, profileId: 3001, term: 365, customFields: [{ name: 'Service owner', value: 'tests' }] });
    const waiting = (await physics.collect(order.id, { deadlineMs: 300, ...fastPoll }).catch((caught: unknown) => caught)) as ScmClientError;
    expect(waiting).toBeInstanceOf(ScmClientError);
    expect(waiting.kind).toBe('pending');
    await new SslApi(clientFor('rao')).approve(order.id, 'approved by a test');
    expect((await physics.collectChain(order.id, { deadlineMs: 10_000, ...fastPoll })).length).toBe(3);
  });

  it('finds an order whose answer was lost instead of ordering it twice', async () => {
    const computing = new SslApi(clientFor('drao-computing', { headersMs: 600 }));
    const csr = await makeCsr('ec256', 'lost-answer.sandbox-university.example');
    const before = sandbox.store.ssl.size;
    const enrollsBefore = sandbox.requestCounts.get('POST /api/ssl/v1/enroll') ?? 0;
    // The enroll is done but never answered; later calls are answered again.
    sandbox.faults.loseNextAnswers = 1;
    const order = await computing.enroll({ orgId: 1003, csr: csr.pem, profileId: 3001, term: 365, customFields: [{ name: 'Service owner', value: 'tests' }] });
    expect(sandbox.requestCounts.get('POST /api/ssl/v1/enroll')).toBe(enrollsBefore + 1);
    expect(sandbox.store.ssl.size).toBe(before + 1);
    expect(sandbox.store.ssl.get(order.id)?.comments).toContain(order.marker);
  });

  it('builds the inventory from one report request, and from the list and details where it must', async () => {
    const mrao = clientFor('mrao');
    const ssl = new SslApi(mrao);
    const byReport = await sslInventory(mrao, ssl, { organizationIds: [1002] });
    expect(byReport.source).toBe('report');
    const listed = await collectAll(ssl.list({ orgId: 1002 }));
    expect(byReport.rows.map((row) => row.id).sort()).toEqual(listed.map((row) => row.id).sort());
    const progress: number[] = [];
    const byDetails = await inventoryFromDetails(ssl, { orgId: 1002 }, { onProgress: ({ done }) => progress.push(done) });
    const essentials = (rows: typeof byDetails) => rows.map((row) => [row.id, row.status, row.commonName, row.expires?.slice(0, 10) ?? null]).sort();
    expect(essentials(byDetails)).toEqual(essentials(byReport.rows));
    expect(progress.at(-1)).toBe(byDetails.length);
  });

  it('revokes once, and treats revoking again as done', async () => {
    const rao = new SslApi(clientFor('rao'));
    const [issued] = (await collectAll(rao.list({ orgId: 1001, status: 'Issued' }, { pageSize: 5 }))).slice(0, 1);
    await rao.revoke(issued!.id, 4, 'superseded in a test');
    expect((await rao.get(issued!.id)).status).toBe('Revoked');
    await rao.revoke(issued!.id, 4, 'superseded in a test');
  });
});
