import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { MemoryCredentialStore } from '../../src/main/credentials';
import { AdminsApi } from '../../src/main/scm/admins';
import { Notices } from '../../src/main/services/notices';
import { ProfileService } from '../../src/main/services/profiles';
import { startSandbox } from '../../src/sandbox';
import { sink } from './scmHelpers';
import type { ChecklistRun, StepState } from '../../src/shared/checklists';
import { actionFor, signedInWorlds, refusalOf, restoreFile, type ChecklistWorld } from '../support/checklists';

/**
 * The IdP checklist against a sandbox tenant: Sandbox University's RAO links a
 * DRAO and an IdP admin without a login (named by her email) to their ePPNs.
 */
const domain = 'sandbox-university.example';
const links = [
  { login: 'drao-physics', eppn: `drao.physics@${domain}` },
  { login: `ines.moreau@${domain}`, eppn: `ines.moreau@${domain}` },
];
const inputs = (admins: { login: string; eppn: string }[] = links) => ({ orgId: 1001, identityProviderId: 1, schacHomeOrganization: domain, admins });

const expected: Record<string, StepState> = {
  'release-attributes': 'done',
  'sso-check': 'done',
  'academic-code': 'verified',
  'find-unlinked': 'verified',
  'link-admins': 'done',
  'read-back': 'verified',
};

const signedIn = signedInWorlds();

/** What an admin is in SCM, less what signing in changes. */
function adminState(world: ChecklistWorld) {
  return new Map(
    [...world.tenant.store.admins.values()].map((admin) => [
      admin.id,
      JSON.stringify({ type: admin.type, login: admin.login, email: admin.email, forename: admin.forename, surname: admin.surname, credentials: admin.credentials, privileges: admin.privileges, activeStatus: admin.activeStatus, identityProviderId: admin.identityProviderId, idpPersonId: admin.idpPersonId }),
    ]),
  );
}

function adminByLogin(world: ChecklistWorld, login: string) {
  return [...world.tenant.store.admins.values()].find((admin) => admin.login === login)!;
}

function ines(world: ChecklistWorld) {
  return [...world.tenant.store.admins.values()].find((admin) => admin.email === `ines.moreau@${domain}`)!;
}

/** Only the admins named were changed, and only their IdP fields. */
function expectOnlyLinked(world: ChecklistWorld, before: Map<number, string>): void {
  const changed = new Set([adminByLogin(world, 'drao-physics').id, ines(world).id]);
  const after = adminState(world);
  expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
  for (const [id, state] of after) {
    if (!changed.has(id)) expect(state, `admin ${id}`).toBe(before.get(id));
    else expect({ ...JSON.parse(state), identityProviderId: null, idpPersonId: '' }).toEqual({ ...JSON.parse(before.get(id)!), identityProviderId: null, idpPersonId: '' });
  }
  expect(adminByLogin(world, 'drao-physics')).toMatchObject({ identityProviderId: 1, idpPersonId: `drao.physics@${domain}` });
  expect(ines(world)).toMatchObject({ identityProviderId: 1, idpPersonId: `ines.moreau@${domain}` });
}

function puts(world: ChecklistWorld): string[] {
  return world.proxy.seen.filter((seen) => seen.startsWith('PUT '));
}

