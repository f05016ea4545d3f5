import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checklistsFolderName } from '../../src/main/services/checklists';
import { ServiceError } from '../../src/main/services/errors';
import { baselineNotificationTypes, type ChecklistId, type ChecklistRun } from '../../src/shared/checklists';
import { count, adminsWithLogin, actionFor, signedInWorlds, currentStep, refusalOf, type ChecklistApp } from '../support/checklists';

const apiAdmin = (login: string) => ({
  login,
  forename: 'Build',
  surname: 'Robot',
  email: `${login}@sandbox-university.example`,
  orgId: 1001,
  roles: ['RAO_SSL'],
  privileges: ['sslRequest', 'sslRenew', 'sslReplace', 'sslRevoke'],
});

const signedIn = signedInWorlds();

/** Takes every step as a person would: runs it, or marks it read. */
async function finish(app: ChecklistApp, run: ChecklistRun): Promise<ChecklistRun> {
  for (let step = currentStep(run); step !== undefined; step = currentStep(run)) {
    run = await app.checklists.advance(run.id, step.id, actionFor(step.kind));
    const after = run.steps.find((candidate) => candidate.id === step!.id)!;
    if (after.state === 'failed' || after.state === 'pending') throw new Error(`step ${step.id} ended ${after.state}: ${after.outcome?.text ?? ''}`);
  }
  return run;
}

/**
 * Takes every step over a tenant that fails now and then, as a patient person
 * would: an attempt that failed or was cut short is simply tried again.
 */
async function persist(app: ChecklistApp, start: () => Promise<ChecklistRun>): Promise<{ run: ChecklistRun; tries: number }> {
  let run: ChecklistRun | undefined;
  let tries = 0;
  for (; tries < 100; tries++) {
    try {
      if (run === undefined) run = await start();
      else {
        const step = currentStep(run);
        if (step === undefined) return { run, tries };
        run = await app.checklists.advance(run.id, step.id, actionFor(step.kind === 'info' ? 'info' : 'action'));
      }
    } catch (error) {
      // A refusal of the inputs is not a fault; anything else (SCM failing to answer while a step is settled) is tried again.
      if (error instanceof ServiceError && error.error.kind === 'validation' && error.error.fields !== undefined) throw error;
      if (run !== undefined) run = await app.checklists.get(run.id);
    }
  }
  throw new Error(`not done after ${tries} tries: ${JSON.stringify(run?.steps.map((step) => [step.id, step.state, step.outcome?.text]))}`);
}

describe('a tenant that fails one request in five', () => {
  it('ends the API admin checklist with exactly one admin, and the notifications with each baseline rule made once', async () => {
    const { world, app } = await signedIn('rao', { faultRate: 0.2, seed: 5 });
    const admins = await persist(app, () => app.checklists.start('api-admin', apiAdmin('fault-robot')));
    expect(admins.run.status).toBe('done');
    expect(adminsWithLogin(world, 'fault-robot')).toHaveLength(1);
    expect(adminsWithLogin(world, 'fault-robot')[0]).toMatchObject({ type: 'API', temporaryPassword: false });
    world.tenant.faults.faultRate = 0;
    expect(world.tenant.checkPassword('fault-robot', (await app.checklists.reveal(admins.run.id)).password)).toBe(true);
    world.tenant.faults.faultRate = 0.2;

    const before = [...world.tenant.store.notifications.values()];
    const preparation = await persist(app, async () => {
      const prepared = await app.checklists.prepare('notifications');
      return app.checklists.start('notifications', prepared.defaults);
    });
    expect(preparation.run.status).toBe('done');
    const rules = [...world.tenant.store.notifications.values()];
    for (const type of baselineNotificationTypes) {
      const covering = rules.filter((rule) => rule.type === type && rule.active);
      expect({ type, count: covering.length }).toEqual({ type, count: 1 });
    }
    const made = rules.filter((rule) => !before.some((old) => old.id === rule.id));
    expect(made.map((rule) => rule.type).sort()).toEqual(baselineNotificationTypes.filter((type) => !before.some((old) => old.type === type)).sort());
    expect(admins.tries + preparation.tries).toBeGreaterThan(9);
  });
});

