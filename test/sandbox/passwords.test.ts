import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';
import { callerFor, idFromLocation, testClock, withSandbox } from './helpers';

const hashFormat = /^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/;
const folders: string[] = [];

afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

async function scratchFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'sandbox-passwords-'));
  folders.push(folder);
  return folder;
}

/** Every file in a folder, as text. */
async function filesIn(folder: string): Promise<{ path: string; text: string }[]> {
  const files: { path: string; text: string }[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      files.push({ path, text: await readFile(path, 'utf8') });
    }
  }
  return files;
}

async function expectNowhereIn(folder: string, secrets: string[]): Promise<void> {
  const files = await filesIn(folder);
  expect(files.length).toBeGreaterThan(0);
  for (const { path, text } of files) for (const secret of secrets) expect(text.includes(secret), `${secret} in ${path}`).toBe(false);
}

const apiAdmin = (login: string, password: string) => ({
  type: 'API',
  login,
  email: `${login}@sandbox-university.example`,
  forename: 'Api',
  surname: 'Admin',
  password,
  credentials: [{ role: 'RAO_SSL', orgId: 1001 }],
});

async function statusAs(sandbox: SandboxHandle, login: string, password: string): Promise<number> {
  return (await callerFor(sandbox, login, password)('GET', '/api/admin/v1/password')).status;
}

