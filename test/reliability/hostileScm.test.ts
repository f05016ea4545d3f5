import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorKinds } from '../../src/shared/result';
import { AdminsApi } from '../../src/main/scm/admins';
import { ScmClient, type ScmWrite } from '../../src/main/scm/client';
import { CodeSigningApi } from '../../src/main/scm/codesign';
import { DcvApi } from '../../src/main/scm/dcv';
import { DomainsApi } from '../../src/main/scm/domains';
import { ScmClientError } from '../../src/main/scm/errors';
import { NotificationsApi } from '../../src/main/scm/notifications';
import * as oauth from '../../src/main/scm/oauth';
import { OrganizationsApi } from '../../src/main/scm/organizations';
import { collectAll, maxListRows } from '../../src/main/scm/paging';
import * as reports from '../../src/main/scm/reports';
import { PersonsApi, SmimeApi } from '../../src/main/scm/smime';
import { SslApi } from '../../src/main/scm/ssl';
import * as tenant from '../../src/main/scm/tenant';
import { atSize, recordFigure, seededRandom } from '../support/reliability';
import { misbehaviours, startHostileScm, startRecorder, type HostileScm, type Misbehaviour, type SeenRequest } from './hostileServer';

/**
 * Every read and write of the SCM client, against a server that answers in
 * each of the ways a broken proxy, a wrong host or a hostile one might: each
 * call must end with a clear error (or, where the answer leaves room, a sane
 * value) within its deadline, without a hang or a crash, with memory bounded
 * by the client's limit on an answer, and without a credential going to any
 * host but the configured one.
 */

const suite = 'A misbehaving SCM';
/** The client's own deadline per call, set small so a hang shows at once. */
const deadlineMs = 500;
/** Far beyond any call's deadlines, however many calls it makes one after another: a call still open then hangs. */
const hangAfterMs = 60 * deadlineMs;
/** The client's limit on an answer, for ordinary calls and reports alike. */
const limit = 256 * 1024;
const rounds = atSize(1, 4);
const concurrency = 48;
const seed = Number(process.env.TCS_RELIABILITY_SEED ?? 1_511_2024);

const password = 'Hostile-Pass-7431!';
const clientSecret = 'Hostile-Client-Secret-5519';
const accessToken = 'hostile-access-token-9f3e2c';
const secrets = [password, clientSecret, accessToken];
const goodTokenPath = '/oauth/good-token';

/**
 * Misbehaviours after which no call can have a usable answer: each must fail
 * with an error. After the others (wrongly typed or deeply nested JSON, an odd
 * X-Total-Count) a call whose answer leaves room may succeed, with a sane value.
 */
const alwaysFatal = new Set<Misbehaviour>(misbehaviours.filter((name) => !['mistyped', 'deeply-nested', 'count-huge', 'count-negative', 'count-not-a-number', 'count-overflow'].includes(name)));

/** Answers larger than the client's limit. */
const oversized = new Set<Misbehaviour>(['oversized', 'oversized-declared', 'never-ending']);

interface Apis {
  client: ScmClient;
  admins: AdminsApi;
  organizations: OrganizationsApi;
  domains: DomainsApi;
  dcv: DcvApi;
  notifications: NotificationsApi;
  ssl: SslApi;
  smime: SmimeApi;
  persons: PersonsApi;
  codeSigning: CodeSigningApi;
}

interface Context {
  apis: Apis;
  /** A token source asking the misbehaving server itself for its token. */
  tokenSource(): oauth.TokenSource;
  /** A client that signs in with OAuth2 at the misbehaving server itself. */
  oauthClient(): ScmClient;
}

interface Method {
  /** The module in src/main/scm, and the method or function as it is named there. */
  module: string;
  name: string;
  /** A variant of the same method (another DCV method, say), for the log. */
  variant?: string;
  /** Whether it may change something in SCM. */
  write: boolean;
  run(context: Context): Promise<unknown>;
  /**
   * When it may succeed. Unless told, only after an answer that leaves room.
   * `never`: a list, whose pages no misbehaving answer passes. `always`: a
   * probe that says what it could tell instead of failing.
   */
  resolves?: 'never' | 'always';
  /** What a value it returns must satisfy. */
  sane?(value: unknown): boolean;
}

const list = { pageAttempts: 1 };
/** A number of rows SCM could hold. */
const isCount = (value: unknown): boolean => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= maxListRows;
const inventory = { attempts: 2, retryPauseMs: 5, concurrency: 4 };
const csr = '-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n';

