import { afterEach } from 'vitest';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'node:net';
import { MemoryCredentialStore, type SecretKind } from '../../src/main/credentials';
import { ScmClient } from '../../src/main/scm/client';
import { AuditService } from '../../src/main/services/audit';
import { ChecklistAccounts, ChecklistService, checklistsFolderName, type ChecklistSession } from '../../src/main/services/checklists';
import { ServiceError } from '../../src/main/services/errors';
import { Notices } from '../../src/main/services/notices';
import { tenantOf } from '../../src/main/services/profileClient';
import { ProfileService } from '../../src/main/services/profiles';
import { SandboxRunner } from '../../src/main/services/sandboxRunner';
import type { AppError } from '../../src/shared/result';
import type { ChecklistRun, StepAction } from '../../src/shared/checklists';
import { ManualClock, startSandbox, type SandboxHandle, type SandboxOptions } from '../../src/sandbox';

/**
 * A credential store that outlives the app, as the OS keychain does, and
 * remembers every value ever put in it: the passwords a checklist made, for
 * scanning what it writes to disk.
 */
export class KeychainLike extends MemoryCredentialStore {
  readonly everSet = new Set<string>();
  /** Runs before an entry is removed: a moment a test may stop the app at. */
  onDelete: ((profileId: string, secret: SecretKind) => Promise<void>) | undefined;

  constructor() {
    super();
    Object.defineProperty(this, 'kind', { value: 'keychain' });
  }

  override async set(...args: Parameters<MemoryCredentialStore['set']>): Promise<void> {
    this.everSet.add(args[2]);
    await super.set(...args);
  }

  override async delete(profileId: string, secret: SecretKind): Promise<void> {
    await this.onDelete?.(profileId, secret);
    await super.delete(profileId, secret);
  }

  /** Every entry as it is now. */
  async snapshot(): Promise<[string, SecretKind, string][]> {
    const entries: [string, SecretKind, string][] = [];
    for (const { profileId, secret } of await this.list()) entries.push([profileId, secret, (await this.get(profileId, secret))!]);
    return entries;
  }

  /** Puts back the entries of a snapshot, and only those. */
  async restore(entries: [string, SecretKind, string][]): Promise<void> {
    for (const { profileId, secret } of await this.list()) await super.delete(profileId, secret);
    for (const [profileId, secret, value] of entries) await super.set(profileId, secret, value);
  }
}

/** What a request through the proxy meets: answered, answered to nobody (done, reply lost), or dropped unsent. */
export type Fate = 'answer' | 'lose-answer' | 'drop';

export interface ProxyRule {
  method: string;
  path: RegExp;
  /** How many matching requests it applies to. */
  times: number;
  fate: Fate;
  /** An answer given in SCM's place, without asking it. */
  reply?: { status: number; body: unknown };
  /** Runs when a matching request arrives, before SCM sees it. */
  before?: () => Promise<void> | void;
  /** Runs once SCM has done it, before the reply goes back (or is lost). */
  after?: () => Promise<void> | void;
}

/**
 * A pass-through in front of the tenant that can lose a reply after SCM did
 * the work, or drop a request before it: the network failures a checklist must
 * survive, decided per request, so no test waits for a timeout.
 */
export interface LossyProxy {
  url: string;
  rules: ProxyRule[];
  /** Requests seen, as `METHOD /path`. */
  seen: string[];
  close(): Promise<void>;
}