describe('the IdP checklist', () => {
  it('offers the organizations and the identity providers, proposes the Academic code, and names the admins without an ePPN', async () => {
    const { app } = await signedIn();
    const prepared = await app.checklists.prepare('idp');
    expect(prepared.blockers).toEqual([]);
    expect(prepared.choices.orgId!.map((choice) => choice.value)).toEqual([1001]);
    expect(prepared.choices.identityProviderId).toEqual([{ value: 1, label: 'Sandbox University IdP' }]);
    expect(prepared.defaults).toMatchObject({ orgId: 1001, identityProviderId: 1, schacHomeOrganization: domain, admins: [] });
    const note = prepared.notes.find((candidate) => candidate.key === 'idp.outcomes.unlinkedNote')!;
    expect(note.text).toContain('drao-physics');
    expect(note.text).toContain(`ines.moreau@${domain}`);
    // API admins are never linked, and admins linked already are not named.
    expect(note.text).not.toContain('api-automation');
    expect(note.text).not.toContain('idp-only');
  });

  it('goes through every step to the chosen admins linked, resuming after a restart before each step, and changes nothing else', async () => {
    const { world, profileId } = await signedIn();
    const before = adminState(world);
    let app = world.start();
    app.signIn(profileId);
    let run = await app.checklists.start('idp', inputs());
    expect(run.target).toEqual({ kind: 'organization', id: 1001, name: 'Sandbox University' });
    for (const id of Object.keys(expected)) {
      // The app as it starts again: new services on the same folder.
      app = world.start();
      app.signIn(profileId);
      expect(await app.checklists.get(run.id)).toEqual(run);
      const plan = await app.checklists.plan(run.id);
      expect(plan.stepId).toBe(id);
      if (id === 'release-attributes') {
        const copied = plan.copy.map((entry) => entry.value);
        expect(copied[0]).toBe('https://cert-manager.com/shibboleth');
        expect(copied[1]).toContain('<PolicyRequirementRule xsi:type="Requester" value="https://cert-manager.com/shibboleth" />');
        expect(copied[1]).toContain(`<PermitValueRule xsi:type="Value" value="${domain}" />`);
        expect(copied[2]).toContain("schacHomeOrganization: ['^sandbox-university\\.example$']");
      }
      if (id === 'sso-check') {
        expect(plan.copy).toEqual([expect.objectContaining({ value: `https://cert-manager.com/customer/${world.tenant.customerUri}/ssocheck` })]);
        // A sandbox has no IdP login: the address is a real tenant's, and the label says so.
        expect(plan.copy[0]!.label.key).toBe('idp.copy.ssoCheckSandbox');
      }
      if (id === 'link-admins') {
        expect(plan.kind).toBe('action');
        expect(plan.requests).toEqual([
          { as: 'rao', method: 'PUT', path: `/api/admin/v1/${adminByLogin(world, 'drao-physics').id}`, body: { identityProviderId: 1, idpPersonId: `drao.physics@${domain}` } },
          { as: 'rao', method: 'PUT', path: `/api/admin/v1/${ines(world).id}`, body: { identityProviderId: 1, idpPersonId: `ines.moreau@${domain}` } },
        ]);
      }
      run = await app.checklists.advance(run.id, id, actionFor(plan.kind));
      const step = run.steps.find((candidate) => candidate.id === id)!;
      expect(step.state, `${id}: ${step.outcome?.text ?? ''}`).toBe(expected[id]);
      if (id === 'find-unlinked') {
        const lines = step.details.map((detail) => detail.text);
        expect(lines).toContain(`drao-physics (STANDARD): no IdP Person Id; will be linked to drao.physics@${domain}.`);
        expect(lines).toContain(`ines.moreau@${domain} (IDP): no IdP Person Id; will be linked to ines.moreau@${domain}.`);
        expect(lines).toContain('api-automation: an API admin, not linked to the IdP.');
      }
    }
    expect(run.status).toBe('done');
    expect(puts(world)).toHaveLength(2);
    expectOnlyLinked(world, before);
    // Each write is in the record and in the audit log.
    expect(run.steps.find((step) => step.id === 'link-admins')!.sent).toHaveLength(2);
    const audit = await readFile(`${world.folder}/audit.jsonl`, 'utf8');
    expect(audit.split('\n').filter((line) => line.includes('PUT') && line.includes('/api/admin/v1/'))).toHaveLength(2);

    // Verify all finds it holding; an admin unlinked in SCM since is reported.
    run = await app.checklists.verifyAll(run.id);
    expect(run.lastCheck!.results.every((result) => result.holds)).toBe(true);
    await new AdminsApi(world.as('mrao')).update(adminByLogin(world, 'drao-physics').id, { identityProviderId: null } as never);
    run = await app.checklists.verifyAll(run.id);
    expect(run.lastCheck!.results.find((result) => result.stepId === 'link-admins')).toMatchObject({ holds: false });
  });

  it('settles a link step cut short by a kill against SCM, sending nothing twice', async () => {
    const { world, app, profileId } = await signedIn();
    let run = await app.checklists.start('idp', inputs());
    for (const id of ['release-attributes', 'sso-check', 'academic-code', 'find-unlinked']) run = await app.checklists.advance(run.id, id, actionFor((await app.checklists.plan(run.id)).kind));
    let snapshot: string | undefined;
    world.proxy.rules.push({ method: 'PUT', path: /^\/api\/admin\/v1\/\d+$/, times: 1, fate: 'answer', before: async () => void (snapshot ??= await readFile(world.runFilePath(profileId), 'utf8')) });
    await app.checklists.advance(run.id, 'link-admins', 'run');
    expect(puts(world)).toHaveLength(2);
    // The file as a kill during the first write leaves it: the step running.
    await restoreFile(world.runFilePath(profileId), snapshot!);
    const restarted = world.start();
    restarted.signIn(profileId);
    run = await restarted.checklists.get(run.id);
    expect(run.steps[4]).toMatchObject({ id: 'link-admins', state: 'pending', interrupted: true });
    run = await restarted.checklists.advance(run.id, 'link-admins', 'run');
    expect(run.steps[4]).toMatchObject({ state: 'verified', interrupted: false });
    expect(run.steps[4]!.outcome!.key).toBe('common.outcomes.foundDone');
    run = await restarted.checklists.advance(run.id, 'read-back', 'run');
    expect(run.status).toBe('done');
    expect(puts(world)).toHaveLength(2);
  });

  it('turns the link step into one done by hand where the RAO may not edit admins, naming who can, and verifies it once done', async () => {
    const { world, app } = await signedIn();
    const rao = adminByLogin(world, 'rao');
    rao.privileges = rao.privileges.filter((privilege) => privilege !== 'allowEdit');
    const before = adminState(world);
    let run = await app.checklists.start('idp', inputs());
    for (const id of ['release-attributes', 'sso-check', 'academic-code', 'find-unlinked']) run = await app.checklists.advance(run.id, id, actionFor((await app.checklists.plan(run.id)).kind));
    const plan = await app.checklists.plan(run.id);
    expect(plan).toMatchObject({ stepId: 'link-admins', kind: 'manual', requests: [], canVerify: true });
    expect(plan.blockers.map((blocker) => blocker.text)).toEqual([
      'Your admin rao may not edit admins: it lacks the privilege to edit peer admins (allowEdit). An RAO of the organization who has it, or your MRAO, can set the IdP Person Ids, or give you the privilege. Press Verify once they are set.',
    ]);
    expect(plan.copy.map((entry) => [entry.label.text, entry.value])).toEqual([
      ['IdP Person Id of drao-physics', `drao.physics@${domain}`],
      [`IdP Person Id of ines.moreau@${domain}`, `ines.moreau@${domain}`],
    ]);
    expect((await refusalOf(app.checklists.advance(run.id, 'link-admins', 'run'))).message).toContain('web interface');
    run = await app.checklists.advance(run.id, 'link-admins', 'verify');
    expect(run.steps[4]).toMatchObject({ state: 'pending', kind: 'manual' });
    expect(run.status).toBe('needs-manual');
    expect(run.steps[4]!.outcome!.text).toContain('2 admin(s) are not linked yet');
    expect(puts(world)).toHaveLength(0);

    // The MRAO links them in SCM; Verify now finds it done.
    const mrao = new AdminsApi(world.as('mrao'));
    for (const link of links) {
      const id = link.login === 'drao-physics' ? adminByLogin(world, 'drao-physics').id : ines(world).id;
      await mrao.update(id, { identityProviderId: 1, idpPersonId: link.eppn });
    }
    run = await app.checklists.advance(run.id, 'link-admins', 'verify');
    expect(run.steps[4]).toMatchObject({ state: 'verified', kind: 'manual' });
    run = await app.checklists.advance(run.id, 'read-back', 'run');
    expect(run.status).toBe('done');
    expect(puts(world)).toHaveLength(0);
    expectOnlyLinked(world, before);
  });

  it('stops on an Academic code that differs from the IdP’s, saying who fixes which, and may be skipped', async () => {
    const { app } = await signedIn();
    let run: ChecklistRun = await app.checklists.start('idp', { ...inputs([]), schacHomeOrganization: 'other.example' });
    for (const id of ['release-attributes', 'sso-check']) run = await app.checklists.advance(run.id, id, 'acknowledge');
    run = await app.checklists.advance(run.id, 'academic-code', 'run');
    expect(run.steps[2]).toMatchObject({ state: 'failed' });
    expect(run.steps[2]!.outcome!.text).toBe(
      `The Academic code of Sandbox University is ${domain}, but the IdP releases schacHomeOrganization other.example. If the IdP’s value is right, ask your MRAO to change the Academic code; if SCM’s is right, your IdP’s operator changes schacHomeOrganization (and the release in step 1). Check again once one of them is changed.`,
    );
    expect(run.steps[2]!.error!.anchor).toBe('procedure-idp#step-client-portal');
    run = await app.checklists.advance(run.id, 'academic-code', 'skip');
    run = await app.checklists.advance(run.id, 'find-unlinked', 'run');
    // Nothing to link: the link steps do not apply.
    run = await app.checklists.advance(run.id, 'link-admins', 'run');
    run = await app.checklists.advance(run.id, 'read-back', 'run');
    expect(run.steps.map((step) => step.state)).toEqual(['done', 'done', 'skipped', 'verified', 'skipped', 'skipped']);
    expect(run.status).toBe('done');
  });

  it('refuses inputs SCM cannot take, each on its field, and starts nothing', async () => {
    const { app } = await signedIn();
    const malformed = await refusalOf(app.checklists.start('idp', { ...inputs([{ login: 'rao', eppn: 'no-scope' }]), schacHomeOrganization: 'not a domain' }));
    expect(malformed.fields!.map((field) => field.field).sort()).toEqual(['admins.0.eppn', 'schacHomeOrganization']);
    const refused = await refusalOf(
      app.checklists.start('idp', {
        ...inputs([
          { login: 'nobody-here', eppn: `nobody@${domain}` },
          { login: 'api-automation', eppn: `api@${domain}` },
          { login: 'drao-computing', eppn: `idp-only@${domain}` },
          { login: 'rao-institute', eppn: `institute@${domain}` },
        ]),
        identityProviderId: 7,
      }),
    );
    expect(Object.fromEntries(refused.fields!.map((field) => [field.field, field.key]))).toEqual({
      identityProviderId: 'checklists.idp.problems.noSuchProvider',
      'admins.0.login': 'checklists.idp.problems.noSuchAdmin',
      'admins.1.login': 'checklists.idp.problems.apiAdmin',
      'admins.2.eppn': 'checklists.idp.problems.eppnTaken',
      // An admin of the other organization is not among those the RAO can see.
      'admins.3.login': 'checklists.idp.problems.noSuchAdmin',
    });
    expect(await app.checklists.runs()).toEqual([]);
  });
});

