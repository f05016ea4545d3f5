import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChecklistRun, StepState } from '../../src/shared/checklists';
import { count, adminsWithLogin, actionFor, signedInWorlds, currentStep, refusalOf, restoreFile, type ChecklistApp, type ChecklistWorld } from '../support/checklists';

/** An API admin as a person fills in the form: an RAO of Sandbox University making one for SSL. */
const inputs = (login: string) => ({
  login,
  forename: 'Build',
  surname: 'Robot',
  email: `${login}@sandbox-university.example`,
  orgId: 1001,
  roles: ['RAO_SSL'],
  privileges: ['sslRequest', 'sslRenew', 'sslReplace', 'sslRevoke'],
});

/** How each step of the API admin checklist ends on a current server. */
const expected: Record<string, StepState> = {
  'check-rights': 'verified',
  'create-admin': 'done',
  'change-password': 'done',
  'api-only': 'verified',
  'verify-access': 'verified',
  'hand-over': 'done',
};

const signedIn = signedInWorlds();

/** The run as its file holds it now. */
async function stored(world: ChecklistWorld, run: ChecklistRun): Promise<ChecklistRun> {
  const found = (await world.runFile(run.profileId)).runs.find((candidate) => candidate.id === run.id);
  if (found === undefined) throw new Error('the run is not in its file');
  return found;
}

/** Every file under a folder, as text. */
async function filesUnder(folder: string): Promise<{ path: string; text: string }[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return Promise.all(entries.filter((entry) => entry.isFile()).map(async (entry) => ({ path: join(entry.parentPath, entry.name), text: await readFile(join(entry.parentPath, entry.name), 'utf8') })));
}

