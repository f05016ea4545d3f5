import { mkdtemp, readdir, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCredentialStore } from '../../src/main/credentials';
import { AuditService } from '../../src/main/services/audit';
import { Notices } from '../../src/main/services/notices';
import { ProfileService } from '../../src/main/services/profiles';
import { SandboxRunner } from '../../src/main/services/sandboxRunner';
import { SessionError, SessionService, generatePassword } from '../../src/main/services/session';
import { sandboxProfileId, type ProfileInput } from '../../src/shared/profiles';
import { passwordPolicyProblems } from '../../src/shared/session';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';

let tenant: SandboxHandle;
const open: { close(): Promise<void> }[] = [];
const runners: SandboxRunner[] = [];

beforeAll(async () => {
  // Another seed than the built-in sandbox's, so its passwords appear nowhere in the user-data folder by chance.
  tenant = await startSandbox({ certificates: 20, seed: 7 });
});

afterAll(async () => {
  await tenant.stop();
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((item) => item.close()));
  await Promise.all(runners.splice(0).map((runner) => runner.stop()));
});

/** Memory that reports itself as a keychain: for what the console does only where a keychain keeps secrets. */
function keychainLike(): MemoryCredentialStore {
  const store = new MemoryCredentialStore();
  Object.defineProperty(store, 'kind', { value: 'keychain' });
  return store;
}

async function setUp(options: { keychain?: boolean } = {}) {
  const folder = await mkdtemp(join(tmpdir(), 'tcs-session-'));
  const store = options.keychain === true ? keychainLike() : new MemoryCredentialStore();
  const profiles = new ProfileService({ userDataDir: folder, credentials: store, notices: new Notices() });
  const sandbox = new SandboxRunner(folder, { certificates: 20 });
  runners.push(sandbox);
  const session = new SessionService({ profiles, sandbox, audit: new AuditService({ userDataDir: folder }) });
  open.push(session);
  return { folder, store, profiles, sandbox, session };
}

const passwordOf = (login: string) => tenant.seededPassword(login)!;

function onTenant(login: string, name = login): ProfileInput {
  return { name, host: tenant.url, customerUri: tenant.customerUri, login, authKind: 'password' };
}

async function profileFor(profiles: ProfileService, login: string, password: string, name = login): Promise<string> {
  const { id } = await profiles.create(onTenant(login, name));
  await profiles.setSecret(id, password);
  return id;
}

describe('signing in', () => {
  it('signs in to the built-in sandbox at once, as practice, and shows who and what is in scope', async () => {
    const { session, sandbox } = await setUp();
    const state = await session.signIn('sandbox');
    expect(state).toMatchObject({ status: 'signed-in', practice: true, tenant: 'sandbox-university @ built-in sandbox', problem: null });
    expect(state.identity).toMatchObject({ login: 'rao', type: 'STANDARD' });
    expect(state.identity!.roles.length).toBeGreaterThan(0);
    expect(state.identity!.organizations.find((org) => org.id === 1004)).toMatchObject({ name: 'University Library', parentId: 1001, sslApi: false });
    expect(state.password).toMatchObject({ state: 'ALIVE', warning: false });
    expect(state.password!.daysLeft).toBeGreaterThan(14);
    // Practice is kept in the user-data folder.
    await (await sandbox.ensure()).store.save();
    expect((await stat(sandbox.stateFile)).size).toBeGreaterThan(1000);
  });

  it('signs in to another tenant with the stored password, and records when it worked', async () => {
    const { session, profiles } = await setUp();
    const id = await profileFor(profiles, 'drao-physics', passwordOf('drao-physics'));
    const state = await session.signIn(id);
    expect(state).toMatchObject({ status: 'signed-in', practice: false, tenant: `${tenant.customerUri} @ 127.0.0.1:${tenant.port}` });
    expect(state.identity!.roles.map((role) => role.orgName)).toContain('Department of Physics');
    expect((await profiles.get(id)).lastSignIn).toBeDefined();
    expect(session.client()).toBeDefined();
  });

  it('reads the stored password for a sign-in and the work after it, not once per request', async () => {
    const { session, profiles, store } = await setUp();
    const id = await profileFor(profiles, 'mrao', passwordOf('mrao'));
    let reads = 0;
    const get = store.get.bind(store);
    store.get = (...args) => ((reads += 1), get(...args));
    expect((await session.signIn(id)).status).toBe('signed-in');
    const client = session.client();
    await Promise.all(Array.from({ length: 50 }, () => client.call({ method: 'GET', path: '/api/organization/v1', operation: 'list organizations' })));
    // One read to see that a secret is there, one for the client; not one per request.
    expect(reads).toBeLessThanOrEqual(2);
  });

  it('says there is no secret before it asks SCM anything', async () => {
    const { session, profiles } = await setUp();
    const { id } = await profiles.create(onTenant('rao'));
    const before = tenant.requestCounts.get('GET /api/admin/v1/password') ?? 0;
    expect((await session.signIn(id)).problem?.cause).toBe('no-secret');
    expect(tenant.requestCounts.get('GET /api/admin/v1/password') ?? 0).toBe(before);
  });
});

