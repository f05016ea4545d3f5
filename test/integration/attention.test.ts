import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createConsoleCore, type ConsoleCore } from '../../src/main/console';
import { MemoryCredentialStore } from '../../src/main/credentials';
import { ManualClock, startSandbox, type SandboxHandle } from '../../src/sandbox';
import { Scope } from '../../src/sandbox/scope';
import { attentionListed, attentionSummarySchema, type AttentionSummary } from '../../src/shared/attention';
import type { ArgsOf, Channel, ValueOf } from '../../src/shared/contract';
import { startProxy, type LossyProxy } from '../support/checklists';
import { jobEnded } from '../support/jobs';

/**
 * The summary of what needs attention, against a sandbox of its own seen
 * through a proxy that can make SCM fail or hang on one request. Both the
 * sandbox and the console read the same fixed time, noon on 15 January 2026:
 * the sandbox from a ManualClock, the console from a faked Date.
 */

const dayMs = 86_400_000;
const noon = Date.UTC(2026, 0, 15, 12);
const today = Math.floor(noon / dayMs);

type SandboxAdmin = SandboxHandle['store']['admins'] extends Map<number, infer Admin> ? Admin : never;

let tenant: SandboxHandle;
let proxy: LossyProxy;
const cores: ConsoleCore[] = [];

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'], now: noon });
  tenant = await startSandbox({ seed: 5, certificates: 300, issueDelaySeconds: 0, now: new ManualClock(noon).now });
  proxy = await startProxy(tenant.url);
  // The RAO's own password ends in five days, and a DRAO's in nine: both within the fortnight the console warns of.
  tenant.store.adminByLogin('rao')!.passwordExpires = noon + 5 * dayMs;
  tenant.store.adminByLogin('drao-physics')!.passwordExpires = noon + 9 * dayMs;
});

afterEach(async () => {
  await Promise.all(cores.splice(0).map((core) => core.close()));
  await proxy.close();
  await tenant.stop();
  vi.useRealTimers();
});

/** A console on a fresh data folder, signed in as the tenant's RAO through the proxy. */
async function signedInConsole(): Promise<ConsoleCore> {
  const core = await createConsoleCore({
    userDataDir: await mkdtemp(join(tmpdir(), 'tcs-attention-')),
    shell: 'browser',
    openInSystemBrowser: null,
    credentials: new MemoryCredentialStore(),
  });
  cores.push(core);
  const profile = await core.profiles.create({ name: 'Attention RAO', host: proxy.url, customerUri: tenant.customerUri, login: 'rao', authKind: 'password' }, tenant.seededPassword('rao'));
  expect((await core.session.signIn(profile.id)).status).toBe('signed-in');
  return core;
}

async function call<C extends Channel>(core: ConsoleCore, channel: C, args: ArgsOf<C>): Promise<ValueOf<C>> {
  const result = await core.dispatch(channel, args);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value as ValueOf<C>;
}

async function summaryOf(core: ConsoleCore): Promise<AttentionSummary> {
  return attentionSummarySchema.parse(await call(core, 'attention:summary', undefined));
}


async function runJob(core: ConsoleCore, args: ArgsOf<'jobs:start'>): Promise<void> {
  const job = await jobEnded(core.jobs, await call(core, 'jobs:start', args));
  expect(job.state).toBe('done');
}

/** The issued SSL and client certificates the RAO may see that end within 30 days, as days left, soonest first. */
function expiringFor(login: string): number[] {
  const scope = new Scope(tenant.store.adminByLogin(login)!, tenant.store);
  const left = (expires: number | null) => (expires === null ? null : Math.floor(expires / dayMs) - today);
  const ssl = [...tenant.store.ssl.values()].filter((certificate) => scope.canSee(certificate.orgId, 'ssl') && certificate.status.toLowerCase() === 'issued').map((certificate) => left(certificate.expires));
  const smime = [...tenant.store.smime.values()].filter((certificate) => scope.canSee(certificate.orgId, 'smime') && ['issued', 'downloaded'].includes(certificate.state.toLowerCase())).map((certificate) => left(certificate.expires));
  return [...ssl, ...smime].filter((days): days is number => days !== null && days >= 0 && days <= 30).sort((a, b) => a - b);
}