describe('tcs-admin checklist run idp', () => {
  it('links the admins in the input file with --yes against a fresh sandbox, showing each request, and finishes', async () => {
    const sandbox = await startSandbox({ certificates: 0 });
    try {
      const folder = await mkdtemp(join(tmpdir(), 'tcs-cli-idp-'));
      const profiles = new ProfileService({ userDataDir: folder, credentials: new MemoryCredentialStore(), notices: new Notices() });
      await profiles.create({ name: 'University Tenant', host: sandbox.url, customerUri: sandbox.customerUri, login: 'rao', authKind: 'password' });
      const input = join(folder, 'idp.json');
      await writeFile(input, JSON.stringify(inputs()));
      const admins = () => [...sandbox.store.admins.values()];
      const untouched = admins().filter((admin) => admin.login !== 'drao-physics' && admin.email !== `ines.moreau@${domain}`).map((admin) => JSON.stringify([admin.id, admin.identityProviderId, admin.idpPersonId]));
      const stdout = sink();
      const stderr = sink();
      const password = sandbox.logins.find((candidate) => candidate.login === 'rao')!.password;
      const code = await main(['checklist', 'run', 'idp', '--input', input, '--yes', '--profile', 'University Tenant', '--user-data', folder], { json: false, stdout, stderr }, { SCM_PASSWORD: password }, { credentials: new MemoryCredentialStore() });
      expect(code, stderr.text()).toBe(0);
      const drao = admins().find((admin) => admin.login === 'drao-physics')!;
      const invited = admins().find((admin) => admin.email === `ines.moreau@${domain}`)!;
      expect(stderr.text()).toContain(`PUT /api/admin/v1/${drao.id}  (as rao)`);
      expect(stderr.text()).toContain(`PUT /api/admin/v1/${invited.id}  (as rao)`);
      expect(stderr.text()).toMatch(/^\[5\/6\] Set each admin’s IdP Person Id: Done\. Linked 2 admin\(s\) to Sandbox University IdP; 0 were linked already\.$/m);
      expect(stdout.text()).toMatch(/Run idp-\S+: Done \(6 of 6 steps finished\)\./);
      expect(drao).toMatchObject({ identityProviderId: 1, idpPersonId: `drao.physics@${domain}` });
      expect(invited).toMatchObject({ identityProviderId: 1, idpPersonId: `ines.moreau@${domain}` });
      expect(admins().filter((admin) => admin.login !== 'drao-physics' && admin.email !== `ines.moreau@${domain}`).map((admin) => JSON.stringify([admin.id, admin.identityProviderId, admin.idpPersonId]))).toEqual(untouched);
    } finally {
      await sandbox.stop();
    }
  });
});