describe('why a sign-in failed', () => {
  it('names the cause when another profile reaches the same tenant', async () => {
    const { session, profiles } = await setUp();
    await profileFor(profiles, 'mrao', passwordOf('mrao'), 'Peer');
    const cases: [string, string, string][] = [
      ['rao', 'Wrong-Password-123!', 'wrong-password'],
      ['idp-only', 'Any-Password-123!', 'idp-only'],
      ['rao-locked', passwordOf('rao-locked'), 'locked'],
      ['nobody-here', 'Any-Password-123!', 'unknown-login'],
    ];
    for (const [login, password, cause] of cases) {
      const id = await profileFor(profiles, login, password, `as ${login}`);
      const state = await session.signIn(id);
      expect(state.status, login).toBe('failed');
      expect(state.problem?.cause, login).toBe(cause);
      expect(state.problem?.anchor, login).toMatch(/^connecting#/);
      expect(state.problem?.steps.length, login).toBeGreaterThan(0);
    }
  });

  it('lists the possible causes when nothing more can be learned, most likely first', async () => {
    const { session, profiles } = await setUp();
    const id = await profileFor(profiles, 'rao', 'Wrong-Password-123!');
    const state = await session.signIn(id);
    expect(state.problem).toMatchObject({ cause: 'other', code: -16 });
    expect(state.problem!.alsoPossible[0]).toBe('wrong-password');
    expect(state.problem!.alsoPossible).toEqual(expect.arrayContaining(['unknown-customer', 'idp-only', 'locked']));
  });

  it('says a password that worked before was refused, which points at a lock or a change elsewhere', async () => {
    const { session, profiles } = await setUp();
    const scratch = await startSandbox({ certificates: 0 });
    try {
      const { id } = await profiles.create({ name: 'scratch', host: scratch.url, customerUri: scratch.customerUri, login: 'rao', authKind: 'password' });
      const seeded = scratch.seededPassword('rao')!;
      await profiles.setSecret(id, seeded);
      expect((await session.signIn(id)).status).toBe('signed-in');
      const elsewhere = await fetch(`${scratch.url}/api/admin/v1/changepassword`, {
        method: 'POST',
        headers: { login: 'rao', password: seeded, customerUri: scratch.customerUri, 'content-type': 'application/json' },
        body: JSON.stringify({ newPassword: 'Changed-Elsewhere-1!' }),
      });
      expect(elsewhere.status).toBe(204);
      const state = await session.signIn(id);
      expect(state.problem).toMatchObject({ cause: 'other', title: 'SCM refused a password that worked before' });
      expect(state.problem!.alsoPossible[0]).toBe('locked');
    } finally {
      await scratch.stop();
    }
  });

  it('reports an unknown customer URI where SCM answers -410, and an unreachable host', async () => {
    const { session, profiles } = await setUp();
    const strict = await startSandbox({ certificates: 0, unknownCustomerCode: -410 });
    try {
      const { id } = await profiles.create({ name: 'typo', host: strict.url, customerUri: 'sandbox-univeristy', login: 'rao', authKind: 'password' });
      await profiles.setSecret(id, 'Whatever-Pass-1!');
      expect((await session.signIn(id)).problem).toMatchObject({ cause: 'unknown-customer', code: -410 });
    } finally {
      await strict.stop();
    }
    const { id } = await profiles.create({ name: 'gone', host: 'http://127.0.0.1:9', customerUri: 'x', login: 'rao', authKind: 'password' });
    await profiles.setSecret(id, 'Whatever-Pass-1!');
    expect((await session.signIn(id)).problem?.cause).toBe('unreachable');
  });
});

describe('a refused password', () => {
  it('is not sent again until it is entered anew, so retrying cannot lock the account', async () => {
    const { session, profiles } = await setUp();
    const failures = () => tenant.store.adminByLogin('rao')!.failedAttempts ?? 0;
    const failedBefore = failures();
    const id = await profileFor(profiles, 'rao', 'Wrong-Password-123!');
    const refused = await session.signIn(id);
    expect(refused.problem).toMatchObject({ code: -16, retry: false });
    const count = () => tenant.requestCounts.get('GET /api/admin/v1/password') ?? 0;
    const before = count();
    for (let attempt = 0; attempt < 9; attempt++) {
      const again = await session.signIn(id);
      expect(again.problem).toMatchObject({ cause: 'held', retry: false });
      expect(again.problem!.explanation).toMatch(/refused this password on \d{4}-\d{2}-\d{2}/);
    }
    expect(count()).toBe(before);
    expect(failures() - failedBefore).toBe(1);

    await profiles.setSecret(id, passwordOf('rao'));
    expect((await session.signIn(id)).status).toBe('signed-in');
  });

  it('may be sent again after a failure that was not SCM refusing it', async () => {
    const { session, profiles } = await setUp();
    const { id } = await profiles.create({ name: 'gone', host: 'http://127.0.0.1:9', customerUri: 'x', login: 'rao', authKind: 'password' }, 'Whatever-Pass-1!');
    expect((await session.signIn(id)).problem).toMatchObject({ cause: 'unreachable', retry: true });
    expect((await profiles.get(id)).secretRefused).toBeUndefined();
  });
});

describe('a host that does not answer', () => {
  it('never holds up a sign-in to another profile, nor a sign-out', async () => {
    const { session, profiles } = await setUp();
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { id } = await profiles.create({ name: 'silent', host: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`, customerUri: 'x', login: 'rao', authKind: 'password' }, 'Whatever-Pass-1!');
      let slowDone = false;
      const slow = session.signIn(id).then((state) => ((slowDone = true), state));
      // The request reaches the silent host, and stays unanswered.
      await new Promise<void>((resolve) => silent.once('request', () => resolve()));
      const other = await session.signIn(sandboxProfileId);
      expect(other.status).toBe('signed-in');
      expect(slowDone).toBe(true);
      expect((await slow).profileId).toBe(sandboxProfileId);
      expect(session.state().status).toBe('signed-in');

      const again = session.signIn(id);
      await new Promise<void>((resolve) => silent.once('request', () => resolve()));
      expect((await session.signOut()).status).toBe('signed-out');
      await again;
      expect(session.state().status).toBe('signed-out');
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });
});

describe('an unreachable host', () => {
  it.each([
    ['a refused connection', () => 'http://127.0.0.1:9', 'The host refused the connection', 'errors#network-refused'],
    ['a TLS handshake with a host that does not speak TLS', (port: number) => `https://localhost:${port}`, 'The secure connection failed', 'errors#network-tls'],
  ])('is told apart: %s', async (_name, host, title, anchor) => {
    const { session, profiles } = await setUp();
    const plain = createServer((_request, response) => response.end('plain'));
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    try {
      const { id } = await profiles.create({ name: 'host', host: host((plain.address() as AddressInfo).port), customerUri: 'x', login: 'rao', authKind: 'password' }, 'Whatever-Pass-1!');
      const { problem } = await session.signIn(id);
      expect(problem).toMatchObject({ cause: 'unreachable', title, anchor, retry: true });
      expect(problem!.explanation).not.toMatch(/^Could not/);
      expect(problem!.steps.length).toBeGreaterThan(0);
    } finally {
      plain.close();
    }
  });
});

describe('changing the password by hand', () => {
  it('asks for the current password, which a script calling the console cannot give, and checks it before SCM hears of it', async () => {
    const { session, profiles } = await setUp({ keychain: true });
    const scratch = await startSandbox({ certificates: 0, seed: 12 });
    try {
      const current = scratch.seededPassword('rao')!;
      const { id } = await profiles.create({ name: 'scratch', host: scratch.url, customerUri: scratch.customerUri, login: 'rao', authKind: 'password' }, current);
      expect((await session.signIn(id)).status).toBe('signed-in');
      const changes = () => scratch.requestCounts.get('POST /api/admin/v1/changepassword') ?? 0;
      const newPassword = 'Attacker-Chosen-99!';
      await expect(session.changePassword(id, { newPassword })).rejects.toMatchObject({ error: { field: 'currentPassword', message: expect.stringMatching(/Enter the current password/) } });
      for (let attempt = 0; attempt < 5; attempt++) {
        await expect(session.changePassword(id, { newPassword, currentPassword: `Guess-${attempt}-Password!` })).rejects.toMatchObject({ error: { field: 'currentPassword' } });
      }
      await expect(session.changePassword(id, { newPassword, currentPassword: current })).rejects.toThrow(/too many times/);
      expect(changes()).toBe(0);
      expect(scratch.checkPassword('rao', current)).toBe(true);

      expect((await session.signIn(id)).status).toBe('signed-in');
      const { session: after, keptIn } = await session.changePassword(id, { newPassword: 'Chosen-By-Owner-77!', currentPassword: current });
      expect(after.status).toBe('signed-in');
      expect(keptIn).toBe('keychain');
      expect(changes()).toBe(1);
    } finally {
      await scratch.stop();
    }
  });
});

describe('an expired password', () => {
  it('is changed to a typed password that meets the policy, stored, and the session is signed in', async () => {
    const { session, profiles, store } = await setUp();
    const id = await profileFor(profiles, 'rao-expired', passwordOf('rao-expired'));
    const expired = await session.signIn(id);
    expect(expired).toMatchObject({ status: 'password-expired', problem: { cause: 'expired-password' } });
    const currentPassword = passwordOf('rao-expired');
    await expect(session.changePassword(id, { newPassword: 'short', currentPassword })).rejects.toBeInstanceOf(SessionError);
    await expect(session.changePassword(id, { newPassword: 'Contains-rao-expired-1!', currentPassword })).rejects.toThrow(/not containing the login/);
    const typed = 'Brand-New-Secret-42!';
    const { session: state, keptIn, generatedPassword } = await session.changePassword(id, { newPassword: typed, currentPassword });
    expect(keptIn).toBe('session');
    expect(generatedPassword).toBeUndefined();
    expect(state.status).toBe('signed-in');
    expect(state.password?.state).toBe('ALIVE');
    expect(await store.get(await profiles.keyFor(id), 'password')).toBe(typed);
    expect(tenant.checkPassword('rao-expired', typed)).toBe(true);
  });

  it('is changed to a generated password that only the keychain and SCM know, with no question asked', async () => {
    const { session, profiles, store } = await setUp({ keychain: true });
    const id = await profileFor(profiles, 'api-new', passwordOf('api-new'));
    expect((await session.signIn(id)).status).toBe('password-expired');
    const result = await session.changePassword(id);
    expect(result).toMatchObject({ keptIn: 'keychain', session: { status: 'signed-in' } });
    expect(result.generatedPassword).toBeUndefined();
    const stored = await store.get(await profiles.keyFor(id), 'password');
    expect(tenant.checkPassword('api-new', stored!)).toBe(true);
    expect(JSON.stringify(result)).not.toContain(stored);
  });

  it('shows a generated password once where no keychain can keep it, and says it is kept for this session only', async () => {
    const { session, profiles, store } = await setUp();
    const scratch = await startSandbox({ certificates: 0, seed: 11 });
    try {
      const { id } = await profiles.create({ name: 'scratch', host: scratch.url, customerUri: scratch.customerUri, login: 'api-new', authKind: 'password' }, scratch.seededPassword('api-new')!);
      expect((await session.signIn(id)).status).toBe('password-expired');
      await expect(session.changePassword(id)).rejects.toMatchObject({ error: { field: 'currentPassword' } });
      const result = await session.changePassword(id, { currentPassword: scratch.seededPassword('api-new')! });
      expect(result.keptIn).toBe('session');
      expect(passwordPolicyProblems(result.generatedPassword!, 'api-new')).toEqual([]);
      expect(await store.get(await profiles.keyFor(id), 'password')).toBe(result.generatedPassword);
      expect(scratch.checkPassword('api-new', result.generatedPassword!)).toBe(true);
    } finally {
      await scratch.stop();
    }
  });

  it('keeps the old password when SCM refuses the new one', async () => {
    const { session, profiles, store } = await setUp();
    const scratch = await startSandbox({ certificates: 0 });
    try {
      const old = scratch.seededPassword('rao-expired')!;
      const { id } = await profiles.create({ name: 'scratch', host: scratch.url, customerUri: scratch.customerUri, login: 'rao-expired', authKind: 'password' });
      await profiles.setSecret(id, old);
      expect((await session.signIn(id)).status).toBe('password-expired');
      // Meets the local policy, but SCM refuses the current password as the new one.
      await expect(session.changePassword(id, { newPassword: old, currentPassword: old })).rejects.toThrow(/SCM|policy|differ/i);
      expect(await store.get(await profiles.keyFor(id), 'password')).toBe(old);
    } finally {
      await scratch.stop();
    }
  });
});

describe('the Sandbox profile’s own password', () => {
  const practiseAs = (profiles: ProfileService, login: string) =>
    profiles.update(sandboxProfileId, { name: 'Sandbox', host: 'built-in', customerUri: 'sandbox-university', login, authKind: 'password' });

  async function filesIn(dir: string): Promise<string[]> {
    const files: string[] = [];
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) files.push(...(await filesIn(join(dir, entry.name))));
      else files.push(join(dir, entry.name));
    }
    return files;
  }

  it.each([
    ['rao-expired', 'Practice-Typed-Lichen-27!'],
    ['api-new', undefined],
  ])('is changed as %s like a real profile’s: kept in the credential store, in clear nowhere in the user-data folder, and signs in again', async (login, typed) => {
    const { folder, store, profiles, sandbox, session } = await setUp();
    await practiseAs(profiles, login);
    const seeded = (await sandbox.ensure()).seededPassword(login)!;
    expect(seeded).toBeDefined();
    expect((await session.signIn(sandboxProfileId)).status).toBe('password-expired');
    expect((await session.changePassword(sandboxProfileId, { ...(typed === undefined ? {} : { newPassword: typed }), currentPassword: seeded })).session.status).toBe('signed-in');
    const kept = await profiles.sandboxSecret(login);
    if (typed !== undefined) expect(kept).toBe(typed);
    expect(kept).toBeDefined();
    expect(kept).not.toBe(seeded);
    const keys = (await store.list()).map((entry) => entry.profileId);
    expect(keys).toEqual([expect.stringMatching(new RegExp(`^${await profiles.keyFor(sandboxProfileId)}-[0-9a-f]{16}$`))]);
    const handle = await sandbox.ensure();
    expect(handle.checkPassword(login, kept!)).toBe(true);
    expect(handle.seededPassword(login)).toBeUndefined();

    await session.close();
    await sandbox.stop();
    expect(await readFile(sandbox.stateFile, 'utf8')).toContain('"passwordHash"');
    for (const file of await filesIn(folder)) {
      const text = await readFile(file, 'utf8');
      expect(text.includes(kept!), file).toBe(false);
      expect(text.includes(seeded), file).toBe(false);
    }

    // As after a restart: the profiles loaded afresh (which tidies the credential store) and the sandbox from its state file.
    const profilesAgain = new ProfileService({ userDataDir: folder, credentials: store, notices: new Notices() });
    const sandboxAgain = new SandboxRunner(folder, { certificates: 20 });
    runners.push(sandboxAgain);
    const sessionAgain = new SessionService({ profiles: profilesAgain, sandbox: sandboxAgain, audit: new AuditService({ userDataDir: folder }) });
    open.push(sessionAgain);
    expect(await sessionAgain.signIn(sandboxProfileId)).toMatchObject({ status: 'signed-in', practice: true, identity: { login } });
    expect(await profilesAgain.sandboxSecret(login)).toBe(kept);
  });

  it('keeps nothing when the sandbox refuses the new password, and forgets what it kept when the sandbox is reset', async () => {
    const { profiles, sandbox, session } = await setUp();
    await practiseAs(profiles, 'rao-expired');
    const seeded = (await sandbox.ensure()).seededPassword('rao-expired')!;
    expect((await session.signIn(sandboxProfileId)).status).toBe('password-expired');
    await expect(session.changePassword(sandboxProfileId, { newPassword: seeded, currentPassword: seeded })).rejects.toThrow(/SCM|policy|differ/i);
    expect(await profiles.sandboxSecret('rao-expired')).toBeUndefined();
    const typed = 'Practice-Reset-Fern-19!';
    expect((await session.changePassword(sandboxProfileId, { newPassword: typed, currentPassword: seeded })).session.status).toBe('signed-in');
    expect(await profiles.sandboxSecret('rao-expired')).toBe(typed);
    const real = await profileFor(profiles, 'drao-physics', passwordOf('drao-physics'));

    await session.signOut();
    await sandbox.reset();
    expect(await profiles.sandboxSecret('rao-expired')).toBeUndefined();
    expect(await profiles.secret(real)).toBe(passwordOf('drao-physics'));
    expect((await sandbox.ensure()).seededPassword('rao-expired')).toBe(seeded);
    expect((await session.signIn(sandboxProfileId)).status).toBe('password-expired');
  });
});

describe('generated passwords', () => {
  it('always meet the policy and differ every time', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const password = generatePassword('api-automation');
      expect(passwordPolicyProblems(password, 'api-automation')).toEqual([]);
      seen.add(password);
    }
    expect(seen.size).toBe(200);
  });
});

describe('the user-data folder', () => {
  it('holds no secret after sign-ins and a password change', async () => {
    const { folder, session, profiles, store } = await setUp();
    const secrets = [passwordOf('drao-physics'), 'Wrong-Password-123!'];
    await session.signIn('sandbox');
    await session.signIn(await profileFor(profiles, 'drao-physics', secrets[0]!));
    await session.signIn(await profileFor(profiles, 'rao', secrets[1]!, 'wrong'));
    const files: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) await walk(join(dir, entry.name));
        else files.push(join(dir, entry.name));
      }
    };
    await session.close();
    await walk(folder);
    expect(files.some((file) => file.endsWith('profiles.json'))).toBe(true);
    for (const entry of await store.list()) secrets.push((await store.get(entry.profileId, entry.secret))!);
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      for (const secret of secrets) expect(text, file).not.toContain(secret);
    }
  });
});
