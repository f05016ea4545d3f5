import type { Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { expect, filesUnder, ownConsole, test } from './fixtures';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';
import { addProfile, seriousViolations, signIn } from './sandboxProfiles';

/**
 * Managing admins on the Admins page against a sandbox of its own: as its RAO,
 * every change (create, edit, suspend, activate, reset a password, delete) with
 * the sandbox's state checked afterwards, and SCM's rules stopping what SCM
 * would refuse before anything is sent; as a DRAO without the privileges,
 * every change shown disabled with its reason. The tests build on each other.
 */
test.describe.configure({ mode: 'serial' });

let sandbox: SandboxHandle;
const own = ownConsole('tcs-e2e-admin-management-');
/** The temporary passwords shown in the tests: none may reach a file or the server's output. */
const shownPasswords: string[] = [];

test.beforeAll(async () => {
  sandbox = await startSandbox({ certificates: 20 });
});

test.afterAll(async () => {
  await sandbox?.stop();
});

/** How many admin changes reached the sandbox. */
function adminChanges(): number {
  return sandbox.store.activity.filter((entry) => entry.action.startsWith('Admin ')).length;
}

async function openAdmins(page: Page, address: string): Promise<void> {
  await page.goto(`${address}#/admins`);
  await expect(page.getByRole('heading', { level: 1, name: 'Admins' })).toBeVisible();
  await expect(page.getByText(/^Read on /)).toBeVisible({ timeout: 30_000 });
}

function details(page: Page) {
  return page.locator('aside.details-panel');
}

async function openAdmin(page: Page, name: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search' }).or(page.getByLabel('Search', { exact: true })).fill(name);
  await page.getByRole('gridcell', { name, exact: true }).first().click();
  await page.keyboard.press('Enter');
  await expect(details(page).getByRole('heading', { level: 2 })).toContainText(name);
}

test('creates an API admin after a review, stops at SCM’s rules first, and shows its temporary password once', async ({ page }) => {
  const address = await own.server().address();
  await addProfile(page, address, sandbox, 'Admin sandbox');
  await signIn(page, address, 'Admin sandbox');
  await openAdmins(page, address);
  const before = adminChanges();

  await page.getByRole('button', { name: 'New admin' }).click();
  const dialog = page.getByRole('dialog', { name: 'New admin' });
  await dialog.getByLabel('Type').selectOption('API');
  await dialog.getByLabel('Login', { exact: true }).fill('svc-web');
  await dialog.getByLabel('First name').fill('Svc');
  await dialog.getByLabel('Last name').fill('Web');
  await dialog.getByLabel('Email').fill('svc-web@example.org');
  await dialog.getByLabel('Role 1').selectOption('RAO_SSL');
  await dialog.getByLabel('Organization or department 1').selectOption({ label: 'Sandbox University' });
  // A second role on another level: SCM's -222, caught here.
  await dialog.getByRole('button', { name: 'Add a role' }).click();
  await dialog.getByLabel('Role 2').selectOption('DRAO_SMIME');
  await dialog.getByLabel('Organization or department 2').selectOption({ index: 1 });
  await dialog.getByRole('button', { name: 'SSL certificates' }).click();
  await dialog.getByRole('button', { name: 'Review' }).click();
  const summary = dialog.getByRole('alert');
  await expect(summary).toContainText('Roles: Keep every role on one level: MRAO, RAO or DRAO, not a mix (SCM’s -222).');
  await expect(summary).toBeFocused();
  expect(await seriousViolations(page, { include: 'dialog' })).toEqual([]);
  await dialog.getByRole('button', { name: 'Remove DRAO_SMIME' }).click();
  await dialog.getByRole('button', { name: 'Review' }).click();

  await expect(dialog.getByText('This is what will be sent to SCM. Nothing has been sent yet.')).toBeVisible();
  await expect(dialog.getByText('RAO_SSL · Sandbox University')).toBeVisible();
  await expect(dialog.getByText('sslRenew, sslReplace, sslRequest, sslRevoke')).toBeVisible();
  await expect(dialog.getByText('•••••••• (temporary, made by the console)')).toBeVisible();
  expect(adminChanges()).toBe(before);
  await dialog.getByRole('button', { name: 'Create the admin' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Created admin svc-web.' })).toBeVisible();

  const made = sandbox.store.adminByLogin('svc-web')!;
  expect(made.type).toBe('API');
  expect(made.credentials).toEqual([{ role: 'RAO_SSL', orgId: 1001 }]);
  expect([...made.privileges].sort()).toEqual(['sslRenew', 'sslReplace', 'sslRequest', 'sslRevoke']);
  expect(adminChanges()).toBe(before + 1);

  const handOver = page.getByRole('region', { name: 'Temporary password for svc-web' });
  expect(await page.content()).not.toMatch(/Temporary password for svc-web[\s\S]*class="secret-value"/);
  await handOver.getByRole('button', { name: 'Show the temporary password' }).click();
  const shown = (await handOver.locator('.secret-value').textContent())!;
  expect(sandbox.checkPassword('svc-web', shown)).toBe(true);
  shownPasswords.push(shown);
  await handOver.getByRole('button', { name: 'Close' }).click();
  await expect(handOver).toBeHidden();
  expect(await page.content()).not.toContain(shown);

  // The new admin's details open beside the table.
  await expect(details(page).getByRole('heading', { level: 2 })).toContainText('svc-web');
});

test('refuses enormous and empty input on its fields, from the keyboard, sending nothing', async ({ page }) => {
  const address = await own.server().address();
  await openAdmins(page, address);
  const before = adminChanges();
  await page.getByRole('button', { name: 'New admin' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'New admin' });
  await dialog.getByLabel('Login', { exact: true }).fill('x'.repeat(10_000));
  await dialog.getByLabel('Email').fill(`${'a'.repeat(500)}@example.org`);
  await dialog.getByLabel('Last name').fill('Ω'.repeat(65));
  await dialog.getByLabel('Last name').press('Enter');
  const summary = dialog.getByRole('alert');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Login: Enter at most 128 characters.');
  await expect(summary).toContainText('Email: Enter at most 128 characters.');
  await expect(summary).toContainText('Last name: Enter at most 64 characters.');
  await expect(dialog.getByLabel('Login', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(adminChanges()).toBe(before);
});

test('edits an admin, sending only what changed, and refuses a privilege the RAO does not hold', async ({ page }) => {
  const address = await own.server().address();
  await openAdmins(page, address);
  await openAdmin(page, 'svc-web');
  await details(page).getByRole('button', { name: 'Edit' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit svc-web' });
  // A privilege the RAO lacks is offered disabled, with the reason.
  const delegation = dialog.getByRole('checkbox', { name: /Approve domain delegations/ });
  await expect(delegation).toBeDisabled();
  await expect(delegation).toHaveAccessibleDescription('You do not hold this privilege, so SCM does not let you give it.');
  await dialog.getByLabel('Email').fill('pki-team@example.org');
  await dialog.getByRole('checkbox', { name: /Replace SSL certificates/ }).uncheck();
  await dialog.getByRole('button', { name: 'Review' }).click();
  await expect(dialog.getByText('These changes will be sent to SCM')).toBeVisible();
  await expect(dialog.locator('dt')).toHaveText(['Email', 'Privileges']);
  await expect(dialog.getByText('(was svc-web@example.org)')).toBeVisible();
  await dialog.getByRole('button', { name: 'Save the changes' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Saved the changes to svc-web.' })).toBeVisible();
  const admin = sandbox.store.adminByLogin('svc-web')!;
  expect(admin.email).toBe('pki-team@example.org');
  expect([...admin.privileges].sort()).toEqual(['sslRenew', 'sslRequest', 'sslRevoke']);
  expect(admin.forename).toBe('Svc');
});

test('suspends and activates an admin after asking, and resets its password to a temporary one', async ({ page }) => {
  const address = await own.server().address();
  await openAdmins(page, address);
  await openAdmin(page, 'svc-web');
  const panel = details(page);
  await panel.getByRole('button', { name: 'Suspend' }).click();
  const ask = page.getByRole('dialog', { name: 'Suspend svc-web?' });
  await ask.getByRole('button', { name: 'Suspend' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Suspended svc-web.' })).toBeVisible();
  expect(sandbox.store.adminByLogin('svc-web')!.activeStatus).toBe('SUSPENDED');
  await panel.getByRole('button', { name: 'Activate' }).click();
  await page.getByRole('dialog', { name: 'Activate svc-web?' }).getByRole('button', { name: 'Activate' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Activated svc-web.' })).toBeVisible();
  expect(sandbox.store.adminByLogin('svc-web')!.activeStatus).toBe('ACTIVE');

  await panel.getByRole('button', { name: 'Reset the password' }).click();
  await page.getByRole('dialog', { name: 'Reset the password of svc-web?' }).getByRole('button', { name: 'Reset the password' }).click();
  const handOver = panel.getByRole('region', { name: 'Temporary password for svc-web' });
  await handOver.getByRole('button', { name: 'Show the temporary password' }).click();
  const shown = (await handOver.locator('.secret-value').textContent())!;
  expect(sandbox.checkPassword('svc-web', shown)).toBe(true);
  shownPasswords.push(shown);
  expect(sandbox.store.adminByLogin('svc-web')!.temporaryPassword).toBe(true);
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await seriousViolations(page), colorScheme).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
});

test('deletes an admin once its name is typed, passing its certificates to another admin', async ({ page }) => {
  const address = await own.server().address();
  const admin = sandbox.store.adminByLogin('svc-web')!;
  const rao = sandbox.store.adminByLogin('rao')!;
  const certificate = [...sandbox.store.ssl.values()].find((candidate) => candidate.orgId === 1001)!;
  certificate.requesterId = admin.id;
  await openAdmins(page, address);
  await openAdmin(page, 'svc-web');
  await details(page).getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete svc-web?' });
  await dialog.getByLabel('Who becomes the requester of its certificates').selectOption({ label: 'Rao Sandbox (rao)' });
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(dialog.getByText('Type the name exactly as shown.')).toBeVisible();
  expect(sandbox.store.admins.has(admin.id)).toBe(true);
  await dialog.getByLabel('Type “svc-web” to confirm').fill('svc-web');
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Deleted svc-web.' })).toBeVisible();
  await expect(details(page)).toBeHidden();
  expect(sandbox.store.admins.has(admin.id)).toBe(false);
  expect(certificate.requesterId).toBe(rao.id);
});

test('shows a DRAO without the privileges every change disabled, with the reason', async ({ page }) => {
  const address = await own.server().address();
  await addProfile(page, address, sandbox, 'Physics DRAO', 'drao-physics');
  await signIn(page, address, 'Physics DRAO', 'drao-physics');
  await openAdmins(page, address);
  const create = page.getByRole('button', { name: 'New admin' });
  await expect(create).toHaveAttribute('aria-disabled', 'true');
  await expect(create).toHaveAccessibleDescription('You do not hold the privilege allowCreate; SCM refuses with -233.');
  // Reached and pressed from the keyboard, it explains rather than opens.
  await create.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await openAdmin(page, 'drao-physics');
  const panel = details(page);
  await expect(panel.getByRole('button', { name: 'Delete' })).toHaveAccessibleDescription('An admin cannot suspend, activate or delete itself in SCM.');
  await expect(panel.getByRole('button', { name: 'Reset the password' })).toHaveAccessibleDescription('Change your own password on Home (Alt+1), with Change password, instead.');
  await expect(panel.getByRole('button', { name: 'Edit' })).toHaveAttribute('aria-disabled', 'false');
  expect(await seriousViolations(page)).toEqual([]);
});

test('leaves no temporary password in any file of the data folder or in the server output', async () => {
  expect(shownPasswords).toHaveLength(2);
  const files = await filesUnder(own.userDataDir());
  expect(files.some((file) => file.endsWith('audit.jsonl'))).toBe(true);
  for (const file of files) {
    const content = await readFile(file);
    for (const secret of shownPasswords) expect(content.includes(secret), `${file} holds a temporary password`).toBe(false);
  }
  for (const secret of shownPasswords) expect(own.server().output()).not.toContain(secret);
});
