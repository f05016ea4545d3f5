import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, startConsoleServer, test, type ConsoleServer } from './fixtures';
import { addProfileAndSignIn, atStep, runStep, signIn, stepPanel, stepper } from './checklistSteps';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';

/**
 * The IdP checklist on the Checklists page, against a sandbox of its own, so
 * that the test can compare what the page says with what SCM now holds.
 */
test.describe.configure({ mode: 'serial' });

const domain = 'sandbox-university.example';
const title = 'Set up admin login through your IdP';

let sandbox: SandboxHandle;
let userDataDir: string;
let server: ConsoleServer;

test.beforeAll(async () => {
  sandbox = await startSandbox({ seed: 11, certificates: 5 });
  userDataDir = await mkdtemp(join(tmpdir(), 'tcs-e2e-checklist-idp-'));
  server = await startConsoleServer(userDataDir);
});

test.afterAll(async () => {
  await server?.stop();
  await sandbox?.stop();
  await rm(userDataDir, { recursive: true, force: true });
});

/** Every admin's IdP fields, and what else a checklist could change on it. */
function adminsNow() {
  return new Map(
    [...sandbox.store.admins.values()].map((admin) => [admin.id, { type: admin.type, login: admin.login, email: admin.email, credentials: JSON.stringify(admin.credentials), privileges: admin.privileges.join(','), activeStatus: admin.activeStatus, identityProviderId: admin.identityProviderId, idpPersonId: admin.idpPersonId }]),
  );
}

