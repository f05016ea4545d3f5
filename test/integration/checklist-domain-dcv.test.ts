import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { MemoryCredentialStore } from '../../src/main/credentials';
import { ScmClient } from '../../src/main/scm/client';
import { DomainsApi } from '../../src/main/scm/domains';
import { Notices } from '../../src/main/services/notices';
import { ProfileService } from '../../src/main/services/profiles';
import { ManualClock, startSandbox } from '../../src/sandbox';
import type { ChecklistRun, StepState } from '../../src/shared/checklists';
import { count, actionFor, checklistWorld, currentStep, restoreFile, type ChecklistApp, type ChecklistWorld } from '../support/checklists';
import { startDnsServer, type DnsServer } from '../support/dnsServer';
import { sink } from './scmHelpers';

/**
 * The checklist “a domain, delegated and validated” against a tenant of its
 * own, with the CAA look-ups going to a DNS server the test runs on
 * 127.0.0.1 (through TCS_DNS_SERVER, as the console reads it).
 */

const delaySeconds = 30;
let dns: DnsServer;
let dnsBefore: string | undefined;
let world: ChecklistWorld | undefined;

beforeAll(async () => {
  dns = await startDnsServer({
    'dcv-engine.example': { caa: [{ tag: 'issue', value: 'sectigo.com' }] },
    'other-ca.example': { caa: [{ tag: 'issue', value: 'letsencrypt.org' }] },
    'unreachable.example': { servfail: true },
  });
  dnsBefore = process.env.TCS_DNS_SERVER;
  process.env.TCS_DNS_SERVER = dns.address;
});

afterAll(async () => {
  if (dnsBefore === undefined) delete process.env.TCS_DNS_SERVER;
  else process.env.TCS_DNS_SERVER = dnsBefore;
  await dns.close();
});

afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function signedIn(): Promise<{ world: ChecklistWorld; app: ChecklistApp; profileId: string }> {
  world = await checklistWorld({ issueDelaySeconds: delaySeconds });
  const app = world.start();
  const profileId = await world.profileFor(app, 'rao');
  app.signIn(profileId);
  return { world, app, profileId };
}

function entries(world: ChecklistWorld, name: string) {
  return [...world.tenant.store.domains.values()].filter((domain) => domain.name === name);
}

function stepOf(run: ChecklistRun, id: string) {
  return run.steps.find((step) => step.id === id)!;
}

const inputs = (domain: string, method = 'CNAME') => ({ domain, orgId: 1001, certTypes: ['SSL'], method });

