import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, startConsoleServer, test, type ConsoleServer } from './fixtures';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';

/**
 * The Checklists page against a sandbox of its own, so that every test can
 * compare what the page says with what SCM now holds. The console finds the
 * test keychain, as a desktop would.
 */
test.describe.configure({ mode: 'serial' });

let sandbox: SandboxHandle;

test.beforeAll(async () => {
  sandbox = await startSandbox({ seed: 11, certificates: 5 });
});

test.afterAll(async () => {
  await sandbox?.stop();
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => `${node.target.join(' ')}: ${node.failureSummary ?? ''}`).join('; ')})`);
}

/** Adds a profile for the test's sandbox with the form, as one of its seeded admins. */
async function addProfile(page: Page, address: string, handle: SandboxHandle, name: string, login: string): Promise<void> {
  const password = handle.seededPassword(login);
  if (password === undefined) throw new Error(`the sandbox has no seeded password for ${login}`);
  await page.goto(`${address}#/settings/profiles`);
  await page.getByRole('button', { name: 'Add profile' }).click();
  const form = page.locator('form.profile-form');
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel('Host', { exact: true }).fill(handle.url);
  await form.getByLabel('Customer URI', { exact: true }).fill(handle.customerUri);
  await form.getByLabel('Login', { exact: true }).fill(login);
  await form.locator('input[type="password"]').fill(password);
  await form.locator('input[type="password"]').press('Enter');
  await expect(form.getByRole('status')).toHaveText(/^Saved, with the password/);
}

async function signIn(page: Page, address: string, name: string, login: string): Promise<void> {
  await page.goto(`${address}#/settings/profiles`);
  const row = page.locator('tr', { has: page.getByRole('rowheader', { name: new RegExp(`^${escapeRegExp(name)}( Signed in)?$`) }) });
  await row.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('banner').getByText(`Signed in as ${login}`, { exact: true })).toBeVisible({ timeout: 20_000 });
}

function stepper(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Steps' });
}

function stepPanel(page: Page): Locator {
  return page.locator('article.step-panel');
}

/** Waits until the step named is the current one, and no step's work is under way. */
async function atStep(page: Page, title: string): Promise<void> {
  await expect(stepper(page).locator('[aria-current="step"]')).toContainText(title, { timeout: 30_000 });
  await expect(stepPanel(page).getByRole('heading', { level: 2 })).toHaveText(title);
  await expect(page.getByRole('banner').getByText(/tasks? running/)).toHaveCount(0);
}

let server: ConsoleServer;
let address: string;

test('creates an API admin step by step, showing what it sends, and SCM holds exactly one', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  server = await startConsoleServer(testInfo.outputPath('user-data'));
  address = await server.address();
  await addProfile(page, address, sandbox, 'Checklist RAO', 'rao');
  await signIn(page, address, 'Checklist RAO', 'rao');
  const before = sandbox.store.admins.size;

  await page.setViewportSize({ width: 1024, height: 700 });
  await page.keyboard.press('Alt+2');
  await expect(page.getByRole('heading', { level: 1, name: 'Checklists' })).toBeVisible();
  await page.getByRole('link', { name: 'Start “Create a dedicated API admin”' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Start: Create a dedicated API admin' })).toBeVisible();
  const form = page.locator('form.checklist-form');
  await expect(form.getByLabel('Login of the new admin')).toBeFocused();

  // Nothing filled in: every problem at once, on its field, and no run.
  await form.getByRole('button', { name: 'Start the checklist' }).click();
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Login of the new admin: Enter a login of 3 to 128 characters.');
  await expect(summary).toContainText('Email: Enter an email address such as pki@example.org.');
  expect(await seriousViolations(page)).toEqual([]);

  await form.getByLabel('Login of the new admin').fill('api-e2e');
  await form.getByLabel('First name').fill('ACME');
  await form.getByLabel('Last name').fill('Automation');
  await form.getByLabel('Email', { exact: true }).fill('pki@example.org');
  await form.getByRole('button', { name: 'Start the checklist' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Create a dedicated API admin' })).toBeVisible();
  await expect(page).toHaveURL(/#\/checklists\/runs\/api-admin-/);
  await atStep(page, 'Check that you may create it');
  expect(await seriousViolations(page)).toEqual([]);
  await stepPanel(page).getByRole('button', { name: 'Check now' }).click();

  await atStep(page, 'Create the admin with a temporary password');
  await expect(stepPanel(page).getByText('What the console will send')).toBeVisible();
  await expect(stepPanel(page).locator('.request-body')).toContainText('"login": "api-e2e"');
  // The temporary password is made and sent by main; the page shows only that there is one.
  await expect(stepPanel(page).locator('.request-body')).toContainText('"password": "•••••••• (a temporary password the console makes and keeps)"');
  await stepPanel(page).getByRole('button', { name: 'Run this step' }).click();
  const dialog = page.getByRole('dialog', { name: 'Run “Create the admin with a temporary password”?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Send to SCM' }).click();

  await atStep(page, 'Set its own password');
  expect(sandbox.store.admins.size).toBe(before + 1);
  await stepPanel(page).getByRole('button', { name: 'Run this step' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Send to SCM' }).click().catch(() => undefined);
  await atStep(page, 'Make it API-only');
  await stepPanel(page).getByRole('button', { name: 'Check now' }).click();
  await atStep(page, 'Check that it works');
  await stepPanel(page).getByRole('button', { name: 'Check now' }).click();
  await atStep(page, 'Hand the password to your automation');
  await stepPanel(page).getByRole('button', { name: 'Mark as read' }).click();

  await expect(page.getByRole('heading', { level: 2, name: 'The checklist is done' })).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: testInfo.outputPath('done.png'), fullPage: true });
  const created = sandbox.store.adminByLogin('api-e2e');
  expect(created?.type).toBe('API');
  expect(sandbox.store.admins.size).toBe(before + 1);
});