describe('the API admin checklist on a current server', () => {
  it('goes step by step to one new API admin with a changed password, keeping the run on disk and no secret in it', async () => {
    const { world, app, profileId } = await signedIn();
    const adminsBefore = world.tenant.store.admins.size;

    const preparation = await app.checklists.prepare('api-admin');
    expect(preparation.blockers).toEqual([]);
    expect(preparation.defaults).toMatchObject({ orgId: 1001, roles: ['RAO_SSL'] });
    expect(preparation.choices.privileges!.map((choice) => choice.value)).not.toContain('wsApiUseOnly');

    let run = await app.checklists.start('api-admin', inputs('build-robot'));
    expect(run).toMatchObject({ status: 'in-progress', startedBy: 'rao', target: { kind: 'admin', name: 'build-robot' } });
    expect(run.steps.map((step) => step.id)).toEqual(Object.keys(expected));
    expect(run.steps.every((step) => step.state === 'pending' && step.attempts === 0)).toBe(true);
    expect(await stored(world, run)).toEqual(run);

    // The create is sent only once the step is written down as running, so a kill mid-step is found again.
    const atCreate: ChecklistRun[] = [];
    world.proxy.rules.push({ method: 'POST', path: /^\/api\/admin\/v1$/, times: 1, fate: 'answer', before: async () => void atCreate.push(await stored(world, run)) });

    for (const id of Object.keys(expected)) {
      const plan = await app.checklists.plan(run.id);
      expect(plan.stepId).toBe(id);
      expect(plan.blockers).toEqual([]);
      if (id === 'create-admin') {
        expect(plan.requests).toHaveLength(1);
        expect(plan.requests[0]).toMatchObject({ as: 'rao', method: 'POST', path: '/api/admin/v1', body: { type: 'API', login: 'build-robot', credentials: [{ role: 'RAO_SSL', orgId: 1001 }] } });
        expect(JSON.stringify(plan.requests)).toContain('••••');
      }
      if (id === 'api-only') expect(plan.kind).toBe('verify');
      const previous = run;
      run = await app.checklists.advance(run.id, id, actionFor(plan.kind));
      const step = run.steps.find((candidate) => candidate.id === id)!;
      expect({ id, state: step.state, error: step.error }).toEqual({ id, state: expected[id], error: null });
      expect(step).toMatchObject({ by: 'rao', interrupted: false });
      expect(step.outcome?.key).toBeTruthy();
      // Steps before it are as they were; steps after it untouched.
      expect(run.steps.slice(0, run.steps.indexOf(step))).toEqual(previous.steps.slice(0, run.steps.indexOf(step)));
      expect(run.steps.slice(run.steps.indexOf(step) + 1).every((later) => later.state === 'pending')).toBe(true);
      expect(await stored(world, run)).toEqual(run);
    }
    expect(atCreate).toHaveLength(1);
    expect(atCreate[0]!.steps[1]).toMatchObject({ id: 'create-admin', state: 'running', attempts: 1 });
    expect(run.status).toBe('done');
    expect(run.finishedAt).not.toBeNull();
    expect(run.steps[2]!.sent.map((request) => `${request.as} ${request.method} ${request.path}`)).toEqual(['build-robot POST /api/admin/v1/changepassword']);
    expect((await app.checklists.runs(profileId)).map((summary) => [summary.id, summary.status, summary.stepsDone])).toEqual([[run.id, 'done', 6]]);

    // In SCM: one new admin, of type API, with its temporary password changed.
    expect(world.tenant.store.admins.size).toBe(adminsBefore + 1);
    const [admin] = adminsWithLogin(world, 'build-robot');
    expect(adminsWithLogin(world, 'build-robot')).toHaveLength(1);
    expect(admin).toMatchObject({ type: 'API', temporaryPassword: false, credentials: [{ role: 'RAO_SSL', orgId: 1001 }] });
    expect(admin!.privileges.sort()).toEqual(['sslRenew', 'sslReplace', 'sslRequest', 'sslRevoke']);
    expect(run.facts.adminId).toBe(admin!.id);

    // The password is shown once, and it is the one SCM holds.
    const shown = await app.checklists.reveal(run.id);
    expect(shown).toMatchObject({ login: 'build-robot', keptIn: 'keychain' });
    expect(world.tenant.checkPassword('build-robot', shown.password)).toBe(true);
    expect((await refusalOf(app.checklists.reveal(run.id))).kind).toBe('validation');
    // The new admin has a profile of its own, with that password.
    const made = await app.profiles.find('build-robot (API)');
    expect(made).toMatchObject({ login: 'build-robot', host: world.proxy.url });
    expect(await app.profiles.secret(made!.id)).toBe(shown.password);

    // No password the console ever made or used is in the run, its records, or anywhere in the user-data folder.
    const secrets = [...world.keychain.everSet];
    expect(secrets.length).toBeGreaterThanOrEqual(3);
    expect(secrets).toContain(shown.password);
    const records = [];
    for (const format of ['md', 'html'] as const) {
      for (const language of ['en', 'sv'] as const) {
        const record = await app.checklists.exportRun(run.id, format, language);
        expect(record.fileName).toBe(`${run.id}.${format}`);
        expect(record.text).toContain('build-robot');
        records.push(record.text);
      }
    }
    expect(records[0]).not.toEqual(records[1]);
    expect(records[2]).toMatch(/^<!doctype html>/);
    const written = [...records, JSON.stringify(await app.checklists.get(run.id)), ...(await filesUnder(world.folder)).map((file) => file.text)];
    for (const secret of secrets) {
      for (const text of written) expect(text.includes(secret)).toBe(false);
    }
  });

  it('refuses steps out of order, a second run of a finished step, and another profile’s run', async () => {
    const { world, app } = await signedIn();
    let run = await app.checklists.start('api-admin', inputs('order-robot'));
    expect((await refusalOf(app.checklists.advance(run.id, 'create-admin', 'run'))).kind).toBe('validation');
    expect(count(world, 'POST /api/admin/v1')).toBe(0);
    run = await app.checklists.advance(run.id, 'check-rights', 'run');
    expect((await refusalOf(app.checklists.advance(run.id, 'check-rights', 'run'))).kind).toBe('validation');
    expect((await refusalOf(app.checklists.advance(run.id, 'create-admin', 'skip'))).kind).toBe('validation');
    const other = await world.profileFor(app, 'mrao');
    app.signIn(other);
    expect((await refusalOf(app.checklists.advance(run.id, 'create-admin', 'run'))).kind).toBe('auth');
    expect(count(world, 'POST /api/admin/v1')).toBe(0);
  });
});