describe('notifications', () => {
  it('makes the missing baseline rules, and after a cancel between two makes only the rest', async () => {
    const { world, app } = await signedIn();
    const prepared = await app.checklists.prepare('notifications');
    expect(prepared.defaults.orgId).toBe(1001);
    let run = await app.checklists.start('notifications', prepared.defaults);
    run = await app.checklists.advance(run.id, 'read-existing', 'run');
    expect(run.steps[0]!.state).toBe('verified');
    const plan = await app.checklists.plan(run.id);
    expect(plan.requests.map((request) => request.method)).toEqual(['POST', 'POST', 'POST', 'POST']);

    const cancel = new AbortController();
    world.proxy.rules.push({ method: 'POST', path: /^\/api\/notification\/v1$/, times: 1, fate: 'answer' });
    world.proxy.rules.push({ method: 'POST', path: /^\/api\/notification\/v1$/, times: 1, fate: 'answer', after: () => cancel.abort() });
    run = await app.checklists.advance(run.id, 'create-missing', 'run', { signal: cancel.signal });
    expect(run.steps[1]).toMatchObject({ state: 'pending', interrupted: true, error: { kind: 'cancelled' } });
    expect(run.steps[1]!.ids).toHaveLength(2);
    expect(count(world, 'POST /api/notification/v1')).toBe(2);

    run = await app.checklists.advance(run.id, 'create-missing', 'run');
    expect(run.steps[1]).toMatchObject({ state: 'done', interrupted: false });
    expect(run.steps[1]!.ids).toHaveLength(4);
    run = await app.checklists.advance(run.id, 'verify-active', 'run');
    expect(run.status).toBe('done');
    expect(count(world, 'POST /api/notification/v1')).toBe(4);
    for (const type of baselineNotificationTypes) {
      expect([...world.tenant.store.notifications.values()].filter((rule) => rule.type === type)).toHaveLength(1);
    }

    // Someone turns one rule off: Verify all says so.
    run = await app.checklists.verifyAll(run.id);
    expect(run.lastCheck!.results.every((result) => result.holds)).toBe(true);
    const ruleId = run.steps[1]!.ids[0]!;
    await world.as('rao').call({ method: 'PUT', path: `/api/notification/v1/${ruleId}`, body: { active: false }, operation: 'turn a notification off' });
    run = await app.checklists.verifyAll(run.id);
    expect(run.lastCheck!.results.map((result) => [result.stepId, result.holds, result.message.key])).toEqual([
      ['create-missing', false, 'common.outcomes.drifted'],
      ['verify-active', false, 'common.outcomes.drifted'],
    ]);
  });
});

