import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src/sandbox';
import { callerFor, idFromLocation, withSandbox } from './helpers';

const newAdmin = (login: string, type: string, password?: string) => ({
  type,
  login,
  email: `${login}@sandbox-university.example`,
  forename: 'Practice',
  surname: 'Admin',
  ...(password === undefined ? {} : { password }),
  credentials: [{ role: 'RAO_SSL', orgId: 1001 }],
  privileges: ['sslRequest'],
});

const seededLogins = ['mrao', 'rao', 'drao-physics', 'drao-computing', 'api-automation', 'rao-expired', 'api-new', 'rao-locked', 'rao-institute', 'drao-library'];

async function statusAs(sandbox: SandboxHandle, login: string, password: string): Promise<number> {
  return (await callerFor(sandbox, login, password)('GET', '/api/admin/v1/password')).status;
}

describe('admins one can practise as', () => {
  it('lists admins created in the sandbox after the seeded ones, dated by the sandbox’s clock, without a seeded password', async () => {
    await withSandbox({ certificates: 0 }, async (sandbox, clock) => {
      const before = sandbox.practiceLogins;
      const logins = sandbox.logins;
      expect(before.map((entry) => entry.login)).toEqual(seededLogins);
      const mrao = callerFor(sandbox, 'mrao');
      clock.set(Date.UTC(2025, 2, 14, 23, 30));
      expect((await mrao('POST', '/api/admin/v1', newAdmin('svc-standard', 'STANDARD', 'Practice-Pass-1234!'))).status).toBe(201);
      clock.advance(60 * 60_000);
      expect((await mrao('POST', '/api/admin/v1', newAdmin('svc-api', 'API', 'Practice-Pass-5678!'))).status).toBe(201);
      expect((await mrao('POST', '/api/admin/v1', newAdmin('idp-created', 'IDP'))).status).toBe(201);

      expect(sandbox.practiceLogins).toEqual([
        ...before,
        { login: 'svc-standard', description: 'Created in the sandbox on 2025-03-14', seeded: false, seededPasswordCurrent: false },
        { login: 'svc-api', description: 'Created in the sandbox on 2025-03-15', seeded: false, seededPasswordCurrent: false },
      ]);
      expect(sandbox.logins).toEqual(logins);
      expect(sandbox.seededPassword('svc-standard')).toBeUndefined();
      expect(sandbox.checkPassword('svc-api', 'Practice-Pass-5678!')).toBe(true);
    });
  });

  it('drops a created admin that no longer signs in with a password, or was deleted', async () => {
    await withSandbox({ certificates: 0 }, async (sandbox) => {
      const mrao = callerFor(sandbox, 'mrao');
      const toIdp = idFromLocation(await mrao('POST', '/api/admin/v1', newAdmin('svc-to-idp', 'STANDARD', 'Practice-Pass-1234!')));
      const deleted = idFromLocation(await mrao('POST', '/api/admin/v1', newAdmin('svc-deleted', 'STANDARD', 'Practice-Pass-1234!')));
      await mrao('POST', '/api/admin/v1', newAdmin('svc-kept', 'STANDARD', 'Practice-Pass-1234!'));
      const created = () => sandbox.practiceLogins.filter((entry) => !entry.seeded).map((entry) => entry.login);
      expect(created()).toEqual(['svc-to-idp', 'svc-deleted', 'svc-kept']);
      expect((await mrao('PUT', `/api/admin/v1/${toIdp}`, { type: 'IDP', identityProviderId: 1, idpPersonId: 'svc-to-idp@sandbox-university.example' })).status).toBe(200);
      expect((await mrao('DELETE', `/api/admin/v1/${deleted}`)).status).toBe(204);
      expect(created()).toEqual(['svc-kept']);
    });
  });

  it('keeps listing admins created in the sandbox after a restart from its state file', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'sandbox-practice-'));
    try {
      const stateFile = join(folder, 'state.json');
      await withSandbox({ stateFile, certificates: 0 }, async (sandbox, clock) => {
        clock.set(Date.UTC(2025, 4, 17, 12));
        await callerFor(sandbox, 'mrao')('POST', '/api/admin/v1', newAdmin('svc-saved', 'API', 'Practice-Pass-1234!'));
      });
      await withSandbox({ stateFile }, async (again) => {
        expect(again.practiceLogins.at(-1)).toEqual({ login: 'svc-saved', description: 'Created in the sandbox on 2025-05-17', seeded: false, seededPasswordCurrent: false });
        expect(await statusAs(again, 'svc-saved', 'Practice-Pass-1234!')).toBe(200);
      });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});

