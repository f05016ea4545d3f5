import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { MemoryCredentialStore } from '../../src/main/credentials';
import { Notices } from '../../src/main/services/notices';
import { ProfileService } from '../../src/main/services/profiles';
import { startSandbox } from '../../src/sandbox';
import { ScmClient } from '../../src/main/scm/client';
import { AdminsApi } from '../../src/main/scm/admins';
import type { ChecklistRun, StepState } from '../../src/shared/checklists';
import { count, adminsWithLogin, actionFor, signedInWorlds, refusalOf, restoreFile, type ChecklistWorld } from '../support/checklists';
import { sink } from './scmHelpers';

/** A new department as an RAO of Sandbox University fills in the form, with its DRAO for SSL. */
const inputs = (name: string, login: string, domain: string | null = 'sandbox-university.example') => ({
  orgId: 1001,
  name,
  address1: 'Kemigården 4',
  city: 'Sandbyn',
  postalCode: '123 46',
  country: 'se',
  apiFlags: ['ssl'],
  ...(domain === null ? {} : { domain }),
  login,
  forename: 'Karin',
  surname: 'Lund',
  email: `${login}@sandbox-university.example`,
  roles: ['DRAO_SSL'],
  privileges: ['sslRequest', 'sslRenew', 'sslRevoke'],
});

/** How each step ends when the DRAO has changed the password before the check. */
const expected: Record<string, StepState> = {
  'check-rights': 'verified',
  'create-department': 'done',
  'enable-api': 'skipped',
  'delegate-domain': 'done',
  'create-drao': 'done',
  'hand-over': 'done',
  'first-sign-in': 'verified',
  verify: 'verified',
};

const signedIn = signedInWorlds();

function departmentsNamed(world: ChecklistWorld, name: string) {
  return [...world.tenant.store.organizations.values()].filter((org) => org.name === name);
}

/** The DRAO's own first sign-in: replaces the temporary password through the API, as SCM's web interface would. */
async function firstSignIn(world: ChecklistWorld, login: string, temporary: string): Promise<void> {
  const client = new ScmClient({ baseUrl: world.tenant.url, auth: { kind: 'password', login, customerUri: world.tenant.customerUri, password: async () => temporary }, sleep: async () => undefined });
  try {
    await new AdminsApi(client).changePassword('Own-Choice-of-Karin-2026!');
  } finally {
    await client.close();
  }
}

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return Promise.all(entries.filter((entry) => entry.isFile()).map((entry) => readFile(join(entry.parentPath, entry.name), 'utf8')));
}