describe('a server from before admin type API', () => {
  it('makes the admin standard and then API-only as an action, and offers the Secret Key on the REST API checklist', async () => {
    const { world, app } = await signedIn('rao', { legacyAdminTypes: true });
    const prepared = await app.checklists.prepare('api-admin');
    expect(prepared.notes.map((note) => note.key)).toContain('common.notes.legacyServer');
    let run = await app.checklists.start('api-admin', apiAdmin('legacy-robot'));
    run = await app.checklists.advance(run.id, 'check-rights', 'run');
    expect(run.facts.generation).toBe('legacy');
    expect((await app.checklists.plan(run.id)).requests[0]!.body).toMatchObject({ type: 'STANDARD' });
    run = await app.checklists.advance(run.id, 'create-admin', 'run');
    run = await app.checklists.advance(run.id, 'change-password', 'run');
    const apiOnly = await app.checklists.plan(run.id);
    expect(apiOnly).toMatchObject({ stepId: 'api-only', kind: 'action', blockers: [] });
    expect(apiOnly.requests).toEqual([{ as: 'rao', method: 'PUT', path: `/api/admin/v1/${run.facts.adminId as number}`, body: { privileges: [...apiAdmin('').privileges, 'wsApiUseOnly'] } }]);
    run = await app.checklists.advance(run.id, 'api-only', 'run');
    expect(run.steps[3]).toMatchObject({ kind: 'action', state: 'done' });
    run = await finish(app, run);
    expect(run.status).toBe('done');
    expect(adminsWithLogin(world, 'legacy-robot')).toHaveLength(1);
    expect(adminsWithLogin(world, 'legacy-robot')[0]).toMatchObject({ type: 'STANDARD', temporaryPassword: false });
    expect(adminsWithLogin(world, 'legacy-robot')[0]!.privileges).toContain('wsApiUseOnly');
    run = await app.checklists.verifyAll(run.id);
    expect(run.lastCheck!.results.every((result) => result.holds)).toBe(true);

    // The REST API on the library, tried as the new admin.
    const probe = (await app.profiles.find('legacy-robot (API)'))!.id;
    let rest = await app.checklists.start('rest-api', { orgId: 1004, flags: ['ssl'], probeAs: probe });
    rest = await app.checklists.advance(rest.id, 'read-state', 'run');
    rest = await app.checklists.advance(rest.id, 'enable-api', 'run');
    expect(rest.steps[1]).toMatchObject({ kind: 'action', state: 'done' });
    const key = await app.checklists.plan(rest.id);
    expect(key).toMatchObject({ stepId: 'secret-key', kind: 'info', skipReason: null, blockers: [] });
    const secret = await app.checklists.secretKey(rest.id);
    expect(secret.value.length).toBeGreaterThanOrEqual(32);
    rest = await app.checklists.advance(rest.id, 'secret-key', 'acknowledge');
    expect(rest.steps[2]!.state).toBe('done');
    expect(typeof rest.facts.secretKeyShownAt).toBe('string');
    rest = await finish(app, rest);
    expect(rest.steps.map((step) => step.state)).toEqual(['verified', 'done', 'done', 'verified', 'verified']);
    expect(world.tenant.store.organizations.get(1004)!.sslCertsApiEnabled).toBe(true);
    const record = (await app.checklists.exportRun(rest.id, 'md')).text + (await app.checklists.exportRun(rest.id, 'html', 'sv')).text;
    expect(record.includes(secret.value)).toBe(false);
  });

  it('leaves the Secret Key out on a current server', async () => {
    const { app } = await signedIn();
    let rest = await app.checklists.start('rest-api', { orgId: 1004, flags: ['ssl'] });
    rest = await app.checklists.advance(rest.id, 'read-state', 'run');
    rest = await app.checklists.advance(rest.id, 'enable-api', 'run');
    expect((await app.checklists.plan(rest.id)).skipReason?.key).toBe('rest-api.outcomes.keyNotNeeded');
    expect((await refusalOf(app.checklists.secretKey(rest.id))).kind).toBe('validation');
    rest = await finish(app, rest);
    expect(rest.steps.map((step) => step.state)).toEqual(['verified', 'done', 'skipped', 'verified', 'skipped']);
  });
});

describe('a DRAO who may not edit the department', () => {
  it('gets the switch as a step to do by hand, not done until an RAO turns it on', async () => {
    const { world, app } = await signedIn('drao-library');
    let run = await app.checklists.start('rest-api', { orgId: 1004, flags: ['ssl'] });
    expect(run.target).toMatchObject({ kind: 'department', id: 1004 });
    run = await app.checklists.advance(run.id, 'read-state', 'run');
    expect(run.steps[0]!.state).toBe('verified');

    const plan = await app.checklists.plan(run.id);
    expect(plan).toMatchObject({ stepId: 'enable-api', kind: 'manual', canVerify: true, requests: [], blockers: [] });
    expect(plan.copy.map((entry) => entry.value)).toEqual(['University Library']);
    expect((await refusalOf(app.checklists.advance(run.id, 'enable-api', 'run'))).kind).toBe('validation');

    run = await app.checklists.advance(run.id, 'enable-api', 'verify');
    expect(run.steps[1]).toMatchObject({ kind: 'manual', state: 'pending', outcome: { key: 'common.outcomes.notYet' } });
    expect(run.status).toBe('needs-manual');
    expect(world.tenant.requestCounts.get('PUT /api/organization/v1/{id}')).toBeUndefined();

    await world.as('rao').call({ method: 'PUT', path: '/api/organization/v1/1004', body: { sslCertsApiEnabled: true }, operation: 'turn the REST API on' });
    run = await app.checklists.advance(run.id, 'enable-api', 'verify');
    expect(run.steps[1]).toMatchObject({ kind: 'manual', state: 'verified', by: 'drao-library' });
    run = await finish(app, run);
    expect(run.status).toBe('done');
    expect(world.tenant.requestCounts.get('PUT /api/organization/v1/{id}')).toBe(1);
  });
});