describe('the domain and DCV checklist', () => {
  it('takes a domain and its wildcard from nothing to validated, once each, across a lost answer, a restart and a delegation not yet approved', async () => {
    const { world, app, profileId } = await signedIn();
    const preparation = await app.checklists.prepare('domain-dcv');
    expect(preparation.blockers).toEqual([]);
    expect(preparation.defaults).toMatchObject({ orgId: 1001, certTypes: ['SSL'], method: 'CNAME' });

    let run = await app.checklists.start('domain-dcv', inputs('DCV-Engine.example.'));
    expect(run.inputs).toMatchObject({ domain: 'dcv-engine.example' });
    expect(run.steps.map((step) => step.id)).toEqual(['check-caa', 'add-domain', 'add-wildcard', 'await-approval', 'start-dcv', 'publish-dcv', 'submit-dcv', 'await-validation', 'dcv-expiry']);

    // CAA: looked up through the test's DNS server, and found to allow Sectigo.
    let plan = await app.checklists.plan(run.id);
    expect(plan).toMatchObject({ stepId: 'check-caa', kind: 'verify' });
    run = await app.checklists.advance(run.id, 'check-caa', 'run');
    expect(stepOf(run, 'check-caa')).toMatchObject({ state: 'verified', outcome: { key: 'domain-dcv.outcomes.caaAllows', params: { at: 'dcv-engine.example', records: '0 issue "sectigo.com"' } } });
    expect(dns.asked).toContain('dcv-engine.example CAA');

    // The domain: SCM makes it, and its answer is lost; the client finds it by name instead of making it again.
    plan = await app.checklists.plan(run.id);
    expect(plan.requests).toEqual([{ as: 'rao', method: 'POST', path: '/api/domain/v1', body: { name: 'dcv-engine.example', delegations: [{ orgId: 1001, certTypes: ['SSL'] }] } }]);
    world.proxy.rules.push({ method: 'POST', path: /^\/api\/domain\/v1$/, times: 1, fate: 'lose-answer' });
    run = await app.checklists.advance(run.id, 'add-domain', 'run');
    expect(stepOf(run, 'add-domain')).toMatchObject({ state: 'done', error: null, outcome: { key: 'domain-dcv.outcomes.entryCreated', params: { status: 'REQUESTED' } } });
    expect(entries(world, 'dcv-engine.example')).toHaveLength(1);
    expect(stepOf(run, 'add-domain').sent).toEqual([{ as: 'rao', method: 'POST', path: '/api/domain/v1', body: { name: 'dcv-engine.example', delegations: [{ orgId: 1001, certTypes: ['SSL'] }] } }]);

    // The wildcard: the app stops while its create is under way (the run file says running), and starts again.
    const path = world.runFilePath(profileId);
    let atCrash = '';
    world.proxy.rules.push({ method: 'POST', path: /^\/api\/domain\/v1$/, times: 1, fate: 'answer', before: async () => void (atCrash = await readFile(path, 'utf8')) });
    run = await app.checklists.advance(run.id, 'add-wildcard', 'run');
    expect(stepOf(run, 'add-wildcard').state).toBe('done');
    expect(JSON.parse(atCrash).runs[0].steps[2]).toMatchObject({ id: 'add-wildcard', state: 'running' });
    await restoreFile(path, atCrash);
    await app.close();
    const restarted = world.start();
    restarted.signIn(profileId);
    run = await restarted.checklists.get(run.id);
    expect(stepOf(run, 'add-wildcard')).toMatchObject({ state: 'pending', interrupted: true });
    const postsBefore = count(world, 'POST /api/domain/v1');
    run = await restarted.checklists.advance(run.id, 'add-wildcard', 'run');
    expect(stepOf(run, 'add-wildcard')).toMatchObject({ state: 'verified', outcome: { key: 'common.outcomes.foundDone' } });
    expect(count(world, 'POST /api/domain/v1')).toBe(postsBefore);
    expect(entries(world, '*.dcv-engine.example')).toHaveLength(1);

    // The MRAO has not approved yet: Verify says so, with the time of the check, and the run waits.
    plan = await restarted.checklists.plan(run.id);
    expect(plan).toMatchObject({ stepId: 'await-approval', kind: 'manual', canVerify: true });
    run = await restarted.checklists.advance(run.id, 'await-approval', 'verify');
    expect(stepOf(run, 'await-approval')).toMatchObject({ state: 'pending', outcome: { key: 'common.outcomes.notYet', params: { detailKey: 'domain-dcv.problems.awaitingApproval' } } });
    expect(stepOf(run, 'await-approval').outcome!.text).toMatch(/^Not done yet in SCM: Checked at \d{4}-\d{2}-\d{2}T[\d:.]+Z: the delegation of dcv-engine\.example, \*\.dcv-engine\.example to Sandbox University/);
    expect(run.status).toBe('needs-manual');

    const mrao = new DomainsApi(world.as('mrao'));
    for (const name of ['dcv-engine.example', '*.dcv-engine.example']) await mrao.approveDelegation(entries(world, name)[0]!.id, 1001);
    run = await restarted.checklists.advance(run.id, 'await-approval', actionFor((await restarted.checklists.plan(run.id)).kind));
    expect(stepOf(run, 'await-approval')).toMatchObject({ state: 'verified', outcome: { key: 'domain-dcv.outcomes.approved' } });

    // DCV by CNAME: start, publish what SCM gave (copied), submit.
    run = await restarted.checklists.advance(run.id, 'start-dcv', 'run');
    expect(stepOf(run, 'start-dcv')).toMatchObject({ state: 'done', sent: [{ method: 'POST', path: '/api/dcv/v2/validation/start/domain/cname', body: { domain: 'dcv-engine.example' } }] });
    const validation = entries(world, 'dcv-engine.example')[0]!.validation;
    plan = await restarted.checklists.plan(run.id);
    expect(plan).toMatchObject({ stepId: 'publish-dcv', kind: 'manual', canVerify: false });
    expect(plan.copy.map((item) => [item.label.key, item.value])).toEqual([
      ['domain-dcv.copy.host', validation.host],
      ['domain-dcv.copy.point', validation.point],
    ]);
    expect(validation.host).toMatch(/^_[0-9a-f]{32}\.dcv-engine\.example\.$/);
    run = await restarted.checklists.advance(run.id, 'publish-dcv', 'confirm');
    run = await restarted.checklists.advance(run.id, 'submit-dcv', 'run');
    expect(stepOf(run, 'submit-dcv')).toMatchObject({ state: 'done', outcome: { key: 'domain-dcv.outcomes.submittedNow', params: { order: 'SUBMITTED' } } });

    // Not validated until Sectigo's check has run: the sandbox's clock moves past it.
    plan = await restarted.checklists.plan(run.id);
    expect(plan).toMatchObject({ stepId: 'await-validation', kind: 'manual' });
    run = await restarted.checklists.advance(run.id, 'await-validation', 'verify');
    expect(stepOf(run, 'await-validation')).toMatchObject({ state: 'pending', outcome: { key: 'common.outcomes.notYet', params: { detailKey: 'domain-dcv.problems.notValidated', 'detail.order': 'SUBMITTED' } } });
    world.clock.advance(delaySeconds * 1000);
    plan = await restarted.checklists.plan(run.id);
    expect(plan.kind).toBe('verify');
    run = await restarted.checklists.advance(run.id, 'await-validation', 'run');
    expect(stepOf(run, 'await-validation')).toMatchObject({ state: 'verified', outcome: { key: 'domain-dcv.outcomes.validated' } });
    expect(stepOf(run, 'await-validation').details.map((detail) => detail.key)).toEqual(['domain-dcv.outcomes.wildcardCovered']);

    plan = await restarted.checklists.plan(run.id);
    const expires = entries(world, 'dcv-engine.example')[0]!.validation.expires!;
    expect(plan).toMatchObject({ stepId: 'dcv-expiry', kind: 'info', params: { expires: new Date(expires).toISOString().slice(0, 10) } });
    run = await restarted.checklists.advance(run.id, 'dcv-expiry', 'acknowledge');
    expect(run.status).toBe('done');
    expect(currentStep(run)).toBeUndefined();

    // In SCM: each entry once, delegated to the unit for SSL and approved, and the domain (with its wildcard) validated.
    for (const name of ['dcv-engine.example', '*.dcv-engine.example']) {
      const [entry, ...more] = entries(world, name);
      expect(more).toEqual([]);
      expect(entry!.delegations).toEqual([expect.objectContaining({ orgId: 1001, certTypes: ['SSL'], status: 'ACTIVE' })]);
      expect(entry!.validation).toMatchObject({ status: 'VALIDATED', method: 'CNAME' });
    }
    const checked = await restarted.checklists.verifyAll(run.id);
    expect(checked.lastCheck!.results.filter((result) => !result.holds)).toEqual([]);
    const states: Record<string, StepState> = Object.fromEntries(run.steps.map((step) => [step.id, step.state]));
    expect(states).toEqual({
      'check-caa': 'verified',
      'add-domain': 'done',
      'add-wildcard': 'verified',
      'await-approval': 'verified',
      'start-dcv': 'done',
      'publish-dcv': 'done',
      'submit-dcv': 'done',
      'await-validation': 'verified',
      'dcv-expiry': 'done',
    });
  });

  it('validates by email as the MRAO, whose delegations need no approval, with the address chosen among those SCM offers', async () => {
    world = await checklistWorld({ issueDelaySeconds: delaySeconds });
    const app = world.start();
    app.signIn(await world.profileFor(app, 'mrao'));
    let run = await app.checklists.start('domain-dcv', { ...inputs('dcv-engine.example', 'EMAIL'), mailbox: 'hostmaster' });
    for (const id of ['check-caa', 'add-domain', 'add-wildcard']) run = await app.checklists.advance(run.id, id, actionFor((await app.checklists.plan(run.id)).kind));
    expect(stepOf(run, 'add-domain').outcome).toMatchObject({ key: 'domain-dcv.outcomes.entryCreated', params: { status: 'ACTIVE' } });
    let plan = await app.checklists.plan(run.id);
    expect(plan).toMatchObject({ stepId: 'await-approval', kind: 'verify' });
    run = await app.checklists.advance(run.id, 'await-approval', 'run');
    run = await app.checklists.advance(run.id, 'start-dcv', 'run');
    expect(stepOf(run, 'start-dcv')).toMatchObject({ state: 'done', outcome: { key: 'domain-dcv.outcomes.startedEmail', params: { email: 'hostmaster@dcv-engine.example' } } });
    plan = await app.checklists.plan(run.id);
    expect(plan).toMatchObject({ stepId: 'publish-dcv', kind: 'info' });
    expect(plan.copy[0]).toMatchObject({ label: { key: 'domain-dcv.copy.email' }, value: 'hostmaster@dcv-engine.example' });
    expect(plan.copy[1]!.value).toContain('webmaster@dcv-engine.example');
    run = await app.checklists.advance(run.id, 'publish-dcv', 'acknowledge');
    plan = await app.checklists.plan(run.id);
    expect(plan.requests).toEqual([{ as: 'mrao', method: 'POST', path: '/api/dcv/v2/validation/submit/domain/email', body: { domain: 'dcv-engine.example', email: 'hostmaster@dcv-engine.example' } }]);
    run = await app.checklists.advance(run.id, 'submit-dcv', 'run');
    expect(entries(world, 'dcv-engine.example')[0]!.validation).toMatchObject({ orderStatus: 'SUBMITTED', email: 'hostmaster@dcv-engine.example' });
    world.clock.advance(delaySeconds * 1000);
    run = await app.checklists.advance(run.id, 'await-validation', actionFor((await app.checklists.plan(run.id)).kind));
    run = await app.checklists.advance(run.id, 'dcv-expiry', 'acknowledge');
    expect(run.status).toBe('done');
    expect(entries(world, '*.dcv-engine.example')[0]!.validation).toMatchObject({ status: 'VALIDATED', method: 'EMAIL' });
  });

  it('stops on CAA records that name other CAs, and makes the check a step by hand when DNS cannot answer', async () => {
    const { app } = await signedIn();
    let run = await app.checklists.start('domain-dcv', inputs('other-ca.example'));
    run = await app.checklists.advance(run.id, 'check-caa', 'run');
    expect(stepOf(run, 'check-caa')).toMatchObject({ state: 'failed', outcome: { key: 'domain-dcv.problems.caaForbids', params: { records: '0 issue "letsencrypt.org"' } }, error: { anchor: 'procedure-domain-dcv#step-check-caa' } });

    run = await app.checklists.start('domain-dcv', inputs('www.unreachable.example'));
    const plan = await app.checklists.plan(run.id);
    expect(plan).toMatchObject({ stepId: 'check-caa', kind: 'manual', canVerify: false, params: { at: 'unreachable.example', reason: 'ESERVFAIL' } });
    expect(plan.copy.map((item) => item.value)).toEqual(['dig CAA www.unreachable.example']);
    run = await app.checklists.advance(run.id, 'check-caa', 'confirm');
    expect(stepOf(run, 'check-caa')).toMatchObject({ state: 'done', kind: 'manual', outcome: { key: 'common.outcomes.confirmed' } });
  });

  it('refuses a wildcard as the domain, and email validation without a mailbox', async () => {
    const { app } = await signedIn();
    await expect(app.checklists.start('domain-dcv', inputs('*.dcv-engine.example'))).rejects.toMatchObject({ error: { fields: [expect.objectContaining({ field: 'domain' })] } });
    await expect(app.checklists.start('domain-dcv', inputs('mail.example', 'EMAIL'))).rejects.toMatchObject({ error: { fields: [expect.objectContaining({ field: 'mailbox' })] } });
  });
});