export async function startProxy(target: string): Promise<LossyProxy> {
  const rules: ProxyRule[] = [];
  const seen: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      void (async () => {
        const method = request.method ?? 'GET';
        const path = new URL(request.url ?? '/', 'http://proxy').pathname;
        seen.push(`${method} ${path}`);
        const rule = rules.find((candidate) => candidate.times > 0 && candidate.method === method && candidate.path.test(path));
        if (rule !== undefined) rule.times -= 1;
        await rule?.before?.();
        if (rule?.fate === 'drop') {
          request.socket.destroy();
          return;
        }
        if (rule?.reply !== undefined) {
          const text = JSON.stringify(rule.reply.body);
          response.writeHead(rule.reply.status, { 'content-type': 'application/json;charset=UTF-8', 'content-length': String(Buffer.byteLength(text)) });
          response.end(text);
          return;
        }
        const headers = new Headers();
        for (const [name, value] of Object.entries(request.headers)) {
          if (value === undefined || ['host', 'connection', 'content-length', 'keep-alive'].includes(name)) continue;
          headers.set(name, Array.isArray(value) ? value.join(', ') : value);
        }
        const body = chunks.length === 0 ? undefined : Buffer.concat(chunks);
        const answer = await fetch(`${target}${request.url ?? '/'}`, { method, headers, ...(body === undefined || method === 'GET' ? {} : { body }) });
        const bytes = Buffer.from(await answer.arrayBuffer());
        await rule?.after?.();
        if (rule?.fate === 'lose-answer') {
          request.socket.destroy();
          return;
        }
        const out: Record<string, string> = {};
        answer.headers.forEach((value, name) => {
          if (!['connection', 'content-length', 'transfer-encoding', 'keep-alive', 'content-encoding'].includes(name)) out[name] = value;
        });
        out['content-length'] = String(bytes.length);
        response.writeHead(answer.status, out);
        response.end(bytes);
      })().catch(() => request.socket.destroy());
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    rules,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

/** A clock for the app that moves a second per reading: stamps stay distinct and ordered, whatever the machine's speed. */
export function appClock(start = Date.parse('2025-03-01T09:00:00Z')): () => number {
  let time = start;
  return () => (time += 1000);
}

/** The app's parts a checklist needs, as the console builds them, on one user-data folder. */
export interface ChecklistApp {
  profiles: ProfileService;
  accounts: ChecklistAccounts;
  checklists: ChecklistService;
  /** Makes `profileId` the signed-in profile. */
  signIn(profileId: string): void;
  /** The signed-in admin's client, for what a test checks besides the checklist. */
  session(): Promise<ChecklistSession>;
  close(): Promise<void>;
}

export interface ChecklistWorld {
  /** The SCM tenant, running on its own test clock for the whole test. */
  tenant: SandboxHandle;
  clock: ManualClock;
  /** In front of the tenant: every profile's host. */
  proxy: LossyProxy;
  folder: string;
  keychain: KeychainLike;
  /** The app as a process starts it; a second call is the app after a restart (or a crash). */
  start(): ChecklistApp;
  /** A profile on the tenant for a seeded admin, with its seed password. */
  profileFor(app: ChecklistApp, login: string): Promise<string>;
  /** The run file of a profile, parsed. */
  runFile(profileId: string): Promise<{ runs: ChecklistRun[] }>;
  runFilePath(profileId: string): string;
  /** Calls the tenant as a seeded admin, outside the app: what another admin does in SCM meanwhile. */
  as(login: string): ScmClient;
  close(): Promise<void>;
}

const instant = async (): Promise<void> => undefined;

export async function checklistWorld(options: Omit<SandboxOptions, 'now'> = {}): Promise<ChecklistWorld> {
  const clock = new ManualClock(Date.now() - 60 * 60_000);
  const tenant = await startSandbox({ certificates: 20, seed: 11, ...options, now: clock.now });
  const proxy = await startProxy(tenant.url);
  const folder = await mkdtemp(join(tmpdir(), 'tcs-checklists-'));
  const keychain = new KeychainLike();
  const apps: ChecklistApp[] = [];
  const outside: ScmClient[] = [];
  const now = appClock();

  function start(): ChecklistApp {
    const notices = new Notices();
    const profiles = new ProfileService({ userDataDir: folder, credentials: keychain, notices, now });
    const sandbox = new SandboxRunner(folder, { certificates: 20 });
    const audit = new AuditService({ userDataDir: folder });
    const accounts = new ChecklistAccounts({ profiles, sandbox, audit });
    const clients = new Map<string, ScmClient>();
    let active: string | undefined;
    const session = async (): Promise<ChecklistSession> => {
      if (active === undefined) throw new ServiceError({ kind: 'auth', message: 'Sign in to a profile first.' });
      const profile = await profiles.get(active);
      let client = clients.get(profile.id);
      if (client === undefined) {
        const id = profile.id;
        // As the console's own client, but retrying at once: a test never waits for a back-off.
        client = new ScmClient({
          baseUrl: profile.host,
          auth: { kind: 'password', login: profile.login, customerUri: profile.customerUri, password: async () => (await profiles.secret(id)) ?? '' },
          onWrite: audit.hookFor({ profile: { id: profile.id, name: profile.name }, tenant: tenantOf(profile) }),
          sleep: instant,
          random: () => 0.5,
        });
        clients.set(profile.id, client);
      }
      return { profile, client, who: profile.login, tenant: tenantOf(profile) };
    };
    const checklists = new ChecklistService({ userDataDir: folder, accounts, session, now });
    const app: ChecklistApp = {
      profiles,
      accounts,
      checklists,
      signIn: (profileId) => void (active = profileId),
      session,
      close: async () => {
        await Promise.all([...clients.values()].map((client) => client.close()));
        await sandbox.stop();
      },
    };
    apps.push(app);
    return app;
  }

  const runFilePath = (profileId: string) => join(folder, checklistsFolderName, `${profileId}.json`);
  return {
    tenant,
    clock,
    proxy,
    folder,
    keychain,
    start,
    async profileFor(app, login) {
      const password = tenant.seededPassword(login);
      if (password === undefined) throw new Error(`no seeded password for ${login}`);
      const created = await app.profiles.create({ name: `${login} at the tenant`, host: proxy.url, customerUri: tenant.customerUri, login, authKind: 'password' }, password);
      return created.id;
    },
    runFilePath,
    runFile: async (profileId) => JSON.parse(await readFile(runFilePath(profileId), 'utf8')) as { runs: ChecklistRun[] },
    as(login) {
      const password = tenant.seededPassword(login)!;
      const client = new ScmClient({ baseUrl: tenant.url, auth: { kind: 'password', login, customerUri: tenant.customerUri, password: async () => password }, sleep: instant });
      outside.push(client);
      return client;
    },
    async close() {
      await Promise.all(apps.splice(0).map((app) => app.close()));
      await Promise.all(outside.splice(0).map((client) => client.close()));
      await proxy.close();
      await tenant.stop();
    },
  };
}

/** Overwrites a run file with what it held before: the state a kill leaves behind. */
export async function restoreFile(path: string, text: string): Promise<void> {
  await writeFile(path, text);
}

/** The refusal a call fails with; the test fails if it succeeds or throws something else. */
export async function refusalOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ServiceError) return error.error;
    throw error;
  }
  throw new Error('expected a refusal');
}

