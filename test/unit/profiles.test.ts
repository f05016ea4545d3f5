import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
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

  it('keeps the secret when only the name changes, and asks before it forgets it when the account changes', async () => {
    const profiles = service();
    const { id } = await profiles.create(university, 'First-Secret-123!');
    expect((await profiles.update(id, { ...university, name: 'Renamed' })).secret).toBe('session');

    const question = await refusal(profiles.update(id, { ...university, name: 'Renamed', login: 'someone-else' }));
    expect(question.field).toBe('storedSecret');
    expect(question.message).toMatch(/You changed the login\. Say whether the stored password still belongs/);
    expect((await profiles.get(id)).login).toBe('api-automation');

    // A corrected typo in the host: the password is still this admin's.
    const kept = await profiles.update(id, { ...university, name: 'Renamed', host: 'hard.cert-manager.com' }, { storedSecret: 'keep' });
    expect(kept.secret).toBe('session');
    expect(await profiles.secret(id)).toBe('First-Secret-123!');

    const forgotten = await profiles.update(id, { ...university, name: 'Renamed', host: 'hard.cert-manager.com', login: 'someone-else' }, { storedSecret: 'forget' });
    expect(forgotten.secret).toBe('missing');
    expect(await store.get(await profiles.keyFor(id), 'password')).toBeUndefined();
  });

  it('takes a new secret with a changed account, and drops the old method’s secret when the method changes', async () => {
    const profiles = service();
    const { id } = await profiles.create(university, 'First-Secret-123!');
    const replaced = await profiles.update(id, { ...university, login: 'someone-else' }, { secret: 'Second-Secret-456!' });
    expect(replaced.secret).toBe('session');
    expect(await profiles.secret(id)).toBe('Second-Secret-456!');
    const oauth = await profiles.update(id, { ...university, login: 'someone-else', authKind: 'oauth2', clientId: 'client-1' }, { secret: 'Client-Secret-789!' });
    expect(oauth.secret).toBe('session');
    expect(await store.get(await profiles.keyFor(id), 'password')).toBeUndefined();
    expect(await store.get(await profiles.keyFor(id), 'client-secret')).toBe('Client-Secret-789!');
  });

  it('names every field that needs correcting at once, the secret among them, and saves nothing', async () => {
    const profiles = service();
    await profiles.create(university);
    const error = await refusal(profiles.create({ name: 'University API', host: 'http://cert-manager.com', customerUri: 'a b', login: 'has space', authKind: 'password' }, 'x'.repeat(20_000)));
    expect(error.fields.map((problem) => problem.field).sort()).toEqual(['customerUri', 'host', 'login', 'name', 'secret']);
    expect(error.fields.find((problem) => problem.field === 'secret')?.message).toMatch(/^Enter at most 16,384 characters/);
    const named = await refusal(profiles.create({ ...university, login: 'has space' }, 'Fine-Secret-123!'));
    expect(named.fields.map((problem) => problem.field).sort()).toEqual(['login', 'name']);
    expect((await profiles.list()).profiles).toHaveLength(2);
    expect(await store.list()).toEqual([]);
  });

  it('saves a profile and its secret together or not at all', async () => {
    const profiles = service();
    await profiles.list();
    // The profiles file cannot be written: a folder stands in its place.
    await rm(join(folder, 'profiles.json'));
    await mkdir(join(folder, 'profiles.json', 'blocked'), { recursive: true });
    await expect(profiles.create(university, 'Never-Half-Saved-1!')).rejects.toThrow();
    expect(await store.list()).toEqual([]);

    const failing = new MemoryCredentialStore();
    failing.set = () => Promise.reject(new Error('keychain locked'));
    const other = new ProfileService({ userDataDir: await mkdtemp(join(tmpdir(), 'tcs-profiles-')), credentials: failing, notices });
    await expect(other.create(university, 'Never-Half-Saved-1!')).rejects.toThrow('keychain locked');
    expect((await other.list()).profiles.map((profile) => profile.name)).toEqual(['Sandbox']);
  });

  it('stops sending a refused secret until a new one is typed', async () => {
    const profiles = service();
    const { id } = await profiles.create(university, 'Refused-Secret-1!');
    await profiles.noteRefusal(id);
    expect((await profiles.get(id)).secretRefused).toBeDefined();
    expect((await profiles.update(id, { ...university, name: 'Renamed' })).secretRefused).toBeDefined();
    await profiles.setSecret(id, 'Typed-Again-123!');
    expect((await profiles.get(id)).secretRefused).toBeUndefined();
  });

  it('asks the keychain once for the secrets of a thousand profiles, not once per profile', async () => {
    const profiles = service();
    const text = JSON.stringify({ format: 'tcs-admin-console-profiles', version: 1, profiles: Array.from({ length: 1100 }, (_, n) => ({ ...university, name: `Profile ${n}` })) });
    await profiles.importProfiles(text);
    const calls = { get: 0, list: 0 };
    const get = store.get.bind(store);
    const list = store.list.bind(store);
    store.get = (...args) => ((calls.get += 1), get(...args));
    store.list = () => ((calls.list += 1), list());
    const fresh = service();
    expect((await fresh.list()).profiles).toHaveLength(1101);
    expect((await fresh.list()).profiles).toHaveLength(1101);
    expect(calls.get).toBe(0);
    expect(calls.list).toBeLessThanOrEqual(2);
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
    expect(notices.list().map((notice) => notice.text).join(' ')).toMatch(/could not be read.*kept as/);
    expect(notices.list()[0]).toMatchObject({ key: 'profilesUnreadable', params: { keptAs: expect.stringContaining('profiles.json.unreadable-') } });
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

  it('imports thousands of profiles with one repeated name without slowing down per repeat', { timeout: 60_000 }, async () => {
    const profiles = service();
    await profiles.create(university);
    const entries = Array.from({ length: 5000 }, () => ({ ...university }));
    const text = JSON.stringify({ format: 'tcs-admin-console-profiles', version: 1, profiles: entries });
    expect(text.length).toBeLessThan(1024 * 1024);
    const outcome = await profiles.importProfiles(text);
    expect(outcome.added).toHaveLength(5000);
    expect(outcome.added.at(-1)).toBe('University API (5001)');
    expect(new Set(outcome.added).size).toBe(5000);
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
