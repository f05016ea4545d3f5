import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { startSandbox } from '../../src/sandbox';
import { callerFor, idFromLocation, testClock, withSandbox } from './helpers';

const apiAdmin = (login: string, extra: Record<string, unknown> = {}) => ({
  type: 'API',
  login,
  email: `${login}@sandbox-university.example`,
  forename: 'Api',
  surname: 'Admin',
  password: 'Temporary-Pass-1234!',
  credentials: [{ role: 'RAO_SSL', orgId: 1001 }],
  ...extra,
});

describe('sandbox variants (reference section 13)', () => {
  it('answers an unknown customerUri with 400 -410 when told to', async () => {
    await withSandbox({ unknownCustomerCode: -410 }, async (sandbox) => {
      const reply = await callerFor(sandbox, 'rao')('GET', '/api/organization/v1', undefined, { customerUri: 'no-such-customer' });
      expect(reply.status).toBe(400);
      expect(reply.json).toEqual({ code: -410, description: 'Customer no-such-customer cannot be found' });
    });
  });

  it('lets a new admin use the API at once with --first-login-change none', async () => {
    await withSandbox({ firstLoginChange: 'none' }, async (sandbox) => {
      await callerFor(sandbox, 'rao')('POST', '/api/admin/v1', apiAdmin('svc-now'));
      const fresh = callerFor(sandbox, 'svc-now', 'Temporary-Pass-1234!');
      expect((await fresh('GET', '/api/organization/v1')).status).toBe(200);
      expect((await fresh('GET', '/api/admin/v1/password')).json).toMatchObject({ state: 'ALIVE' });
    });
  });

  it('refuses admin type API and accepts wsApiUseOnly on a legacy server', async () => {
    await withSandbox({ legacyAdminTypes: true }, async (sandbox) => {
      const rao = callerFor(sandbox, 'mrao');
      expect((await rao('POST', '/api/admin/v1', apiAdmin('svc-legacy'))).json).toMatchObject({ code: -1601 });
      const reply = await rao('POST', '/api/admin/v1', apiAdmin('svc-legacy', { type: 'STANDARD', privileges: ['wsApiUseOnly', 'sslRequest'] }));
      expect(reply.status).toBe(201);
      expect((await rao('GET', `/api/admin/v1/${idFromLocation(reply)}`)).json).toMatchObject({ type: 'STANDARD', privileges: ['wsApiUseOnly', 'sslRequest'] });
      const privileges = (await rao('GET', '/api/admin/v1/privileges')).json as { name: string }[];
      expect(privileges.map((privilege) => privilege.name)).toContain('wsApiUseOnly');
    });
  });

  it('seeds no admin of type API on a legacy server: the API admins are STANDARD with wsApiUseOnly, same ids, logins and passwords', async () => {
    const clock = testClock();
    const current = await startSandbox({ certificates: 0, now: clock.now });
    const legacy = await startSandbox({ certificates: 0, now: clock.now, legacyAdminTypes: true });
    try {
      expect([...legacy.store.admins.values()].filter((admin) => admin.type === 'API')).toEqual([]);
      expect(legacy.logins).toEqual(current.logins);
      const mrao = callerFor(legacy, 'mrao');
      expect((await mrao('GET', '/api/admin/v1?type=API&size=200')).json).toEqual([]);
      for (const login of ['api-automation', 'api-new']) {
        const id = current.store.adminByLogin(login)!.id;
        expect(legacy.store.adminByLogin(login)!.id).toBe(id);
        const details = (await mrao('GET', `/api/admin/v1/${id}`)).json as { type: string; privileges: string[] };
        expect(details.type).toBe('STANDARD');
        expect(details.privileges).toEqual([...current.store.admins.get(id)!.privileges, 'wsApiUseOnly']);
      }
      const automation = callerFor(legacy, 'api-automation');
      expect((await automation('GET', '/api/organization/v1')).status).toBe(200);
      expect((await callerFor(legacy, 'api-new')('GET', '/api/admin/v1/password')).json).toMatchObject({ state: 'EXPIRED' });
    } finally {
      await Promise.all([current.stop(), legacy.stop()]);
    }
  });

  it('keeps the types of a state file’s admins when it is reused on a legacy server', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'sandbox-legacy-'));
    try {
      const stateFile = join(folder, 'state.json');
      await withSandbox({ stateFile, certificates: 0 }, async () => {});
      await withSandbox({ stateFile, legacyAdminTypes: true }, async (sandbox) => {
        expect(sandbox.store.adminByLogin('api-automation')).toMatchObject({ type: 'API' });
        expect(sandbox.store.adminByLogin('api-automation')!.privileges).not.toContain('wsApiUseOnly');
      });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('refuses wsApiUseOnly on a current server', async () => {
    await withSandbox({}, async (sandbox) => {
      const reply = await callerFor(sandbox, 'mrao')('POST', '/api/admin/v1', apiAdmin('svc-current', { type: 'STANDARD', privileges: ['wsApiUseOnly'] }));
      expect(reply.json).toMatchObject({ code: -1601 });
    });
  });

  it('answers 429 with Retry-After past the rate limit, per login and per second of its clock', async () => {
    await withSandbox({ rateLimit: 3 }, async (sandbox, clock) => {
      const rao = callerFor(sandbox, 'rao');
      const replies = await Promise.all(Array.from({ length: 8 }, () => rao('GET', '/api/admin/v1/idp')));
      const limited = replies.filter((reply) => reply.status === 429);
      expect(limited).toHaveLength(5);
      expect(limited[0]!.headers.get('retry-after')).toBe('1');
      expect(limited[0]!.json).toEqual({ code: -1, description: 'Too many requests' });
      expect((await callerFor(sandbox, 'mrao')('GET', '/api/admin/v1/idp')).status).toBe(200);
      clock.advance(1000);
      expect((await rao('GET', '/api/admin/v1/idp')).status).toBe(200);
    });
  });
});