/** What a person does with a step of a given kind to get past it. */
export function actionFor(kind: string): StepAction {
  return kind === 'info' ? 'acknowledge' : kind === 'manual' ? 'verify' : 'run';
}

/** The step a run is at: the first one not finished. */
export function currentStep(run: ChecklistRun): ChecklistRun['steps'][number] | undefined {
  return run.steps.find((step) => step.state !== 'done' && step.state !== 'verified' && step.state !== 'skipped');
}

/**
 * A test file's worlds: each test opens one, signed in as an admin of its
 * tenant, and it is closed when the test ends.
 */
export function signedInWorlds(): (login?: string, options?: Parameters<typeof checklistWorld>[0]) => Promise<{ world: ChecklistWorld; app: ChecklistApp; profileId: string }> {
  let current: ChecklistWorld | undefined;
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return async (login = 'rao', options = {}) => {
    const world = await checklistWorld(options);
    current = world;
    const app = world.start();
    const profileId = await world.profileFor(app, login);
    app.signIn(profileId);
    return { world, app, profileId };
  };
}

/** The tenant's admins with a login: more than one means a checklist made one twice. */
export function adminsWithLogin(world: ChecklistWorld, login: string) {
  return [...world.tenant.store.admins.values()].filter((admin) => admin.login === login);
}

/** How many times the tenant was sent a request (`METHOD /path`). */
export function count(world: ChecklistWorld, request: string): number {
  return world.proxy.seen.filter((seen) => seen === request).length;
}
