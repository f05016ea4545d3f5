import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, startConsoleServer, test, type ConsoleServer } from './fixtures';
import { addProfileAndSignIn, atStep, runStep, signIn, stepPanel, stepper } from './checklistSteps';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';

/**
 * The checklist “Create a new department and its DRAO” in the browser, against
 * a sandbox of its own, so that what the page says can be compared with what
 * SCM holds.
 */
test.describe.configure({ mode: 'serial' });

let sandbox: SandboxHandle;
let userDataDir: string;
let server: ConsoleServer;

test.beforeAll(async () => {
  sandbox = await startSandbox({ seed: 11, certificates: 5 });
  userDataDir = await mkdtemp(join(tmpdir(), 'tcs-e2e-new-department-'));
  server = await startConsoleServer(userDataDir);
});

test.afterAll(async () => {
  await server?.stop();
  await sandbox?.stop();
  await rm(userDataDir, { recursive: true, force: true });
});

test('creates a department and its DRAO, shows the temporary password once, and SCM holds each once', async ({ page }) => {
  test.setTimeout(120_000);
  const address = await server.address();
  await addProfileAndSignIn(page, address, sandbox, 'Department RAO', 'rao');
  const organizationsBefore = sandbox.store.organizations.size;
  const adminsBefore = sandbox.store.admins.size;

  await page.goto(`${address}#/checklists`);
  await page.getByRole('link', { name: 'Start “Create a new department and its DRAO”' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Start: Create a new department and its DRAO' })).toBeVisible();
  const form = page.locator('form.checklist-form');
  await expect(form.getByLabel('Organization', { exact: true })).toHaveValue('1001');
  await expect(form.getByLabel('Country')).toHaveValue('SE');
  await expect(form.getByRole('checkbox', { name: 'DRAO_SSL' })).toBeChecked();
  await expect(form.getByRole('checkbox', { name: 'sslRequest' })).toBeChecked();

  // A name the organization has already is refused on its field, and nothing is made.
  await form.getByLabel('Name of the department').fill('Department of Physics');
  await form.getByLabel('Street address').fill('Linnégatan 2');
  await form.getByLabel('City').fill('Sandbyn');
  await form.getByLabel('Domain to delegate').selectOption('sandbox-university.example');
  await form.getByLabel('Login of the DRAO').fill('drao-biology');
  await form.getByLabel('DRAO’s first name').fill('Maja');
  await form.getByLabel('DRAO’s last name').fill('Ek');
  await form.getByLabel('DRAO’s email').fill('maja.ek@sandbox-university.example');
  await form.getByRole('button', { name: 'Start the checklist' }).click();
  await expect(page.locator('.error-summary')).toContainText('has a department called “Department of Physics” already');
  expect(sandbox.store.organizations.size).toBe(organizationsBefore);

  await form.getByLabel('Name of the department').fill('Department of Biology');
  await form.getByRole('button', { name: 'Start the checklist' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Create a new department and its DRAO' })).toBeVisible();
  await atStep(page, 'Check that you may do it');
  await runStep(page, 'Check now', 'Create the department');
  await expect(stepPanel(page).locator('.request-body')).toContainText('"parentOrgName": "Sandbox University"');
  await expect(stepPanel(page).locator('.request-body')).toContainText('"sslCertsApiEnabled": true');
  await runStep(page, 'Run this step', 'Turn the REST API on');
  // The switch went with the create: nothing to change.
  await expect(stepPanel(page)).toContainText('was set on Department of Biology (Sandbox University) when it was created');
  await runStep(page, 'Go on', 'Delegate the domain to the department');
  await runStep(page, 'Run this step', 'Create the DRAO');
  await expect(stepPanel(page).locator('.request-body')).toContainText('"role": "DRAO_SSL"');
  await expect(stepPanel(page).locator('.request-body')).toContainText('"password": "•••••••• (a temporary password the console makes; shown to you once, to pass on)"');
  await runStep(page, 'Run this step', 'Pass the temporary password on');

  // Shown once, with the advice on how to pass it on; then it cannot be shown again.
  await expect(stepPanel(page).getByRole('button', { name: 'Mark as read' })).toBeVisible();
  await stepPanel(page).getByRole('button', { name: 'Show the temporary password once' }).click();
  await page.getByRole('dialog', { name: 'Show the temporary password of drao-biology?' }).getByRole('button', { name: 'Show it' }).click();
  const shown = stepPanel(page).getByTestId('revealed-password');
  await expect(shown).toBeVisible();
  await expect(stepPanel(page)).toContainText('Never put it in the same email as the login.');
  const temporary = (await shown.textContent())!.trim();
  expect(sandbox.checkPassword('drao-biology', temporary)).toBe(true);
  await stepPanel(page).getByRole('button', { name: 'I have it' }).click();
  await expect(stepPanel(page).getByText(/^The password was shown on /)).toBeVisible();
  await expect(stepPanel(page).getByRole('button', { name: 'Show the temporary password once' })).toHaveCount(0);
  await expect(page.getByTestId('revealed-password')).toHaveCount(0);
  await runStep(page, 'Mark as read', 'Wait for the DRAO’s first sign-in');

  // Not yet: the DRAO has not signed in.
  await stepPanel(page).getByRole('button', { name: 'Verify', exact: true }).click();
  await expect(stepPanel(page).locator('.step-outcome')).toContainText('has not changed the temporary password yet');
  // The DRAO signs in with the temporary password and sets their own.
  const reply = await fetch(`${sandbox.url}/api/admin/v1/changepassword`, {
    method: 'POST',
    headers: { login: 'drao-biology', password: temporary, customerUri: sandbox.customerUri, 'content-type': 'application/json' },
    body: JSON.stringify({ newPassword: 'Biology-Own-Password-2026!' }),
  });
  expect(reply.status).toBe(204);
  await runStep(page, 'Verify', 'Check the department and its DRAO');
  await runStep(page, 'Check now', null);

  // In SCM: the department once under the organization with its switch, the domain delegated to it, the DRAO once with DRAO roles on it.
  const departments = [...sandbox.store.organizations.values()].filter((org) => org.name === 'Department of Biology');
  expect(departments).toHaveLength(1);
  expect(departments[0]).toMatchObject({ parentId: 1001, sslCertsApiEnabled: true, clientCertsApiEnabled: false, address1: 'Linnégatan 2', city: 'Sandbyn', country: 'SE' });
  expect(sandbox.store.organizations.size).toBe(organizationsBefore + 1);
  expect(sandbox.store.domains.get(4001)!.delegations).toContainEqual(expect.objectContaining({ orgId: departments[0]!.id, certTypes: ['SSL'] }));
  const draos = [...sandbox.store.admins.values()].filter((admin) => admin.login === 'drao-biology');
  expect(draos).toHaveLength(1);
  expect(draos[0]).toMatchObject({ type: 'STANDARD', temporaryPassword: false, credentials: [{ role: 'DRAO_SSL', orgId: departments[0]!.id }] });
  expect([...draos[0]!.privileges].sort()).toEqual(['sslRenew', 'sslRequest', 'sslRevoke']);
  expect(sandbox.store.admins.size).toBe(adminsBefore + 1);

  // The temporary password is in no file of the console.
  const entries = await readdir(userDataDir, { recursive: true, withFileTypes: true });
  for (const entry of entries.filter((candidate) => candidate.isFile())) {
    const text = await readFile(join(entry.parentPath, entry.name), 'utf8').catch(() => '');
    expect(text.includes(temporary), entry.name).toBe(false);
  }
});

test('a run interrupted by a restart goes on where it stopped', async ({ page }) => {
  test.setTimeout(150_000);
  const title = 'Create a new department and its DRAO';
  const address = await server.address();
  await addProfileAndSignIn(page, address, sandbox, 'Department RAO, again', 'rao');
  const organizationsBefore = sandbox.store.organizations.size;
  const adminsBefore = sandbox.store.admins.size;

  await page.goto(`${address}#/checklists`);
  await page.getByRole('link', { name: `Start “${title}”` }).click();
  const form = page.locator('form.checklist-form');
  await form.getByLabel('Name of the department').fill('Department of Chemistry');
  await form.getByLabel('Street address').fill('Linnégatan 4');
  await form.getByLabel('City').fill('Sandbyn');
  await form.getByLabel('Domain to delegate').selectOption('sandbox-university.example');
  await form.getByLabel('Login of the DRAO').fill('drao-chemistry');
  await form.getByLabel('DRAO’s first name').fill('Nils');
  await form.getByLabel('DRAO’s last name').fill('Ask');
  await form.getByLabel('DRAO’s email').fill('nils.ask@sandbox-university.example');
  await form.getByRole('button', { name: 'Start the checklist' }).click();
  await atStep(page, 'Check that you may do it');
  await runStep(page, 'Check now', 'Create the department');
  await runStep(page, 'Run this step', 'Turn the REST API on');
  await runStep(page, 'Go on', 'Delegate the domain to the department');
  await runStep(page, 'Run this step', 'Create the DRAO');
  const departments = () => [...sandbox.store.organizations.values()].filter((org) => org.name === 'Department of Chemistry');
  expect(departments()).toHaveLength(1);
  const states = await stepper(page).getByRole('button').allTextContents();

  // The console stops as a closed window would, and starts again on the same data folder.
  await server.stop();
  server = await startConsoleServer(userDataDir);
  await signIn(page, await server.address(), 'Department RAO, again', 'rao');
  await page.goto(`${await server.address()}#/checklists`);
  const row = page.getByRole('table', { name: 'Runs in progress' }).getByRole('row').filter({ has: page.getByRole('link', { name: title }) });
  await expect(row).toHaveCount(1, { timeout: 20_000 });
  await expect(row).toContainText('4 of 8');
  await row.getByRole('link', { name: title }).click();
  await atStep(page, 'Create the DRAO');
  await expect(stepper(page).getByRole('button')).toHaveText(states);
  await expect(stepper(page).getByRole('button', { name: /Create the department Done/ })).toBeVisible();
  await expect(stepper(page).getByRole('button', { name: /Delegate the domain to the department Done/ })).toBeVisible();

  await runStep(page, 'Run this step', 'Pass the temporary password on');
  await stepPanel(page).getByRole('button', { name: 'Show the temporary password once' }).click();
  await page.getByRole('dialog', { name: 'Show the temporary password of drao-chemistry?' }).getByRole('button', { name: 'Show it' }).click();
  const shown = stepPanel(page).getByTestId('revealed-password');
  await expect(shown).toBeVisible();
  const temporary = (await shown.textContent())!.trim();
  await stepPanel(page).getByRole('button', { name: 'I have it' }).click();
  await runStep(page, 'Mark as read', 'Wait for the DRAO’s first sign-in');
  const reply = await fetch(`${sandbox.url}/api/admin/v1/changepassword`, {
    method: 'POST',
    headers: { login: 'drao-chemistry', password: temporary, customerUri: sandbox.customerUri, 'content-type': 'application/json' },
    body: JSON.stringify({ newPassword: 'Chemistry-Own-Password-2026!' }),
  });
  expect(reply.status).toBe(204);
  await runStep(page, 'Verify', 'Check the department and its DRAO');
  await runStep(page, 'Check now', null);

  // SCM holds the department once, the domain delegated to it once, and the DRAO once.
  expect(departments()).toHaveLength(1);
  expect(sandbox.store.organizations.size).toBe(organizationsBefore + 1);
  expect(sandbox.store.domains.get(4001)!.delegations.filter((delegation) => delegation.orgId === departments()[0]!.id)).toHaveLength(1);
  const draos = [...sandbox.store.admins.values()].filter((admin) => admin.login === 'drao-chemistry');
  expect(draos).toHaveLength(1);
  expect(draos[0]).toMatchObject({ temporaryPassword: false, credentials: [{ role: 'DRAO_SSL', orgId: departments()[0]!.id }] });
  expect(sandbox.store.admins.size).toBe(adminsBefore + 1);
});