/** The admins an admin may see, as the sandbox decides: those holding a role in its organization or a department under it. */
function visibleTo(login: string): SandboxAdmin[] {
  const admin = tenant.store.adminByLogin(login)!;
  const units = new Set<number>();
  for (const credential of admin.credentials) {
    if (credential.orgId === null) continue;
    units.add(credential.orgId);
    for (const department of tenant.store.departmentsOf(credential.orgId)) units.add(department.id);
  }
  return [...tenant.store.admins.values()].filter((candidate) => candidate.credentials.some((credential) => credential.orgId !== null && units.has(credential.orgId)));
}

/** An admin whose password has expired (a temporary one counts) or ends within 14 calendar days. */
function passwordNeedsAttention(admin: SandboxAdmin): boolean {
  if (admin.type === 'IDP' || admin.type === 'SAS') return false;
  if (admin.temporaryPassword) return true;
  return admin.passwordExpires !== null && Math.floor(admin.passwordExpires / dayMs) - today <= 14;
}

describe('what needs attention', () => {
  it('asks to sign in first', async () => {
    const core = await createConsoleCore({ userDataDir: await mkdtemp(join(tmpdir(), 'tcs-attention-')), shell: 'browser', openInSystemBrowser: null, credentials: new MemoryCredentialStore() });
    cores.push(core);
    expect(await core.dispatch('attention:summary', undefined)).toMatchObject({ ok: false, error: { kind: 'auth', anchor: 'connecting#profiles' } });
  });

  it('counts what the sandbox and the inventory kept on this computer hold, and the runs left open', async () => {
    const core = await signedInConsole();

    const first = await summaryOf(core);
    expect(first.checkedAt).toBe(new Date(noon).toISOString());
    // Nothing was read yet: the summary says so rather than reading every certificate or admin from SCM.
    expect(first.certificates).toEqual({ state: 'not-read', unreadable: false, link: { to: '/certificates', search: { attention: 'expiring' } } });
    expect(first.admins).toEqual({ state: 'not-read', link: { to: '/admins', search: { warned: true } } });
    expect(proxy.seen.filter((request) => /^\w+ \/api\/(ssl|smime|report)\//.test(request))).toEqual([]);
    // The physics domain's validation was seeded to end in 21 days (20 whole days from noon), old-project.example's ended long ago.
    expect(first.dcv).toEqual({
      state: 'ready',
      windowDays: 30,
      count: 2,
      soonest: [
        { domain: 'old-project.example', expires: expect.any(String), daysLeft: expect.any(Number), expired: true },
        { domain: 'physics.sandbox-university.example', expires: '2026-02-05', daysLeft: 20, expired: false },
      ],
      link: { to: '/domains', search: { expiring: true } },
    });
    // The password ends on 20 January: four whole days from noon on the 15th, as the Home page counts them.
    expect(first.password).toEqual({ state: 'ready', windowDays: 14, due: { expires: '2026-01-20', daysLeft: 4, expired: false }, link: { to: '/home', action: 'change-password' } });
    expect(first.checklists).toEqual({ state: 'ready', count: 0, runs: [], link: { to: '/checklists' } });

    // The inventory read into the cache: the certificates the Certificates page's expiring filter shows.
    await runJob(core, { kind: 'certificates:load' });
    const expiring = expiringFor('rao');
    expect(expiring.length).toBeGreaterThan(attentionListed);
    const page = await call(core, 'certificates:window', { filter: { attention: 'expiring' }, sort: { column: 'expires', desc: false }, offset: 0, limit: 10 });
    const second = await summaryOf(core);
    expect(second.certificates).toMatchObject({ state: 'ready', windowDays: 30, count: expiring.length, savedAt: new Date(noon).toISOString() });
    expect(page.matching).toBe(expiring.length);
    if (second.certificates.state !== 'ready') throw new Error('the certificates part is not ready');
    expect(second.certificates.soonest.map((row) => row.daysLeft)).toEqual(expiring.slice(0, attentionListed));
    expect(second.certificates.soonest.map((row) => row.key)).toEqual(page.rows.slice(0, attentionListed).map((row) => row.key));

    // The admins read by the Admins page's job: the other admins whose passwords need attention, the RAO itself left out.
    await runJob(core, { kind: 'admins:load' });
    const others = visibleTo('rao').filter((admin) => admin.login !== 'rao' && passwordNeedsAttention(admin));
    expect(others.map((admin) => admin.login)).toEqual(expect.arrayContaining(['drao-physics', 'rao-expired', 'api-new']));
    const third = await summaryOf(core);
    expect(third.admins).toMatchObject({ state: 'ready', windowDays: 14, count: others.length, complete: true, link: { to: '/admins', search: { warned: true } } });
    if (third.admins.state !== 'ready') throw new Error('the admins part is not ready');
    // Those already expired first, then the DRAO's in nine days.
    expect(third.admins.soonest.filter((admin) => !admin.expired)).toEqual([{ id: tenant.store.adminByLogin('drao-physics')!.id, displayName: 'drao-physics', passwordExpires: '2026-01-24', daysLeft: 9, expired: false }]);
    expect(third.admins.soonest.slice(0, 2).every((admin) => admin.expired)).toBe(true);

    // Two runs of the API admin checklist, one a step further than the other.
    const inputs = (login: string) => ({ login, forename: 'Build', surname: 'Robot', email: `${login}@sandbox-university.example`, orgId: 1001, roles: ['RAO_SSL'], privileges: ['sslRequest'] });
    const ahead = await call(core, 'checklists:start', { checklistId: 'api-admin', inputs: inputs('robot-ahead') });
    const behind = await call(core, 'checklists:start', { checklistId: 'api-admin', inputs: inputs('robot-behind') });
    await runJob(core, { kind: 'checklists:step', runId: ahead.id, stepId: 'check-rights', action: 'run' });
    const fourth = await summaryOf(core);
    expect(fourth.checklists).toMatchObject({ state: 'ready', count: 2 });
    if (fourth.checklists.state !== 'ready') throw new Error('the checklists part is not ready');
    const byId = new Map(fourth.checklists.runs.map((run) => [run.runId, run]));
    expect(byId.get(ahead.id)).toEqual({
      runId: ahead.id,
      checklistId: 'api-admin',
      targetName: 'robot-ahead',
      status: 'in-progress',
      step: { id: 'create-admin', number: 2 },
      stepCount: ahead.steps.length,
      updatedAt: expect.any(String),
      link: { to: '/checklists/runs/$runId', params: { runId: ahead.id } },
    });
    expect(byId.get(behind.id)).toMatchObject({ targetName: 'robot-behind', step: { id: 'check-rights', number: 1 } });
  });

  it('says the domain validations could not be read when SCM refuses them, and shows the rest', async () => {
    const core = await signedInConsole();
    proxy.rules.push({ method: 'GET', path: /^\/api\/dcv\/v1\/validation$/, times: 1, fate: 'answer', reply: { status: 403, body: { code: -3, description: 'Not allowed' } } });
    const summary = await summaryOf(core);
    expect(summary.dcv).toMatchObject({ state: 'unavailable', error: { kind: 'permission', code: -3 }, link: { to: '/domains', search: { expiring: true } } });
    expect(summary.password).toMatchObject({ state: 'ready', due: { daysLeft: 4 } });
    expect(summary.certificates.state).toBe('not-read');
    expect(summary.checklists.state).toBe('ready');
    // Asked again, SCM answers, and so does the part.
    expect((await summaryOf(core)).dcv).toMatchObject({ state: 'ready', count: 2 });
  });

  it('gives up on SCM at the deadline and answers with the rest', async () => {
    const core = await signedInConsole();
    await runJob(core, { kind: 'certificates:load' });
    const deadline = new AbortController();
    let release: () => void = () => undefined;
    // SCM takes the request and does not answer; the deadline passes as it arrives.
    proxy.rules.push({
      method: 'GET',
      path: /^\/api\/dcv\/v1\/validation$/,
      times: 1,
      fate: 'answer',
      before: () => {
        deadline.abort();
        return new Promise<void>((resolve) => (release = resolve));
      },
    });
    try {
      const summary = attentionSummarySchema.parse(await core.attention.summary({ deadline: deadline.signal }));
      expect(summary.dcv).toMatchObject({ state: 'unavailable', error: { kind: 'timeout', anchor: 'start-here#needs-attention' } });
      expect(summary.certificates).toMatchObject({ state: 'ready', count: expiringFor('rao').length });
      expect(summary.password).toMatchObject({ state: 'ready', due: { daysLeft: 4 } });
      expect(summary.checklists).toMatchObject({ state: 'ready', count: 0 });
    } finally {
      release();
    }
  });
});
