import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryCredentialStore } from '../../src/main/credentials';
import { Notices } from '../../src/main/services/notices';
import { ProfileError, ProfileService } from '../../src/main/services/profiles';
import { normaliseHost, type ProfileInput } from '../../src/shared/profiles';

let folder: string;
let store: MemoryCredentialStore;
let notices: Notices;

function service(): ProfileService {
  return new ProfileService({ userDataDir: folder, credentials: store, notices });
}

const university: ProfileInput = { name: 'University API', host: 'cert-manager.com', customerUri: 'sandbox-university', login: 'api-automation', authKind: 'password' };

async function refusal(work: Promise<unknown>): Promise<ProfileError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof ProfileError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'tcs-profiles-'));
  store = new MemoryCredentialStore();
  notices = new Notices();
});

describe('hosts as people type them', () => {
  it.each([
    ['cert-manager.com', 'https://cert-manager.com'],
    ['https://hard.cert-manager.com/api/', 'https://hard.cert-manager.com'],
    ['  https://cert-manager.com  ', 'https://cert-manager.com'],
    ['http://127.0.0.1:8443', 'http://127.0.0.1:8443'],
  ])('%s is %s', (typed, origin) => {
    expect(normaliseHost(typed)).toEqual({ origin });
  });

  it.each([
    ['http://cert-manager.com', /plain http is allowed only for a sandbox/i],
    ['ftp://cert-manager.com', /https/],
    ['https://cert-manager.com/customer/sunet', /without a path/],
    ['https://user:pw@cert-manager.com', /login or password/],
    ['', /Enter the SCM host/],
    ['https://cert-manager.com/?x=1', /query/],
  ])('refuses %s', (typed, message) => {
    const result = normaliseHost(typed);
    expect('error' in result && result.error).toMatch(message);
  });
});

describe('connection profiles', () => {
  it('starts with only the Sandbox profile, active', async () => {
    const view = await service().list();
    expect(view.profiles.map((profile) => [profile.name, profile.kind, profile.secret])).toEqual([['Sandbox', 'sandbox', 'built-in']]);
    expect(view.activeId).toBe('sandbox');
    expect(view.secretStore).toBe('session');
    const file = JSON.parse(await readFile(join(folder, 'profiles.json'), 'utf8')) as { profiles: unknown[] };
    expect(file.profiles).toHaveLength(1);
  });

  it('creates a profile with a normalised host and keeps its secret only in the store', async () => {
    const profiles = service();
    const created = await profiles.create({ ...university, host: 'https://cert-manager.com/api' });
    expect(created).toMatchObject({ kind: 'scm', host: 'https://cert-manager.com', secret: 'missing' });
    const secret = 'Correct-Horse-Battery-9!';
    expect((await profiles.setSecret(created.id, secret)).secret).toBe('session');
    expect(await store.get(await profiles.keyFor(created.id), 'password')).toBe(secret);
    expect(await profiles.secret(created.id)).toBe(secret);
    for (const name of await readdir(folder)) expect(await readFile(join(folder, name), 'utf8')).not.toContain(secret);
    // A fresh service reads the same profile back from the file.
    expect((await service().list()).profiles.map((profile) => profile.name)).toEqual(['Sandbox', 'University API']);
  });

  it.each([
    [{ host: 'http://cert-manager.com' }, 'host'],
    [{ customerUri: 'customer/sunet' }, 'customerUri'],
    [{ login: 'has space' }, 'login'],
    [{ name: '   ' }, 'name'],
    [{ authKind: 'oauth2' as const }, 'clientId'],
    [{ authKind: 'certificate' as const }, 'certificate'],
    [{ authKind: 'certificate' as const, certificate: '-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----' }, 'certificate'],
    [{ authKind: 'oauth2' as const, clientId: 'x', tokenUrl: 'http://auth.example.org/token' }, 'tokenUrl'],
  ])('refuses %j, naming the field %s, and saves nothing', async (change, field) => {
    const profiles = service();
    const error = await refusal(profiles.create({ ...university, ...change }));
    expect(error.field).toBe(field);
    expect((await profiles.list()).profiles).toHaveLength(1);
  });

  it('keeps a client certificate’s private key only when Node can read it, and says what to do otherwise', async () => {
    const { createPrivateKey } = await import('node:crypto');
    const { createSandboxCa } = await import('../../src/sandbox/ca');
    const { adminCertificate } = await import('../../src/sandbox/tls');
    const issued = await adminCertificate(await createSandboxCa('Profile test'), { login: 'api-automation', email: 'api@sandbox-university.example', forename: 'API', surname: 'Admin' }, Date.now());
    const profiles = service();
    const { id } = await profiles.create({ ...university, authKind: 'certificate', certificate: issued.certificate });
    const unreadable = await refusal(profiles.setSecret(id, 'not a key at all'));
    expect(unreadable).toMatchObject({ field: 'secret', message: expect.stringMatching(/could not be read/) });
    const key = createPrivateKey(issued.privateKey);
    const protectedKey = key.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'only-here' }).toString();
    expect((await refusal(profiles.setSecret(id, protectedKey))).message).toMatch(/passphrase.*openssl pkey/);
    expect(await store.list()).toEqual([]);
    expect((await profiles.setSecret(id, issued.privateKey)).secret).toBe('session');
  });

  it('refuses a second profile with the same name, in any case', async () => {
    const profiles = service();
    await profiles.create(university);
    expect((await refusal(profiles.create({ ...university, name: 'university api' }))).field).toBe('name');
  });

  it('keeps the secret when only the name changes, and drops it when the account changes', async () => {
    const profiles = service();
    const { id } = await profiles.create(university);
    await profiles.setSecret(id, 'First-Secret-123!');
    expect((await profiles.update(id, { ...university, name: 'Renamed' })).secret).toBe('session');
    expect((await profiles.update(id, { ...university, name: 'Renamed', login: 'someone-else' })).secret).toBe('missing');
    expect(await store.get(await profiles.keyFor(id), 'password')).toBeUndefined();
  });

  it('duplicates without the secret, and deletes with it', async () => {
    const profiles = service();
    const { id } = await profiles.create(university);
    await profiles.setSecret(id, 'First-Secret-123!');
    const copy = await profiles.duplicate(id);
    expect(copy).toMatchObject({ name: 'University API (copy)', secret: 'missing', login: 'api-automation' });
    expect((await profiles.duplicate(id)).name).toBe('University API (copy 2)');
    await profiles.delete(id);
    expect(await store.list()).toEqual([]);
    expect((await profiles.list()).profiles.map((profile) => profile.name)).toEqual(['Sandbox', 'University API (copy)', 'University API (copy 2)']);
  });

  it('keeps the Sandbox profile: it cannot be deleted or duplicated; only its practice admin changes', async () => {
    const profiles = service();
    await refusal(profiles.delete('sandbox'));
    await refusal(profiles.duplicate('sandbox'));
    const updated = await profiles.update('sandbox', { ...university, login: 'drao-physics', host: 'https://elsewhere.example' });
    expect(updated).toMatchObject({ login: 'drao-physics', kind: 'sandbox', host: 'built-in' });
  });

  it('removes this folder’s keychain entries whose profile is gone, and leaves other folders’ alone', async () => {
    const key = await service().keyFor('0123456789abcdef');
    await store.set(key, 'password', 'Orphaned-Secret-1!');
    await store.set('aaaaaaaaaaaa-0123456789abcdef', 'password', 'Another-Folders-1!');
    await service().list();
    expect(await store.list()).toEqual([{ profileId: 'aaaaaaaaaaaa-0123456789abcdef', secret: 'password' }]);
  });

  it('keeps two folders’ secrets apart in one keychain', async () => {
    const first = service();
    const { id } = await first.create(university);
    await first.setSecret(id, 'First-Folder-1!');
    const other = await mkdtemp(join(tmpdir(), 'tcs-profiles-'));
    const second = new ProfileService({ userDataDir: other, credentials: store, notices });
    await second.list();
    expect(await first.secret(id)).toBe('First-Folder-1!');
    expect(await first.keyFor(id)).not.toBe(await second.keyFor(id));
  });

  it('sets an unreadable profiles file aside and says so', async () => {
    await writeFile(join(folder, 'profiles.json'), '{ not json');
    const view = await service().list();
    expect(view.profiles.map((profile) => profile.name)).toEqual(['Sandbox']);
    expect(notices.list().join(' ')).toMatch(/could not be read.*kept as/);
    expect((await readdir(folder)).some((name) => name !== 'profiles.json' && name.startsWith('profiles.json'))).toBe(true);
  });
});

