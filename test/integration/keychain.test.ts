import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { CredentialStoreError, KeychainCredentialStore, probeKeychain } from '../../src/main/credentials';
import { Notices } from '../../src/main/services/notices';
import { ProfileService } from '../../src/main/services/profiles';
import { credentialStoreContract } from '../unit/credentialStoreContract';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));

// These tests use a real Secret Service. `npm test` provides a private, unlocked
// GNOME Keyring (scripts/keyring-session.mjs); without one they are skipped.
const probe = await probeKeychain();
if (!probe.usable) console.warn(`keychain tests skipped: ${probe.reason}. Run them with: node scripts/keyring-session.mjs -- npx vitest run test/integration/keychain.test.ts`);
const skip = !probe.usable;

const services: KeychainCredentialStore[] = [];
function fresh(): KeychainCredentialStore {
  const store = new KeychainCredentialStore({ service: `TCS Admin Console test ${randomBytes(4).toString('hex')}` });
  services.push(store);
  return store;
}

afterAll(async () => {
  for (const store of services) for (const entry of await store.list().catch(() => [])) await store.delete(entry.profileId, entry.secret);
});

credentialStoreContract('OS keychain', fresh, { skip });

describe.skipIf(skip)('the OS keychain', () => {
  it('keeps each app service apart', async () => {
    const one = fresh();
    const other = fresh();
    await one.set('ff', 'password', 'Service-One-1!');
    expect(await other.get('ff', 'password')).toBeUndefined();
    expect(await other.list()).toEqual([]);
  });

  it('lists 1,100 profiles with one question to the keychain, and answers 40 reads asked at once, a few at a time', { timeout: 60_000 }, async () => {
    const store = fresh();
    const calls = { get: 0, list: 0 };
    const get = store.get.bind(store);
    const list = store.list.bind(store);
    store.get = (...args) => ((calls.get += 1), get(...args));
    store.list = () => ((calls.list += 1), list());
    const folder = await mkdtemp(join(tmpdir(), 'tcs-keychain-profiles-'));
    const profiles = new ProfileService({ userDataDir: folder, credentials: store, notices: new Notices() });
    const entry = { host: 'cert-manager.com', customerUri: 'sunet', login: 'api-admin', authKind: 'password' };
    await profiles.importProfiles(JSON.stringify({ format: 'tcs-admin-console-profiles', version: 1, profiles: Array.from({ length: 1100 }, (_, n) => ({ ...entry, name: `Tenant ${n}` })) }));
    const some = (await profiles.list()).profiles.filter((profile) => profile.kind === 'scm').slice(0, 3);
    for (const profile of some) await profiles.setSecret(profile.id, `Secret-${profile.id}-1!`);
    calls.get = 0;
    calls.list = 0;
    const listed = await new ProfileService({ userDataDir: folder, credentials: store, notices: new Notices() }).list();
    expect(listed.profiles).toHaveLength(1101);
    expect(listed.profiles.filter((profile) => profile.secret === 'stored').map((profile) => profile.id).sort()).toEqual(some.map((profile) => profile.id).sort());
    expect(calls.get).toBe(0);
    expect(calls.list).toBeLessThanOrEqual(2);

    const keys = await Promise.all(some.map((profile) => profiles.keyFor(profile.id)));
    const reads = await Promise.all(Array.from({ length: 40 }, (_, n) => get(keys[n % 3]!, 'password')));
    expect(reads.filter((value) => value !== undefined)).toHaveLength(40);
  });

  it('gives up with a clear error instead of waiting forever', async () => {
    const impatient = new KeychainCredentialStore({ service: 'TCS Admin Console test timeout', timeoutMs: 0 });
    const error = await impatient.get('gg', 'password').then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(CredentialStoreError);
    expect((error as CredentialStoreError).reason).toBe('locked');
    expect((error as Error).message).toMatch(/did not answer in time/);
  });

  it('says a locked keyring is locked, quickly, for reads and writes', async () => {
    const { stdout } = await run(process.execPath, ['scripts/keyring-session.mjs', '--', process.execPath, '--import', 'tsx', 'test/integration/fixtures/lockedKeychain.ts'], { cwd: root, timeout: 60_000 });
    const outcome = JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, { reason?: string; message?: string }> & { elapsedMs: number };
    expect(outcome.get).toMatchObject({ reason: 'locked', message: expect.stringMatching(/locked/) });
    expect(outcome.set).toMatchObject({ reason: 'locked' });
    expect(outcome.elapsedMs).toBeLessThan(10_000);
  });
});

// Uses the app's real service name, so only inside the private keyring that `npm test` makes.
describe.skipIf(skip || process.env.TCS_KEYRING_SESSION !== '1')('profiles with their secrets in the OS keychain', () => {
  it('serves the command line’s --profile, and leaves nothing behind when the profile is deleted', async () => {
    const { mkdtemp } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { Writable } = await import('node:stream');
    const { ProfileService } = await import('../../src/main/services/profiles');
    const { Notices } = await import('../../src/main/services/notices');
    const { main } = await import('../../src/cli/main');
    const { startSandbox } = await import('../../src/sandbox');
    const sandbox = await startSandbox({ certificates: 0, seed: 11 });
    try {
      const folder = await mkdtemp(join(tmpdir(), 'tcs-keychain-profiles-'));
      const keychain = new KeychainCredentialStore();
      const profiles = new ProfileService({ userDataDir: folder, credentials: keychain, notices: new Notices() });
      const { id } = await profiles.create({ name: 'Keychain Tenant', host: sandbox.url, customerUri: sandbox.customerUri, login: 'rao', authKind: 'password' });
      const password = sandbox.logins.find((entry) => entry.login === 'rao')!.password;
      expect((await profiles.setSecret(id, password)).secret).toBe('stored');
      let out = '';
      const stdout = new Writable({ write: (chunk: Buffer, _encoding, done) => ((out += chunk.toString()), done()) });
      const stderr = new Writable({ write: (_chunk, _encoding, done) => done() });
      expect(await main(['orgs', 'list', '--profile', 'Keychain Tenant', '--user-data', folder], { json: false, stdout, stderr }, {})).toBe(0);
      expect(out).toContain('Sandbox University');
      const key = await profiles.keyFor(id);
      expect(await keychain.get(key, 'password')).toBe(password);
      await profiles.delete(id);
      expect(await keychain.get(key, 'password')).toBeUndefined();
      // An entry whose profile is gone is removed the next time the profiles are read.
      const orphan = await profiles.keyFor('0123456789abcdef');
      await keychain.set(orphan, 'password', 'Left-Behind-1!');
      await new ProfileService({ userDataDir: folder, credentials: keychain, notices: new Notices() }).list();
      expect(await keychain.get(orphan, 'password')).toBeUndefined();
    } finally {
      await sandbox.stop();
    }
  });
});