/** Every read and write of every API module, with arguments that pass the client's own checks. */
const methods: Method[] = [
  // Administrators
  { module: 'admins', name: 'pages', write: false, resolves: 'never', run: ({ apis }) => collectAll(apis.admins.pages({}, list)) },
  { module: 'admins', name: 'list', write: false, resolves: 'never', run: ({ apis }) => apis.admins.list({ orgId: 3 }, list) },
  { module: 'admins', name: 'get', write: false, run: ({ apis }) => apis.admins.get(11) },
  { module: 'admins', name: 'findByLogin', write: false, resolves: 'never', run: ({ apis }) => apis.admins.findByLogin('rao-api') },
  {
    module: 'admins',
    name: 'create',
    write: true,
    run: ({ apis }) => apis.admins.create({ type: 'API', login: 'rao-api', email: 'rao@example.org', forename: 'R', surname: 'A', password: 'Temp-Pass-1!', credentials: [{ role: 'RAO_SSL', orgId: 3 }] }),
  },
  { module: 'admins', name: 'delete', write: true, run: ({ apis }) => apis.admins.delete(11, 12) },
  { module: 'admins', name: 'privileges', write: false, run: ({ apis }) => apis.admins.privileges(['RAO_SSL']) },
  { module: 'admins', name: 'update', write: true, run: ({ apis }) => apis.admins.update(11, { activeStatus: 'SUSPENDED' }) },
  { module: 'admins', name: 'roles', write: false, run: ({ apis }) => apis.admins.roles() },
  { module: 'admins', name: 'identityProviders', write: false, run: ({ apis }) => apis.admins.identityProviders() },
  { module: 'admins', name: 'passwordStatus', write: false, run: ({ apis }) => apis.admins.passwordStatus() },
  { module: 'admins', name: 'changePassword', write: true, run: ({ apis }) => apis.admins.changePassword('New-Pass-1234!') },
  // Organizations and departments
  { module: 'organizations', name: 'list', write: false, run: ({ apis }) => apis.organizations.list() },
  { module: 'organizations', name: 'get', write: false, run: ({ apis }) => apis.organizations.get(3) },
  { module: 'organizations', name: 'findByName', write: false, run: ({ apis }) => apis.organizations.findByName('Physics', 'University') },
  { module: 'organizations', name: 'create', write: true, run: ({ apis }) => apis.organizations.create({ name: 'Physics', parentName: 'University', address1: 'Main St 1', city: 'Town', country: 'SE' }) },
  { module: 'organizations', name: 'update', write: true, run: ({ apis }) => apis.organizations.update(3, { city: 'Other Town' }) },
  { module: 'organizations', name: 'delete', write: true, run: ({ apis }) => apis.organizations.delete(3) },
  { module: 'organizations', name: 'setApiFlags', write: true, run: ({ apis }) => apis.organizations.setApiFlags(3, { sslCertsApiEnabled: true }) },
  // Domains
  { module: 'domains', name: 'list', write: false, resolves: 'never', run: ({ apis }) => apis.domains.list({ orgId: 3 }, list) },
  { module: 'domains', name: 'get', write: false, run: ({ apis }) => apis.domains.get(5) },
  { module: 'domains', name: 'create', write: true, run: ({ apis }) => apis.domains.create({ name: 'example.org', delegations: [{ orgId: 3, certTypes: ['SSL'] }] }) },
  { module: 'domains', name: 'delete', write: true, run: ({ apis }) => apis.domains.delete(5) },
  { module: 'domains', name: 'suspend', write: true, run: ({ apis }) => apis.domains.suspend(5) },
  { module: 'domains', name: 'activate', write: true, run: ({ apis }) => apis.domains.activate(5) },
  { module: 'domains', name: 'delegate', write: true, run: ({ apis }) => apis.domains.delegate(5, { orgId: 4, certTypes: ['SSL', 'SMIME'] }) },
  { module: 'domains', name: 'removeDelegation', write: true, run: ({ apis }) => apis.domains.removeDelegation(5, 4, ['SMIME']) },
  { module: 'domains', name: 'approveDelegation', write: true, run: ({ apis }) => apis.domains.approveDelegation(5, 4) },
  { module: 'domains', name: 'rejectDelegation', write: true, run: ({ apis }) => apis.domains.rejectDelegation(5, 4) },
  // A validation row has no required field, so a page of odd rows may pass.
  { module: 'domains', name: 'validations', write: false, run: ({ apis }) => apis.domains.validations({ expiresIn: 30 }, list) },
  // Domain control validation
  ...(['CNAME', 'HTTP', 'HTTPS', 'EMAIL'] as const).map((method): Method => ({ module: 'dcv', name: 'start', variant: method, write: true, run: ({ apis }) => apis.dcv.start('example.org', method) })),
  { module: 'dcv', name: 'submit', variant: 'TXT', write: true, run: ({ apis }) => apis.dcv.submit('example.org', 'TXT') },
  { module: 'dcv', name: 'submit', variant: 'EMAIL', write: true, run: ({ apis }) => apis.dcv.submit('example.org', 'EMAIL', 'admin@example.org') },
  { module: 'dcv', name: 'status', write: false, run: ({ apis }) => apis.dcv.status('example.org') },
  { module: 'dcv', name: 'sync', write: true, run: ({ apis }) => apis.dcv.sync('example.org') },
  { module: 'dcv', name: 'clear', write: true, run: ({ apis }) => apis.dcv.clear('example.org') },
  // Notification rules
  { module: 'notifications', name: 'types', write: false, run: ({ apis }) => apis.notifications.types() },
  { module: 'notifications', name: 'list', write: false, resolves: 'never', run: ({ apis }) => apis.notifications.list(list) },
  { module: 'notifications', name: 'create', write: true, run: ({ apis }) => apis.notifications.create({ description: 'Expiring SSL', type: 'SSLExpiration', selectedOrgType: 'ANY', notifyRoles: ['RAO_SSL'], days: 30 }) },
  { module: 'notifications', name: 'update', write: true, run: ({ apis }) => apis.notifications.update(9, { active: false }) },
  { module: 'notifications', name: 'delete', write: true, run: ({ apis }) => apis.notifications.delete(9) },
  // SSL certificates
  { module: 'ssl', name: 'profiles', write: false, run: ({ apis }) => apis.ssl.profiles(3) },
  { module: 'ssl', name: 'customFields', write: false, run: ({ apis }) => apis.ssl.customFields() },
  { module: 'ssl', name: 'list', write: false, resolves: 'never', run: ({ apis }) => collectAll(apis.ssl.list({ orgId: 3 }, list)) },
  { module: 'ssl', name: 'count', write: false, run: ({ apis }) => apis.ssl.count({ orgId: 3 }), sane: isCount },
  { module: 'ssl', name: 'get', write: false, run: ({ apis }) => apis.ssl.get(21) },
  { module: 'ssl', name: 'enroll', write: true, run: ({ apis }) => apis.ssl.enroll({ orgId: 3, csr, profileId: 1, term: 365 }) },
  { module: 'ssl', name: 'findByMarker', write: false, resolves: 'never', run: ({ apis }) => apis.ssl.findByMarker('[tcs-console x]', 3, 'www.example.org') },
  { module: 'ssl', name: 'collect', write: false, run: ({ apis }) => apis.ssl.collect(21, { deadlineMs }) },
  { module: 'ssl', name: 'collectChain', write: false, resolves: 'never', run: ({ apis }) => apis.ssl.collectChain(21, { deadlineMs }) },
  { module: 'ssl', name: 'renew', write: true, run: ({ apis }) => apis.ssl.renew(21) },
  { module: 'ssl', name: 'revoke', write: true, run: ({ apis }) => apis.ssl.revoke(21, 4, 'superseded') },
  { module: 'ssl', name: 'replace', write: true, run: ({ apis }) => apis.ssl.replace(21, csr, 'key lost') },
  { module: 'ssl', name: 'approve', write: true, run: ({ apis }) => apis.ssl.approve(21, 'ok') },
  { module: 'ssl', name: 'decline', write: true, run: ({ apis }) => apis.ssl.decline(21, 'no') },
  // Client certificates
  { module: 'smime', name: 'list', write: false, resolves: 'never', run: ({ apis }) => collectAll(apis.smime.list({ email: 'a@example.org' }, list)) },
  { module: 'smime', name: 'profiles', write: false, run: ({ apis }) => apis.smime.profiles(3) },
  {
    module: 'smime',
    name: 'enroll',
    write: true,
    run: ({ apis }) => apis.smime.enroll({ orgId: 3, csr, profileId: 2, term: 365, email: 'a@example.org', firstName: 'A', lastName: 'B' }),
  },
  { module: 'smime', name: 'findByMarker', write: false, resolves: 'never', run: ({ apis }) => apis.smime.findByMarker('a@example.org', '[tcs-console x]') },
  { module: 'smime', name: 'renew', variant: 'by order', write: true, run: ({ apis }) => apis.smime.renew({ backendCertId: '77' }) },
  { module: 'smime', name: 'renew', variant: 'by serial', write: true, run: ({ apis }) => apis.smime.renew({ serialNumber: '0A1B' }) },
  { module: 'smime', name: 'replace', write: true, run: ({ apis }) => apis.smime.replace('77', csr, 'key lost') },
  { module: 'smime', name: 'revoke', write: true, run: ({ apis }) => apis.smime.revoke({ backendCertId: '77' }, 0, 'left') },
  { module: 'smime', name: 'revokeAllOf', write: true, run: ({ apis }) => apis.smime.revokeAllOf('a@example.org', 0, 'left') },
  { module: 'smime', name: 'revokeManually', write: true, run: ({ apis }) => apis.smime.revokeManually('0A1B', 'CN=Issuer', 1, 'key compromise') },
  { module: 'smime', name: 'collect', write: false, run: ({ apis }) => apis.smime.collect('77', { deadlineMs }) },
  // Persons
  { module: 'persons', name: 'list', write: false, resolves: 'never', run: ({ apis }) => apis.persons.list({ organizationId: 3 }, list) },
  { module: 'persons', name: 'search', write: false, run: ({ apis }) => apis.persons.search({ name: 'Ann' }), sane: (value) => isCount((value as { total: unknown }).total) },
  { module: 'persons', name: 'get', write: false, run: ({ apis }) => apis.persons.get(31) },
  { module: 'persons', name: 'create', write: true, run: ({ apis }) => apis.persons.create({ firstName: 'Ann', lastName: 'B', email: 'ann@example.org', organizationId: 3 }) },
  { module: 'persons', name: 'update', write: true, run: ({ apis }) => apis.persons.update(31, { phone: '+46 1' }) },
  { module: 'persons', name: 'delete', write: true, run: ({ apis }) => apis.persons.delete(31) },
  { module: 'persons', name: 'findByEmail', write: false, run: ({ apis }) => apis.persons.findByEmail('ann@example.org') },
  // Code-signing certificates
  { module: 'codesign', name: 'list', write: false, resolves: 'never', run: ({ apis }) => apis.codeSigning.list({ orgId: 3 }, list) },
  { module: 'codesign', name: 'import', write: true, run: ({ apis }) => apis.codeSigning.import([{ orgId: 3, certificate: 'MIIB' }]) },
  { module: 'codesign', name: 'revokeManually', write: true, run: ({ apis }) => apis.codeSigning.revokeManually({ certId: 41 }, 1, 'key compromise') },
  // Reports and inventories
  { module: 'reports', name: 'sslInventory', write: false, run: ({ apis }) => reports.sslInventory(apis.client, apis.ssl, { organizationIds: [3] }, inventory) },
  { module: 'reports', name: 'sslReport', write: false, run: ({ apis }) => reports.sslReport(apis.client, { organizationIds: [3] }) },
  { module: 'reports', name: 'inventoryFromDetails', write: false, resolves: 'never', run: ({ apis }) => reports.inventoryFromDetails(apis.ssl, { orgId: 3 }, inventory) },
  { module: 'reports', name: 'smimeInventory', write: false, run: ({ apis }) => reports.smimeInventory(apis.client, apis.smime, { organizationIds: [3] }, inventory) },
  { module: 'reports', name: 'smimeInventoryFromList', write: false, resolves: 'never', run: ({ apis }) => reports.smimeInventoryFromList(apis.smime, {}, inventory) },
  { module: 'reports', name: 'activityReport', write: false, run: ({ apis }) => reports.activityReport(apis.client, { from: '2025-01-01T00:00:00Z' }) },
  { module: 'reports', name: 'domainReport', write: false, run: ({ apis }) => reports.domainReport(apis.client) },
  // The tenant's state: the probe never throws for SCM's answers, it says what it could tell.
  {
    module: 'tenant',
    name: 'probeWritable',
    write: true,
    run: ({ apis }) => tenant.probeWritable(apis.client, [{ role: 'RAO_SSL', orgId: 3 }], 3),
    resolves: 'always',
    sane: (value) => (value as tenant.WritableVerdict).writable === 'unknown',
  },
  // Signing in with OAuth2: the token itself, and a call whose token service misbehaves.
  { module: 'oauth', name: 'token', write: false, resolves: 'never', run: async ({ tokenSource }) => tokenSource().token() },
  { module: 'oauth', name: 'token', variant: 'through the client', write: false, resolves: 'never', run: async ({ oauthClient }) => new OrganizationsApi(oauthClient()).list() },
];

