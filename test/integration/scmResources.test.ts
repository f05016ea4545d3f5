import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificatesIn, orderChain } from '../../src/main/scm/chain';
import { ScmClient } from '../../src/main/scm/client';
import { DomainsApi } from '../../src/main/scm/domains';
import { NotificationsApi } from '../../src/main/scm/notifications';
import { collectAll } from '../../src/main/scm/paging';
import { PersonsApi, SmimeApi } from '../../src/main/scm/smime';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';

let sandbox: SandboxHandle;
let client: ScmClient;

beforeAll(async () => {
  sandbox = await startSandbox();
  const password = sandbox.logins.find((candidate) => candidate.login === 'rao')!.password;
  client = new ScmClient({ baseUrl: sandbox.url, auth: { kind: 'password', login: 'rao', customerUri: sandbox.customerUri, password: async () => password } });
});

afterAll(async () => {
  await client.close();
  await sandbox.stop();
});

describe('the SCM client for client certificates, domains and notifications, against the sandbox', () => {
  it('lists client certificates with ISO dates and collects an issued one with its chain', async () => {
    const rows = await collectAll(new SmimeApi(client).list({ state: 'issued' }));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.state === 'issued' && /^\d{4}-\d{2}-\d{2}$/.test(row.expires ?? ''))).toBe(true);
    const chain = orderChain(certificatesIn(await new SmimeApi(client).collect(rows[0]!.backendCertId, { format: 'base64' })));
    expect(chain).toHaveLength(3);
    expect(new X509Certificate(chain[0]!).checkIssued(new X509Certificate(chain[1]!))).toBe(true);
  });

  it('finds a person by email, ignoring case', async () => {
    const email = [...sandbox.store.persons.values()][0]!.email;
    expect((await new PersonsApi(client).findByEmail(email.toUpperCase()))?.email).toBe(email);
    expect(await new PersonsApi(client).findByEmail('nobody@sandbox-university.example')).toBeUndefined();
  });

  it('reads domains with their delegations and validations', async () => {
    const domains = new DomainsApi(client);
    const rows = await domains.list();
    expect(rows.map((row) => row.name)).toContain('sandbox-university.example');
    const details = await domains.get(rows.find((row) => row.name === 'physics.sandbox-university.example')!.id);
    expect(details).toMatchObject({ validationStatus: 'VALIDATED', delegations: [expect.objectContaining({ orgId: 1002 })] });
    expect(details.dcvExpiration).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const soon = await domains.validations({ expiresIn: 30 });
    expect(soon.map((row) => row.domain)).toEqual(['physics.sandbox-university.example']);
  });

  it('lists the notification types SCM offers and the rules that exist', async () => {
    const notifications = new NotificationsApi(client);
    expect(await notifications.types()).toEqual(expect.arrayContaining(['SSLExpiration', 'DCVExpiration']));
    const rules = await notifications.list();
    expect(rules.find((rule) => rule.type === 'SSLExpiration')).toMatchObject({ active: true, days: 30 });
  });
});