describe('a read-only tenant', () => {
  it('blocks every action before anything is sent, and says why', async () => {
    const { world, app } = await signedIn('rao', { readOnly: true });
    const writes = () => [...world.tenant.requestCounts.entries()].filter(([route]) => !route.startsWith('GET ') && route !== 'POST /api/ssl/v1/enroll');

    let rest = await app.checklists.start('rest-api', { orgId: 1004, flags: ['ssl'] });
    rest = await app.checklists.advance(rest.id, 'read-state', 'run');
    const plan = await app.checklists.plan(rest.id);
    expect(plan.blockers.map((blocker) => blocker.key)).toEqual(['common.blockers.readOnlyTenant']);
    rest = await app.checklists.advance(rest.id, 'enable-api', 'run');
    expect(rest.steps[1]).toMatchObject({ state: 'failed', sent: [], attempts: 0, outcome: { key: 'common.blockers.readOnlyTenant' }, error: { kind: 'read-only-tenant' } });
    expect(rest.status).toBe('failed');

    let notes = await app.checklists.start('notifications', (await app.checklists.prepare('notifications')).defaults);
    notes = await app.checklists.advance(notes.id, 'read-existing', 'run');
    notes = await app.checklists.advance(notes.id, 'create-missing', 'run');
    expect(notes.steps[1]).toMatchObject({ state: 'failed', sent: [], error: { kind: 'read-only-tenant' } });

    let admin = await app.checklists.start('api-admin', apiAdmin('readonly-robot'));
    admin = await app.checklists.advance(admin.id, 'check-rights', 'run');
    expect(admin.steps[0]).toMatchObject({ state: 'failed', error: { kind: 'read-only-tenant' } });
    expect((await app.checklists.plan(admin.id, 'create-admin')).blockers.map((blocker) => blocker.key)).toEqual(['common.blockers.readOnlyTenant']);

    expect(writes()).toEqual([]);
    expect(world.tenant.store.organizations.get(1004)!.sslCertsApiEnabled).toBe(false);
    expect(adminsWithLogin(world, 'readonly-robot')).toHaveLength(0);
  });
});

describe('the inputs', () => {
  it('answers every problem on its field and makes no run', async () => {
    const { world, app } = await signedIn();
    const fields = async (id: ChecklistId, inputs: unknown) => {
      const refusal = await refusalOf(app.checklists.start(id, inputs));
      expect(refusal.kind).toBe('validation');
      return (refusal.fields ?? []).map((field) => field.field).sort();
    };
    expect(await fields('api-admin', { ...apiAdmin('x'), email: 'not an address' })).toEqual(['email', 'login']);
    expect(await fields('api-admin', { ...apiAdmin('ok-robot'), roles: [] })).toEqual(['roles']);
    expect(await fields('api-admin', { ...apiAdmin('ok-robot'), extra: true })).not.toEqual([]);
    expect(await fields('api-admin', { ...apiAdmin('rao'), orgId: 9999 })).toEqual(['login', 'orgId']);
    expect(await fields('api-admin', { ...apiAdmin('ok-robot'), roles: ['DRAO_SSL'] })).toEqual(['roles']);
    expect(await fields('api-admin', { ...apiAdmin('ok-robot'), profileName: 'rao at the tenant' })).toEqual(['profileName']);
    expect(await fields('rest-api', { orgId: 1004, flags: [] })).toEqual(['flags']);
    expect(await fields('rest-api', { orgId: 1004, flags: ['ssl'], probeAs: 'nobody' })).toEqual(['probeAs']);
    expect(await fields('notifications', { orgId: 1004, rules: [{ type: 'NoSuchType', roles: ['MRAO'], emails: [] }] })).toEqual(['orgId', 'rules.0.type']);
    expect(await fields('notifications', { orgId: 1001, rules: [{ type: 'SSLExpiration', roles: [], emails: [] }] })).toEqual(['rules.0.days', 'rules.0.roles']);

    expect(await app.checklists.runs()).toEqual([]);
    await expect(access(join(world.folder, checklistsFolderName))).rejects.toThrow();
    expect(world.proxy.seen.filter((request) => !request.startsWith('GET '))).toEqual([]);
  });
});