describe('a restart between and within steps', () => {
  it('resumes where it stopped after a restart after every step', async () => {
    const { world, profileId } = await signedIn();
    let app = world.start();
    app.signIn(profileId);
    let run = await app.checklists.start('api-admin', inputs('restart-robot'));
    for (const id of Object.keys(expected)) {
      // The app as it starts again: new services on the same folder and keychain.
      app = world.start();
      app.signIn(profileId);
      const resumed = await app.checklists.get(run.id);
      expect(resumed).toEqual(run);
      expect((await app.checklists.plan(run.id)).stepId).toBe(id);
      run = await app.checklists.advance(run.id, id, actionFor((await app.checklists.plan(run.id)).kind));
      expect(run.steps.find((step) => step.id === id)!.state).toBe(expected[id]);
    }
    expect(run.status).toBe('done');
    expect(adminsWithLogin(world, 'restart-robot')).toHaveLength(1);
    expect(adminsWithLogin(world, 'restart-robot')[0]).toMatchObject({ type: 'API', temporaryPassword: false });
    expect(count(world, 'POST /api/admin/v1')).toBe(1);
    expect(count(world, 'POST /api/admin/v1/changepassword')).toBe(1);
    const shown = await app.checklists.reveal(run.id);
    expect(world.tenant.checkPassword('restart-robot', shown.password)).toBe(true);
  });

  it('takes up a step left running at its start by a kill, at every step, without doing anything twice', async () => {
    const { world, app: first, profileId } = await signedIn();
    let run = await first.checklists.start('api-admin', inputs('every-robot'));
    for (const [index, id] of Object.keys(expected).entries()) {
      // The file as a kill leaves it once the attempt was written down, before anything was sent.
      const file = await world.runFile(profileId);
      const stopped = file.runs.find((candidate) => candidate.id === run.id)!;
      stopped.steps[index] = { ...stopped.steps[index]!, state: 'running', attempts: 1, startedAt: stopped.updatedAt, by: 'rao' };
      stopped.status = 'in-progress';
      await restoreFile(world.runFilePath(profileId), JSON.stringify(file));
      const app = world.start();
      app.signIn(profileId);
      const found = await app.checklists.get(run.id);
      expect(found.steps[index]).toMatchObject({ id, state: 'pending', interrupted: true });
      expect((await app.checklists.plan(run.id)).stepId).toBe(id);
      run = await app.checklists.advance(run.id, id, actionFor(found.steps[index]!.kind === 'info' ? 'info' : 'action'));
      expect(run.steps[index]).toMatchObject({ id, state: expected[id], interrupted: false });
    }
    expect(run.status).toBe('done');
    expect(adminsWithLogin(world, 'every-robot')).toHaveLength(1);
    expect(count(world, 'POST /api/admin/v1')).toBe(1);
    expect(count(world, 'POST /api/admin/v1/changepassword')).toBe(1);
  });

  /**
   * Runs a step while keeping the run file and the keychain as they were the
   * moment its write reached SCM (the step `running`), then puts them back and
   * starts the app again: what a kill right after SCM did the work leaves behind.
   */
  async function killedDuring(world: ChecklistWorld, app: ChecklistApp, run: ChecklistRun, stepId: string, write: RegExp, fate: 'answer' | 'drop' = 'answer') {
    let snapshot: { file: string; keychain: Awaited<ReturnType<ChecklistWorld['keychain']['snapshot']>> } | undefined;
    world.proxy.rules.push({
      method: 'POST',
      path: write,
      times: fate === 'drop' ? 2 : 1,
      fate,
      before: async () => void (snapshot ??= { file: await readFile(world.runFilePath(run.profileId), 'utf8'), keychain: await world.keychain.snapshot() }),
    });
    await app.checklists.advance(run.id, stepId, 'run');
    expect(snapshot).toBeDefined();
    await restoreFile(world.runFilePath(run.profileId), snapshot!.file);
    await world.keychain.restore(snapshot!.keychain);
    const restarted = world.start();
    restarted.signIn(run.profileId);
    return restarted;
  }

  it('settles a step left running by a kill against SCM: the admin made and the password changed are found, not made again', async () => {
    const { world, app, profileId } = await signedIn();
    let run = await app.checklists.start('api-admin', inputs('killed-robot'));
    run = await app.checklists.advance(run.id, 'check-rights', 'run');

    let restarted = await killedDuring(world, app, run, 'create-admin', /^\/api\/admin\/v1$/);
    expect((await stored(world, run)).steps[1]).toMatchObject({ state: 'running', attempts: 1 });
    run = await restarted.checklists.get(run.id);
    expect(run.steps[1]).toMatchObject({ state: 'pending', interrupted: true });
    expect(run.status).toBe('in-progress');
    run = await restarted.checklists.advance(run.id, 'create-admin', 'run');
    expect(run.steps[1]).toMatchObject({ state: 'verified', interrupted: false, attempts: 1 });
    expect(run.steps[1]!.outcome!.key).toBe('common.outcomes.foundDone');
    expect(adminsWithLogin(world, 'killed-robot')).toHaveLength(1);
    expect(count(world, 'POST /api/admin/v1')).toBe(1);
    expect(run.facts.adminId).toBe(adminsWithLogin(world, 'killed-robot')[0]!.id);

    restarted = await killedDuring(world, restarted, run, 'change-password', /^\/api\/admin\/v1\/changepassword$/);
    run = await restarted.checklists.get(run.id);
    expect(run.steps[2]).toMatchObject({ state: 'pending', interrupted: true });
    run = await restarted.checklists.advance(run.id, 'change-password', 'run');
    expect(run.steps[2]).toMatchObject({ state: 'verified', interrupted: false });
    expect(run.steps[2]!.outcome!.key).toBe('common.outcomes.foundDone');
    expect(count(world, 'POST /api/admin/v1/changepassword')).toBe(1);
    expect(adminsWithLogin(world, 'killed-robot')[0]).toMatchObject({ temporaryPassword: false });

    for (const id of ['api-only', 'verify-access', 'hand-over']) run = await restarted.checklists.advance(run.id, id, actionFor(run.steps.find((step) => step.id === id)!.kind));
    expect(run.status).toBe('done');
    const shown = await restarted.checklists.reveal(run.id);
    expect(world.tenant.checkPassword('killed-robot', shown.password)).toBe(true);
    expect(profileId).toBe(run.profileId);
  });

  it('makes the admin after a kill before SCM heard of it, once', async () => {
    const { world, app } = await signedIn();
    let run = await app.checklists.start('api-admin', inputs('unsent-robot'));
    run = await app.checklists.advance(run.id, 'check-rights', 'run');
    const restarted = await killedDuring(world, app, run, 'create-admin', /^\/api\/admin\/v1$/, 'drop');
    expect(adminsWithLogin(world, 'unsent-robot')).toHaveLength(0);
    run = await restarted.checklists.advance(run.id, 'create-admin', 'run');
    expect(run.steps[1]).toMatchObject({ state: 'done', interrupted: false, attempts: 2 });
    expect(adminsWithLogin(world, 'unsent-robot')).toHaveLength(1);
    run = await restarted.checklists.advance(run.id, 'change-password', 'run');
    expect(run.steps[2]!.state).toBe('done');
    expect(adminsWithLogin(world, 'unsent-robot')[0]).toMatchObject({ temporaryPassword: false });
  });
  it('finds the password changed after a kill just after the console kept the new one', async () => {
    const { world, app } = await signedIn();
    let run = await app.checklists.start('api-admin', inputs('kept-robot'));
    run = await app.checklists.advance(run.id, 'check-rights', 'run');
    run = await app.checklists.advance(run.id, 'create-admin', 'run');
    // The moment the password on its way in is forgotten: the new one is the account's by then.
    let file: string | undefined;
    world.keychain.onDelete = async (_profileId, secret) => {
      if (secret === 'next-password') file ??= await readFile(world.runFilePath(run.profileId), 'utf8');
    };
    await app.checklists.advance(run.id, 'change-password', 'run');
    world.keychain.onDelete = undefined;
    expect(file).toBeDefined();
    await restoreFile(world.runFilePath(run.profileId), file!);
    const restarted = world.start();
    restarted.signIn(run.profileId);
    run = await restarted.checklists.get(run.id);
    expect(run.steps[2]).toMatchObject({ state: 'pending', interrupted: true });
    run = await restarted.checklists.advance(run.id, 'change-password', 'run');
    expect(run.steps[2]).toMatchObject({ state: 'verified', interrupted: false });
    expect(count(world, 'POST /api/admin/v1/changepassword')).toBe(1);
    expect(world.tenant.checkPassword('kept-robot', (await restarted.checklists.reveal(run.id)).password)).toBe(true);
  });
});

