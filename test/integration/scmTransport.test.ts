import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ScmClient, type ScmClientOptions } from '../../src/main/scm/client';
import { ScmClientError } from '../../src/main/scm/errors';
import { collectAll, listAll } from '../../src/main/scm/paging';
import { startSandbox, type SandboxHandle, type SandboxOptions } from '../../src/sandbox';

const running: { sandbox: SandboxHandle; client: ScmClient }[] = [];

async function connect(login: string, sandboxOptions: SandboxOptions = {}, clientOptions: Partial<ScmClientOptions> = {}) {
  const sandbox = await startSandbox({ issueDelaySeconds: 0.2, ...sandboxOptions });
  const password = sandbox.logins.find((candidate) => candidate.login === login)!.password;
  const client = new ScmClient({
    baseUrl: sandbox.url,
    auth: { kind: 'password', login, customerUri: sandbox.customerUri, password: async () => password },
    retry: { baseDelayMs: 5, maxDelayMs: 50 },
    ...clientOptions,
  });
  running.push({ sandbox, client });
  return { sandbox, client, password };
}

afterEach(async () => {
  for (const { sandbox, client } of running.splice(0)) {
    await client.close();
    await sandbox.stop();
  }
});

const sslIdentity = z.looseObject({ sslId: z.number(), commonName: z.string() });