/** Members that make no request, and so are not run against a misbehaving server. */
const requestless: Record<string, string[]> = {
  reports: ['reportRefused', 'IncompleteInventoryError'],
  oauth: ['invalidate', 'close', 'sectigoTokenUrl', 'TokenSource'],
  tenant: [],
};

/** The methods each module offers, read from the modules themselves, so a new one cannot go untested. */
function offered(): Record<string, string[]> {
  const own = (prototype: object) => Object.getOwnPropertyNames(prototype).filter((name) => name !== 'constructor');
  const functions = (module: Record<string, unknown>) => Object.keys(module).filter((name) => typeof module[name] === 'function');
  return {
    admins: own(AdminsApi.prototype),
    organizations: own(OrganizationsApi.prototype),
    domains: own(DomainsApi.prototype),
    dcv: own(DcvApi.prototype),
    notifications: own(NotificationsApi.prototype),
    ssl: own(SslApi.prototype),
    smime: own(SmimeApi.prototype),
    persons: own(PersonsApi.prototype),
    codesign: own(CodeSigningApi.prototype),
    reports: functions(reports),
    tenant: functions(tenant),
    // Everything the module exports, and what its token source does.
    oauth: [...Object.keys(oauth), ...own(oauth.TokenSource.prototype)],
  };
}