describe('a write whose answer is lost', () => {
  it('leaves the create pending and interrupted, and the next attempt finds the admin instead of making another', async () => {
    const { world, app } = await signedIn();
    let run = await app.checklists.start('api-admin', inputs('lost-robot'));
    run = await app.checklists.advance(run.id, 'check-rights', 'run');
    // SCM makes the admin, the answer is lost, and so is every look for it that follows.
    world.proxy.rules.push({
      method: 'POST',
      path: /^\/api\/admin\/v1$/,
      times: 1,
      fate: 'lose-answer',
      after: () => void world.proxy.rules.push({ method: 'GET', path: /^\/api\/admin\/v1$/, times: 5, fate: 'drop' }),
    });
    run = await app.checklists.advance(run.id, 'create-admin', 'run');
    expect(run.steps[1]).toMatchObject({ state: 'pending', interrupted: true, attempts: 1 });
    expect(run.steps[1]!.outcome!.key).toBe('common.outcomes.interrupted');
    expect(run.steps[1]!.error).toMatchObject({ kind: 'network' });
    expect(run.steps[1]!.sent).toHaveLength(1);
    expect(await stored(world, run)).toEqual(run);
    expect(adminsWithLogin(world, 'lost-robot')).toHaveLength(1);

    const plan = await app.checklists.plan(run.id);
    expect(plan.stepId).toBe('create-admin');
    run = await app.checklists.advance(run.id, 'create-admin', 'run');
    expect(run.steps[1]).toMatchObject({ state: 'verified', interrupted: false });
    expect(run.steps[1]!.outcome!.key).toBe('common.outcomes.foundDone');
    expect(count(world, 'POST /api/admin/v1')).toBe(1);
    expect(adminsWithLogin(world, 'lost-robot')).toHaveLength(1);

    // The password change's answer lost too: settled by signing in with the new password, not sent again.
    world.proxy.rules.push({ method: 'POST', path: /^\/api\/admin\/v1\/changepassword$/, times: 1, fate: 'lose-answer' });
    run = await app.checklists.advance(run.id, 'change-password', 'run');
    expect(run.steps[2]).toMatchObject({ state: 'pending', interrupted: true });
    run = await app.checklists.advance(run.id, 'change-password', 'run');
    expect(run.steps[2]).toMatchObject({ state: 'verified', interrupted: false });
    expect(count(world, 'POST /api/admin/v1/changepassword')).toBe(1);
    for (const id of ['api-only', 'verify-access', 'hand-over']) run = await app.checklists.advance(run.id, id, actionFor(run.steps.find((step) => step.id === id)!.kind));
    expect(run.status).toBe('done');
    expect(world.tenant.checkPassword('lost-robot', (await app.checklists.reveal(run.id)).password)).toBe(true);
  });
});

