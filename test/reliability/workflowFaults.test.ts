import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryCredentialStore } from '../../src/main/credentials';
import { guarded } from '../../src/main/ipc/guarded';
import { ScmClient, type ScmWrite } from '../../src/main/scm/client';
import { AdminManagement } from '../../src/main/services/adminManagement';
import { AdminsService } from '../../src/main/services/admins';
import { AuditService } from '../../src/main/services/audit';
import { CertificatesService } from '../../src/main/services/certificates/service';
import { ChecklistAccounts, ChecklistService, type ChecklistSession } from '../../src/main/services/checklists';
import { DomainsService } from '../../src/main/services/domainsService';
import { JobService } from '../../src/main/services/jobs';
import { Notices } from '../../src/main/services/notices';
import { NotificationsService } from '../../src/main/services/notificationsService';
import { tenantOf } from '../../src/main/services/profileClient';
import { ProfileService } from '../../src/main/services/profiles';
import { SandboxRunner } from '../../src/main/services/sandboxRunner';
import { SessionService } from '../../src/main/services/session';
import { UnitsService } from '../../src/main/services/unitsService';
import { ManualClock, startSandbox, type SandboxHandle } from '../../src/sandbox';
import type { AdminDraft } from '../../src/shared/adminRules';
import type { ChecklistRun } from '../../src/shared/checklists';
import type { NotificationDraft } from '../../src/shared/notifications';
import type { UnitDraft } from '../../src/shared/organizations';
import type { StoredProfile } from '../../src/shared/profiles';
import type { AppError, Result } from '../../src/shared/result';
import { actionFor, currentStep } from '../support/checklists';
import { atSize, recordFigure } from '../support/reliability';
import { jobEnded } from '../support/jobs';

/**
 * Every workflow that writes to SCM, through the console's own services,
 * against a sandbox that fails a fifth of all requests (500, 502, 503, or the
 * connection reset after the work is done), answers 2 % never (the work done,
 * the answer lost) and adds 100 ms to each: what the console reads is
 * complete and correct, what it writes is written exactly once, and every
 * failure a person meets says what happened and what to do.
 *
 * The services are the console's, built as the console builds them; their SCM
 * client is the console's too, except that it gives up on a silent SCM after
 * seconds rather than the minutes it allows a real one, and retries without
 * pausing, so that a lost answer costs the test seconds. Which requests fail is
 * decided by the sandbox's seeded generator (TCS_FAULTS_SEED to choose
 * another); as requests run side by side, the order they meet it in varies,
 * and every assertion holds whatever failed.
 */

const suite = 'Faults on every workflow';
const seed = Number(process.env.TCS_FAULTS_SEED ?? 20_260_301);
const faultSettings = { faultRate: 0.2, latencyMs: 100, timeoutRate: 0.02 } as const;
/** How long the client waits here for an answer that does not come. */
const patience = { headersMs: 3_000, bodyMs: 3_000 };
/** How many times a person tries one thing before the test calls the console stuck. */
const patienceOfAPerson = 12;
const passphrase = 'a passphrase for every key made here';
const instant = async (): Promise<void> => undefined;

const sizes = {
  enrolls: atSize(100, 1000),
  revocations: atSize(100, 500),
  managementRounds: atSize(4, 40),
};

/** The tries of every client, one log line each, as the transport writes them. */
class Traffic {
  readonly lines: string[] = [];
  readonly log = (line: string): void => void this.lines.push(line);

  /** Tries that met a fault: an error status, a broken connection, or no answer in time. */
  faults(): number {
    return this.lines.filter((line) => / → (?:50[023]|connection broke|timed out|deadline passed)\b/.test(line)).length;
  }

  /** Tries of `method path…` whose answer was cut off: the connection broke, or no answer came. */
  cutOff(method: string, path: string): number {
    return this.lines.filter((line) => line.startsWith(`${method} ${path} → `) && / → (?:connection broke|timed out|deadline passed)\b/.test(line)).length;
  }
}

let faultsInjected = 0;

afterAll(() => {
  if (faultsInjected > 0) recordFigure({ suite, name: 'faults injected', value: faultsInjected, unit: 'faults' });
  console.info(`writes done in SCM yet reported as failed: ${toldFailedThoughDone.once} that must not be repeated (each said it may have been done), ${toldFailedThoughDone.repeatable} safe to repeat (seed ${seed})`);
});

