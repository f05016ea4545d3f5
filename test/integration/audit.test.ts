import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCredentialStore } from '../../src/main/credentials';
import { ScmClient, type ScmWrite } from '../../src/main/scm/client';
import { NotificationsApi } from '../../src/main/scm/notifications';
import { sslInventory } from '../../src/main/scm/reports';
import { SslApi } from '../../src/main/scm/ssl';
import { AuditService } from '../../src/main/services/audit';
import { Notices } from '../../src/main/services/notices';
import { ProfileService } from '../../src/main/services/profiles';
import { SandboxRunner } from '../../src/main/services/sandboxRunner';
import { SessionService } from '../../src/main/services/session';
import { ManualClock, startSandbox, type SandboxHandle } from '../../src/sandbox';

let tenant: SandboxHandle;
const open: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  tenant = await startSandbox({ certificates: 5, seed: 23, now: new ManualClock(Date.UTC(2026, 0, 15)).now });
});

afterAll(async () => {
  await tenant.stop();
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((item) => item.close()));
});

async function setUp() {
  const folder = await mkdtemp(join(tmpdir(), 'tcs-audit-'));
  const profiles = new ProfileService({ userDataDir: folder, credentials: new MemoryCredentialStore(), notices: new Notices() });
  const sandbox = new SandboxRunner(folder, { certificates: 0 });
  open.push({ close: () => sandbox.stop() });
  const audit = new AuditService({ userDataDir: folder });
  const session = new SessionService({ profiles, sandbox, audit });
  open.push(session);
  return { folder, profiles, session, audit };
}