describe('a create that failed after SCM made the admin', () => {
  it('takes the admin made by the earlier attempt on the next one, with the password it was made with', async () => {
    const { world, app } = await signedIn();
    let run = await app.checklists.start('api-admin', inputs('adopted-robot'));
    run = await app.checklists.advance(run.id, 'check-rights', 'run');
    // The answer is lost, and the look for what was made is refused outright.
    world.proxy.rules.push({
      method: 'POST',
      path: /^\/api\/admin\/v1$/,
      times: 1,
      fate: 'lose-answer',
      after: () => void world.proxy.rules.push({ method: 'GET', path: /^\/api\/admin\/v1$/, times: 1, fate: 'answer', reply: { status: 400, body: { code: -1, description: 'Unknown error' } } }),
    });
    run = await app.checklists.advance(run.id, 'create-admin', 'run');
    expect(run.steps[1]!.state).not.toBe('done');
    expect(adminsWithLogin(world, 'adopted-robot')).toHaveLength(1);

    run = await app.checklists.advance(run.id, 'create-admin', 'run');
    expect(run.steps[1]!.state === 'done' || run.steps[1]!.state === 'verified').toBe(true);
    expect(run.facts.adminId).toBe(adminsWithLogin(world, 'adopted-robot')[0]!.id);
    expect(count(world, 'POST /api/admin/v1')).toBe(1);
    run = await app.checklists.advance(run.id, 'change-password', 'run');
    expect(run.steps[2]).toMatchObject({ state: 'done', error: null });
    expect(adminsWithLogin(world, 'adopted-robot')[0]).toMatchObject({ temporaryPassword: false });
  });
});