type Auth = 'password' | 'oauth2';

interface Outcome {
  misbehaviour: Misbehaviour;
  method: Method;
  auth: Auth;
  settledMs: number;
  hung: boolean;
  resolved: boolean;
  value?: unknown;
  error?: unknown;
}

const label = (outcome: Pick<Outcome, 'misbehaviour' | 'method' | 'auth'>): string =>
  `${outcome.method.module}.${outcome.method.name}${outcome.method.variant === undefined ? '' : ` (${outcome.method.variant})`} as ${outcome.auth} against ${outcome.misbehaviour} [seed ${seed}]`;

function carriesSecret(request: SeenRequest): boolean {
  const text = `${request.url}\n${Object.entries(request.headers).map(([name, value]) => `${name}: ${value}`).join('\n')}\n${request.body}`;
  return secrets.some((secret) => text.includes(secret));
}

/** A full collection, for measuring what is left on the heap. */
function collectGarbage(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

describe('a misbehaving SCM', () => {
  const servers: HostileScm[] = [];
  const recorders: Awaited<ReturnType<typeof startRecorder>>[] = [];
  const clients: ScmClient[] = [];
  const tokenSources: oauth.TokenSource[] = [];
  const writes = new Map<Misbehaviour, ScmWrite[]>();

  beforeAll(async () => {
    recorders.push(await startRecorder(), await startRecorder('127.0.0.2'));
  });

  afterAll(async () => {
    // Servers first: their sockets go, so nothing a client still waits on can hold its close.
    await Promise.all(servers.splice(0).map((server) => server.stop()));
    await Promise.all(recorders.splice(0).map((recorder) => recorder.stop()));
    await Promise.all(clients.splice(0).map((client) => client.close().catch(() => undefined)));
    await Promise.all(tokenSources.splice(0).map((source) => source.close().catch(() => undefined)));
  });

  it('has every read and write of every API module in its table', () => {
    const covered = new Map<string, Set<string>>();
    for (const method of methods) covered.set(method.module, (covered.get(method.module) ?? new Set()).add(method.name));
    for (const [module, names] of Object.entries(offered())) {
      const expected = names.filter((name) => !(requestless[module] ?? []).includes(name)).sort();
      expect([...(covered.get(module) ?? [])].sort(), `the methods of ${module}`).toEqual(expected);
    }
  });

  it(
    'ends every call against every misbehaving answer with a clear error in time, bounded, and with credentials kept home',
    async () => {
      const gc = collectGarbage();
      const random = seededRandom(seed);
      const unhandled: unknown[] = [];
      const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
      process.on('unhandledRejection', onUnhandled);
      const [otherPort, otherHost] = recorders as [(typeof recorders)[number], (typeof recorders)[number]];

      const apisFor = (client: ScmClient): Apis => ({
        client,
        admins: new AdminsApi(client),
        organizations: new OrganizationsApi(client),
        domains: new DomainsApi(client),
        dcv: new DcvApi(client),
        notifications: new NotificationsApi(client),
        ssl: new SslApi(client),
        smime: new SmimeApi(client),
        persons: new PersonsApi(client),
        codeSigning: new CodeSigningApi(client),
      });
      const clientOptions = (misbehaviour: Misbehaviour) => ({
        deadlines: { normal: deadlineMs, long: deadlineMs },
        retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
        maxResponseBytes: limit,
        maxReportBytes: limit,
        onWrite: (write: ScmWrite) => void writes.set(misbehaviour, [...(writes.get(misbehaviour) ?? []), write]),
      });
      const newClient = (client: ScmClient): ScmClient => {
        clients.push(client);
        return client;
      };

      // One job per method, misbehaviour, sign-in and round; each round draws new sizes and variants.
      interface Job {
        misbehaviour: Misbehaviour;
        method: Method;
        auth: Auth;
        context: Context;
      }
      const jobs: Job[] = [];
      gc();
      const heapBefore = process.memoryUsage().heapUsed;
      for (let round = 0; round < rounds; round++) {
        for (const misbehaviour of misbehaviours) {
          const server = await startHostileScm({
            misbehaviour,
            limit,
            random,
            elsewhere: { otherPort: otherPort.origin, otherHost: otherHost.origin },
            goodToken: { path: goodTokenPath, accessToken },
            // Deep, yet within the limit, so that the nesting reaches the parser: 8 bytes a level at most.
            depth: round === 0 ? 20_000 : 1_000 + Math.floor(random() * 30_000),
          });
          servers.push(server);
          const options = clientOptions(misbehaviour);
          const byPassword = newClient(new ScmClient({ baseUrl: server.origin, auth: { kind: 'password', login: 'hostile-rao', customerUri: 'hostile', password: async () => password }, ...options }));
          const byToken = newClient(
            new ScmClient({ baseUrl: server.origin, auth: { kind: 'oauth2', clientId: 'hostile-client', clientSecret: async () => clientSecret, tokenUrl: `${server.origin}${goodTokenPath}` }, ...options }),
          );
          const context = (client: ScmClient): Context => ({
            apis: apisFor(client),
            tokenSource: () => {
              const source = new oauth.TokenSource({ tokenUrl: `${server.origin}/oauth/token`, clientId: 'hostile-client', clientSecret: async () => clientSecret, deadlineMs, timeoutMs: deadlineMs });
              tokenSources.push(source);
              return source;
            },
            oauthClient: () => newClient(new ScmClient({ baseUrl: server.origin, auth: { kind: 'oauth2', clientId: 'hostile-client', clientSecret: async () => clientSecret, tokenUrl: `${server.origin}/oauth/token` }, ...options })),
          });
          for (const method of methods) {
            jobs.push({ misbehaviour, method, auth: 'password', context: context(byPassword) });
            // The token rows sign in themselves; every other call is made once more with a bearer token.
            if (method.module !== 'oauth') jobs.push({ misbehaviour, method, auth: 'oauth2', context: context(byToken) });
          }
        }
      }

      let peak = 0;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20);
      const outcomes: Outcome[] = [];
      const runJob = async (job: Job): Promise<Outcome> => {
        const started = performance.now();
        let timer: NodeJS.Timeout | undefined;
        const hang = new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), hangAfterMs)));
        const call = job.method.run(job.context).then(
          (value) => ({ resolved: true as const, value }),
          (error: unknown) => ({ resolved: false as const, error }),
        );
        const result = await Promise.race([call, hang]);
        clearTimeout(timer);
        const settledMs = performance.now() - started;
        const base = { misbehaviour: job.misbehaviour, method: job.method, auth: job.auth, settledMs };
        if (result === 'hung') return { ...base, hung: true, resolved: false };
        return result.resolved ? { ...base, hung: false, resolved: true, value: result.value } : { ...base, hung: false, resolved: false, error: result.error };
      };
      // In a drawn order, so that calls to one server overlap with calls to the others.
      const queue = shuffled(jobs, random);
      const started = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          for (let job = queue.shift(); job !== undefined; job = queue.shift()) outcomes.push(await runJob(job));
        }),
      );
      const elapsed = performance.now() - started;
      clearInterval(sampler);
      process.off('unhandledRejection', onUnhandled);

      // Every call settled, and each as it should.
      const problems: string[] = [];
      for (const outcome of outcomes) {
        const { method, misbehaviour } = outcome;
        if (outcome.hung) {
          problems.push(`${label(outcome)}: still open after ${hangAfterMs} ms`);
          continue;
        }
        if (outcome.resolved) {
          const allowed = method.resolves === 'always' || (method.resolves !== 'never' && !alwaysFatal.has(misbehaviour));
          if (!allowed) problems.push(`${label(outcome)}: succeeded with ${describeValue(outcome.value)}`);
          else if (method.sane !== undefined && !method.sane(outcome.value)) problems.push(`${label(outcome)}: an unlikely value, ${describeValue(outcome.value)}`);
          else if (!Buffer.isBuffer(outcome.value) && !serializable(outcome.value)) problems.push(`${label(outcome)}: a value that cannot be passed on`);
          continue;
        }
        const error = outcome.error;
        if (!(error instanceof ScmClientError)) {
          problems.push(`${label(outcome)}: failed without a clear error: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
          continue;
        }
        const told = `${error.message}\n${error.reason}\n${error.hint ?? ''}\n${JSON.stringify(error.toAppError())}\n${error.stack ?? ''}`;
        if (!(errorKinds as readonly string[]).includes(error.kind) || error.kind === 'internal') problems.push(`${label(outcome)}: an error of kind ${error.kind}`);
        if (error.message.trim() === '' || error.reason.trim() === '') problems.push(`${label(outcome)}: an error that says nothing`);
        if (error.message.length > 1_000 || /<html|<!doctype/i.test(told)) problems.push(`${label(outcome)}: an error that repeats the answer: ${error.message.slice(0, 200)}`);
        if (secrets.some((secret) => told.includes(secret))) problems.push(`${label(outcome)}: a credential in the error`);
        // An answer past the limit is cut off there (or, read slowly, at the deadline), never read whole.
        if (oversized.has(misbehaviour) && method.module !== 'oauth' && !(method.module === 'ssl' && method.name === 'count') && error.network !== 'too-large' && error.network !== 'timeout') {
          problems.push(`${label(outcome)}: not cut off at the limit: ${error.message}`);
        }
        // A write whose answer was lost may have happened: the caller must be told, not told it failed.
        if (misbehaviour === 'lost-writes' && method.write && !error.outcomeUnknown) problems.push(`${label(outcome)}: "${error.message}" does not say the write may have happened`);
      }
      expect(problems.slice(0, 40), `${problems.length} calls misbehaved in turn`).toEqual([]);
      expect(unhandled.map(String), 'rejections nobody handled').toEqual([]);

      // What the audit hook heard: no write that met a useless answer passes for done.
      for (const [misbehaviour, heard] of writes) {
        if (alwaysFatal.has(misbehaviour)) expect(heard.filter((write) => write.result === 'ok').map((write) => `${write.method} ${write.path}`), `writes told as done against ${misbehaviour}`).toEqual([]);
        if (misbehaviour === 'lost-writes') expect(heard.filter((write) => write.result !== 'outcome-unknown').map((write) => `${write.method} ${write.path}: ${write.result}`), 'lost writes told as known').toEqual([]);
      }

      // Credentials went to the configured host, and nowhere else.
      const elsewhere = recorders.flatMap((recorder) => recorder.requests);
      const leaked = elsewhere.filter(carriesSecret).length;
      expect(leaked, 'requests carrying a credential to another host').toBe(0);
      expect(elsewhere.map((request) => `${request.method} ${request.url}`), 'requests to another host: the console follows no redirect').toEqual([]);
      const home = (check: (request: SeenRequest) => boolean): boolean => servers.some((server) => server.requests.some(check));
      expect(home((request) => request.headers.password === password), 'the password reached the configured host').toBe(true);
      expect(home((request) => request.headers.authorization === `Bearer ${accessToken}`), 'the token reached the configured host').toBe(true);

      const hangs = outcomes.filter((outcome) => outcome.hung).length;
      const slowest = Math.max(...outcomes.map((outcome) => outcome.settledMs));
      const calls = outcomes.length;
      expect(hangs).toBe(0);
      expect(slowest).toBeLessThan(hangAfterMs);

      // Memory: what the run leaves behind, once collected, apart from the test's own records of it.
      outcomes.length = 0;
      jobs.length = 0;
      writes.clear();
      await Promise.all(servers.splice(0).map((server) => server.stop()));
      await Promise.all(clients.splice(0).map((client) => client.close().catch(() => undefined)));
      await Promise.all(tokenSources.splice(0).map((source) => source.close().catch(() => undefined)));
      gc();
      const heapGrowthMb = Math.max(0, (process.memoryUsage().heapUsed - heapBefore) / (1024 * 1024));
      const peakGrowthMb = Math.max(0, (peak - heapBefore) / (1024 * 1024));
      expect(heapGrowthMb, 'heap left behind by the run (MB)').toBeLessThan(64);

      console.log(
        `${calls} calls against ${misbehaviours.length} misbehaviours in ${Math.round(elapsed)} ms; slowest ${Math.round(slowest)} ms; heap growth ${heapGrowthMb.toFixed(1)} MB, peak ${peakGrowthMb.toFixed(1)} MB above the start; seed ${seed}`,
      );
      recordFigure({ suite, name: 'calls against misbehaving answers', value: calls, unit: 'calls' });
      recordFigure({ suite, name: 'hangs', value: hangs, goal: '0', met: hangs === 0 });
      recordFigure({ suite, name: 'credentials sent elsewhere', value: leaked, goal: '0', met: leaked === 0 });
      recordFigure({ suite, name: 'slowest settle', value: Math.round(slowest), unit: 'ms', goal: `under ${hangAfterMs.toLocaleString('en')} ms (the deadline is ${deadlineMs} ms a call)`, met: slowest < hangAfterMs });
      recordFigure({ suite, name: 'heap growth', value: Number(heapGrowthMb.toFixed(1)), unit: 'MB', goal: 'under 64 MB', met: heapGrowthMb < 64 });
    },
    atSize(240_000, 1_200_000),
  );
});

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}

function serializable(value: unknown): boolean {
  try {
    JSON.stringify(value);
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
}

function describeValue(value: unknown): string {
  if (Buffer.isBuffer(value)) return `${value.length} bytes`;
  try {
    return (JSON.stringify(value) ?? String(value)).slice(0, 120);
  } catch {
    return typeof value;
  }
}

describe('what a misbehaving SCM showed, kept as tests', () => {
  const open: { stop(): Promise<void> }[] = [];
  const closing: { close(): Promise<void> }[] = [];

  afterAll(async () => {
    await Promise.all(open.splice(0).map((server) => server.stop()));
    await Promise.all(closing.splice(0).map((client) => client.close().catch(() => undefined)));
  });

  async function against(misbehaviour: Misbehaviour, extra: { auth?: 'oauth2-here' } = {}) {
    const recorder = await startRecorder();
    const server = await startHostileScm({
      misbehaviour,
      limit,
      random: seededRandom(seed),
      elsewhere: { otherPort: recorder.origin, otherHost: recorder.origin },
      goodToken: { path: goodTokenPath, accessToken },
      depth: 1_000,
    });
    open.push(server, recorder);
    const writes: ScmWrite[] = [];
    const client = new ScmClient({
      baseUrl: server.origin,
      auth:
        extra.auth === 'oauth2-here'
          ? { kind: 'oauth2', clientId: 'hostile-client', clientSecret: async () => clientSecret, tokenUrl: `${server.origin}/oauth/token` }
          : { kind: 'password', login: 'hostile-rao', customerUri: 'hostile', password: async () => password },
      deadlines: { normal: deadlineMs, long: deadlineMs },
      retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 20 },
      maxResponseBytes: limit,
      maxReportBytes: limit,
      onWrite: (write) => void writes.push(write),
    });
    closing.push(client);
    return { server, recorder, client, writes };
  }

  async function failureOf(promise: Promise<unknown>): Promise<ScmClientError> {
    const outcome = await promise.then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    if (!('error' in outcome)) throw new Error(`expected a failure, got ${describeValue(outcome.value)}`);
    if (!(outcome.error instanceof ScmClientError)) throw outcome.error;
    return outcome.error;
  }

  it('follows no redirect and takes none for success: a create does not read an id from where it points', async () => {
    const { client, recorder, writes } = await against('redirect-other-port');
    const error = await failureOf(new AdminsApi(client).create({ type: 'API', login: 'x', email: 'x@example.org', forename: 'X', surname: 'Y', credentials: [] }));
    expect(error.kind).toBe('protocol');
    expect(error.reason).toMatch(new RegExp(`^SCM answered with a redirect \\(HTTP 30[78]\\) to ${recorder.origin.replace(/[.]/g, '\\.')}, which the console does not follow\\.$`));
    // Only the origin is named: the rest of the address may carry anything.
    expect(error.message).not.toContain('/4242');
    expect(error.outcomeUnknown).toBe(true);
    expect(writes.map((write) => write.result)).toEqual(['outcome-unknown']);
    const read = await failureOf(new OrganizationsApi(client).get(3));
    expect(read.outcomeUnknown).toBe(false);
    expect(read.hint).toContain('Check the host in the profile');
    expect(recorder.requests).toEqual([]);
  });

  it('takes a web page for what it is, not for a deleted admin or a downloaded certificate', async () => {
    const { client, writes } = await against('html');
    const deleted = await failureOf(new AdminsApi(client).delete(11));
    expect(deleted.reason).toBe("The answer was a web page, not SCM's API.");
    expect(deleted.outcomeUnknown).toBe(true);
    expect(writes.map((write) => write.result)).toEqual(['outcome-unknown']);
    expect((await failureOf(new SslApi(client).collect(21, { deadlineMs }))).kind).toBe('protocol');
  });

  it('refuses a count it cannot believe, for a count and a search alike', async () => {
    for (const misbehaviour of ['count-huge', 'count-negative', 'count-not-a-number', 'count-overflow', 'html'] as const) {
      const { client } = await against(misbehaviour);
      expect((await failureOf(new SslApi(client).count({ orgId: 3 }))).kind, misbehaviour).toBe('protocol');
      expect((await failureOf(new PersonsApi(client).search({ name: 'Ann' }))).kind, misbehaviour).toBe('protocol');
    }
  });

  it('keeps an order’s outcome unknown when its answer is lost and the look-up for it fails too', async () => {
    const { client } = await against('lost-writes');
    const ssl = await failureOf(new SslApi(client).enroll({ orgId: 3, csr, profileId: 1, term: 365 }));
    expect(ssl.outcomeUnknown).toBe(true);
    expect(ssl.message).toMatch(/^Could not order the SSL certificate/);
    const smime = await failureOf(new SmimeApi(client).enroll({ orgId: 3, csr, profileId: 2, term: 365, email: 'a@example.org', firstName: 'A', lastName: 'B' }));
    expect(smime.outcomeUnknown).toBe(true);
  });

  it('says a chain it cannot read is not a chain, as an SCM error', async () => {
    const { client } = await against('mistyped');
    const error = await failureOf(new SslApi(client).collectChain(21, { deadlineMs }));
    expect(error.reason).toBe("SCM's answer held no certificate the console could read.");
  });

  it('bounds an OAuth2 client’s sign-in by the client’s own deadline', async () => {
    const { client } = await against('trickling', { auth: 'oauth2-here' });
    const started = performance.now();
    const error = await failureOf(new OrganizationsApi(client).list());
    expect(error.network).toBe('timeout');
    expect(error.reason).toBe('The token service did not finish answering within 0.5 s.');
    // Generous: the token service's own default is a minute.
    expect(performance.now() - started).toBeLessThan(hangAfterMs);
  });
});