async function auditText(folder: string): Promise<string> {
  return readFile(join(folder, 'audit.jsonl'), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
}

async function auditLines(folder: string): Promise<Record<string, unknown>[]> {
  return (await auditText(folder))
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('the audit log, through the session', () => {
  it('records a password change once, with who, where and how it ended, and never a password', async () => {
    const { folder, profiles, session } = await setUp();
    const current = tenant.seededPassword('rao-expired')!;
    const { id } = await profiles.create({ name: 'Expired RAO', host: tenant.url, customerUri: tenant.customerUri, login: 'rao-expired', authKind: 'password' }, current);
    expect((await session.signIn(id)).status).toBe('password-expired');
    // Signing in only reads.
    expect(await auditLines(folder)).toEqual([]);

    const typed = 'Audited-Change-81!';
    expect((await session.changePassword(id, { newPassword: typed, currentPassword: current })).session.status).toBe('signed-in');
    expect(await auditLines(folder)).toEqual([
      {
        time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
        who: 'rao-expired',
        profileId: id,
        profileName: 'Expired RAO',
        tenant: `${tenant.customerUri} @ 127.0.0.1:${tenant.port}`,
        operation: 'change the password',
        method: 'POST',
        path: '/api/admin/v1/changepassword',
        objectIds: [],
        result: 'ok',
        status: 204,
        scmCode: null,
        durationMs: expect.any(Number),
      },
    ]);
    const text = await auditText(folder);
    expect(text).not.toContain(typed);
    expect(text).not.toContain(current);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('records a change SCM refused as failed, with its code', async () => {
    const { folder, profiles, session } = await setUp();
    const scratch = await startSandbox({ certificates: 0, seed: 29 });
    try {
      const old = scratch.seededPassword('rao-expired')!;
      const { id } = await profiles.create({ name: 'scratch', host: scratch.url, customerUri: scratch.customerUri, login: 'rao-expired', authKind: 'password' }, old);
      expect((await session.signIn(id)).status).toBe('password-expired');
      await expect(session.changePassword(id, { newPassword: old, currentPassword: old })).rejects.toThrow();
      const [line, ...rest] = await auditLines(folder);
      expect(rest).toEqual([]);
      expect(line).toMatchObject({ operation: 'change the password', result: 'failed', status: expect.any(Number), scmCode: expect.any(Number) });
      expect(await auditText(folder)).not.toContain(old);
    } finally {
      await scratch.stop();
    }
  });

  it('records the Sandbox profile’s changes as the built-in sandbox', async () => {
    const { folder, session } = await setUp();
    expect((await session.signIn('sandbox')).status).toBe('signed-in');
    const notifications = new NotificationsApi(session.client());
    const created = await notifications.create({ description: 'Audit practice', type: 'SSLExpiration', selectedOrgType: 'SELECTED', orgIds: [1001], notifyRoles: ['ORGANIZATION_CONTACT'], days: 30 });
    await notifications.delete(created);
    const lines = await auditLines(folder);
    expect(lines.map((line) => [line.method, line.path, line.objectIds, line.result])).toEqual([
      ['POST', '/api/notification/v1', [created], 'ok'],
      ['DELETE', `/api/notification/v1/${created}`, [created], 'ok'],
    ]);
    expect(lines.every((line) => line.tenant === 'built-in sandbox' && line.profileId === 'sandbox' && line.who === 'rao')).toBe(true);
  });
});

describe('the SCM client’s write hook', () => {
  function clientFor(target: SandboxHandle, login: string, writes: ScmWrite[], now?: () => number): ScmClient {
    const client = new ScmClient({
      baseUrl: target.url,
      auth: { kind: 'password', login, customerUri: target.customerUri, password: async () => target.seededPassword(login)! },
      onWrite: (write) => void writes.push(write),
      ...(now === undefined ? {} : { now }),
    });
    open.push(client);
    return client;
  }

  it('is not told of reads, reports included, which SCM takes as POSTs', async () => {
    const writes: ScmWrite[] = [];
    const client = clientFor(tenant, 'mrao', writes);
    await new NotificationsApi(client).list();
    await sslInventory(client, new SslApi(client));
    expect(writes).toEqual([]);
  });

  it('is told once per write, with the id SCM gave in Location and the time it took by the client’s clock', async () => {
    const writes: ScmWrite[] = [];
    let ticks = 0;
    const client = clientFor(tenant, 'mrao', writes, () => Date.UTC(2026, 0, 15) + 40 * ticks++);
    const id = await new NotificationsApi(client).create({ description: 'Hooked once', type: 'SSLExpiration', selectedOrgType: 'ANY', notifyRoles: ['ORGANIZATION_CONTACT'], days: 30 });
    expect(writes).toEqual([
      {
        time: '2026-01-15T00:00:00.000Z',
        who: 'mrao',
        operation: 'create notification “Hooked once”',
        method: 'POST',
        path: '/api/notification/v1',
        objectIds: [id],
        result: 'ok',
        status: 201,
        scmCode: null,
        durationMs: 40,
      },
    ]);
  });

  it('says the outcome is unknown when the connection broke after a write was sent', async () => {
    const server = createServer((request) => request.socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const writes: ScmWrite[] = [];
      const client = new ScmClient({
        baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        auth: { kind: 'password', login: 'rao', customerUri: 'x', password: async () => 'Never-Logged-1!' },
        onWrite: (write) => void writes.push(write),
        retry: { attempts: 1 },
      });
      open.push(client);
      await expect(client.call({ method: 'DELETE', path: '/api/admin/v1/42', query: { reason: 'left' }, operation: 'delete admin 42' })).rejects.toThrow();
      expect(writes).toHaveLength(1);
      expect(writes[0]).toMatchObject({ method: 'DELETE', path: '/api/admin/v1/42', objectIds: [42], status: null, result: 'outcome-unknown' });
      const posted: ScmWrite[] = [];
      const poster = new ScmClient({
        baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        auth: { kind: 'password', login: 'rao', customerUri: 'x', password: async () => 'Never-Logged-1!' },
        onWrite: (write) => void posted.push(write),
        retry: { attempts: 1 },
      });
      open.push(poster);
      await expect(poster.call({ method: 'POST', path: '/api/ssl/v1/revoke/7', body: { reason: 'secret-looking text' }, operation: 'revoke SSL certificate 7' })).rejects.toThrow();
      expect(posted).toMatchObject([{ result: 'outcome-unknown', objectIds: [7], path: '/api/ssl/v1/revoke/7' }]);
      expect(JSON.stringify(posted)).not.toContain('secret-looking');
      expect(JSON.stringify(posted)).not.toContain('Never-Logged');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('is not told of a write that never left, and its own failure does not hide SCM’s answer', async () => {
    const writes: ScmWrite[] = [];
    const locked = new ScmClient({
      baseUrl: tenant.url,
      auth: { kind: 'password', login: 'mrao', customerUri: tenant.customerUri, password: () => Promise.reject(new Error('keychain locked')) },
      onWrite: (write) => void writes.push(write),
    });
    open.push(locked);
    await expect(locked.call({ method: 'DELETE', path: '/api/notification/v1/1', operation: 'delete notification 1' })).rejects.toThrow('keychain locked');
    expect(writes).toEqual([]);

    const failing = clientFor(tenant, 'mrao', []);
    const broken = new ScmClient({
      baseUrl: tenant.url,
      auth: { kind: 'password', login: 'mrao', customerUri: tenant.customerUri, password: async () => tenant.seededPassword('mrao')! },
      onWrite: () => Promise.reject(new Error('disk full')),
    });
    open.push(broken);
    const id = await new NotificationsApi(broken).create({ description: 'Hook fails', type: 'SSLExpiration', selectedOrgType: 'ANY', notifyRoles: ['ORGANIZATION_CONTACT'], days: 30 });
    expect((await new NotificationsApi(failing).list()).some((rule) => rule.id === id)).toBe(true);
  });
});