test('links the chosen admins to their ePPNs step by step, and SCM holds exactly that', async ({ page }) => {
  test.setTimeout(120_000);
  const address = await server.address();
  await addProfileAndSignIn(page, address, sandbox, 'IdP RAO', 'rao');
  const before = adminsNow();
  const drao = [...sandbox.store.admins.values()].find((admin) => admin.login === 'drao-physics')!;
  const ines = [...sandbox.store.admins.values()].find((admin) => admin.email === `ines.moreau@${domain}`)!;

  await page.goto(`${address}#/checklists`);
  await page.getByRole('link', { name: 'Start “Set up admin login through your IdP”' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Start: Set up admin login through your IdP' })).toBeVisible();
  const form = page.locator('form.checklist-form');
  // Proposed from SCM: the organization, its IdP, and the Academic code; the admins without an ePPN are named.
  await expect(form.getByLabel('Organization', { exact: true })).toHaveValue('1001');
  await expect(form.getByLabel('Identity provider', { exact: true })).toHaveValue('1');
  await expect(form.getByLabel('schacHomeOrganization your IdP releases')).toHaveValue(domain);
  await expect(page.getByText(/admin\(s\) of Sandbox University have no IdP Person Id: .*drao-physics/)).toBeVisible();

  const rows = form.locator('.record-row');
  const add = form.locator('button[id$="-add"]');
  await add.click();
  await add.click();
  await rows.nth(0).getByLabel('Login (or email)').fill('drao-physics');
  await rows.nth(0).getByLabel('ePPN').fill('drao.physics');
  await rows.nth(1).getByLabel('Login (or email)').fill(`ines.moreau@${domain}`);
  await rows.nth(1).getByLabel('ePPN').fill(`ines.moreau@${domain}`);
  // An ePPN without its scope is refused on its field.
  await form.getByRole('button', { name: 'Start the checklist' }).click();
  await expect(page.locator('.error-summary')).toContainText('ePPN: Enter an ePPN of the form user@scope');
  await rows.nth(0).getByLabel('ePPN').fill(`drao.physics@${domain}`);
  await form.getByRole('button', { name: 'Start the checklist' }).click();

  await atStep(page, 'Release the attributes to SCM (at your IdP)');
  await expect(stepPanel(page)).toContainText('The console cannot see or change your IdP');
  await expect(stepPanel(page)).toContainText('<PolicyRequirementRule xsi:type="Requester" value="https://cert-manager.com/shibboleth" />');
  await expect(stepPanel(page)).toContainText("schacHomeOrganization: ['^sandbox-university\\.example$']");
  await expect(stepPanel(page).getByRole('button', { name: 'Copy: Shibboleth IdP: attribute filter policy' })).toBeVisible();
  await expect(stepPanel(page).getByRole('button', { name: 'Copy: SATOSA: pySAML2 policy for the SAML2 frontend' })).toBeVisible();
  await runStep(page, 'Mark as read', 'Test the release on the SSO check page (in a browser)');
  await expect(stepPanel(page)).toContainText(`https://cert-manager.com/customer/${sandbox.customerUri}/ssocheck`);
  await runStep(page, 'Mark as read', 'Compare the Academic code with schacHomeOrganization');
  await runStep(page, 'Check now', 'List the admins without an IdP Person Id');
  await expect(stepper(page).getByRole('button', { name: /Compare the Academic code with schacHomeOrganization Verified/ })).toBeVisible();
  await runStep(page, 'Check now', 'Set each admin’s IdP Person Id');
  await expect(stepPanel(page).getByText('What the console will send')).toBeVisible();
  await expect(stepPanel(page)).toContainText(`/api/admin/v1/${drao.id}`);
  await expect(stepPanel(page)).toContainText(`/api/admin/v1/${ines.id}`);
  // Nothing is sent before the confirmation.
  expect(sandbox.store.admins.get(drao.id)!.idpPersonId).toBe('');
  await runStep(page, 'Run this step', 'Read the links back');
  await runStep(page, 'Check now', null);

  const after = adminsNow();
  expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
  for (const [id, state] of after) {
    if (id === drao.id || id === ines.id) {
      expect(state).toEqual({ ...before.get(id)!, identityProviderId: 1, idpPersonId: id === drao.id ? `drao.physics@${domain}` : `ines.moreau@${domain}` });
    } else {
      expect(state, `admin ${id}`).toEqual(before.get(id));
    }
  }
});

/** Starts the IdP checklist for these links of login (or email) to ePPN, with what SCM proposes for the rest. */
async function startIdp(page: Page, links: [string, string][]): Promise<void> {
  await page.goto(`${await server.address()}#/checklists`);
  await page.getByRole('link', { name: `Start “${title}”` }).click();
  const form = page.locator('form.checklist-form');
  await expect(form.getByLabel('Organization', { exact: true })).toHaveValue('1001');
  const rows = form.locator('.record-row');
  for (const [index, [login, eppn]] of links.entries()) {
    await form.locator('button[id$="-add"]').click();
    await rows.nth(index).getByLabel('Login (or email)').fill(login);
    await rows.nth(index).getByLabel('ePPN').fill(eppn);
  }
  await form.getByRole('button', { name: 'Start the checklist' }).click();
  await atStep(page, 'Release the attributes to SCM (at your IdP)');
  await runStep(page, 'Mark as read', 'Test the release on the SSO check page (in a browser)');
  await runStep(page, 'Mark as read', 'Compare the Academic code with schacHomeOrganization');
  await runStep(page, 'Check now', 'List the admins without an IdP Person Id');
  await runStep(page, 'Check now', 'Set each admin’s IdP Person Id');
}

function adminCalled(login: string) {
  return [...sandbox.store.admins.values()].find((admin) => admin.login === login)!;
}

/** The changes to admins the console made, from its audit log. */
async function adminPuts(): Promise<{ who: string; path: string; result: string }[]> {
  return (await readFile(join(userDataDir, 'audit.jsonl'), 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { who: string; method: string; path: string; result: string })
    .filter((entry) => entry.method === 'PUT' && entry.path.startsWith('/api/admin/v1/'));
}

test('a run interrupted by a restart goes on where it stopped', async ({ page }) => {
  test.setTimeout(150_000);
  const links: [string, string][] = [
    ['rao-expired', `rao.expired@${domain}`],
    ['drao-computing', `drao.computing@${domain}`],
  ];
  await signIn(page, await server.address(), 'IdP RAO', 'rao');
  const before = adminsNow();
  const putsBefore = (await adminPuts()).length;
  await startIdp(page, links);
  await runStep(page, 'Run this step', 'Read the links back');
  for (const [login, eppn] of links) expect(adminCalled(login).idpPersonId).toBe(eppn);
  const states = await stepper(page).getByRole('button').allTextContents();

  // The console stops as a closed window would, and starts again on the same data folder.
  await server.stop();
  server = await startConsoleServer(userDataDir);
  await signIn(page, await server.address(), 'IdP RAO', 'rao');
  await page.goto(`${await server.address()}#/checklists`);
  const row = page.getByRole('table', { name: 'Runs in progress' }).getByRole('row').filter({ has: page.getByRole('link', { name: title }) });
  await expect(row).toHaveCount(1, { timeout: 20_000 });
  await expect(row).toContainText('5 of 6');
  await row.getByRole('link', { name: title }).click();
  await atStep(page, 'Read the links back');
  await expect(stepper(page).getByRole('button')).toHaveText(states);
  await expect(stepper(page).getByRole('button', { name: /Set each admin’s IdP Person Id Done/ })).toBeVisible();
  await runStep(page, 'Check now', null);

  // Each admin linked once, by one change each; no other admin changed.
  expect((await adminPuts()).length).toBe(putsBefore + links.length);
  const after = adminsNow();
  for (const [login, eppn] of links) {
    expect([...after.values()].filter((state) => state.idpPersonId === eppn)).toHaveLength(1);
    expect(adminCalled(login)).toMatchObject({ identityProviderId: 1, idpPersonId: eppn });
  }
  for (const [id, state] of after) {
    if (links.some(([login]) => state.login === login)) continue;
    expect(state, `admin ${id}`).toEqual(before.get(id));
  }
});

test('an RAO who may not edit admins gets the link step to do by hand', async ({ page }) => {
  test.setTimeout(150_000);
  const eppn = `rao.locked@${domain}`;
  const rao = adminCalled('rao');
  const privileges = rao.privileges;
  rao.privileges = privileges.filter((privilege) => privilege !== 'allowEdit');
  try {
    await signIn(page, await server.address(), 'IdP RAO', 'rao');
    const putsBefore = (await adminPuts()).length;
    await startIdp(page, [['rao-locked', eppn]]);

    // The step is for someone else to do in SCM, and the page says who may.
    await expect(stepPanel(page).getByText('Done by hand')).toBeVisible();
    await expect(stepPanel(page)).toContainText('Your admin rao may not edit admins');
    await expect(stepPanel(page)).toContainText('An RAO of the organization who has it, or your MRAO, can set the IdP Person Ids');
    await expect(stepPanel(page).getByRole('button', { name: 'Run this step' })).toHaveCount(0);
    await stepPanel(page).getByRole('button', { name: 'Verify', exact: true }).click();
    await expect(stepPanel(page).locator('.step-outcome')).toContainText(/^Not done yet in SCM: /);
    await expect(stepPanel(page).locator('.step-outcome')).toContainText('not linked yet');
    await expect(stepper(page).locator('[aria-current="step"]')).toContainText('Set each admin’s IdP Person Id');

    // An RAO who may edit admins links it in SCM's web interface; Verify now finds it done.
    const locked = adminCalled('rao-locked');
    locked.identityProviderId = 1;
    locked.idpPersonId = eppn;
    await runStep(page, 'Verify', 'Read the links back');
    await runStep(page, 'Check now', null);
    expect((await adminPuts()).length).toBe(putsBefore);
  } finally {
    rao.privileges = privileges;
  }
});