describe('the library’s DRAO', () => {
  it('is seeded with a password, in the roster, the logins and the practice logins', async () => {
    await withSandbox({ certificates: 0 }, async (sandbox) => {
      const password = sandbox.seededPassword('drao-library');
      expect(password).toMatch(/^[A-Z][a-z]+-[A-Z][a-z]+-\d{4}!$/);
      const description = 'DRAO for the University Library, which has the REST API off; may not edit the department';
      expect(sandbox.logins).toContainEqual({ login: 'drao-library', password, description });
      expect(sandbox.practiceLogins).toContainEqual({ login: 'drao-library', description, seeded: true, seededPasswordCurrent: true });
      const details = (await callerFor(sandbox, 'mrao')('GET', '/api/admin/v1/2014')).json;
      expect(details).toMatchObject({ id: 2014, login: 'drao-library', type: 'STANDARD', passwordState: 'ALIVE', credentials: [{ role: 'DRAO_SSL', orgId: 1004 }] });
      expect((details as { privileges: string[] }).privileges.sort()).toEqual(['allowDCV', 'allowManageDomains', 'sslManage', 'sslRenew', 'sslRequest', 'sslRevoke']);
    });
  });

  it('sees the library but may not edit it, and may not enroll there while its REST API is off', async () => {
    await withSandbox({ certificates: 0 }, async (sandbox) => {
      const drao = callerFor(sandbox, 'drao-library');
      expect((await drao('GET', '/api/organization/v1/1004')).json).toMatchObject({ id: 1004, sslCertsApiEnabled: false });
      expect((await drao('GET', '/api/organization/v1/1002')).status).toBe(404);
      const refused = await drao('PUT', '/api/organization/v1/1004', { sslCertsApiEnabled: true });
      expect(refused.status).toBe(400);
      expect(refused.json).toEqual({ code: -226, description: "Admin lacks privileges to manage 'University Library'" });
      expect((await drao('GET', '/api/ssl/v1/types?organizationId=1004')).json).toMatchObject({ code: -1021 });

      expect((await callerFor(sandbox, 'rao')('PUT', '/api/organization/v1/1004', { sslCertsApiEnabled: true })).status).toBe(200);
      expect((await drao('GET', '/api/ssl/v1/types?organizationId=1004')).status).toBe(200);
    });
  });

  it('leaves every other seeded admin’s id and password, and the rest of the seed, as the seed draws them', async () => {
    await withSandbox({ seed: 1, certificates: 5 }, async (sandbox) => {
      const ids = [...sandbox.store.admins.values()].map((admin) => [admin.id, admin.login]);
      expect(ids).toEqual([
        [2001, 'mrao'], [2002, 'rao'], [2003, 'drao-physics'], [2004, 'drao-computing'], [2005, 'api-automation'], [2006, 'idp-only'], [2007, 'rao-expired'],
        [2008, 'api-new'], [2009, 'rao-locked'], [2010, 'rao-institute'], [2011, null], [2012, null], [2013, null], [2014, 'drao-library'],
      ]);
      expect(sandbox.seededPassword('mrao')).toBe('Pine-Birch-5747!');
      expect(sandbox.seededPassword('rao')).toBe('Quartz-Lantern-9953!');
      expect(sandbox.seededPassword('rao-institute')).toBe('Tundra-River-9404!');
      expect(sandbox.seededPassword('drao-library')).toBe('River-River-1772!');
      const first = [...sandbox.store.ssl.values()][0]!;
      expect([first.commonName, first.renewId]).toEqual(['vpn388.institute.example', 'KS3RIoiUHIESpoHfgNxP']);
      expect([...sandbox.store.ssl.values()].filter((certificate) => certificate.requester === 'drao-library')).toEqual([]);
    });
  });
});