/** A tenant at the fault settings, with its own seed. */
async function faultyTenant(certificates: number): Promise<{ tenant: SandboxHandle; quiet: <T>(work: () => Promise<T>) => Promise<T> }> {
  const clock = new ManualClock(Date.now() - 60 * 60_000);
  const tenant = await startSandbox({ seed, certificates, now: clock.now, ...faultSettings });
  return {
    tenant,
    /** Work done with the faults off: signing in, which is not what is measured here. */
    async quiet(work) {
      const saved = { ...tenant.faults };
      Object.assign(tenant.faults, { faultRate: 0, timeoutRate: 0, latencyMs: 0 });
      try {
        return await work();
      } finally {
        Object.assign(tenant.faults, { faultRate: saved.faultRate, timeoutRate: saved.timeoutRate, latencyMs: saved.latencyMs });
      }
    },
  };
}

/**
 * One console's user-data folder, profile and SCM client: the client as
 * `clientForProfile` builds it (every write into this console's audit log),
 * with the shorter patience above.
 */
interface Desk {
  folder: string;
  profiles: ProfileService;
  audit: AuditService;
  profile: StoredProfile;
  client: ScmClient;
  close(): Promise<void>;
}

async function openDesk(tenant: SandboxHandle, login: string, traffic: Traffic, onWrite?: (write: ScmWrite) => void): Promise<Desk> {
  const folder = await mkdtemp(join(tmpdir(), 'tcs-workflow-faults-'));
  const profiles = new ProfileService({ userDataDir: folder, credentials: new MemoryCredentialStore(), notices: new Notices() });
  const audit = new AuditService({ userDataDir: folder });
  const password = tenant.seededPassword(login);
  if (password === undefined) throw new Error(`the sandbox has no seeded password for ${login}`);
  const created = await profiles.create({ name: `${login} at the faulty tenant`, host: tenant.url, customerUri: tenant.customerUri, login, authKind: 'password' }, password);
  const profile = await profiles.get(created.id);
  const record = audit.hookFor({ profile: { id: profile.id, name: profile.name }, tenant: tenantOf(profile) });
  const client = new ScmClient({
    baseUrl: profile.host,
    auth: { kind: 'password', login, customerUri: profile.customerUri, password: async () => (await profiles.secret(profile.id)) ?? '' },
    onWrite: async (write) => {
      await record(write);
      onWrite?.(write);
    },
    timeouts: { normal: patience, long: patience },
    sleep: instant,
    random: () => 0.5,
    log: traffic.log,
  });
  return {
    folder,
    profiles,
    audit,
    profile,
    client,
    async close() {
      await client.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

/** The console's session, signed in for real, whose services reach SCM through the desk's client. */
class DeskSession extends SessionService {
  #desk: Desk | undefined;

  use(desk: Desk): void {
    this.#desk = desk;
  }

  override client(): ScmClient {
    super.client();
    return this.#desk?.client ?? super.client();
  }
}

/** What a person is told when something fails, with the test's reason to read it. */
interface Told {
  what: string;
  error: AppError;
}

/** A failure as the interface shows it: what happened in a sentence, what to do, never the console's own fault. */
function expectClear(told: Told): void {
  const { error, what } = told;
  expect(error.kind, `${what}: ${error.message}`).not.toBe('internal');
  expect(error.message.trim().length, what).toBeGreaterThan(10);
  expect(error.hint ?? error.anchor ?? error.fields, `${what}: ${error.message} has nothing on what to do`).toBeDefined();
}

/** Writes SCM carried out while the person was told they failed, by whether they are safe to repeat. */
const toldFailedThoughDone = { once: 0, repeatable: 0 };

/**
 * A write SCM carried out while the person was told it failed. One that must
 * not be repeated must say that it may have been done, so that the person
 * looks before trying again. One that is safe to repeat (a PUT, a delete, a
 * delegation, a revoke) is only counted: its message gives the last try's
 * failure and says to try again, which changes nothing, as the figures for
 * writes applied twice show.
 */
function expectToldToLook(told: Told, repeatable: boolean): void {
  if (repeatable) {
    toldFailedThoughDone.repeatable += 1;
    return;
  }
  toldFailedThoughDone.once += 1;
  expect(`${told.error.message} ${told.error.hint ?? ''}`, `${told.what} was done in SCM, yet reported as failed without saying so`).toMatch(/may have|check|was (made|created|done|changed|saved|deleted)/i);
}

/**
 * A person doing one thing in the console: it is tried; a failure is read
 * (it must be clear, and when SCM did it all the same, must say that it may
 * have); then the person looks, and tries again only when it is not done.
 */
async function asAPerson<T>(what: string, work: () => Promise<T>, done: () => boolean, tolds: Told[], repeatable = false): Promise<T | undefined> {
  for (let attempt = 1; attempt <= patienceOfAPerson; attempt += 1) {
    const doneBefore = done();
    const result: Result<T> = await guarded(work);
    if (result.ok) return result.value;
    const told = { what: `${what} (attempt ${attempt}, seed ${seed})`, error: result.error };
    tolds.push(told);
    expectClear(told);
    if (!doneBefore && done()) expectToldToLook(told, repeatable);
    if (done()) return undefined;
  }
  throw new Error(`${what}: still not done after ${patienceOfAPerson} attempts (seed ${seed})`);
}

/**
 * Runs `work` for 0..count-1, at most `inFlight` at once. After a failure no
 * more is started, and the failure is thrown once the work under way has ended:
 * what the test does next (closing the consoles, deleting their folders) must
 * not race work still writing, nor hide the failure behind its own.
 */
async function eachAtOnce(count: number, inFlight: number, work: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (next < count && !failed) {
      try {
        await work(next++);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const outcomes = await Promise.allSettled(Array.from({ length: Math.min(inFlight, count) }, worker));
  const failure = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failure !== undefined) throw failure.reason;
}


describe('faults on every workflow', () => {
  it(`orders ${sizes.enrolls} SSL certificates through the first-certificate checklist, answers cut off, each exactly once`, { timeout: atSize(240_000, 1_800_000) }, async () => {
    const { tenant } = await faultyTenant(20);
    const traffic = new Traffic();
    // A desk is a console of its own; 25 runs each keeps each run file the size a busy admin's is.
    const deskCount = Math.ceil(sizes.enrolls / 25);
    const desks: { desk: Desk; checklists: ChecklistService }[] = [];
    try {
      for (let index = 0; index < deskCount; index += 1) {
        const desk = await openDesk(tenant, 'rao', traffic);
        const session: ChecklistSession = { profile: desk.profile, client: desk.client, who: desk.profile.login, tenant: tenantOf(desk.profile) };
        const accounts = new ChecklistAccounts({ profiles: desk.profiles, sandbox: new SandboxRunner(desk.folder), audit: desk.audit });
        desks.push({ desk, checklists: new ChecklistService({ userDataDir: desk.folder, accounts, session: async () => session }) });
      }
      const tolds: Told[] = [];
      const runs: ChecklistRun[] = new Array(sizes.enrolls);
      let toldUnknown = 0;
      const commonNameOf = (index: number) => `order-${index}.sandbox-university.example`;
      const ordersFor = (commonName: string) => [...tenant.store.ssl.values()].filter((certificate) => certificate.commonName === commonName);

      await eachAtOnce(sizes.enrolls, atSize(25, 25), async (index) => {
        const { desk, checklists } = desks[index % deskCount]!;
        const commonName = commonNameOf(index);
        const inputs = {
          orgId: 1001,
          profileId: 3001,
          term: 365,
          keyType: 'EC-P-256',
          commonName,
          subjectAlternativeNames: [],
          keyFile: join(desk.folder, `order-${index}.key`),
          bundles: [],
          customFields: [{ name: 'Service owner', value: 'web team' }],
        };
        // Starting reads SCM and makes the run here: nothing is sent, so it is simply tried again.
        let started: ChecklistRun | undefined;
        await asAPerson(`start run ${index}`, async () => (started = await checklists.start('first-certificate', inputs)), () => started !== undefined, tolds);
        let run = started!;
        await checklists.holdSecret(run.id, passphrase);
        const enroll = run.steps.findIndex((step) => step.id === 'enroll');
        for (let attempt = 0; ; attempt += 1) {
          expect(attempt, `run ${index} did not get past its order (seed ${seed})`).toBeLessThan(4 * patienceOfAPerson);
          const step = currentStep(run);
          if (step === undefined || run.steps.indexOf(step) > enroll) break;
          const result = await guarded(() => checklists.advance(run.id, step.id, actionFor(step.kind)));
          if (!result.ok) {
            const told = { what: `step ${step.id} of run ${index}`, error: result.error };
            tolds.push(told);
            expectClear(told);
            run = await checklists.get(run.id);
            continue;
          }
          run = result.value;
          const after = run.steps.find((candidate) => candidate.id === step.id)!;
          if (after.state === 'failed') {
            const told = { what: `step ${step.id} of run ${index}`, error: after.error! };
            tolds.push(told);
            expect(after.error, `a failed step says why (run ${index})`).not.toBeNull();
            expectClear(told);
            // A failed order must not have been placed: else the person would be told it failed when SCM has it.
            if (step.id === 'enroll' && ordersFor(commonName).length > 0) expectToldToLook(told, false);
          }
          if (after.interrupted) {
            // The outcome is not known: the step says so, and that the console looks before it repeats anything.
            toldUnknown += 1;
            expect(after.outcome?.text).toMatch(/not known.*checks SCM/);
            expect(after.error, `an interrupted step says what cut it short (run ${index})`).not.toBeNull();
            expectClear({ what: `interrupted step ${step.id} of run ${index}`, error: after.error! });
          }
        }
        runs[index] = run;
      });

      // In SCM: one order per run, and it is the one the run holds; none lost, none twice.
      let duplicates = 0;
      for (let index = 0; index < sizes.enrolls; index += 1) {
        const orders = ordersFor(commonNameOf(index));
        duplicates += Math.max(0, orders.length - 1);
        expect(orders, `orders for run ${index} (seed ${seed})`).toHaveLength(1);
        expect(runs[index]!.facts.sslId, `run ${index} holds its order`).toBe(orders[0]!.id);
        expect(runs[index]!.steps.find((step) => step.id === 'enroll')!.state).toMatch(/^(done|verified)$/);
      }
      expect(tenant.store.activity.filter((entry) => entry.action === 'SSL certificate requested' && entry.details.includes('order-')).length).toBe(sizes.enrolls);
      // Each order is in the audit log of the console that placed it, as done, or as unknown where its answer was lost.
      let audited = 0;
      for (const { desk } of desks) {
        const page = await desk.audit.list({ filter: { operation: 'order the SSL certificate' }, offset: 0, limit: 500 });
        audited += page.rows.filter((row) => row.result === 'ok').length;
        expect(page.rows.every((row) => row.result !== 'failed' || row.status !== null), 'a failed order has the status SCM gave').toBe(true);
      }
      expect(audited).toBeLessThanOrEqual(sizes.enrolls);
      const cutOff = traffic.cutOff('POST', '/api/ssl/v1/enroll');
      expect(cutOff, `some enrolls met a cut-off answer (seed ${seed})`).toBeGreaterThan(0);
      console.info(`enrolls: ${sizes.enrolls} runs, ${cutOff} answers cut off, ${toldUnknown} steps told unknown, ${tolds.length} failures shown, ${traffic.faults()} faults (seed ${seed})`);

      faultsInjected += traffic.faults();
      recordFigure({ suite, name: 'enrolls with cut-off answers', value: cutOff, unit: 'enrolls' });
      recordFigure({ suite, name: 'duplicate orders', value: duplicates, unit: 'orders', goal: '0', met: duplicates === 0 });
    } finally {
      await Promise.all(desks.map(({ desk }) => desk.close()));
      await tenant.stop();
    }
  });

  it(`revokes ${sizes.revocations} certificates in bulk, each exactly once, and says what happened to each`, { timeout: atSize(240_000, 1_800_000) }, async () => {
    const { tenant, quiet } = await faultyTenant(atSize(300, 1500));
    const traffic = new Traffic();
    const desk = await openDesk(tenant, 'mrao', traffic);
    const session = new DeskSession({ profiles: desk.profiles, sandbox: new SandboxRunner(desk.folder), audit: desk.audit });
    const jobs = new JobService();
    try {
      expect((await quiet(() => session.signIn(desk.profile.id))).status).toBe('signed-in');
      session.use(desk);
      const certificates = new CertificatesService({ userDataDir: desk.folder, session, jobs, profileName: async () => desk.profile.name });
      const tolds: Told[] = [];

      // The inventory, read through the faults: every certificate SCM holds, as it holds it.
      for (let attempt = 1; ; attempt += 1) {
        expect(attempt, `the inventory could not be read in ${patienceOfAPerson} attempts (seed ${seed})`).toBeLessThanOrEqual(patienceOfAPerson);
        const job = await jobEnded(jobs, certificates.load('full'));
        if (job.state === 'done') break;
        const told = { what: `reading the inventory (attempt ${attempt})`, error: job.error! };
        tolds.push(told);
        expectClear(told);
      }
      const inventory = new Map((await certificates.rows(desk.profile.id)).filter((row) => row.kind === 'ssl').map((row) => [row.id, row]));
      const held = tenant.records.sslCertificates();
      expect(inventory.size, `SSL certificates read (seed ${seed})`).toBe(held.length);
      for (const certificate of held) expect(inventory.get(certificate.id)?.status, `certificate ${certificate.id}`).toBe(certificate.status);

      const apiOn = new Set(tenant.records.organizations().filter((unit) => unit.sslCertsApiEnabled).map((unit) => unit.id));
      const chosen = held.filter((certificate) => certificate.status === 'Issued' && apiOn.has(certificate.orgId)).slice(0, sizes.revocations).map((certificate) => certificate.id);
      expect(chosen).toHaveLength(sizes.revocations);
      const activityBefore = tenant.store.activity.length;

      // The person plans, runs, reads what happened to each, and runs again what is not done.
      let left = chosen.map((id) => `ssl-${id}`);
      for (let round = 1; left.length > 0; round += 1) {
        expect(round, `revocations still not done after ${patienceOfAPerson} rounds (seed ${seed})`).toBeLessThanOrEqual(patienceOfAPerson);
        const plan = await certificates.plan({ action: 'revoke', selection: { keys: left }, options: { reasonCode: 4, reason: 'Superseded: faults on every workflow' } });
        const result = await certificates.runBulk(plan.planId, () => undefined);
        expect(result.state).toBe('finished');
        expect(result.counts.planned, 'every certificate has an outcome when the run ends').toBe(0);
        for (const item of result.items) {
          const id = Number(item.key.slice(4));
          const revoked = tenant.store.ssl.get(id)!.status === 'Revoked';
          if (item.outcome === 'done') expect(revoked, `${item.key} said done`).toBe(true);
          if (item.outcome === 'skipped') expect(revoked, `${item.key} skipped as ${item.note ?? ''}`).toBe(true);
          if (item.outcome === 'failed' || item.outcome === 'unknown') {
            tolds.push({ what: `${item.key} in round ${round}`, error: { kind: 'unavailable', message: item.note ?? '' } });
            expect(item.note ?? '', `${item.key} says what happened`).not.toBe('');
            // A revoke is safe to repeat: the next round does, and SCM's “already revoked” counts as done.
            if (revoked) expectToldToLook({ what: `${item.key}, reported as ${item.outcome} in round ${round}`, error: { kind: 'unavailable', message: item.note ?? '' } }, true);
          }
        }
        left = result.items.filter((item) => item.outcome === 'failed' || item.outcome === 'unknown').map((item) => item.key);
      }

      // In SCM: each revoked, and revoked once. In the audit log: each revocation once as done.
      const revocations = new Map<number, number>();
      for (const entry of tenant.store.activity.slice(activityBefore)) {
        if (entry.action === 'SSL certificate revoked') revocations.set(Number(entry.details.split(' ')[0]), (revocations.get(Number(entry.details.split(' ')[0])) ?? 0) + 1);
      }
      const audited = new Map<number, number>();
      for (let offset = 0; ; offset += 500) {
        const page = await desk.audit.list({ filter: { operation: 'revoke SSL certificate' }, offset, limit: 500 });
        for (const row of page.rows) if (row.result === 'ok') for (const id of row.objectIds) audited.set(Number(id), (audited.get(Number(id)) ?? 0) + 1);
        if (offset + 500 >= page.total) break;
      }
      let twice = 0;
      for (const id of chosen) {
        expect(tenant.store.ssl.get(id)!.status, `certificate ${id} (seed ${seed})`).toBe('Revoked');
        if ((revocations.get(id) ?? 0) > 1 || (audited.get(id) ?? 0) > 1) twice += 1;
        expect(revocations.get(id), `revocations of ${id} in SCM`).toBe(1);
        expect(audited.get(id), `revocations of ${id} in the audit log, as done`).toBe(1);
      }
      expect([...revocations.keys()].every((id) => chosen.includes(id)), 'nothing else was revoked').toBe(true);
      console.info(`bulk revoke: ${chosen.length} certificates, ${tolds.length} failures shown, ${traffic.faults()} faults (seed ${seed})`);

      faultsInjected += traffic.faults();
      recordFigure({ suite, name: 'bulk revocations', value: chosen.length, unit: 'certificates' });
      recordFigure({ suite, name: 'revoked more than once', value: twice, unit: 'certificates', goal: '0', met: twice === 0 });
    } finally {
      jobs.cancelAll();
      await session.close();
      await desk.close();
      await tenant.stop();
    }
  });

  it(`applies every management write exactly once, ${sizes.managementRounds} rounds of each`, { timeout: atSize(240_000, 1_800_000) }, async () => {
    const { tenant, quiet } = await faultyTenant(20);
    const traffic = new Traffic();
    const desk = await openDesk(tenant, 'mrao', traffic);
    const session = new DeskSession({ profiles: desk.profiles, sandbox: new SandboxRunner(desk.folder), audit: desk.audit });
    const jobs = new JobService();
    try {
      expect((await quiet(() => session.signIn(desk.profile.id))).status).toBe('signed-in');
      session.use(desk);
      const admins = new AdminManagement({ session, admins: new AdminsService({ session, jobs }) });
      const units = new UnitsService({ adminManagement: admins });
      const notifications = new NotificationsService({ adminManagement: admins });
      const domains = new DomainsService({ adminManagement: admins });
      const store = tenant.store;
      const tolds: Told[] = [];
      let writes = 0;
      /** One write, as a person does it: `done` says whether SCM holds its effect. */
      const write = async <T>(what: string, work: () => Promise<T>, done: () => boolean, repeatable = false): Promise<T | undefined> => {
        writes += 1;
        const value = await asAPerson(what, work, done, tolds, repeatable);
        expect(done(), `${what} is done in SCM (seed ${seed})`).toBe(true);
        return value;
      };

      await eachAtOnce(sizes.managementRounds, atSize(4, 8), async (round) => {
        // An admin: created, changed, suspended, deleted.
        const login = `faults-admin-${round}`;
        const admin = () => store.adminByLogin(login);
        const draft: AdminDraft = { type: 'STANDARD', login, email: `${login}@sandbox-university.example`, forename: 'Faulty', surname: `Admin ${round}`, credentials: [{ role: 'RAO_SSL', orgId: 1001 }], privileges: [], identityProviderId: null, idpPersonId: '' };
        await write(`create admin ${login}`, () => admins.create(draft), () => admin() !== undefined);
        const adminId = admin()!.id;
        await write(`change admin ${login}`, () => admins.update(adminId, { ...draft, forename: 'Changed' }), () => admin()?.forename === 'Changed', true);
        await write(`suspend admin ${login}`, () => admins.setStatus(adminId, 'SUSPENDED'), () => admin()?.activeStatus === 'SUSPENDED', true);
        await write(`delete admin ${login}`, () => admins.delete(adminId, login), () => !store.admins.has(adminId), true);

        // A department: created, changed, deleted.
        const name = `Faults department ${round}`;
        const department = () => [...store.organizations.values()].find((unit) => unit.name === name || unit.name === `${name}, renamed`);
        const unitDraft: UnitDraft = { name, contactEmails: ['pki@sandbox-university.example'], address1: '1 University Road', city: 'Uppsala', stateOrProvince: '', postalCode: '752 36', country: 'SE', sslCertsApiEnabled: true, clientCertsApiEnabled: false };
        await write(`create department ${name}`, () => units.createDepartment(1001, unitDraft), () => department() !== undefined);
        const departmentId = department()!.id;
        await write(`change department ${name}`, () => units.update(departmentId, { ...unitDraft, name: `${name}, renamed`, city: 'Lund' }), () => department()?.city === 'Lund' && department()?.name === `${name}, renamed`, true);
        await write(`delete department ${name}`, () => units.delete(departmentId, `${name}, renamed`), () => !store.organizations.has(departmentId), true);

        // A notification: created, changed, deleted.
        const description = `Faults notification ${round}`;
        const rule = () => [...store.notifications.values()].find((candidate) => candidate.description === description);
        const ruleDraft: NotificationDraft = { description, type: 'SSLExpiration', active: true, selectedOrgType: 'ANY', orgIds: [], notifyRoles: ['MRAO'], recipients: [{ type: 'EMAIL', value: 'pki@sandbox-university.example' }], days: 30 };
        await write(`create notification ${description}`, () => notifications.create(ruleDraft), () => rule() !== undefined);
        const ruleId = rule()!.id;
        await write(`change notification ${description}`, () => notifications.update(ruleId, { ...ruleDraft, days: 14 }), () => rule()?.additionalData.days === 14, true);
        await write(`delete notification ${description}`, () => notifications.delete(ruleId, description), () => !store.notifications.has(ruleId), true);

        // A domain: added, delegated to a department, its validation started.
        const domainName = `faults-${round}.example`;
        const domain = () => [...store.domains.values()].find((candidate) => candidate.name === domainName);
        await write(`add domain ${domainName}`, () => domains.add(domainName, false, [1001], ['SSL']), () => domain() !== undefined);
        const domainId = domain()!.id;
        await write(`delegate ${domainName}`, () => domains.delegate(domainId, 1002, ['SSL']), () => domain()?.delegations.some((delegation) => delegation.orgId === 1002) === true, true);
        const started = await write(`start validating ${domainName}`, () => domains.startDcv(domainName, 'CNAME'), () => domain()?.validation.orderStatus === 'AWAITING_SUBMISSION', true);
        // What the person is shown to publish is what SCM now waits for.
        if (started !== undefined && started.method === 'CNAME') expect(started.host).toBe(domain()!.validation.host);
      });

      // What the pages read through the same faults is what SCM holds: complete, and nothing twice.
      const read = <T>(what: string, work: () => Promise<T>) => asAPerson(what, work, () => false, tolds) as Promise<T>;
      const tree = await read('read the organizations', () => units.tree());
      expect(tree.units.map((unit) => unit.id).sort()).toEqual([...store.organizations.keys()].sort());
      const rules = await read('read the notifications', () => notifications.list());
      expect(rules.rules.map((rule) => rule.id).sort()).toEqual([...store.notifications.keys()].sort());
      const listed = await read('read the domains', () => domains.list());
      expect(listed.rows.map((row) => `${row.id} ${row.name} ${row.delegations.length}`).sort()).toEqual([...store.domains.values()].map((domain) => `${domain.id} ${domain.name} ${domain.delegations.length}`).sort());

      // Every create made one thing, every delete removed one: by what SCM holds and what it recorded.
      const activity = store.activity;
      const times = (action: string, details: string) => activity.filter((entry) => entry.action === action && entry.details === details).length;
      let twice = 0;
      const once = (count: number, what: string): void => {
        if (count > 1) twice += 1;
        expect(count, `${what} (seed ${seed})`).toBe(1);
      };
      for (let round = 0; round < sizes.managementRounds; round += 1) {
        const login = `faults-admin-${round}`;
        once(times('Admin created', login), `admin ${login} created`);
        once(times('Admin deleted', login), `admin ${login} deleted`);
        const name = `Faults department ${round}`;
        once(times('Department created', name), `department ${name} created`);
        once(times('Organization deleted', `${name}, renamed`), `department ${name} deleted`);
        const description = `Faults notification ${round}`;
        once(times('Notification created', `${description} (SSLExpiration)`), `notification ${description} created`);
        once(times('Notification deleted', description), `notification ${description} deleted`);
        const domainName = `faults-${round}.example`;
        once(times('Domain created', domainName), `domain ${domainName} added`);
        const domain = [...store.domains.values()].filter((candidate) => candidate.name === domainName);
        once(domain.length, `domains named ${domainName}`);
        once(domain[0]!.delegations.filter((delegation) => delegation.orgId === 1002).length, `delegations of ${domainName} to 1002`);
      }
      console.info(`management: ${writes} writes, ${tolds.length} failures shown, ${traffic.faults()} faults (seed ${seed})`);

      faultsInjected += traffic.faults();
      recordFigure({ suite, name: 'management writes', value: writes, unit: 'writes' });
      recordFigure({ suite, name: 'writes applied twice', value: twice, unit: 'writes', goal: '0', met: twice === 0 });
    } finally {
      jobs.cancelAll();
      await session.close();
      await desk.close();
      await tenant.stop();
    }
  });
});

/**
 * A change SCM made, whose reading back fails: SCM is down for a moment just
 * after it did the work. The person must not be told the change failed (they
 * would make it again), and a temporary password the change made must not be
 * lost.
 */
describe('a change SCM made, whose reading back fails', () => {
  /** The services for `mrao` on a tenant without faults, and a switch that makes SCM refuse everything after the next write of a kind. */
  async function refusingAfterWrite(): Promise<{
    tenant: SandboxHandle;
    admins: AdminManagement;
    units: UnitsService;
    notifications: NotificationsService;
    refuseAfter: (method: string, path: RegExp, requests: number) => void;
    close: () => Promise<void>;
  }> {
    const tenant = await startSandbox({ seed, certificates: 0 });
    let armed: { method: string; path: RegExp; requests: number } | undefined;
    const desk = await openDesk(tenant, 'mrao', new Traffic(), (write) => {
      if (armed !== undefined && write.method === armed.method && armed.path.test(write.path)) {
        tenant.faults.refuseNextRequests = armed.requests;
        armed = undefined;
      }
    });
    const session = new DeskSession({ profiles: desk.profiles, sandbox: new SandboxRunner(desk.folder), audit: desk.audit });
    expect((await session.signIn(desk.profile.id)).status).toBe('signed-in');
    session.use(desk);
    const admins = new AdminManagement({ session, admins: new AdminsService({ session, jobs: new JobService() }) });
    return {
      tenant,
      admins,
      units: new UnitsService({ adminManagement: admins }),
      notifications: new NotificationsService({ adminManagement: admins }),
      refuseAfter: (method, path, requests) => void (armed = { method, path, requests }),
      async close() {
        await session.close();
        await desk.close();
        await tenant.stop();
      },
    };
  }

  const draft = (login: string): AdminDraft => ({ type: 'STANDARD', login, email: `${login}@sandbox-university.example`, forename: 'Read', surname: 'Back', credentials: [{ role: 'RAO_SSL', orgId: 1001 }], privileges: [], identityProviderId: null, idpPersonId: '' });
  /** Longer than the read-back's every round and try. */
  const down = 100;

  it('creates an admin and still hands over its temporary password; a bad moment is outlasted', async () => {
    const world = await refusingAfterWrite();
    try {
      world.refuseAfter('POST', /^\/api\/admin\/v1$/, down);
      const created = await guarded(() => world.admins.create(draft('read-back-new')));
      world.tenant.faults.refuseNextRequests = 0;
      expect(created.ok, created.ok ? '' : created.error.message).toBe(true);
      if (!created.ok) return;
      expect(created.value.row).toMatchObject({ login: 'read-back-new', detailed: false });
      const shown = world.admins.reveal(created.value.handOver!.revealId);
      expect(world.tenant.checkPassword('read-back-new', shown.password)).toBe(true);
      expect([...world.tenant.store.admins.values()].filter((admin) => admin.login === 'read-back-new')).toHaveLength(1);

      // SCM refuses for one round of tries only: the read-back's next round reads it.
      world.refuseAfter('PUT', /^\/api\/admin\/v1\/\d+$/, 5);
      const changed = await guarded(() => world.admins.update(created.value.row.id, { ...draft('read-back-new'), forename: 'Again' }));
      expect(changed.ok && changed.value.forename).toBe('Again');
    } finally {
      await world.close();
    }
  });

  it('resets a password and still hands it over', async () => {
    const world = await refusingAfterWrite();
    try {
      const created = await world.admins.create(draft('read-back-reset'));
      world.refuseAfter('PUT', /^\/api\/admin\/v1\/\d+$/, down);
      const reset = await guarded(() => world.admins.resetPassword(created.row.id));
      world.tenant.faults.refuseNextRequests = 0;
      expect(reset.ok, reset.ok ? '' : reset.error.message).toBe(true);
      if (!reset.ok) return;
      expect(world.tenant.checkPassword('read-back-reset', world.admins.reveal(reset.value.handOver.revealId).password)).toBe(true);
    } finally {
      await world.close();
    }
  });

  it.each([
    ['changes an admin', 'PUT', /^\/api\/admin\/v1\/\d+$/, /^The admin read-back-change was changed in SCM, but reading it back failed: /],
    ['creates a department', 'POST', /^\/api\/organization\/v1$/, /^The department “Read-back department” was created in SCM, but reading it back failed: /],
    ['creates a notification', 'POST', /^\/api\/notification\/v1$/, /^The notification “Read-back notification” was created in SCM, but reading it back failed: /],
  ] as const)('%s and says it did, not that it failed', async (_name, method, path, told) => {
    const world = await refusingAfterWrite();
    try {
      let work: () => Promise<unknown>;
      if (path.source.includes('admin')) {
        const created = await world.admins.create(draft('read-back-change'));
        work = () => world.admins.update(created.row.id, { ...draft('read-back-change'), forename: 'Changed' });
      } else if (path.source.includes('organization')) {
        work = () => world.units.createDepartment(1001, { name: 'Read-back department', contactEmails: [], address1: '1 University Road', city: 'Uppsala', stateOrProvince: '', postalCode: '', country: 'SE', sslCertsApiEnabled: true, clientCertsApiEnabled: false });
      } else {
        work = () => world.notifications.create({ description: 'Read-back notification', type: 'SSLExpiration', active: true, selectedOrgType: 'ANY', orgIds: [], notifyRoles: ['MRAO'], recipients: [], days: 30 });
      }
      const before = world.tenant.store.activity.length;
      world.refuseAfter(method, path, down);
      const result = await guarded(work);
      world.tenant.faults.refuseNextRequests = 0;
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.message).toMatch(told);
      expect(result.error.hint).toBe('Refresh to see it as SCM has it now; it need not be done again.');
      // Done once in SCM, as the message says.
      expect(world.tenant.store.activity.slice(before).map((entry) => entry.action)).toEqual([expect.stringMatching(/ (created|updated)$/)]);
    } finally {
      await world.close();
    }
  });
});