describe('tcs-admin checklist run domain-dcv', () => {
  it('runs with --input and --yes until the MRAO must approve (exit 10), then finishes with verify once approved and validated', async () => {
    const clock = new ManualClock(Date.now() - 60 * 60_000);
    const tenant = await startSandbox({ certificates: 0, issueDelaySeconds: delaySeconds, now: clock.now });
    try {
      const folder = await mkdtemp(join(tmpdir(), 'tcs-cli-domain-dcv-'));
      const profiles = new ProfileService({ userDataDir: folder, credentials: new MemoryCredentialStore(), notices: new Notices() });
      await profiles.create({ name: 'University Tenant', host: tenant.url, customerUri: tenant.customerUri, login: 'rao', authKind: 'password' });
      const password = tenant.logins.find((candidate) => candidate.login === 'rao')!.password;
      const cli = async (args: string[]) => {
        const stdout = sink();
        const stderr = sink();
        const code = await main([...args, '--user-data', folder], { json: false, stdout, stderr }, { SCM_PASSWORD: password }, { credentials: new MemoryCredentialStore() });
        return { code, stdout: stdout.text(), stderr: stderr.text() };
      };
      const input = join(folder, 'inputs.json');
      await writeFile(input, JSON.stringify(inputs('dcv-engine.example')));
      const domains = () => [...tenant.store.domains.values()].filter((domain) => domain.name === 'dcv-engine.example' || domain.name === '*.dcv-engine.example');

      const first = await cli(['checklist', 'run', 'domain-dcv', '--input', input, '--yes', '--profile', 'University Tenant']);
      expect(first.code, first.stderr).toBe(10);
      expect(first.stderr).toMatch(/^\[1\/9\] Check that CAA allows Sectigo: Verified\. The CAA records at dcv-engine\.example allow Sectigo/m);
      expect(first.stderr).toContain('POST /api/domain/v1  (as rao)');
      expect(first.stdout).toContain('Wait for the MRAO’s approval');
      expect(first.stdout).toContain('await your MRAO’s approval');
      expect(domains().map((domain) => [domain.name, domain.delegations.map((delegation) => delegation.status)])).toEqual([
        ['dcv-engine.example', ['REQUESTED']],
        ['*.dcv-engine.example', ['REQUESTED']],
      ]);
      const runId = /\b(domain-dcv-\d{8}-[0-9a-f]{8})\b/.exec(first.stdout)![1]!;

      const mraoClient = new ScmClient({ baseUrl: tenant.url, auth: { kind: 'password', login: 'mrao', customerUri: tenant.customerUri, password: async () => tenant.seededPassword('mrao')! } });
      for (const domain of domains()) await new DomainsApi(mraoClient).approveDelegation(domain.id, 1001);
      await mraoClient.close();

      // Approved: the validation is started, its record taken as published, submitted, and not yet checked by Sectigo.
      const second = await cli(['checklist', 'verify', runId, '--yes']);
      expect(second.code, second.stderr).toBe(10);
      expect(second.stderr).toMatch(/^\[4\/9\] Wait for the MRAO’s approval: Verified\./m);
      expect(second.stderr.match(/to Sandbox University: ACTIVE\.$/gm)).toHaveLength(2);
      expect(second.stderr).toMatch(/^\[7\/9\] Submit the validation: Done\./m);
      expect(second.stdout).toContain('Wait until the domain is validated');

      clock.advance(delaySeconds * 1000);
      const third = await cli(['checklist', 'verify', runId, '--yes']);
      expect(third.code, third.stderr).toBe(0);
      expect(third.stderr).toMatch(/^\[8\/9\] Wait until the domain is validated: Verified\./m);
      expect(third.stdout).toContain(`Run ${runId}: Done (9 of 9 steps finished).`);
      expect(domains()).toHaveLength(2);
      for (const domain of domains()) {
        expect(domain.delegations).toEqual([expect.objectContaining({ orgId: 1001, status: 'ACTIVE' })]);
        expect(domain.validation.status).toBe('VALIDATED');
      }
    } finally {
      await tenant.stop();
    }
  }, 60_000);
});