describe('sandbox faults', () => {
  it('fails requests with 500, 502, 503 or a reset at the fault rate, on any route', async () => {
    await withSandbox({ faultRate: 1 }, async (sandbox) => {
      const rao = callerFor(sandbox, 'rao');
      const outcomes = new Set<string>();
      for (let attempt = 0; attempt < 40; attempt++) {
        try {
          const reply = await rao('GET', attempt % 2 === 0 ? '/api/organization/v1' : '/api/admin/v1');
          outcomes.add(String(reply.status));
        } catch {
          outcomes.add('reset');
        }
      }
      expect([...outcomes].every((outcome) => ['500', '502', '503', 'reset'].includes(outcome))).toBe(true);
      expect(outcomes.size).toBeGreaterThanOrEqual(3);
      sandbox.faults.faultRate = 0;
      expect((await rao('GET', '/api/organization/v1')).status).toBe(200);
    });
  });

  it('does the work of a request it never answers, as a lost response would', async () => {
    await withSandbox({ timeoutRate: 1 }, async (sandbox) => {
      // The work may finish after the client gives up on a slow machine, so the test waits for it, not for a time.
      const store = sandbox.store;
      const worked = new Promise<void>((resolve) => {
        const changed = store.changed.bind(store);
        store.changed = () => {
          changed();
          resolve();
        };
      });
      const started = Date.now();
      await expect(
        fetch(`${sandbox.url}/api/admin/v1`, {
          method: 'POST',
          headers: { login: 'rao', password: sandbox.logins.find((l) => l.login === 'rao')!.password, customerUri: sandbox.customerUri, 'content-type': 'application/json' },
          body: JSON.stringify(apiAdmin('svc-lost')),
          signal: AbortSignal.timeout(500),
        }),
      ).rejects.toThrow();
      expect(Date.now() - started).toBeGreaterThanOrEqual(450);
      await worked;
      expect([...sandbox.store.admins.values()].some((admin) => admin.login === 'svc-lost')).toBe(true);
    });
  });

  it('adds the configured latency to every response', async () => {
    await withSandbox({ latencyMs: 150 }, async (sandbox) => {
      const started = performance.now();
      expect((await callerFor(sandbox, 'rao')('GET', '/api/admin/v1/idp')).status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    });
  });
});

describe('sandbox state file', () => {
  it('keeps changes across a restart', async () => {
    const { mkdtemp } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const stateFile = join(await mkdtemp(join(tmpdir(), 'sandbox-state-')), 'state.json');
    let password = '';
    await withSandbox({ stateFile }, async (sandbox) => {
      password = sandbox.logins.find((login) => login.login === 'rao')!.password;
      expect((await callerFor(sandbox, 'rao')('POST', '/api/admin/v1', apiAdmin('svc-kept'))).status).toBe(201);
    });
    await withSandbox({ stateFile, seed: 99 }, async (sandbox) => {
      expect(sandbox.logins.find((login) => login.login === 'rao')!.password).toBe(password);
      const admins = (await callerFor(sandbox, 'rao')('GET', '/api/admin/v1?login=svc-kept')).json as { login: string }[];
      expect(admins.map((admin) => admin.login)).toEqual(['svc-kept']);
    });
  });

  it('writes its state a last time when stopped, and no more for a request that ends after', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'sandbox-stop-'));
    const sandbox = await startSandbox({ stateFile: join(folder, 'state.json'), certificates: 0 });
    expect((await callerFor(sandbox, 'rao')('POST', '/api/admin/v1', apiAdmin('svc-last'))).status).toBe(201);
    await sandbox.stop();
    expect(await readFile(join(folder, 'state.json'), 'utf8')).toContain('svc-last');
    // A change from a request still running: no write is scheduled that the process's exit could cut off.
    vi.useFakeTimers();
    try {
      sandbox.store.changed();
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
    expect(await readdir(folder)).toEqual(['state.json']);
    await rm(folder, { recursive: true, force: true });
  });

  it('gives the same data and passwords for the same seed', async () => {
    const clock = testClock();
    const first = await startSandbox({ seed: 7, certificates: 50, now: clock.now });
    const second = await startSandbox({ seed: 7, certificates: 50, now: clock.now });
    const other = await startSandbox({ seed: 8, certificates: 50, now: clock.now });
    try {
      expect(first.logins).toEqual(second.logins);
      expect([...first.store.ssl.values()].map((c) => [c.commonName, c.status, c.serialNumber])).toEqual([...second.store.ssl.values()].map((c) => [c.commonName, c.status, c.serialNumber]));
      expect(other.logins).not.toEqual(first.logins);
    } finally {
      await Promise.all([first.stop(), second.stop(), other.stop()]);
    }
  });
});