describe('the SCM client transport and paging, against the sandbox', () => {
  it('lists every certificate once, in the order SCM gives, with progress', async () => {
    const { sandbox, client } = await connect('mrao', { certificates: 1234 });
    const progress: number[] = [];
    const rows = await collectAll(
      listAll(client, { path: '/api/ssl/v1', operation: 'list SSL certificates' }, sslIdentity, { onProgress: ({ done, total }) => progress.push(done / total) }),
    );
    expect(rows.map((row) => row.sslId)).toEqual([...sandbox.store.ssl.keys()]);
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('lists 100,000 certificates through the SSL module, each once and in order', async () => {
    const { client } = await connect('mrao', { certificates: 100_000 });
    const { SslApi } = await import('../../src/main/scm/ssl');
    let pages = 0;
    let previous = -1;
    let ordered = true;
    const seen = new Set<number>();
    for await (const page of new SslApi(client).list()) {
      pages += 1;
      for (const row of page) {
        if (row.id <= previous) ordered = false;
        previous = row.id;
        seen.add(row.id);
      }
    }
    expect(seen.size).toBe(100_000);
    expect(ordered).toBe(true);
    expect(pages).toBe(500);
  }, 120_000);

  it('still returns complete, correct results when a fifth of requests fail', async () => {
    const { sandbox, client } = await connect('mrao', { certificates: 3000, faultRate: 0.2 }, { retry: { attempts: 8, baseDelayMs: 5, maxDelayMs: 40 } });
    const rows = await collectAll(listAll(client, { path: '/api/ssl/v1', operation: 'list SSL certificates' }, sslIdentity));
    expect(rows.map((row) => row.sslId)).toEqual([...sandbox.store.ssl.keys()]);
  });

  it('waits as long as Retry-After says when SCM rate-limits, then succeeds', async () => {
    const waits: number[] = [];
    const sleep = async (ms: number): Promise<void> => {
      waits.push(ms);
      await new Promise((resolve) => setTimeout(resolve, ms));
    };
    const { client } = await connect('rao', { rateLimit: 2 }, { sleep });
    const replies = await Promise.all(Array.from({ length: 6 }, () => client.call({ method: 'GET', path: '/api/admin/v1/idp', operation: 'list identity providers' })));
    expect(replies.every((reply) => reply.status === 200)).toBe(true);
    expect(waits).toContain(1000);
  });

  it('never repeats a create whose answer was lost, and says its outcome is unknown', async () => {
    const { sandbox, client } = await connect('rao', { timeoutRate: 1 }, { timeouts: { normal: { headersMs: 600, bodyMs: 600 } } });
    const error = await client
      .create({
        method: 'POST',
        path: '/api/admin/v1',
        body: { type: 'API', login: 'svc-once', email: 'svc@sandbox-university.example', forename: 'Svc', surname: 'Once', password: 'Temporary-Pass-1234!', credentials: [{ role: 'RAO_SSL', orgId: 1001 }] },
        operation: 'create the admin',
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ScmClientError);
    expect((error as ScmClientError).kind).toBe('timeout');
    expect((error as ScmClientError).outcomeUnknown).toBe(true);
    expect((error as ScmClientError).hint).toContain('Check before you try again');
    expect(sandbox.requestCounts.get('POST /api/admin/v1')).toBe(1);
    expect([...sandbox.store.admins.values()].filter((admin) => admin.login === 'svc-once')).toHaveLength(1);
  });

  it('repeats a read whose connection was reset until it gets an answer', async () => {
    const { sandbox, client } = await connect('rao');
    sandbox.faults.timeoutRate = 0;
    sandbox.faults.faultRate = 0.5;
    const orgs = await client.json({ method: 'GET', path: '/api/organization/v1', operation: 'list organizations' }, z.array(z.looseObject({ id: z.number() })));
    expect(orgs.map((org) => org.id)).toEqual([1001]);
  });

  it('turns SCM errors into typed errors with the code, SCM’s text, a next step and the handbook entry, and no password', async () => {
    const { client, password } = await connect('rao');
    const wrong = new ScmClient({
      baseUrl: client.origin,
      auth: { kind: 'password', login: 'rao', customerUri: 'sandbox-university', password: async () => `${password}-wrong` },
    });
    try {
      const error = (await wrong.call({ method: 'GET', path: '/api/organization/v1', operation: 'list organizations' }).catch((caught: unknown) => caught)) as ScmClientError;
      expect(error).toBeInstanceOf(ScmClientError);
      expect(error.kind).toBe('auth');
      expect(error.code).toBe(-16);
      expect(error.status).toBe(401);
      expect(error.message).toContain('Unknown user');
      expect(error.anchor).toBe('errors#scm-16');
      expect(error.toAppError()).toMatchObject({ kind: 'auth', code: -16, anchor: 'errors#scm-16' });
      const everything = `${String(error)} ${JSON.stringify(error)} ${JSON.stringify(error.toAppError())} ${error.stack ?? ''}`;
      expect(everything).not.toContain(password);
    } finally {
      await wrong.close();
    }
    const disabled = (await client.call({ method: 'GET', path: '/api/ssl/v1/types', query: { organizationId: 1004 }, operation: 'list SSL profiles' }).catch((caught: unknown) => caught)) as ScmClientError;
    expect(disabled.kind).toBe('api-disabled');
    expect(disabled.code).toBe(-1021);
  });

  it('names the missing field when SCM’s answer lacks one the console needs', async () => {
    const { client } = await connect('rao');
    const error = (await client
      .json({ method: 'GET', path: '/api/organization/v1', operation: 'list organizations' }, z.array(z.looseObject({ id: z.number(), shortName: z.string() })))
      .catch((caught: unknown) => caught)) as ScmClientError;
    expect(error.kind).toBe('protocol');
    expect(error.message).toContain('field 0.shortName');
  });

  it('stops a long listing when cancelled', async () => {
    const { client } = await connect('mrao', { certificates: 5000, latencyMs: 30 });
    const controller = new AbortController();
    const pages: number[] = [];
    const error = await (async () => {
      for await (const page of listAll(client, { path: '/api/ssl/v1', operation: 'list SSL certificates' }, sslIdentity, { signal: controller.signal, concurrency: 2 })) {
        pages.push(page.length);
        if (pages.length === 2) controller.abort();
      }
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ScmClientError);
    expect((error as ScmClientError).kind).toBe('cancelled');
    expect(pages.length).toBeLessThan(25);
  });
});