describe('sandbox passwords', () => {
  it('keeps no typed password in its state file: not after a change, an admin created with one, or an update that sets one', async () => {
    const folder = await scratchFolder();
    const stateFile = join(folder, 'state.json');
    const changed = 'Typed-Change-Orchid-71!';
    const created = 'Typed-Create-Walnut-52!';
    const updated = 'Typed-Update-Saffron-33!';
    const clock = testClock();
    let seededExpired = '';
    let seededApiNew = '';
    const first = await startSandbox({ stateFile, certificates: 5, now: clock.now });
    try {
      seededExpired = first.seededPassword('rao-expired')!;
      seededApiNew = first.seededPassword('api-new')!;
      const expired = callerFor(first, 'rao-expired', seededExpired);
      expect((await expired('POST', '/api/admin/v1/changepassword', { newPassword: changed })).status).toBe(204);
      const mrao = callerFor(first, 'mrao');
      expect((await mrao('POST', '/api/admin/v1', apiAdmin('svc-typed', created))).status).toBe(201);
      const apiNew = first.store.adminByLogin('api-new')!.id;
      expect((await mrao('PUT', `/api/admin/v1/${apiNew}`, { password: updated })).status).toBe(200);

      expect(first.seededPassword('rao-expired')).toBeUndefined();
      expect(first.seededPassword('api-new')).toBeUndefined();
      expect(first.seededPassword('rao')).toBe(first.logins.find((entry) => entry.login === 'rao')!.password);
      expect(first.logins.map((entry) => entry.login)).not.toContain('rao-expired');
      expect(first.practiceLogins.find((entry) => entry.login === 'rao-expired')).toMatchObject({ seededPasswordCurrent: false });
      expect(first.checkPassword('rao-expired', changed)).toBe(true);
      expect(first.checkPassword('rao-expired', seededExpired)).toBe(false);
      expect(first.checkPassword('svc-typed', created)).toBe(true);
      expect(first.checkPassword('api-new', updated)).toBe(true);
      expect(first.checkPassword('api-new', seededApiNew)).toBe(false);
    } finally {
      await first.stop();
    }

    await expectNowhereIn(folder, [changed, created, updated, seededExpired, seededApiNew]);
    const saved = JSON.parse(await readFile(stateFile, 'utf8')) as { version: number; admins: Record<string, unknown>[] };
    expect(saved.version).toBe(2);
    for (const admin of saved.admins) {
      expect(Object.keys(admin)).not.toContain('password');
      expect(Object.keys(admin)).not.toContain('previousPassword');
      if (admin.type !== 'IDP' && admin.type !== 'SAS') expect(admin.passwordHash).toMatch(hashFormat);
    }

    // Signing in works with the typed passwords, across a restart, and the old ones are refused.
    await withSandbox({ stateFile, certificates: 5 }, async (again) => {
      expect(await statusAs(again, 'rao-expired', changed)).toBe(200);
      expect(await statusAs(again, 'rao-expired', seededExpired)).toBe(401);
      expect(await statusAs(again, 'svc-typed', created)).toBe(200);
      expect(await statusAs(again, 'api-new', updated)).toBe(200);
      expect(await statusAs(again, 'api-new', seededApiNew)).toBe(401);
      expect(again.seededPassword('rao-expired')).toBeUndefined();
      expect(again.logins.map((entry) => entry.login)).toEqual(expect.arrayContaining(['mrao', 'rao']));
      expect(again.logins.map((entry) => entry.login)).not.toContain('rao-expired');
    });
  });

  it('salts every hash: the same password twice gives two hashes', async () => {
    await withSandbox({ certificates: 0, firstLoginChange: 'none' }, async (sandbox) => {
      const mrao = callerFor(sandbox, 'mrao');
      const same = 'Same-For-Both-Of-Us-9!';
      const ids = [];
      for (const login of ['svc-twin-a', 'svc-twin-b']) ids.push(idFromLocation(await mrao('POST', '/api/admin/v1', apiAdmin(login, same))));
      const [a, b] = ids.map((id) => sandbox.store.admins.get(id)!.passwordHash);
      expect(a).toMatch(hashFormat);
      expect(b).toMatch(hashFormat);
      expect(a).not.toBe(b);
      expect(await statusAs(sandbox, 'svc-twin-a', same)).toBe(200);
      expect(await statusAs(sandbox, 'svc-twin-b', same)).toBe(200);
    });
  });

  it('refuses the previous password and the current one as the next, comparing hashes', async () => {
    await withSandbox({ certificates: 0 }, async (sandbox) => {
      const seeded = sandbox.seededPassword('rao')!;
      const next = 'Next-Password-Amber-4!';
      expect((await callerFor(sandbox, 'rao', seeded)('POST', '/api/admin/v1/changepassword', { newPassword: seeded })).json).toMatchObject({ code: -7306 });
      expect((await callerFor(sandbox, 'rao', seeded)('POST', '/api/admin/v1/changepassword', { newPassword: next })).status).toBe(204);
      const refused = await callerFor(sandbox, 'rao', next)('POST', '/api/admin/v1/changepassword', { newPassword: seeded });
      expect(refused.json).toEqual({ code: -7306, description: 'Password policy violated: the password must differ from the previous one' });
      expect((await callerFor(sandbox, 'rao', next)('POST', '/api/admin/v1/changepassword', { newPassword: 'Third-Password-Cedar-5!' })).status).toBe(204);
      expect(await statusAs(sandbox, 'rao', next)).toBe(401);
    });
  });

  it('migrates a state file of the first format: hashes every password and keeps only the seed’s own in clear', async () => {
    const folder = await scratchFolder();
    const stateFile = join(folder, 'state.json');
    const clock = testClock();
    const seeded = await startSandbox({ stateFile, certificates: 5, now: clock.now });
    const logins = seeded.logins;
    await seeded.stop();
    const clear = new Map(logins.map((entry) => [entry.login, entry.password]));
    const typedBefore = 'Typed-Before-Hashing-8!';
    const previousBefore = 'Previous-Before-Hashing-6!';
    // The first format: passwords in clear, as the sandbox wrote them before it hashed them.
    const current = JSON.parse(await readFile(stateFile, 'utf8')) as { version: number; admins: Record<string, unknown>[] };
    const legacy = {
      ...current,
      version: 1,
      admins: current.admins.map(({ passwordHash: _hash, previousPasswordHash: _previous, seededPassword: _seeded, ...admin }) => {
        if (admin.login === 'rao') return { ...admin, password: typedBefore, previousPassword: previousBefore };
        return { ...admin, password: clear.get(admin.login as string) ?? null, previousPassword: null };
      }),
    };
    await writeFile(stateFile, JSON.stringify(legacy));

    await withSandbox({ stateFile }, async (migrated) => {
      expect(migrated.seededPassword('rao')).toBeUndefined();
      expect(migrated.seededPassword('mrao')).toBe(clear.get('mrao'));
      expect(migrated.logins).toEqual(logins.filter((entry) => entry.login !== 'rao'));
      expect(await statusAs(migrated, 'rao', typedBefore)).toBe(200);
      expect(await statusAs(migrated, 'mrao', clear.get('mrao')!)).toBe(200);
      expect(await statusAs(migrated, 'rao-institute', clear.get('rao-institute')!)).toBe(200);
      const reuse = await callerFor(migrated, 'rao', typedBefore)('POST', '/api/admin/v1/changepassword', { newPassword: previousBefore });
      expect(reuse.json).toMatchObject({ code: -7306 });
      // The file was written back on start, before any change.
      const rewritten = JSON.parse(await readFile(stateFile, 'utf8')) as { version: number };
      expect(rewritten.version).toBe(2);
      await expectNowhereIn(folder, [typedBefore, previousBefore]);
    });
  });
});
