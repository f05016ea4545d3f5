import type { Page } from '@playwright/test';
import { expect, ownConsole, test } from './fixtures';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';
import { addProfile, seriousViolations, signIn } from './sandboxProfiles';

/**
 * The Notifications page against a sandbox of its own, as its RAO: the rules
 * as SCM holds them, the baseline compared, a rule created, turned off,
 * edited and deleted with the sandbox's state checked after each, and what
 * the RAO may not change shown disabled with the reason.
 */
test.describe.configure({ mode: 'serial' });

let sandbox: SandboxHandle;
const own = ownConsole('tcs-e2e-notifications-');

test.beforeAll(async () => {
  sandbox = await startSandbox({ certificates: 5 });
});

test.afterAll(async () => {
  await sandbox?.stop();
});

const rules = () => [...sandbox.store.notifications.values()];
const details = (page: Page) => page.locator('aside.details-panel');

async function openPage(page: Page, address: string): Promise<void> {
  await page.goto(`${address}#/notifications`);
  await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
  await expect(page.getByText(/^Read on /)).toBeVisible({ timeout: 30_000 });
}

test('lists the rules as SCM holds them, compares them with the baseline, and explains what the RAO may not change', async ({ page }) => {
  const address = await own.server().address();
  await addProfile(page, address, sandbox, 'Notification sandbox');
  await signIn(page, address, 'Notification sandbox');
  await openPage(page, address);
  const table = page.locator('table.notifications-table');
  await expect(table.locator('tbody tr')).toHaveCount(rules().length);
  const baseline = page.getByRole('region', { name: 'Compare with the baseline' });
  await expect(baseline.getByRole('row', { name: /An SSL certificate is a set number of days from expiry/ })).toContainText('In place');
  await expect(baseline.getByRole('row', { name: /A domain’s validation nears expiry/ })).toContainText('Missing');
  await expect(baseline.getByRole('link', { name: 'Set up what is missing with the checklist' })).toHaveAttribute('href', /checklists\/start\/notifications/);

  await table.getByRole('button', { name: 'SSL expiring in 30 days' }).click();
  await expect(details(page).getByRole('button', { name: 'Edit' })).toHaveAccessibleDescription('This notification covers every organization; only an MRAO changes it (SCM refuses with -3).');
  expect(await seriousViolations(page)).toEqual([]);
});

