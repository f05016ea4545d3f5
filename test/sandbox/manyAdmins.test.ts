import { describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';
import type { Admin } from '../../src/sandbox/state/model';
import { callerFor, testClock, useSandbox } from './helpers';

const dayMs = 86_400_000;
const sandbox = useSandbox({ admins: 2_000, certificates: 10 });

/** The seeded admins as data, without their password hashes (salted afresh by each sandbox). */
function seededData(handle: SandboxHandle): Omit<Admin, 'passwordHash'>[] {
  return [...handle.store.admins.values()].map(({ passwordHash: _hash, ...admin }) => admin);
}

describe('a sandbox seeded with many admins (--admins)', () => {
  it('seeds that many admins in all, each with its own id and login, the practice roster first', () => {
    const admins = [...sandbox().store.admins.values()];
    expect(admins).toHaveLength(2_000);
    expect(admins.slice(0, 2).map((admin) => admin.login)).toEqual(['mrao', 'rao']);
    expect(new Set(admins.map((admin) => admin.id)).size).toBe(2_000);
    const logins = admins.flatMap((admin) => (admin.login === null ? [] : [admin.login]));
    expect(new Set(logins).size).toBe(logins.length);
    const otherIds = [...sandbox().store.organizations.keys(), ...sandbox().store.profiles.keys(), ...sandbox().store.domains.keys(), ...sandbox().store.persons.keys(), ...sandbox().store.smime.keys(), ...sandbox().store.ssl.keys()];
    expect(otherIds.filter((id) => sandbox().store.admins.has(id))).toEqual([]);
  });

  it('spreads them over every type, organization and department, with varied roles and privileges', () => {
    const admins = [...sandbox().store.admins.values()];
    const count = (test: (admin: Admin) => boolean) => admins.filter(test).length;
    for (const type of ['STANDARD', 'API', 'IDP', 'SAS'] as const) expect(count((admin) => admin.type === type)).toBeGreaterThan(50);
    const units = new Set(admins.flatMap((admin) => admin.credentials.map((credential) => credential.orgId)));
    expect([...sandbox().store.organizations.keys()].every((id) => units.has(id))).toBe(true);
    const roles = new Set(admins.flatMap((admin) => admin.credentials.map((credential) => credential.role)));
    expect([...roles].sort()).toEqual(expect.arrayContaining(['DRAO_SMIME', 'DRAO_SSL', 'MRAO', 'RAO_CS', 'RAO_SMIME', 'RAO_SSL']));
    expect(new Set(admins.map((admin) => [...admin.privileges].sort().join())).size).toBeGreaterThan(100);
  });

  it('makes some suspended, some without a login, and passwords expired, ending within 14 days or later', () => {
    const now = sandbox.clock.now();
    const admins = [...sandbox().store.admins.values()];
    const count = (test: (admin: Admin) => boolean) => admins.filter(test).length;
    expect(count((admin) => admin.activeStatus === 'SUSPENDED')).toBeGreaterThan(20);
    expect(count((admin) => admin.login === null && (admin.type === 'IDP' || admin.type === 'SAS'))).toBeGreaterThan(100);
    expect(count((admin) => admin.login === null && (admin.type === 'STANDARD' || admin.type === 'API'))).toBe(0);
    const expires = admins.flatMap((admin) => (admin.passwordExpires === null ? [] : [admin.passwordExpires]));
    expect(expires.filter((time) => time <= now).length).toBeGreaterThan(20);
    expect(expires.filter((time) => time > now && time <= now + 14 * dayMs).length).toBeGreaterThan(20);
    expect(expires.filter((time) => time > now + 14 * dayMs).length).toBeGreaterThan(200);
    const idp = admins.filter((admin) => admin.type === 'IDP');
    expect(idp.filter((admin) => admin.idpPersonId !== '' && admin.identityProviderId === 1).length / idp.length).toBeGreaterThan(0.7);
  });

  it('gives every admin roles SCM would accept: one level, one unit per role, RAO on organizations, DRAO on departments, DCV for SSL only', () => {
    const store = sandbox().store;
    for (const admin of store.admins.values()) {
      expect(admin.credentials.length).toBeGreaterThan(0);
      expect(new Set(admin.credentials.map((credential) => credential.role.split('_')[0])).size).toBe(1);
      expect(new Set(admin.credentials.map((credential) => credential.role)).size).toBe(admin.credentials.length);
      for (const { role, orgId } of admin.credentials) {
        if (role === 'MRAO') expect(orgId).toBeNull();
        else expect(store.organization(orgId!)?.parentId === null).toBe(role.startsWith('RAO_'));
      }
      if (admin.privileges.includes('allowDCV')) expect(admin.credentials.some((credential) => credential.role === 'MRAO' || credential.role.endsWith('_SSL'))).toBe(true);
    }
  });

  it('seeds the same admins for the same seed, and the rest of the data as without them', async () => {
    // Seeded dates count from the sandbox's start, so the others start at the same moment.
    const sameStart = { now: sandbox.clock.now };
    const again = await startSandbox({ admins: 2_000, certificates: 10, ...sameStart });
    const fewer = await startSandbox({ certificates: 10, ...sameStart });
    try {
      expect(seededData(again)).toEqual(seededData(sandbox()));
      expect(fewer.store.admins.size).toBe(14);
      expect(seededData(fewer)).toEqual(seededData(sandbox()).slice(0, 14));
      const certificates = (handle: SandboxHandle) => [...handle.store.ssl.values()].map(({ renewId, serialNumber, requester, expires }) => ({ renewId, serialNumber, requester, expires }));
      expect(certificates(fewer)).toEqual(certificates(sandbox()));
    } finally {
      await Promise.all([again.stop(), fewer.stop()]);
    }
  });

  it('gives as many admins in all as asked for, from the practice roster alone upwards', async () => {
    const sameStart = { certificates: 0, now: sandbox.clock.now };
    const roster = await startSandbox({ admins: 14, ...sameStart });
    const oneMore = await startSandbox({ admins: 15, ...sameStart });
    try {
      expect(roster.store.admins.size).toBe(14);
      expect(oneMore.store.admins.size).toBe(15);
      expect(seededData(oneMore)).toEqual(seededData(sandbox()).slice(0, 15));
    } finally {
      await Promise.all([roster.stop(), oneMore.stop()]);
    }
  });

  it('makes the API admins STANDARD with wsApiUseOnly on a legacy server, and changes nothing else', async () => {
    const legacy = await startSandbox({ admins: 2_000, certificates: 10, now: sandbox.clock.now, legacyAdminTypes: true });
    try {
      const current = seededData(sandbox());
      expect(current.filter((admin) => admin.type === 'API').length).toBeGreaterThan(50);
      expect(seededData(legacy)).toEqual(current.map((admin) => (admin.type === 'API' ? { ...admin, type: 'STANDARD', privileges: [...admin.privileges, 'wsApiUseOnly'] } : admin)));
    } finally {
      await legacy.stop();
    }
  });

  it('pages them 200 at most, with X-Total-Count, and lets their admins be read and changed', async () => {
    const mrao = callerFor(sandbox(), 'mrao');
    const first = await mrao('GET', '/api/admin/v1?position=1900&size=200');
    expect(first.headers.get('x-total-count')).toBe('2000');
    expect((first.json as unknown[]).length).toBe(100);
    expect((await mrao('GET', '/api/admin/v1?size=201')).json).toMatchObject({ code: -1601 });
    const [someone] = (await mrao('GET', '/api/admin/v1?type=STANDARD&position=100&size=1')).json as { id: number; login: string }[];
    expect((await mrao('PUT', `/api/admin/v1/${someone!.id}`, { title: 'Dr' })).status).toBe(200);
    const unknownPassword = await fetch(`${sandbox().url}/api/organization/v1`, { headers: { login: someone!.login, password: 'Any-Guess-1234!', customerUri: sandbox().customerUri } });
    expect(unknownPassword.status).toBe(401);
  });

  it('refuses fewer admins than the practice roster, and more than it can number', async () => {
    await expect(startSandbox({ admins: 13, now: testClock().now })).rejects.toThrow('admins must be at least 14, the practice roster');
    await expect(startSandbox({ admins: 100_001, now: testClock().now })).rejects.toThrow(RangeError);
  });
});