describe('Verify all on a finished run', () => {
  it('finds everything holding, then reports what was changed in SCM since', async () => {
    const { world, app } = await signedIn();
    let run = await app.checklists.start('api-admin', inputs('drift-robot'));
    while (currentStep(run) !== undefined) run = await app.checklists.advance(run.id, currentStep(run)!.id, actionFor(currentStep(run)!.kind));
    expect(run.status).toBe('done');

    run = await app.checklists.verifyAll(run.id);
    expect(run.lastCheck!.by).toBe('rao');
    expect(run.lastCheck!.results.map((result) => [result.stepId, result.holds])).toEqual([
      ['create-admin', true],
      ['change-password', true],
      ['api-only', true],
      ['verify-access', true],
    ]);
    expect(run.lastCheck!.results.every((result) => result.message.key === 'common.outcomes.holds')).toBe(true);
    expect(await stored(world, run)).toEqual(run);

    // Another admin gives the new one the web interface back.
    await world.as('mrao').call({ method: 'PUT', path: `/api/admin/v1/${run.facts.adminId as number}`, body: { type: 'STANDARD' }, operation: 'make the admin standard' });
    run = await app.checklists.verifyAll(run.id);
    const results = Object.fromEntries(run.lastCheck!.results.map((result) => [result.stepId, result]));
    expect(results['api-only']).toMatchObject({ holds: false, message: { key: 'common.outcomes.drifted' } });
    expect(results['create-admin']!.holds).toBe(true);
    expect(run.status).toBe('done');
    const record = (await app.checklists.exportRun(run.id, 'md')).text;
    expect(record).toContain('changed');
  });
});