test('creates a rule after SCM’s needs are met and a review, then turns it off, edits and deletes it', async ({ page }) => {
  const address = await own.server().address();
  await openPage(page, address);
  const before = rules().length;
  await page.getByRole('button', { name: 'New notification' }).click();
  const dialog = page.getByRole('dialog', { name: 'New notification' });
  await dialog.getByLabel('Description').fill('DCV expiring (University)');
  await dialog.getByLabel('Type').selectOption('DCVExpiration');
  await dialog.getByRole('checkbox', { name: 'Sandbox University' }).check();
  await dialog.getByRole('button', { name: 'Review' }).click();
  const summary = dialog.getByRole('alert');
  await expect(summary).toContainText('Other recipients: Choose at least one recipient: a role or an address.');
  await expect(summary).toContainText('Days before expiry: Enter 1 to 365 days');
  await dialog.getByRole('checkbox', { name: 'SSL RAOs' }).check();
  await dialog.getByLabel('Other recipients').fill('pki@example.org\nhttps://hooks.slack.com/services/T0/B0/x');
  await dialog.getByLabel('Days before expiry').fill('30');
  await dialog.getByRole('button', { name: 'Review' }).click();
  await expect(dialog.getByText('This is what will be sent to SCM. Nothing has been sent yet.')).toBeVisible();
  expect(rules()).toHaveLength(before);
  await dialog.getByRole('button', { name: 'Create the notification' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Created the notification DCV expiring (University).' })).toBeVisible();
  const made = rules().find((rule) => rule.description === 'DCV expiring (University)')!;
  expect(made.type).toBe('DCVExpiration');
  expect(made.orgData).toEqual({ selectedOrgType: 'SELECTED', orgDelegations: [1001] });
  expect(made.recipientData.notifyRoles).toEqual(['SSL_RAO']);
  expect(made.recipientData.recipients).toEqual([{ type: 'EMAIL', value: 'pki@example.org' }, { type: 'SLACK', value: 'https://hooks.slack.com/services/T0/B0/x' }]);
  expect(made.additionalData.days).toBe(30);
  await expect(page.getByRole('region', { name: 'Compare with the baseline' }).getByRole('row', { name: /A domain’s validation nears expiry/ })).toContainText('In place');

  const panel = details(page);
  await expect(panel.getByRole('heading', { level: 2, name: 'DCV expiring (University)' })).toBeVisible();
  await panel.getByRole('button', { name: 'Turn off' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Turned off DCV expiring (University).' })).toBeVisible();
  expect(sandbox.store.notifications.get(made.id)!.active).toBe(false);
  await expect(page.getByRole('region', { name: 'Compare with the baseline' }).getByRole('row', { name: /A domain’s validation nears expiry/ })).toContainText('Exists, but turned off');

  await panel.getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit DCV expiring (University)' });
  await expect(edit.getByLabel('Type')).toBeDisabled();
  await edit.getByLabel('Days before expiry').fill('14');
  await edit.getByRole('button', { name: 'Review' }).click();
  await expect(edit.locator('dt')).toHaveText(['Days before']);
  await edit.getByRole('button', { name: 'Save the changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved the changes to DCV expiring (University).' })).toBeVisible();
  expect(sandbox.store.notifications.get(made.id)!.additionalData.days).toBe(14);
  expect(sandbox.store.notifications.get(made.id)!.recipientData.notifyRoles).toEqual(['SSL_RAO']);

  await panel.getByRole('button', { name: 'Delete' }).click();
  const ask = page.getByRole('dialog', { name: 'Delete the notification DCV expiring (University)?' });
  await ask.getByLabel('Type “DCV expiring (University)” to confirm').fill('DCV expiring (University)');
  await ask.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Deleted the notification DCV expiring (University).' })).toBeVisible();
  expect(sandbox.store.notifications.has(made.id)).toBe(false);
});

test('lets a DRAO make, turn off and delete a notification for its department, and see only its own scope', async ({ page }) => {
  const address = await own.server().address();
  await addProfile(page, address, sandbox, 'Notification DRAO', 'drao-physics');
  await signIn(page, address, 'Notification DRAO', 'drao-physics');
  await openPage(page, address);
  await page.getByRole('button', { name: 'New notification' }).click();
  const dialog = page.getByRole('dialog', { name: 'New notification' });
  await dialog.getByLabel('Description').fill('Physics: SSL revoked');
  await dialog.getByLabel('Type').selectOption('SSLRevoked');
  await expect(dialog.getByRole('checkbox', { name: /Computer Science/ })).toHaveCount(0);
  await dialog.getByRole('checkbox', { name: /Department of Physics/ }).check();
  await dialog.getByRole('checkbox', { name: 'SSL DRAOs' }).check();
  await dialog.getByRole('button', { name: 'Review' }).click();
  await dialog.getByRole('button', { name: 'Create the notification' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Created the notification Physics: SSL revoked.' })).toBeVisible();
  const made = rules().find((rule) => rule.description === 'Physics: SSL revoked')!;
  expect(made.orgData).toEqual({ selectedOrgType: 'SELECTED', orgDelegations: [1002] });

  const panel = details(page);
  await panel.getByRole('button', { name: 'Turn off' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Turned off Physics: SSL revoked.' })).toBeVisible();
  expect(sandbox.store.notifications.get(made.id)!.active).toBe(false);
  await panel.getByRole('button', { name: 'Delete' }).click();
  const ask = page.getByRole('dialog', { name: 'Delete the notification Physics: SSL revoked?' });
  await ask.getByLabel('Type “Physics: SSL revoked” to confirm').fill('Physics: SSL revoked');
  await ask.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Deleted the notification Physics: SSL revoked.' })).toBeVisible();
  expect(sandbox.store.notifications.has(made.id)).toBe(false);
});