describe('the new department checklist', () => {
  it('makes one department with its switches, delegates the domain, makes one DRAO, shows the temporary password once and checks it all', async () => {
    const { world, app } = await signedIn();
    const adminsBefore = world.tenant.store.admins.size;

    const preparation = await app.checklists.prepare('new-department');
    expect(preparation.blockers).toEqual([]);
    expect(preparation.defaults).toMatchObject({ orgId: 1001, country: 'SE', apiFlags: ['ssl'], roles: ['DRAO_SSL'], privileges: ['sslRequest', 'sslRenew', 'sslRevoke'] });
    const offered = preparation.choices.domain!.map((choice) => choice.value);
    expect(offered).toContain('sandbox-university.example');
    // Another organization's domain, one not validated and one suspended are not offered.
    expect(offered).not.toContain('institute.example');
    expect(offered).not.toContain('old-project.example');
    expect(offered).not.toContain('retired.example');

    let run = await app.checklists.start('new-department', inputs('Department of Chemistry', 'drao-chemistry'));
    expect(run).toMatchObject({ status: 'in-progress', startedBy: 'rao', target: { kind: 'department', name: 'Department of Chemistry (Sandbox University)' } });
    expect(run.inputs.country).toBe('SE');
    expect(run.steps.map((step) => step.id)).toEqual(Object.keys(expected));

    let temporary: string | undefined;
    for (const id of Object.keys(expected)) {
      const plan = await app.checklists.plan(run.id);
      expect(plan.stepId).toBe(id);
      if (id === 'create-department') {
        expect(plan.requests).toEqual([
          { as: 'rao', method: 'POST', path: '/api/organization/v1', body: { name: 'Department of Chemistry', parentOrgName: 'Sandbox University', address1: 'Kemigården 4', city: 'Sandbyn', postalCode: '123 46', country: 'SE', sslCertsApiEnabled: true, clientCertsApiEnabled: false } },
        ]);
      }
      if (id === 'enable-api') expect(plan.skipReason?.key).toBe('new-department.outcomes.apiSetAtCreation');
      if (id === 'create-drao') {
        expect(plan.requests[0]).toMatchObject({ method: 'POST', path: '/api/admin/v1', body: { type: 'STANDARD', login: 'drao-chemistry', credentials: [{ role: 'DRAO_SSL', orgId: run.facts.departmentId }], privileges: ['sslRequest', 'sslRenew', 'sslRevoke'] } });
        expect(JSON.stringify(plan.requests)).toContain('••••');
      }
      if (id === 'hand-over') {
        // Held in memory only: the step waits until it was shown.
        expect(plan.blockers.map((blocker) => blocker.key)).toEqual(['new-department.problems.showFirst']);
        expect((await refusalOf(app.checklists.advance(run.id, id, 'acknowledge'))).kind).toBe('validation');
        const shown = await app.checklists.reveal(run.id);
        expect(shown).toMatchObject({ login: 'drao-chemistry', keptIn: 'session' });
        expect(world.tenant.checkPassword('drao-chemistry', shown.password)).toBe(true);
        temporary = shown.password;
        const again = await refusalOf(app.checklists.reveal(run.id));
        expect(again.message).toContain('shown once already');
      }
      if (id === 'first-sign-in') {
        expect(plan.kind).toBe('manual');
        run = await app.checklists.advance(run.id, id, 'verify');
        expect(run.steps.find((step) => step.id === id)).toMatchObject({ state: 'pending', outcome: { key: 'common.outcomes.notYet' } });
        await firstSignIn(world, 'drao-chemistry', temporary!);
      }
      run = await app.checklists.advance(run.id, id, actionFor(plan.kind));
      const step = run.steps.find((candidate) => candidate.id === id)!;
      expect({ id, state: step.state, error: step.error }).toEqual({ id, state: expected[id], error: null });
    }
    expect(run.status).toBe('done');
    expect(run.steps.find((step) => step.id === 'delegate-domain')!.outcome!.key).toBe('new-department.outcomes.delegationAwaiting');
    expect(run.steps.find((step) => step.id === 'verify')!.details.map((detail) => detail.key)).toEqual([
      'new-department.outcomes.apiOn',
      'new-department.outcomes.delegationAwaiting',
      'new-department.outcomes.draoExists',
      'new-department.outcomes.privilegesAsChosen',
      'new-department.outcomes.passwordChanged',
    ]);

    // In SCM: one department under the university with the SSL switch on, the domain delegated to it, one DRAO on it.
    const [department] = departmentsNamed(world, 'Department of Chemistry');
    expect(departmentsNamed(world, 'Department of Chemistry')).toHaveLength(1);
    expect(department).toMatchObject({ parentId: 1001, sslCertsApiEnabled: true, clientCertsApiEnabled: false, address1: 'Kemigården 4', country: 'SE' });
    expect(run.facts.departmentId).toBe(department!.id);
    expect(world.tenant.store.domains.get(4001)!.delegations).toContainEqual(expect.objectContaining({ orgId: department!.id, certTypes: ['SSL'] }));
    expect(world.tenant.store.admins.size).toBe(adminsBefore + 1);
    const [drao] = adminsWithLogin(world, 'drao-chemistry');
    expect(drao).toMatchObject({ type: 'STANDARD', temporaryPassword: false, credentials: [{ role: 'DRAO_SSL', orgId: department!.id }] });
    expect([...drao!.privileges].sort()).toEqual(['sslRenew', 'sslRequest', 'sslRevoke']);
    expect(count(world, 'POST /api/organization/v1')).toBe(1);
    expect(count(world, 'POST /api/admin/v1')).toBe(1);

    // Verify all finds everything as it was left.
    const checked = await app.checklists.verifyAll(run.id);
    expect(checked.lastCheck!.results.every((result) => result.holds)).toBe(true);

    // The temporary password is nowhere on disk, in the run or in its records.
    const written = [JSON.stringify(await app.checklists.get(run.id)), ...(await filesUnder(world.folder))];
    for (const language of ['en', 'sv'] as const) written.push((await app.checklists.exportRun(run.id, 'md', language)).text);
    for (const text of written) expect(text.includes(temporary!)).toBe(false);
    expect([...world.keychain.everSet]).not.toContain(temporary);
  }, 60_000);

  it('refuses a department name that exists under the organization on its field, and makes nothing', async () => {
    const { world, app, profileId } = await signedIn();
    const organizations = world.tenant.store.organizations.size;
    const admins = world.tenant.store.admins.size;
    const refused = await refusalOf(app.checklists.start('new-department', inputs('Department of Physics', 'drao-twice')));
    expect(refused.kind).toBe('validation');
    expect(refused.fields).toEqual([expect.objectContaining({ field: 'name', key: 'checklists.new-department.problems.nameTaken' })]);
    expect(refused.fields![0]!.message).toContain('Department of Physics');
    // A login that is taken and a domain the organization does not have are refused the same way.
    const more = await refusalOf(app.checklists.start('new-department', inputs('Department of Geology', 'drao-physics', 'institute.example')));
    expect(more.fields!.map((field) => field.field).sort()).toEqual(['domain', 'login']);
    expect(world.tenant.store.organizations.size).toBe(organizations);
    expect(world.tenant.store.admins.size).toBe(admins);
    expect(await app.checklists.runs(profileId)).toEqual([]);
    expect(count(world, 'POST /api/organization/v1') + count(world, 'POST /api/admin/v1')).toBe(0);
  }, 60_000);

  it('goes on after a restart, settling a create cut short against SCM, and says how to go on when the temporary password went with the old process', async () => {
    const { world, app: first, profileId } = await signedIn();
    let run = await first.checklists.start('new-department', inputs('Department of Music', 'drao-music', null));
    run = await first.checklists.advance(run.id, 'check-rights', 'run');
    const before = await readFile(world.runFilePath(profileId), 'utf8');
    run = await first.checklists.advance(run.id, 'create-department', 'run');
    expect(run.steps[1]!.state).toBe('done');

    // A kill after SCM made the department and before the run was written: the file says the step was under way.
    const file = JSON.parse(before) as { runs: ChecklistRun[] };
    const stopped = file.runs.find((candidate) => candidate.id === run.id)!;
    stopped.steps[1] = { ...stopped.steps[1]!, state: 'running', attempts: 1, startedAt: stopped.updatedAt, by: 'rao' };
    stopped.facts = { ...stopped.facts, departmentRequested: true };
    await restoreFile(world.runFilePath(profileId), JSON.stringify(file));

    let app = world.start();
    app.signIn(profileId);
    const resumed = await app.checklists.get(run.id);
    expect(resumed.steps[1]).toMatchObject({ state: 'pending', interrupted: true });
    run = await app.checklists.advance(run.id, 'create-department', 'run');
    expect(run.steps[1]).toMatchObject({ state: 'verified', outcome: { key: 'common.outcomes.foundDone' } });
    expect(departmentsNamed(world, 'Department of Music')).toHaveLength(1);
    expect(count(world, 'POST /api/organization/v1')).toBe(1);

    run = await app.checklists.advance(run.id, 'enable-api', 'run');
    expect(run.steps[2]!.state).toBe('skipped');
    run = await app.checklists.advance(run.id, 'delegate-domain', 'run');
    expect(run.steps[3]).toMatchObject({ state: 'skipped', outcome: { key: 'new-department.outcomes.noDomain' } });
    run = await app.checklists.advance(run.id, 'create-drao', 'run');
    expect(run.steps[4]!.state).toBe('done');

    // The console restarts before the temporary password was shown: it is gone, and the person is told what to do.
    app = world.start();
    app.signIn(profileId);
    const lost = await refusalOf(app.checklists.reveal(run.id));
    expect(lost.message).toContain('no longer holds the temporary password of drao-music');
    expect((await app.checklists.plan(run.id)).blockers).toEqual([]);
    run = await app.checklists.advance(run.id, 'hand-over', 'acknowledge');
    expect(run.steps[5]!.state).toBe('done');
    run = await app.checklists.advance(run.id, 'first-sign-in', 'verify');
    expect(run.steps[6]).toMatchObject({ state: 'pending', outcome: { key: 'common.outcomes.notYet' } });
    expect(run.status).toBe('needs-manual');
    expect(adminsWithLogin(world, 'drao-music')).toHaveLength(1);
    expect(count(world, 'POST /api/admin/v1')).toBe(1);
  }, 60_000);
});