describe('export and import', () => {
  it('exports profiles without secrets or the Sandbox, and imports them with new names where taken', async () => {
    const profiles = service();
    const { id } = await profiles.create(university);
    await profiles.setSecret(id, 'Exported-Never-1!');
    await profiles.create({ ...university, name: 'OAuth', host: 'admin.enterprise.sectigo.com', authKind: 'oauth2', clientId: 'client-1' });
    const text = await profiles.exportProfiles();
    expect(text).not.toContain('Exported-Never-1!');
    const exported = JSON.parse(text) as { format: string; profiles: { name: string }[] };
    expect(exported.format).toBe('tcs-admin-console-profiles');
    expect(exported.profiles.map((profile) => profile.name)).toEqual(['University API', 'OAuth']);
    const outcome = await profiles.importProfiles(text);
    expect(outcome.added).toEqual(['University API (2)', 'OAuth (2)']);
    expect(outcome.renamed).toEqual([
      { from: 'University API', to: 'University API (2)' },
      { from: 'OAuth', to: 'OAuth (2)' },
    ]);
    expect((await profiles.list()).profiles.find((profile) => profile.name === 'OAuth (2)')).toMatchObject({ clientId: 'client-1', secret: 'missing' });
  });

  it('refuses a file with secrets, a foreign file, or an invalid entry, and adds nothing', async () => {
    const profiles = service();
    const valid = { name: 'A', host: 'cert-manager.com', customerUri: 'a', login: 'a', authKind: 'password' };
    for (const text of [
      JSON.stringify({ format: 'tcs-admin-console-profiles', version: 1, profiles: [{ ...valid, password: 'x' }] }),
      JSON.stringify({ something: 'else' }),
      'not json',
      JSON.stringify({ format: 'tcs-admin-console-profiles', version: 1, profiles: [valid, { ...valid, name: 'B', host: 'http://evil.example' }] }),
    ]) {
      await refusal(profiles.importProfiles(text));
    }
    expect((await profiles.list()).profiles).toHaveLength(1);
  });
});
