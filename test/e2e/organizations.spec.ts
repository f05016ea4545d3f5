import type { Page } from '@playwright/test';
import { expect, ownConsole, test } from './fixtures';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';
import { addProfile, seriousViolations, signIn } from './sandboxProfiles';

/**
 * The Organizations page against a sandbox of its own: the tree with what
 * hangs on each unit, compared with the sandbox's records; a department
 * created, edited and deleted as the RAO, with the sandbox's state checked;
 * a delete refused with what depends on the unit; and a DRAO who sees only
 * its department, with what it may not do disabled and explained.
 */
test.describe.configure({ mode: 'serial' });

let sandbox: SandboxHandle;
const own = ownConsole('tcs-e2e-organizations-');

test.beforeAll(async () => {
  sandbox = await startSandbox({ certificates: 30 });
});

test.afterAll(async () => {
  await sandbox?.stop();
});

const table = (page: Page) => page.locator('table.units-table');
const details = (page: Page) => page.locator('aside.details-panel');

async function openPage(page: Page, address: string): Promise<void> {
  await page.goto(`${address}#/organizations`);
  await expect(page.getByRole('heading', { level: 1, name: 'Organizations' })).toBeVisible();
  await expect(page.getByText(/^Read on /)).toBeVisible({ timeout: 30_000 });
}

async function openUnit(page: Page, name: string): Promise<void> {
  await table(page).getByRole('button', { name: new RegExp(`^${name}`) }).click();
  await expect(details(page).getByRole('heading', { level: 2, name })).toBeFocused();
}

test('shows the RAO’s organization and departments with their switches, domains and admins, as SCM has them', async ({ page }) => {
  const address = await own.server().address();
  await addProfile(page, address, sandbox, 'Units sandbox');
  await signIn(page, address, 'Units sandbox');
  await openPage(page, address);
  const expected = [...sandbox.store.organizations.values()].filter((org) => org.id === 1001 || org.parentId === 1001);
  await expect(table(page).locator('tbody tr')).toHaveCount(expected.length);
  const library = expected.find((org) => org.parentId !== null && !org.sslCertsApiEnabled)!;
  const row = table(page).locator('tbody tr', { has: page.getByRole('button', { name: new RegExp(`^${library.name}`) }) });
  await expect(row.locator('td').first()).toHaveText('Off');
  await openUnit(page, 'Department of Physics');
  const physicsDomains = [...sandbox.store.domains.values()].filter((domain) => domain.delegations.some((delegation) => delegation.orgId === 1002)).map((domain) => domain.name).sort();
  if (physicsDomains.length > 0) await expect(details(page).getByText(physicsDomains.join(', '))).toBeVisible();
  await expect(details(page).getByRole('link', { name: 'drao-physics' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test('creates a department after a review, edits it, and deletes it once its name is typed', async ({ page }) => {
  const address = await own.server().address();
  await openPage(page, address);
  await openUnit(page, 'Sandbox University');
  await details(page).getByRole('button', { name: 'New department' }).click();
  const dialog = page.getByRole('dialog', { name: 'New department of Sandbox University' });
  await dialog.getByRole('button', { name: 'Review' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Name: This cannot be empty.');
  await dialog.getByLabel('Name', { exact: true }).fill('Department of Chemistry');
  await dialog.getByLabel('Contact addresses').fill('pki@chem.example.org\nnot-an-address');
  await dialog.getByRole('checkbox', { name: 'Allow REST API operations for SSL certificates' }).check();
  await dialog.getByRole('button', { name: 'Review' }).click();
  await dialog.getByRole('button', { name: 'Create the department' }).click();
  // SCM's needs are checked in main, and land on their field.
  await expect(dialog.getByRole('alert')).toContainText('Contact addresses: Enter each contact address as name@example.org, one per line.');
  await dialog.getByLabel('Contact addresses').fill('pki@chem.example.org');
  await dialog.getByRole('button', { name: 'Review' }).click();
  await expect(dialog.getByText('This is what will be sent to SCM. Nothing has been sent yet.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Create the department' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Created the department Department of Chemistry.' })).toBeVisible();
  const chemistry = [...sandbox.store.organizations.values()].find((org) => org.name === 'Department of Chemistry')!;
  expect(chemistry.parentId).toBe(1001);
  expect(chemistry.sslCertsApiEnabled).toBe(true);
  expect(chemistry.contactEmails).toBe('pki@chem.example.org');
  expect(chemistry.address1).toBe(sandbox.store.organization(1001)!.address1);

  await expect(details(page).getByRole('heading', { level: 2, name: 'Department of Chemistry' })).toBeVisible();
  await details(page).getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit Department of Chemistry' });
  await edit.getByLabel('Name', { exact: true }).fill('Department of Chemistry and Biology');
  await edit.getByRole('button', { name: 'Review' }).click();
  await expect(edit.locator('dt')).toHaveText(['Name']);
  await edit.getByRole('button', { name: 'Save the changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved the changes to Department of Chemistry and Biology.' })).toBeVisible();
  expect(sandbox.store.organization(chemistry.id)!.name).toBe('Department of Chemistry and Biology');

  await details(page).getByRole('button', { name: 'Delete' }).click();
  const ask = page.getByRole('dialog', { name: 'Delete Department of Chemistry and Biology?' });
  await ask.getByLabel('Type “Department of Chemistry and Biology” to confirm').fill('Department of Chemistry and Biology');
  await ask.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Deleted Department of Chemistry and Biology.' })).toBeVisible();
  expect(sandbox.store.organization(chemistry.id)).toBeUndefined();
});

test('refuses to delete a department that still has certificates, naming them, and sends nothing', async ({ page }) => {
  const address = await own.server().address();
  await openPage(page, address);
  await openUnit(page, 'Department of Physics');
  const certificates = [...sandbox.store.ssl.values()].filter((certificate) => certificate.orgId === 1002).length;
  await details(page).getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete Department of Physics?' });
  await expect(dialog.getByRole('alert')).toContainText(`Department of Physics cannot be deleted while it has: ${certificates} SSL certificate`);
  await expect(dialog.getByRole('textbox')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Close' }).first().click();
  expect(sandbox.store.organization(1002)).toBeDefined();
});

test('shows a DRAO its department only, with what it may not do disabled and explained', async ({ page }) => {
  const address = await own.server().address();
  await addProfile(page, address, sandbox, 'Physics units', 'drao-physics');
  await signIn(page, address, 'Physics units', 'drao-physics');
  await openPage(page, address);
  await expect(table(page).getByRole('button', { name: /^Department of Physics/ })).toBeVisible();
  await expect(table(page).getByRole('button', { name: /^Department of Computer Science/ })).toHaveCount(0);
  await openUnit(page, 'Department of Physics');
  await expect(details(page).getByRole('button', { name: 'Delete' })).toHaveAccessibleDescription('Only an RAO of the department’s organization (or an MRAO) deletes it; SCM refuses with -226.');
  await expect(details(page).getByRole('button', { name: 'Edit' })).toHaveAttribute('aria-disabled', 'false');
  // What it may change, it changes: its own department's contacts.
  await details(page).getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit Department of Physics' });
  await edit.getByLabel('Contact addresses').fill('pki@physics.example.org');
  await edit.getByRole('button', { name: 'Review' }).click();
  await edit.getByRole('button', { name: 'Save the changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved the changes to Department of Physics.' })).toBeVisible();
  expect(sandbox.store.organization(1002)!.contactEmails).toBe('pki@physics.example.org');
});