describe('tcs-admin checklist run new-department', () => {
  it('makes the department and its DRAO, shows the temporary password once on stderr, waits for the first sign-in, then checks it all', async () => {
    const sandbox = await startSandbox({ certificates: 0 });
    try {
      const folder = await mkdtemp(join(tmpdir(), 'tcs-cli-new-department-'));
      const profiles = new ProfileService({ userDataDir: folder, credentials: new MemoryCredentialStore(), notices: new Notices() });
      await profiles.create({ name: 'University Tenant', host: sandbox.url, customerUri: sandbox.customerUri, login: 'rao', authKind: 'password' });
      const cli = async (args: string[]) => {
        const stdout = sink();
        const stderr = sink();
        const code = await main([...args, '--user-data', folder], { json: false, stdout, stderr }, { SCM_PASSWORD: sandbox.seededPassword('rao')! }, { credentials: new MemoryCredentialStore() });
        return { code, stdout: stdout.text(), stderr: stderr.text() };
      };
      const file = join(folder, 'inputs.json');
      await writeFile(file, JSON.stringify(inputs('Department of Geology', 'drao-geology')));

      const run = await cli(['checklist', 'run', 'new-department', '--input', file, '--yes', '--profile', 'University Tenant']);
      // It stops at the DRAO's first sign-in, a step done by hand.
      expect(run.code, run.stderr).toBe(10);
      expect(run.stderr).toContain('POST /api/organization/v1  (as rao)');
      expect(run.stderr).toMatch(/"password": "•+ \(a temporary password/);
      expect(run.stderr).toContain('Never put it in the same email as the login.');
      const temporary = /^ {2}Password: (\S+)$/m.exec(run.stderr)![1]!;
      expect(sandbox.checkPassword('drao-geology', temporary)).toBe(true);
      expect(run.stderr.split(temporary)).toHaveLength(2);
      expect(run.stdout).not.toContain(temporary);
      expect(run.stdout).toContain('Waiting for a step done by hand: Wait for the DRAO’s first sign-in');
      const runId = /\b(new-department-\d{8}-[0-9a-f]{8})\b/.exec(run.stdout)![1]!;

      // Not changed yet: still waiting.
      expect((await cli(['checklist', 'verify', runId, '--yes'])).code).toBe(10);
      const client = new ScmClient({ baseUrl: sandbox.url, auth: { kind: 'password', login: 'drao-geology', customerUri: sandbox.customerUri, password: async () => temporary }, sleep: async () => undefined });
      await new AdminsApi(client).changePassword('Geology-Own-Password-2026!');
      await client.close();
      const verify = await cli(['checklist', 'verify', runId, '--yes']);
      expect(verify.code, verify.stderr).toBe(0);
      expect(verify.stdout).toContain('Done (8 of 8 steps finished)');

      const departments = [...sandbox.store.organizations.values()].filter((org) => org.name === 'Department of Geology');
      expect(departments).toHaveLength(1);
      expect(departments[0]).toMatchObject({ parentId: 1001, sslCertsApiEnabled: true, clientCertsApiEnabled: false });
      const draos = [...sandbox.store.admins.values()].filter((admin) => admin.login === 'drao-geology');
      expect(draos).toHaveLength(1);
      expect(draos[0]).toMatchObject({ temporaryPassword: false, credentials: [{ role: 'DRAO_SSL', orgId: departments[0]!.id }] });
      expect(sandbox.store.domains.get(4001)!.delegations).toContainEqual(expect.objectContaining({ orgId: departments[0]!.id }));
      for (const text of await filesUnder(folder)) expect(text.includes(temporary)).toBe(false);
    } finally {
      await sandbox.stop();
    }
  }, 60_000);
});
